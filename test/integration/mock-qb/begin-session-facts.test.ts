// Where the host used to differ from the facts sheet (issue 21 items 1, 2, 3, 7, 8): unattended access rides no
// other application's instance, auto-login does not log the UI in, a denied app stays denied, an expired
// certificate with a person at the UI shows QuickBooks' notice, and the gate runs in the facts' order (§8.1).
import { expect, test } from 'vitest';
import {
  ACME,
  APP,
  CERT_SUBJECT,
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

test('item 1: an app granted only "whenever the file is open" gets 0x8004041D inside the background instance another app started', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'foreign-background' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await authorizeApp(mock, { choice: 'when-open' }, { appName: OTHER_APP });
  await mock.ui.exit();

  const owner = await connect(mock);
  const ticket = await owner.BeginSession(ACME, 'qbFileOpenDoNotCare');
  expect(await mock.state()).toMatchObject({ background: true, loggedInUser: 'Bookkeeper' });

  const rider = await connect(mock, { appName: OTHER_APP });
  await expectComError(rider.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041D');
  await expectComError(rider.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x8004041D');
  await owner.EndSession(ticket);
});

test('item 1: an app with its own "Yes, always" grant may join the running background instance (an automatic login)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'own-background' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' }, { appName: OTHER_APP });
  await mock.ui.exit();
  const owner = await connect(mock);
  await owner.BeginSession(ACME, 'qbFileOpenDoNotCare');
  const second = await connect(mock, { appName: OTHER_APP });
  const ticket = await second.BeginSession('', 'qbFileOpenDoNotCare');
  expect(await hostRet(second, ticket, 'IsAutomaticLogin')).toBe('true');
});

test('item 1, option: foreignBackgroundInstance picks the HRESULT', async () => {
  await using mock = await startMock(
    oneMachineWorld({ seed: 'foreign-background-option', fidelity: { foreignBackgroundInstance: '0x8004041A' } }),
  );
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await authorizeApp(mock, { choice: 'when-open' }, { appName: OTHER_APP });
  await mock.ui.exit();
  await (await connect(mock)).BeginSession(ACME, 'qbFileOpenDoNotCare');
  await expectComError((await connect(mock, { appName: OTHER_APP })).BeginSession(ACME, 2), '0x8004041A');
});

test('item 2: QuickBooks running with no company open shows its Login window to an auto-login app instead of logging the UI in', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auto-open-login-window' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await mock.ui.closeCompany();

  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'));
  const login = await waitForDialog(mock, 'login');
  expect(login).toMatchObject({ forApp: APP, file: ACME });
  expect((await mock.state()).loggedInUser).toBeNull();
  await mock.ui.logIn('Admin', 'admin');
  const ticket = await begin;
  expect(await hostRet(rp, ticket, 'IsAutomaticLogin')).toBe('false');
  expect((await mock.state()).loggedInUser).toBe('Admin');
});

test('item 2, option: autoLoginWithUiRunning "auto-login" keeps the earlier behaviour', async () => {
  await using mock = await startMock(
    oneMachineWorld({ seed: 'auto-open-option', fidelity: { autoLoginWithUiRunning: 'auto-login' } }),
  );
  await authorizeApp(mock, { choice: 'always', loginAs: 'Bookkeeper' });
  await mock.ui.closeCompany();
  const rp = await connect(mock);
  const ticket = await rp.BeginSession(ACME, 'qbFileOpenDoNotCare');
  expect(await hostRet(rp, ticket, 'IsAutomaticLogin')).toBe('true');
  expect((await mock.state()).loggedInUser).toBe('Bookkeeper');
});

test('item 3: a denied app that changes its requested preferences gets 0x8004041A, not the certificate dialog again', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'denied-prefs' }));
  const rp = await connect(mock);
  await expectComError(beginThroughCertificateDialog(mock, rp, { choice: 'no' }), '0x80040420');
  const changed = await connect(mock, { unattendedModePref: 'umpRequired', personalDataPref: 'pdpRequired' });
  await expectComError(changed.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('item 3: a denied app presenting another certificate, or forcing the dialog with AuthFlags, gets 0x8004041A', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'denied-cert' }));
  await expectComError(beginThroughCertificateDialog(mock, await connect(mock), { choice: 'no' }), '0x80040420');
  const recertified = await connect(mock, { certificate: { subject: 'CN=Someone Else', status: 'valid' } });
  await expectComError(recertified.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
  const forcing = await connect(mock, { authFlags: 0x8000000e });
  await expectComError(forcing.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
  expect((await mock.state()).dialogs).toEqual([]);
});

const EXPIRED = { subject: CERT_SUBJECT, status: 'expired' as const };

test('item 7: an expired certificate with a person at the UI shows the notice; Allow Always keeps unattended access', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'expired-notice' }));
  // Authorized while the certificate was valid; it has expired since.
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' });
  const rp = await connect(mock, { certificate: EXPIRED });
  const begin = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  const notice = await waitForDialog(mock, 'expired-certificate');
  expect(notice).toMatchObject({ appName: APP, certificate: { subject: CERT_SUBJECT } });
  await mock.ui.answerExpiredCertificate('allow-always');
  await rp.EndSession(await begin);
  await rp.CloseConnection();

  // Remembered in the file: no notice the next time, and the unattended start works.
  const again = await connect(mock, { certificate: EXPIRED });
  await again.EndSession(await again.BeginSession('', 'qbFileOpenDoNotCare'));
  await again.CloseConnection();
  await mock.ui.exit();
  const unattended = await connect(mock, { certificate: EXPIRED });
  expect(await hostRet(unattended, await unattended.BeginSession(ACME, 2), 'IsAutomaticLogin')).toBe('true');
});

test('item 7: Deny answers 0x80040420; Allow Once lets this session in and the notice shows again next time', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'expired-notice-deny' }));
  await authorizeApp(mock, { choice: 'when-open' });
  const denied = await connect(mock, { certificate: EXPIRED });
  const refused = inBackground(denied.BeginSession('', 2));
  await waitForDialog(mock, 'expired-certificate');
  await mock.ui.answerExpiredCertificate('deny');
  await expectComError(refused, '0x80040420');

  const once = await connect(mock, { certificate: EXPIRED });
  const begin = inBackground(once.BeginSession('', 2));
  await waitForDialog(mock, 'expired-certificate');
  await mock.ui.answerExpiredCertificate('allow-once');
  await once.EndSession(await begin);
  const next = inBackground(once.BeginSession('', 2));
  await waitForDialog(mock, 'expired-certificate');
  await mock.ui.dismissDialog();
  await expectComError(next, '0x80040420');
});

test('item 7: with "notify on expired certificate" off no notice shows (option expiredCertNoticeOff)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'expired-notice-off' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' });
  await mock.ui.openPreferences();
  await mock.ui.setCompanyAppOptions({ notifyExpiredCert: false });
  await mock.ui.closePreferences();
  const rp = await connect(mock, { certificate: EXPIRED });
  await rp.EndSession(await rp.BeginSession('', 2));
  await rp.CloseConnection();
  await mock.ui.exit();
  const unattended = await connect(mock, { certificate: EXPIRED });
  await unattended.BeginSession(ACME, 2);
});

test('item 7: the expired-certificate notice with the switch on still refuses an unattended start (0x8004041E)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'expired-unattended' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' });
  await mock.ui.exit();
  await expectComError((await connect(mock, { certificate: EXPIRED })).BeginSession(ACME, 2), '0x8004041E');
});

test('item 8: a never-authorized app whose AuthFlags exclude Pro gets the certificate dialog, then 0x80040432', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'gate-order-edition' }));
  const rp = await connect(mock, { authFlags: 0x4 /* Premier only */ });
  await expectComError(beginThroughCertificateDialog(mock, rp, { choice: 'when-open' }), '0x80040432');
});

test('item 8: a never-authorized app excluding Pro with a non-Admin at the UI gets 0x80040418', async () => {
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'gate-order-edition-418',
      ui: { running: true, open: { path: ACME, mode: 'single-user', user: 'Bookkeeper', password: 'books' } },
    }),
  );
  await expectComError((await connect(mock, { authFlags: 0x4 })).BeginSession('', 2), '0x80040418');
});

test('item 8: a modal window while QuickBooks is still initializing answers 0x80040414 (modal before initialised)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'gate-order-initializing', ui: { running: false } }));
  await mock.ui.launch({ initializingMs: 60_000 });
  await mock.ui.showDialog('QuickBooks Update Service');
  await expectComError((await connect(mock)).BeginSession('', 2), '0x80040414');
});

test('item 8, option: the earlier order (edition before authorization) is still selectable', async () => {
  const { EARLIER_GATE_ORDER } = await import('../../../mock-qb/engine/gate-order.js');
  const world = oneMachineWorld({ seed: 'gate-order-earlier' });
  world.hosts[0]!.gateOrder = [...EARLIER_GATE_ORDER];
  await using mock = await startMock(world);
  await expectComError((await connect(mock, { authFlags: 0x4 })).BeginSession('', 2), '0x80040432');
});
