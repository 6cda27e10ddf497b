// QBXMLRP2's own rules, before QuickBooks is asked anything: the call order of a request
// processor (facts §1.5) and the arguments of OpenConnection(2)/BeginSession (facts §1.2, §1.4).
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { expect, test } from 'vitest';
import {
  ACME,
  APP,
  authorizeApp,
  connect,
  expectComError,
  hostRet,
  inBackground,
  intuitText,
  oneMachineWorld,
  startMock,
  waitForDialog,
  HOST_QUERY,
  type Mock,
} from './support.js';

/** Authorizes APP for the open file ("whenever the file is open") and opens a new connection for it. */
async function authorizedConnection(mock: Mock): Promise<Rp2BridgeClient> {
  await authorizeApp(mock, { choice: 'when-open' });
  return connect(mock);
}

test('0x80040415: OpenConnection without an application name', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-415' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await expectComError(rp.OpenConnection('', ''), '0x80040415');
  await expectComError(rp.OpenConnection2('', '', 'localQBD'), '0x80040415');
});

test('0x8004042F: OpenConnection2 with connection type unknown (0) or remoteQBOE (4)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-42f' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await expectComError(rp.OpenConnection2('', APP, 0), '0x8004042F');
  await expectComError(rp.OpenConnection2('', APP, 4), '0x8004042F');
  expect(await rp.property('ConnectionType')).toBe(0);
});

test('0x8004042A: PutAuthFlags on a remoteQBD connection', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-42a' }));
  const rp = await connect(mock, { connType: 'remoteQBD', authFlags: 0xf });
  expect(await rp.property('ConnectionType')).toBe(2);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004042A');

  // The same when the flags are put after OpenConnection2.
  const late = await Rp2BridgeClient.createProcessor(mock.url);
  await late.OpenConnection2('', APP, 'remoteQBD');
  await late.authPreferences('PutAuthFlags', { authFlags: 0xf });
  await expectComError(late.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004042A');
});

test('0x80040425: BeginSession with a reqFileMode that is not a QBFileMode (7)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-425' }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 7), '0x80040425');
});

test('0x8004040F: BeginSession and CloseConnection before OpenConnection', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-40f' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004040F');
  await expectComError(rp.CloseConnection(), '0x8004040F');
});

test('0x80040412: OpenConnection twice without CloseConnection', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-412' }));
  const rp = await connect(mock);
  await expectComError(rp.OpenConnection('', APP), '0x80040412');
  await expectComError(rp.OpenConnection2('', APP, 'localQBD'), '0x80040412');
  await rp.CloseConnection();
  await expect(rp.OpenConnection('', APP)).resolves.toBeNull();
});

test('0x8004040C: session calls before BeginSession, and after a BeginSession that failed', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-40c', ui: { running: false } }));
  const rp = await connect(mock);
  await expectComError(rp.ProcessRequest('', HOST_QUERY), '0x8004040C');
  await expectComError(rp.EndSession(''), '0x8004040C');
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040416');
  await expectComError(rp.ProcessRequest('', HOST_QUERY), '0x8004040C');
  await expectComError(rp.GetCurrentCompanyFileName(''), '0x8004040C');
});

test("0x8004040D: ProcessRequest and EndSession with a ticket that is not the session's", async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-40d' }));
  const rp = await authorizedConnection(mock);
  const stale = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  await rp.EndSession(stale);
  const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  expect(ticket).not.toBe(stale);
  await expectComError(rp.ProcessRequest('{00000000-0000-0000-0000-000000000000}', HOST_QUERY), '0x8004040D');
  await expectComError(rp.ProcessRequest(stale, HOST_QUERY), '0x8004040D');
  await expectComError(rp.EndSession(stale), '0x8004040D');
  // The right ticket still works.
  expect(await hostRet(rp, ticket, 'QBFileMode')).toBe('SingleUser');
  await rp.EndSession(ticket);
  // A ticket whose session has ended is stale, even with no session open now (facts §1.5).
  await expectComError(rp.ProcessRequest(ticket, HOST_QUERY), '0x8004040D');
  await expectComError(rp.EndSession(ticket), '0x8004040D');
});

test('0x80040411: BeginSession while a session is open', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-411' }));
  const rp = await authorizedConnection(mock);
  const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040411');
  await rp.EndSession(ticket);
  const again = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  await rp.EndSession(again);
});

test('0x80040411: BeginSession while the first BeginSession still waits on the certificate dialog', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-411-pending' }));
  const rp = await connect(mock);
  const first = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'certificate');
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040411');
  await mock.ui.answerCertificateDialog({ choice: 'when-open', done: true });
  await rp.EndSession(await first);
});

test('0x8004042E: AuthPreferences Put* between BeginSession and EndSession', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-42e' }));
  const rp = await authorizedConnection(mock);
  const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  await expectComError(rp.authPreferences('PutIsReadOnly', { isReadOnly: true }), '0x8004042E');
  await expectComError(
    rp.authPreferences('PutUnattendedModePref', { unattendedModePref: 'umpRequired' }),
    '0x8004042E',
  );
  await expectComError(rp.authPreferences('PutPersonalDataPref', { personalDataPref: 'pdpNotNeeded' }), '0x8004042E');
  await expectComError(rp.authPreferences('PutAuthFlags', { authFlags: 0xf }), '0x8004042E');
  await rp.EndSession(ticket);
  await expect(rp.authPreferences('PutAuthFlags', { authFlags: 0xf })).resolves.toBeNull();
});

test('GetQBLastError repeats the text of the last failure', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'order-last-error' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004040F');
  expect(await rp.call('GetQBLastError', {})).toBe(intuitText('0x8004040F'));
});
