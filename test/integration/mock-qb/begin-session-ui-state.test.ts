// BeginSession against the state of the QuickBooks UI on the machine: running or not, which
// company file is open in which mode, modal dialogs, start-up, login windows (facts §2.4, §10.1).
import { expect, test } from 'vitest';
import {
  ACME,
  ADMIN_SINGLE_USER,
  APP,
  BETA,
  OTHER_APP,
  authorizeApp,
  beginThroughCertificateDialog,
  connect,
  expectComError,
  hostRet,
  inBackground,
  oneMachineWorld,
  startMock,
  waitForDialog,
} from './support.js';

test('0x80040416: QuickBooks is not running and BeginSession names no company file', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-416', ui: { running: false } }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040416');
  expect((await mock.state()).process).toBe('not-running');
});

test('0x80040417: QuickBooks runs with no company file open and BeginSession names none', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-417', ui: { running: true } }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040417');
});

test('0x80040403: QuickBooks runs with no company file open and the named file does not exist', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-403', ui: { running: true } }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('C:\\Company Files\\Nowhere.QBW', 'qbFileOpenDoNotCare'), '0x80040403');
  expect((await mock.state()).openFile).toBeNull();
});

test('0x80040403: QuickBooks opens the named file for the app but the login window is closed (localQBD)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-403-login', ui: { running: true } }));
  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'));
  const login = await waitForDialog(mock, 'login');
  expect(login).toMatchObject({ kind: 'login', file: ACME, forApp: APP });
  await mock.ui.dismissDialog();
  await expectComError(begin, '0x80040403');
  expect((await mock.state()).openFile).toBeNull();
});

test('0x80040406: QuickBooks runs with no company file open and the named file is not a company file', async () => {
  const notes = 'C:\\Users\\Public\\Documents\\notes.txt';
  await using mock = await startMock(
    oneMachineWorld({ seed: 'ui-state-406', ui: { running: true }, otherFiles: [notes] }),
  );
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(notes, 'qbFileOpenDoNotCare'), '0x80040406');
});

test('0x8004040A: a different company file is open than the one BeginSession names', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-40a', withBeta: true }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(BETA, 'qbFileOpenDoNotCare'), '0x8004040A');
  expect((await mock.state()).openFile).toBe(ACME);
});

test('0x80040410: the file is open single-user and the app asks for multi-user', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-410-single' }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenMultiUser'), '0x80040410');
});

test('0x80040410: the file is open multi-user and the app asks for single-user', async () => {
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'ui-state-410-multi',
      ui: { running: true, open: { path: ACME, mode: 'multi-user', user: 'Admin', password: 'admin' } },
    }),
  );
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenSingleUser'), '0x80040410');
});

test('qbFileOpenDoNotCare accepts the file in single-user and in multi-user mode', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-do-not-care' }));
  await authorizeApp(mock, { choice: 'when-open' });

  const rp = await connect(mock);
  const single = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  expect(await hostRet(rp, single, 'QBFileMode')).toBe('SingleUser');
  await rp.EndSession(single);

  await mock.ui.switchMode('multi-user');
  const multi = await rp.BeginSession(ACME, 'qbFileOpenDoNotCare');
  expect(await hostRet(rp, multi, 'QBFileMode')).toBe('MultiUser');
  expect(await rp.GetCurrentCompanyFileName(multi)).toBe(ACME);
  await rp.EndSession(multi);
  await rp.CloseConnection();
});

test('0x80040414: a modal dialog ("Update available") is showing in QuickBooks', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-414-generic' }));
  await mock.ui.showDialog('QuickBooks Update Service', 'An update is available. Install now?');
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040414');
});

test("0x80040414: another application's certificate dialog is showing", async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-414-certificate' }));
  const first = await connect(mock, { appName: OTHER_APP });
  const waiting = inBackground(first.BeginSession('', 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'certificate');

  const second = await connect(mock);
  await expectComError(second.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040414');

  // The first application is still waiting for its answer and gets in once the Admin says yes.
  await mock.ui.answerCertificateDialog({ choice: 'when-open', done: true });
  await expect(waiting).resolves.toEqual(expect.any(String));
});

test('0x80040422: the app asks for single-user while another application has a session on the file', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-422' }));
  await authorizeApp(mock, { choice: 'when-open' }, { appName: OTHER_APP });
  const other = await connect(mock, { appName: OTHER_APP });
  const otherTicket = await other.BeginSession('', 'qbFileOpenDoNotCare');

  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenSingleUser'), '0x80040422');
  await other.EndSession(otherTicket);
});

test('0x80040424: QuickBooks is still initializing; after the clock moves on the same call goes on to the login', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-424', clock: 'manual' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' });
  await mock.ui.exit();
  await mock.ui.launch({ initializingMs: 30_000 });

  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040424');
  expect((await mock.state()).process).toBe('initializing');

  await mock.control.advanceClock(mock.ui.host, 30_000);
  expect((await mock.state()).process).toBe('running');
  // Auto-login belongs to the background instance: the QuickBooks UI that is running asks a person to log in.
  const begin = inBackground(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'login');
  await mock.ui.logIn('Admin', 'admin');
  const ticket = await begin;
  expect(await rp.GetCurrentCompanyFileName(ticket)).toBe(ACME);
  await rp.EndSession(ticket);
});

test('localQBD, QuickBooks running with no file open, no auto-login: a login window shows and logging in lets BeginSession go on', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-login-window' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await mock.ui.closeCompany();

  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'));
  expect(await waitForDialog(mock, 'login')).toMatchObject({ kind: 'login', file: ACME, forApp: APP });
  await mock.ui.logIn('Admin', 'admin');

  const ticket = await begin;
  expect(await hostRet(rp, ticket, 'IsAutomaticLogin')).toBe('false');
  expect(await mock.state()).toMatchObject({
    openFile: ACME,
    openMode: 'single-user',
    loggedInUser: 'Admin',
    dialogs: [],
  });
  await rp.EndSession(ticket);
});

test('0x8004042D: localQBDLaunchUI starts QuickBooks, but the login window is closed without logging in', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-42d', ui: { running: false } }));
  const rp = await connect(mock, { connType: 'localQBDLaunchUI' });
  const begin = inBackground(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'login');
  expect(await mock.state()).toMatchObject({ process: 'running', background: false });
  await mock.ui.dismissDialog();
  await expectComError(begin, '0x8004042D');
});

test('a BeginSession that got through the certificate dialog opens the session on the open file', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'ui-state-certificate-yes', ui: ADMIN_SINGLE_USER }));
  const rp = await connect(mock);
  const ticket = await beginThroughCertificateDialog(mock, rp, { choice: 'when-open' });
  expect(await rp.GetCurrentCompanyFileName(ticket)).toBe(ACME);
  expect((await mock.state()).sessions).toEqual([
    expect.objectContaining({ appName: APP, filePath: ACME, user: 'Admin' }),
  ]);
  await rp.EndSession(ticket);
});
