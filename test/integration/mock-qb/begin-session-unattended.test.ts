// BeginSession with a company file name while QuickBooks is not running: QuickBooks must start in
// the background and log in for the app (auto-login). Facts §1.4 (localQBD), §2.4, §10.1.
import { expect, test } from 'vitest';
import {
  ACME,
  APP,
  CERT_SUBJECT,
  COMPANY_DIR,
  authorizeAlwaysThenExit,
  authorizeApp,
  connect,
  expectComError,
  hostRet,
  oneMachineWorld,
  startMock,
} from './support.js';

const NOT_RUNNING = { running: false } as const;

test('"Yes, always" with QuickBooks closed: QuickBooks starts unattended, logs in, and exits after CloseConnection', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-always' }));
  await authorizeAlwaysThenExit(mock, 'Bookkeeper');
  expect((await mock.state()).process).toBe('not-running');

  const rp = await connect(mock);
  const ticket = await rp.BeginSession(ACME, 'qbFileOpenDoNotCare');
  expect(await hostRet(rp, ticket, 'IsAutomaticLogin')).toBe('true');
  expect(await hostRet(rp, ticket, 'QBFileMode')).toBe('SingleUser');
  expect(await mock.state()).toMatchObject({
    process: 'running',
    background: true,
    openFile: ACME,
    openMode: 'single-user',
    loggedInUser: 'Bookkeeper',
  });

  await rp.EndSession(ticket);
  expect((await mock.state()).background).toBe(true);
  await rp.CloseConnection();
  expect(await mock.state()).toMatchObject({
    process: 'not-running',
    background: false,
    openFile: null,
    loggedInUser: null,
  });
  const kinds = (await mock.control.journal({ host: mock.ui.host, actor: 'host' })).map((e) => e.kind);
  expect(kinds).toEqual(expect.arrayContaining(['host.background-start', 'host.background-exit']));
});

test('0x80040408: QuickBooks is not running and the named company file does not exist', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-408-missing', ui: NOT_RUNNING }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(`${COMPANY_DIR}\\Nowhere.QBW`, 'qbFileOpenDoNotCare'), '0x80040408');
  expect((await mock.state()).process).toBe('not-running');
});

test('0x80040408: QuickBooks is not running and the company file was renamed in Windows', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-408-renamed' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  await mock.control.renameCompanyFile(mock.ui.host, ACME, `${COMPANY_DIR}\\Acme Supplies 2014.QBW`);
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040408');
});

test('0x80040408: QuickBooks is not running and another workstation holds the file in single-user mode', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-408-held' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  await mock.control.workstationJoin(mock.ui.host, {
    path: ACME,
    machine: 'FRONT-DESK',
    user: 'Bookkeeper',
    mode: 'single-user',
  });
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040408');
  expect((await mock.state()).process).toBe('not-running');
});

test('0x80040406: QuickBooks is not running and the named file is not a company file', async () => {
  const notes = 'C:\\Users\\Public\\Documents\\notes.txt';
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-406', ui: NOT_RUNNING, otherFiles: [notes] }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(notes, 'qbFileOpenDoNotCare'), '0x80040406');
});

test('0x80040418: QuickBooks is not running and the app was never authorized for the file', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-418', ui: NOT_RUNNING }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040418');
  expect((await mock.state()).process).toBe('not-running');
});

test('0x8004041D: QuickBooks is not running and the app was granted only "whenever the file is open"', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-41d' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await mock.ui.exit();
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x8004041D');
  expect((await mock.state()).process).toBe('not-running');
});

test("0x8004041E: QuickBooks is not running and the app's certificate has status expired", async () => {
  const certificate = { subject: CERT_SUBJECT, status: 'expired' as const };
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-41e-status' }));
  // With the Admin at the UI the expired certificate does not stop the authorization.
  await authorizeAlwaysThenExit(mock, 'Admin', { certificate });
  const rp = await connect(mock, { certificate });
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x8004041E');
});

test("0x8004041E: QuickBooks is not running and the app's valid certificate expired on the host clock", async () => {
  const certificate = { subject: CERT_SUBJECT, status: 'valid' as const, expires: '2014-12-31T00:00:00.000Z' };
  await using mock = await startMock(
    oneMachineWorld({ seed: 'unattended-41e-expires', clock: 'manual', clockStart: '2014-11-10T15:00:00.000Z' }),
  );
  await authorizeAlwaysThenExit(mock, 'Admin', { certificate });

  // Before the expiry date the unattended login works...
  const before = await connect(mock, { certificate });
  const ticket = await before.BeginSession(ACME, 'qbFileOpenDoNotCare');
  await before.EndSession(ticket);
  await before.CloseConnection();

  // ...after it, it does not.
  await mock.control.setClock(mock.ui.host, '2015-01-05T09:00:00.000Z');
  const after = await connect(mock, { certificate });
  await expectComError(after.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x8004041E');
});

test("0x80040430: the login-as user's password was changed after the auto-login grant", async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-430-password' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await mock.ui.updateUser('Bookkeeper', { password: 'new-secret' });
  await mock.ui.exit();
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040430');
  expect((await mock.state()).process).toBe('not-running');
});

test('0x80040430: the login-as user was deleted after the auto-login grant', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-430-removed' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await mock.ui.removeUser('Bookkeeper');
  await mock.ui.exit();
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040430');
});

test('0x80040430: the company file was renamed after the auto-login grant and the app names the new path', async () => {
  const renamed = `${COMPANY_DIR}\\Acme Supplies 2014.QBW`;
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-430-renamed' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  await mock.control.renameCompanyFile(mock.ui.host, ACME, renamed);
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(renamed, 'qbFileOpenDoNotCare'), '0x80040430');
});

test("0x80040435: the stale auto-login answers 0x80040435 with fidelity staleAutoLogin '0x80040435'", async () => {
  await using mock = await startMock(
    oneMachineWorld({ seed: 'unattended-435', fidelity: { staleAutoLogin: '0x80040435' } }),
  );
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await mock.ui.updateUser('Bookkeeper', { password: 'new-secret' });
  await mock.ui.exit();
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040435');
});

test('0x80040437: the login-as user is logged in to the file on another workstation (multi-user)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-437' }));
  await authorizeAlwaysThenExit(mock, 'Bookkeeper');
  await mock.control.workstationJoin(mock.ui.host, {
    path: ACME,
    machine: 'FRONT-DESK',
    user: 'Bookkeeper',
    mode: 'multi-user',
  });
  const rp = await connect(mock);
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x80040437');
  expect((await mock.state()).process).toBe('not-running');
});

test('the same grant logs in unattended as another user than the one on the other workstation', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'unattended-437-control' }));
  await authorizeAlwaysThenExit(mock, 'Admin');
  await mock.control.workstationJoin(mock.ui.host, {
    path: ACME,
    machine: 'FRONT-DESK',
    user: 'Bookkeeper',
    mode: 'multi-user',
  });
  const rp = await connect(mock);
  const ticket = await rp.BeginSession(ACME, 'qbFileOpenDoNotCare');
  expect(await hostRet(rp, ticket, 'QBFileMode')).toBe('MultiUser');
  expect((await mock.state()).sessions).toEqual([
    expect.objectContaining({ appName: APP, user: 'Admin', isAutomaticLogin: true }),
  ]);
  await rp.EndSession(ticket);
  await rp.CloseConnection();
});
