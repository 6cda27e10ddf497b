// BeginSession and the Integrated Applications authorization: who is at the UI, the certificate
// dialog and its answers, access prompts, the app's grant, its certificate and the edition it
// supports (facts §1.3, §2.4, §3, §10.1).
import { expect, test } from 'vitest';
import {
  ACME,
  APP,
  authorizeApp,
  beginThroughCertificateDialog,
  connect,
  expectComError,
  inBackground,
  oneMachineWorld,
  startMock,
  waitForDialog,
  type Mock,
} from './support.js';

/** The Admin opens Integrated Applications preferences, changes something, and clicks OK. */
async function inIntegratedAppsPreferences(mock: Mock, change: () => Promise<unknown>): Promise<void> {
  await mock.ui.openPreferences();
  await change();
  await mock.ui.closePreferences();
}

test('0x80040418: never-authorized app while a non-admin user is logged in at the UI', async () => {
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'auth-418-non-admin',
      ui: { running: true, open: { path: ACME, mode: 'single-user', user: 'Bookkeeper', password: 'books' } },
    }),
  );
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040418');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('0x80040418: never-authorized app while the Admin is logged in but the file is in multi-user mode', async () => {
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'auth-418-multi-user',
      ui: { running: true, open: { path: ACME, mode: 'multi-user', user: 'Admin', password: 'admin' } },
    }),
  );
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040418');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('0x80040419: the application certificate is invalid', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-419' }));
  const rp = await connect(mock, { certificate: { subject: 'CN=AP Sync Inc.', status: 'invalid' } });
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040419');
});

test('0x8004042C: the application certificate was revoked', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-42c' }));
  const rp = await connect(mock, { certificate: { subject: 'CN=AP Sync Inc.', status: 'revoked' } });
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004042C');
});

test('0x80040420: the Admin answers "No" in the certificate dialog', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-420-no' }));
  const rp = await connect(mock);
  await expectComError(beginThroughCertificateDialog(mock, rp, { choice: 'no' }), '0x80040420');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('0x80040420: the Admin closes the certificate dialog without answering', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-420-dismissed' }));
  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  const dialog = await waitForDialog(mock, 'certificate');
  await mock.ui.dismissDialog(dialog.id);
  await expectComError(begin, '0x80040420');
});

test('0x80040420: the user answers "No" in a prompt-each-time access prompt', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-420-prompt' }));
  await authorizeApp(mock, { choice: 'prompt-each-time' });
  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  expect(await waitForDialog(mock, 'access-prompt')).toMatchObject({ kind: 'access-prompt', appName: APP });
  await mock.ui.answerAccessPrompt(false);
  await expectComError(begin, '0x80040420');
});

test('prompt each time: "Yes" in the access prompt opens the session', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-prompt-yes' }));
  await authorizeApp(mock, { choice: 'prompt-each-time' });
  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'access-prompt');
  await mock.ui.answerAccessPrompt(true);
  const ticket = await begin;
  expect(await rp.GetCurrentCompanyFileName(ticket)).toBe(ACME);
  await rp.EndSession(ticket);
});

test('0x8004041A: the Admin unchecked "Allow this application to access this company file" in Properties', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-41a-properties' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await inIntegratedAppsPreferences(mock, () => mock.ui.editAppProperties(APP, { allowAccess: false }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
});

test('0x8004041A: the company-wide "Don\'t allow any applications to access this company file" is on', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-41a-block-all' }));
  await authorizeApp(mock, { choice: 'when-open' });
  await inIntegratedAppsPreferences(mock, () => mock.ui.setCompanyAppOptions({ blockAllApps: true }));
  const rp = await connect(mock);
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('0x8004041A: the app was answered "No" earlier and asks again', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-41a-denied-before' }));
  const rp = await connect(mock);
  await expectComError(beginThroughCertificateDialog(mock, rp, { choice: 'no' }), '0x80040420');
  await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), '0x8004041A');
  expect((await mock.state()).dialogs).toEqual([]);
});

test('WasAuthPreferencesObeyed is false when the app requires unattended mode but was granted only "when open"', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-prefs-obeyed' }));
  const rp = await connect(mock, { unattendedModePref: 'umpRequired' });
  const ticket = await beginThroughCertificateDialog(mock, rp, { choice: 'when-open' });
  expect(await rp.authPreferences('WasAuthPreferencesObeyed', { ticket })).toBe(false);
  await rp.EndSession(ticket);
});

test('WasAuthPreferencesObeyed is true when the app requires unattended mode and was granted "Yes, always"', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-prefs-obeyed-always' }));
  const rp = await connect(mock, { unattendedModePref: 'umpRequired' });
  const ticket = await beginThroughCertificateDialog(mock, rp, { choice: 'always', loginAs: 'Admin' });
  expect(await rp.authPreferences('WasAuthPreferencesObeyed', { ticket })).toBe(true);
  await rp.EndSession(ticket);
});

const EDITIONS = [
  { product: 'simple-start-2014', authFlags: 0x2 | 0x4 | 0x8, hresult: '0x80040431' },
  { product: 'pro-2014', authFlags: 0x1 | 0x4 | 0x8, hresult: '0x80040432' },
  { product: 'premier-2014', authFlags: 0x1 | 0x2 | 0x8, hresult: '0x80040433' },
  { product: 'enterprise-14', authFlags: 0x1 | 0x2 | 0x4, hresult: '0x80040434' },
] as const;

for (const { product, authFlags, hresult } of EDITIONS) {
  test(`${hresult}: PutAuthFlags(0x${authFlags.toString(16)}) leaves out the edition of ${product}`, async () => {
    await using mock = await startMock(oneMachineWorld({ seed: `auth-edition-${product}`, product }));
    // The edition is checked last (facts §8.1): an authorized app meets it without any dialog.
    await authorizeApp(mock, { choice: 'when-open' }, { authFlags: 0xf });
    const rp = await connect(mock, { authFlags });
    await expectComError(rp.BeginSession('', 'qbFileOpenDoNotCare'), hresult);
    expect((await mock.state()).dialogs).toEqual([]);
  });
}

test('0x80040436: the app asks Simple Start for multi-user access', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'auth-436', product: 'simple-start-2014' }));
  await authorizeApp(mock, { choice: 'always', loginAs: 'Admin' }, { authFlags: 0xf });
  await mock.ui.exit();
  const rp = await connect(mock, { authFlags: 0xf });
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenMultiUser'), '0x80040436');
  expect((await mock.state()).process).toBe('not-running');
});
