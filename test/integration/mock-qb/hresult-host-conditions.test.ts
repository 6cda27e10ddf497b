// Issue 21 item 6: the rarer QBXMLRP2 HRESULTs reached from named host states (engine/host-conditions.ts) — through
// the world spec and the control API, never a fault that injects a code — and every one of the 58 reachable in the
// integration tests.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { HOST_CONDITIONS, type HostConditionName } from '../../../mock-qb/engine/host-conditions.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import { ComError } from '../../../src/protocol/com-error.js';
import {
  ACME,
  HOST,
  HOST_QUERY,
  authorizeAlwaysThenExit,
  authorizeApp,
  connect,
  expectComError,
  oneMachineWorld,
  startMock,
} from './support.js';

const BEGIN: HostConditionName[] = (Object.keys(HOST_CONDITIONS) as HostConditionName[]).filter(
  (n) => HOST_CONDITIONS[n].at === 'BeginSession' && n !== 'quickbooks-upgraded' && n !== 'quickbooks-message',
);

for (const name of BEGIN) {
  const { hresult } = HOST_CONDITIONS[name];
  test(`${hresult} at BeginSession: host condition ${name} (world spec)`, async () => {
    const world = oneMachineWorld({ seed: `condition-${name}` });
    world.hosts[0]!.conditions = [name];
    await using mock = await startMock(world);
    // An authorized app, so nothing but the condition stands in the way.
    if (HOST_CONDITIONS[name].stage === 'authorization') {
      await mock.control.setCondition(HOST, name, false);
      await authorizeApp(mock, { choice: 'when-open' });
      await mock.control.setCondition(HOST, name, true);
    }
    await expectComError((await connect(mock)).BeginSession(ACME, 'qbFileOpenDoNotCare'), hresult);
    await mock.control.setCondition(HOST, name, false);
    expect((await mock.state()).conditions).toEqual({});
  });
}

test('0x80040421: QuickBooks passes its own message through (control API, environment condition)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'condition-421' }));
  await mock.control.setCondition(HOST, 'quickbooks-message', true, 'QuickBooks is busy backing up the file.');
  const error = await (await connect(mock)).BeginSession('', 2).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ComError);
  expect({ hresult: (error as ComError).hresult, message: (error as ComError).message }).toEqual({
    hresult: '0x80040421',
    message: 'QuickBooks is busy backing up the file.',
  });
});

test('0x80040435: QuickBooks upgraded since the auto-login grant; granting again lets the app in', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'condition-435' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  await mock.control.setCondition(HOST, 'quickbooks-upgraded', true);
  await expectComError((await connect(mock)).BeginSession(ACME, 2), '0x80040435');
});

test('0x80040428: an older QBXMLRP2 library does not know the request’s qbXML 13.0', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'condition-428' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await mock.control.setCondition(HOST, 'rp2-library-older', true);
  const rp = await connect(mock);
  const ticket = await rp.BeginSession('', 2);
  await expectComError(rp.ProcessRequest(ticket, HOST_QUERY), '0x80040428');
  const v12 = HOST_QUERY.replace('version="13.0"', 'version="12.0"');
  expect(await rp.ProcessRequest(ticket, v12)).toContain('statusCode="0"');
});

test('0x8004040B and 0x8004042B: GetCurrentCompanyFileName and ProcessSubscription under their conditions', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'condition-40b-42b' }));
  await authorizeApp(mock, { choice: 'when-open' });
  const rp = await connect(mock);
  const ticket = await rp.BeginSession('', 2);
  await mock.control.setCondition(HOST, 'company-file-name-unavailable', true);
  await expectComError(rp.GetCurrentCompanyFileName(ticket), '0x8004040B');
  await mock.control.setCondition(HOST, 'subscriptions-unavailable', true);
  const sub =
    '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLSubscriptionMsgsRq>' +
    '<DataEventSubscriptionQueryRq/></QBXMLSubscriptionMsgsRq></QBXML>';
  await expectComError(rp.ProcessSubscription(sub), '0x8004042B');
});

test('every one of the 58 QBXMLRP2 HRESULTs is reached by some integration test', () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = path.join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.test.ts')) files.push(p);
    }
  };
  walk(root);
  const text = files.map((f) => readFileSync(f, 'utf8')).join('\n');
  const codes = Object.keys(HRESULT_TEXTS).filter((c) => /^0x800404[0-3][0-9A-F]$/.test(c));
  expect(codes).toHaveLength(58);
  // Reached here through the condition table, or named in an assertion elsewhere.
  const here = new Set<string>(Object.values(HOST_CONDITIONS).map((c) => c.hresult));
  const missing = codes.filter((c) => !here.has(c) && !new RegExp(`['"\`]${c}['"\`]`, 'i').test(text));
  expect(missing).toEqual([]);
});
