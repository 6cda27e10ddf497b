// The qbd-sim image across the container boundary: the fake QuickBooks and the fake AP cloud in a container
// (started with the testcontainers module, `qbd-sim/testcontainers`), the reference connector as a process on this
// machine pointed at the container's ports, and the person at QuickBooks played through the control API with the
// container's token. Flow B (authorize, sync a bill), then flow A (remove, authorize again).
// Needs a Docker engine and the image (ci/build-image.sh); `.ci/run` provides both.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QbdSimContainer, type StartedQbdSimContainer } from '../../src/harness/qbd-sim-container.js';
import type { CloudAdminClient } from '../../src/cloud/index.js';
import {
  ACME,
  HOST,
  ConnectorProcess,
  connectorCli,
  connectorGrant,
  eventually,
  hostState,
  waitForDialog,
} from './support.js';

let qb: StartedQbdSimContainer;
let cloud: CloudAdminClient;
let stateDir: string;
let companyId: string;
let connectorArgs: string[];
const processes: ConnectorProcess[] = [];
const logs: string[] = [];

function start(): ConnectorProcess {
  const p = new ConnectorProcess(connectorArgs);
  processes.push(p);
  return p;
}

beforeAll(async () => {
  qb = await new QbdSimContainer()
    .withSeed('e2e-container')
    .withLogConsumer((line) => logs.push(line))
    .start();
  cloud = qb.cloudAdmin();
  stateDir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-e2e-'));
  connectorArgs = ['--state-dir', stateDir, '--transport', 'rp2', '--bridge', qb.getBridgeUrl()];
  connectorArgs.push('--cloud', qb.getCloudUrl(), '--company', ACME, '--interval', '1h');
});

afterAll(async () => {
  for (const p of processes) p.kill();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  await qb?.stop();
});

test('the control API answers across the boundary with the container token, and refuses a request without it', async () => {
  expect(await qb.control.health()).toMatchObject({ status: 'ok', hosts: [HOST] });
  expect(qb.getControlUrl()).toBe(`${qb.getBridgeUrl()}/__qbd`);
  const anonymous = await fetch(`${qb.getControlUrl()}/state`);
  expect(anonymous.status).toBe(401);
  const wrong = await fetch(`${qb.getControlUrl()}/state`, { headers: { authorization: 'Bearer not-the-token' } });
  expect(wrong.status).toBe(401);
  // The sample world: QuickBooks running with Acme Supplies open multi-user, the Admin logged in.
  expect(await hostState(qb)).toMatchObject({ process: 'running', openFile: ACME, openMode: 'multi-user' });
  expect(logs.join('\n')).toContain('fake QuickBooks is running');
});

test('flow B: the connector on this machine is authorized in the container, then syncs a cloud bill into QuickBooks', async () => {
  // Flow C: a token key for the company file, entered through the connector's CLI (from an environment variable).
  ({ companyId } = await cloud.createCompany('Acme Supplies'));
  const { tokenKey } = await cloud.getNewKey(companyId);
  const set = connectorCli(['token', 'set', '--company', ACME, '--state-dir', stateDir, '--token-env', 'AP_TOKEN'], {
    AP_TOKEN: tokenKey,
  });
  expect(set).toMatchObject({ status: 0 });

  // Flow B: the Admin in single-user mode, the connector launched, the certificate dialog answered "Yes, always".
  await qb.control.ui(HOST).switchMode('single-user');
  const connector = start();
  const dialog = await waitForDialog(qb, 'certificate');
  expect(dialog).toMatchObject({ kind: 'certificate' });
  await qb.control
    .ui(HOST)
    .answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await connector.waitFor('Connected to Server');
  expect(await connectorGrant(qb)).toMatchObject({ allowAccess: true, autoLogin: true, loginAs: 'Admin' });
  await qb.control.ui(HOST).switchMode('multi-user');

  // A bill approved in the cloud reaches QuickBooks on the next cycle, and the cloud learns its TxnID.
  const vendor = await cloud.createVendor(companyId, { name: 'Container Crossing Ltd' });
  const bill = await cloud.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    refNumber: 'E2E-1',
    txnDate: '2024-07-01',
    lines: [{ accountName: 'Office Supplies', amount: '125.50' }],
  });
  const from = connector.records.length;
  expect(connectorCli(['sync-now', '--state-dir', stateDir]).status).toBe(0);
  await connector.waitFor('Connected to Server', from);
  const entered = await eventually('the bill entered in QuickBooks', async () => {
    const b = (await cloud.companyState(companyId)).bills.find((x) => x.cloudId === bill.cloudId);
    return b?.status === 'entered' ? b : undefined;
  });
  expect(entered).toMatchObject({ refNumber: 'E2E-1' });
  expect(entered.qbTxnId).toBeTruthy();
  // QuickBooks' side of it, from the journal: the BillAdd came through the bridge and was processed.
  const journal = await qb.control.journal({ host: HOST, limit: 100_000 });
  const exchanges = journal.filter((e) => e.kind === 'qbxml.exchange').map((e) => e.summary);
  expect(
    exchanges.some((s) => s.includes('BillAdd')),
    exchanges.join('\n'),
  ).toBe(true);
  expect(JSON.stringify(journal)).not.toContain(tokenKey);

  expect(connectorCli(['exit', '--state-dir', stateDir])).toMatchObject({ status: 0 });
  expect(await connector.exited()).toBe(0);
});

test('flow A: the Admin removes the connector in the container, and the next launch asks for authorization again', async () => {
  expect(await connectorGrant(qb)).toBeDefined();
  const ui = qb.control.ui(HOST);
  // The connector exited (previous test); the Admin opens the file single-user and removes the application.
  await ui.switchMode('single-user');
  await ui.openPreferences();
  await ui.removeApp((await connectorGrant(qb))!.appName);
  await ui.closePreferences();
  expect(await connectorGrant(qb)).toBeUndefined();

  // Step 6 = flow B again: the certificate dialog shows, "Yes, always", and the connector is back.
  const connector = start();
  await waitForDialog(qb, 'certificate');
  await ui.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await connector.waitFor('Connected to Server');
  expect(await connectorGrant(qb)).toMatchObject({ allowAccess: true, autoLogin: true });
  await ui.switchMode('multi-user');
  expect(connectorCli(['exit', '--state-dir', stateDir])).toMatchObject({ status: 0 });
  expect(await connector.exited()).toBe(0);
});
