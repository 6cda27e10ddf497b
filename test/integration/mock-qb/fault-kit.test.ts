// The fault kit (issue 7, engine/faults.ts): each fault looks to the application exactly like the real failure — a lost
// answer, Intuit's HRESULT, a qbXML status, a Web Connector error — and is journaled (actor `fault`) when it fires.
import { expect, test } from 'vitest';
import type { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';
import {
  ACME,
  HOST,
  HOST_QUERY,
  authorizeApp,
  connect,
  expectComError,
  oneMachineWorld,
  startMock,
  type Mock,
} from './support.js';
import { APP_NAME, qbxml, readyApp, startBench } from '../web-connector/support.js';

function requestSet(body: string): string {
  return (
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>' +
    `<QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`
  );
}

const vendorAdd = (name: string) =>
  requestSet(
    `<VendorAddRq requestID="1"><VendorAdd><Name>${name}</Name><Phone>555-0100</Phone></VendorAdd></VendorAddRq>`,
  );
const vendorMod = (listId: string, editSequence: string, phone: string) =>
  requestSet(
    `<VendorModRq requestID="2"><VendorMod><ListID>${listId}</ListID><EditSequence>${editSequence}</EditSequence>` +
      `<Phone>${phone}</Phone></VendorMod></VendorModRq>`,
  );

const vendorQuery = (name: string) =>
  requestSet(`<VendorQueryRq requestID="1"><FullName>${name}</FullName></VendorQueryRq>`);
const text = (xml: string, el: string) => new RegExp(`<${el}>([^<]*)</${el}>`).exec(xml)?.[1];
const status = (xml: string) => /statusCode="(\d+)"/.exec(xml)?.[1];

async function openSession(mock: Mock): Promise<{ rp: Rp2BridgeClient; ticket: string }> {
  await authorizeApp(mock, { choice: 'when-open' });
  const rp = await connect(mock);
  return { rp, ticket: await rp.BeginSession('', 'qbFileOpenDoNotCare') };
}

/** After a crash: the person launches QuickBooks and opens the file again; the app opens a new session. */
async function relaunchAndOpen(mock: Mock): Promise<{ rp: Rp2BridgeClient; ticket: string }> {
  await mock.ui.launch();
  await mock.ui.openCompany({ path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' });
  const rp = await connect(mock);
  return { rp, ticket: await rp.BeginSession('', 'qbFileOpenDoNotCare') };
}

async function fired(mock: Mock): Promise<string[]> {
  return (await mock.control.journal({ host: HOST, actor: 'fault' })).map((e) => `${e.kind}: ${e.summary}`);
}

test('qb-crash: the ProcessRequest fails 0x80040401, the ticket is dead (0x8004040D), QuickBooks is not running', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-crash' }));
  const { rp, ticket } = await openSession(mock);
  await mock.control.armFault(HOST, { kind: 'qb-crash', match: 'VendorAdd' });
  expect(status(await rp.ProcessRequest(ticket, HOST_QUERY))).toBe('0'); // not the matching request
  await expectComError(rp.ProcessRequest(ticket, vendorAdd('Crash Before Co')), '0x80040401');
  await expectComError(rp.ProcessRequest(ticket, HOST_QUERY), '0x8004040D');
  const state = await mock.state();
  expect(state).toMatchObject({ process: 'not-running', openFile: null, sessions: [] });
  expect(await fired(mock)).toEqual([
    'fault.fired: fault qb-crash fired on ProcessRequest (VendorAddRq): QuickBooks stops working',
    'host.crash: QuickBooks stopped working and closed',
  ]);
  // Before: nothing written. Relaunch, open, look.
  const { rp: rp2, ticket: t2 } = await relaunchAndOpen(mock);
  const look = await rp2.ProcessRequest(t2, vendorQuery('Crash Before Co'));
  expect(status(look)).toBe('500'); // not found
});

test('qb-crash after commit: the write is there after QuickBooks is started again', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-crash-after' }));
  const { rp, ticket } = await openSession(mock);
  await mock.control.armFault(HOST, { kind: 'qb-crash', match: 'VendorAdd', phase: 'after' });
  await expectComError(rp.ProcessRequest(ticket, vendorAdd('Crash After Co')), '0x80040401');
  const { rp: rp2, ticket: t2 } = await relaunchAndOpen(mock);
  const look = await rp2.ProcessRequest(t2, vendorQuery('Crash After Co'));
  expect(status(look)).toBe('0');
});

test('modal-dialog: the request is answered, the next BeginSession answers 0x80040414 until the window is closed', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-dialog' }));
  const { rp, ticket } = await openSession(mock);
  await mock.control.armFault(HOST, { kind: 'modal-dialog', title: 'Reminders' });
  expect(status(await rp.ProcessRequest(ticket, HOST_QUERY))).toBe('0');
  await rp.EndSession(ticket);
  expect((await mock.state()).dialogs).toMatchObject([{ kind: 'generic', title: 'Reminders' }]);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040414');
  await mock.ui.dismissDialog();
  expect(await rp.BeginSession('', 'qbFileOpenDoNotCare')).toMatch(/^\{[0-9A-F-]{36}\}$/);
});

test('record-locked: the VendorMod answers 3170 while another user has the vendor open; released after', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-lock' }));
  const { rp, ticket } = await openSession(mock);
  const added = await rp.ProcessRequest(ticket, vendorAdd('Locked Vendor'));
  const listId = text(added, 'ListID')!;
  const seq = text(added, 'EditSequence')!;
  await mock.control.armFault(HOST, { kind: 'record-locked', match: 'VendorMod' });
  const locked = await rp.ProcessRequest(ticket, vendorMod(listId, seq, '555-0199'));
  expect(status(locked)).toBe('3170');
  // The lock lasted the one request: the retry goes through.
  expect(status(await rp.ProcessRequest(ticket, vendorMod(listId, seq, '555-0199')))).toBe('0');
  expect((await fired(mock))[0]).toContain('fault record-locked fired on ProcessRequest (VendorModRq)');
});

test('edit-sequence-bumped: a person edits the vendor first; the VendorMod with the old EditSequence answers 3200', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-editseq' }));
  const { rp, ticket } = await openSession(mock);
  const added = await rp.ProcessRequest(ticket, vendorAdd('Edited Vendor'));
  const listId = text(added, 'ListID')!;
  const seq = text(added, 'EditSequence')!;
  await mock.control.armFault(HOST, { kind: 'edit-sequence-bumped', match: 'VendorMod' });
  const stale = await rp.ProcessRequest(ticket, vendorMod(listId, seq, '555-0123'));
  expect(status(stale)).toBe('3200');
  const now = await rp.ProcessRequest(
    ticket,
    requestSet(`<VendorQueryRq requestID="1"><ListID>${listId}</ListID></VendorQueryRq>`),
  );
  expect(Number(text(now, 'EditSequence'))).toBeGreaterThan(Number(seq));
  expect(text(now, 'Phone')).toMatch(/^555-0100 ed\d{4}$/); // the person's edit, not the app's
});

test('commit-then-drop and drop-before-commit still break the bridge connection without an answer', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-drop' }));
  const { rp, ticket } = await openSession(mock);
  await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'VendorAdd' });
  await expect(rp.ProcessRequest(ticket, vendorAdd('Dropped Answer Co'))).rejects.not.toBeInstanceOf(QbdSimError);
  const look = await rp.ProcessRequest(ticket, vendorQuery('Dropped Answer Co'));
  expect(status(look)).toBe('0');
});

test('delay: the BeginSession answer comes late', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-delay' }));
  await authorizeApp(mock, { choice: 'when-open' });
  const rp = await connect(mock);
  await mock.control.armFault(HOST, { kind: 'delay', match: 'BeginSession', ms: 150 });
  const started = Date.now();
  const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  await rp.EndSession(ticket);
  expect(await mock.control.faults(HOST)).toEqual([]);
});

test('a seeded probability fires the same requests on every run, and count caps it', async () => {
  const pattern = async (seed: string) => {
    await using mock = await startMock(oneMachineWorld({ seed: 'fault-prob' }));
    const { rp, ticket } = await openSession(mock);
    await mock.control.armFault(HOST, { kind: 'modal-dialog', probability: 0.4, seed, count: 5 });
    const hits: number[] = [];
    for (let i = 0; i < 30; i++) {
      const before = (await mock.state()).dialogs.length;
      await rp.ProcessRequest(ticket, HOST_QUERY);
      if ((await mock.state()).dialogs.length > before) hits.push(i);
    }
    return hits;
  };
  const a = await pattern('s1');
  expect(a).toEqual(await pattern('s1'));
  expect(a.length).toBe(5);
  expect(a).not.toEqual(await pattern('s2'));
});

test('the control API refuses a malformed fault (400), never arming it', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'fault-bad' }));
  for (const body of [
    { kind: 'meteor' },
    { kind: 'delay', ms: -1 },
    { kind: 'qb-crash', probability: 0 },
    { kind: 'qb-crash', probability: 1.5 },
  ]) {
    const res = await fetch(`${mock.url}/__qbd/hosts/${HOST}/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
  }
  expect(await mock.control.faults(HOST)).toEqual([]);
});

test("qbwc-drop: the update dies at the SOAP call the fault names, with QBWC's code for it; QuickBooks is released", async () => {
  const script = { sendRequestXML: () => qbxml('<HostQueryRq requestID="9"/>'), receiveResponseXML: () => 100 };
  await using b = await startBench('fault-qbwc', script);
  await readyApp(b);
  const { HostFaults } = await import('../../../mock-qb/rp2/request-processor.js');
  HostFaults.of(b.host).arm({ kind: 'qbwc-drop', match: 'receiveResponseXML', phase: 'after' });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    outcome: 'error',
    qbwcCode: 'QBWC1042',
    lines: [
      'QBWC1042: ReceiveResponseXML failed',
      'The underlying connection was closed: An unexpected error occurred on a receive.',
    ],
  });
  expect(b.service.operations()).toContain('receiveResponseXML'); // the service got it
  expect(b.host.sessions()).toEqual([]);
  HostFaults.of(b.host).arm({ kind: 'qbwc-drop', match: 'authenticate' });
  const r2 = await b.wc.update(APP_NAME);
  expect(r2).toMatchObject({ qbwcCode: 'QBWC1012' });
  expect(r2.lines[1]).toBe('The underlying connection was closed: An unexpected error occurred on a send.');
  expect(b.world.journal.list({ actor: 'fault' }).map((e) => e.summary)).toEqual([
    expect.stringContaining('fault qbwc-drop fired on receiveResponseXML'),
    expect.stringContaining('fault qbwc-drop fired on authenticate'),
  ]);
});
