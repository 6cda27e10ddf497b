// Adding an application (facts §5.5, §5.6, §10.1, §10.3): the .qwc rules QBWC enforces, the certificate dialog on
// first add, the FileID stamp under the OwnerID, QBWC1039 on a conflicting pairing, and removal leaving the stamp.
import { expect, test } from 'vitest';
import { QbwcError } from '../../../src/protocol/qbwc-codes.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import {
  ACME,
  APP_NAME,
  FILE_ID,
  OWNER_ID,
  addAuthorized,
  companyExt,
  qwcXml,
  startBench,
  waitForDialog,
  webConnectorWorld,
} from './support.js';

async function rejection(p: Promise<unknown>): Promise<QbwcError> {
  const outcome = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(outcome, 'the add should fail with a QBWC error').toBeInstanceOf(QbwcError);
  return outcome as QbwcError;
}

test('first add: the certificate dialog shows for the AppName, then the FileID is stamped under the OwnerID', async () => {
  await using b = await startBench('reg-first');
  const adding = b.wc.addApplication(
    qwcXml(b.service.url, {
      IsReadOnly: 'false',
      PersonalDataPref: 'pdpOptional',
      UnattendedModePref: 'umpOptional',
      AuthFlags: '0xF',
    }),
  );
  adding.catch(() => undefined);
  await waitForDialog(b.host, 'certificate');
  const dialog = b.host.dialogs.find((d) => d.kind === 'certificate');
  expect(dialog).toMatchObject({
    appName: APP_NAME,
    question: expect.stringContaining('read and modify'),
    certificate: { subject: 'CN=Intuit Inc.', status: 'valid' },
  });
  expect(companyExt(b, 'FileID')).toBeUndefined();
  b.host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  const app = await adding;
  expect(app).toMatchObject({ appName: APP_NAME, companyFile: ACME, hasPassword: false, autoRun: false });
  expect(companyExt(b, 'FileID')).toBe(FILE_ID);
  expect(companyExt(b, 'AppLock')).toBe('UNLOCKED:OFFICE-PC');
  // Through qbXML as the application: search by OwnerID, then definition + value for AppLock, then for FileID.
  expect(
    b.world.journal
      .list({ actor: 'qbxml' })
      .filter((e) => e.kind === 'qbxml.exchange')
      .map((e) => e.summary),
  ).toEqual([
    'ProcessRequest: CompanyQueryRq → 0',
    'ProcessRequest: DataExtDefAddRq → 0, DataExtAddRq → 0',
    'ProcessRequest: DataExtDefAddRq → 0, DataExtAddRq → 0',
  ]);
  // QuickBooks lists the application under its AppName; the session of the add is over.
  expect(b.host.companyStore(ACME).getApp(APP_NAME)).toMatchObject({
    appName: APP_NAME,
    allowAccess: true,
    autoLogin: true,
  });
  expect(b.host.sessions()).toEqual([]);
  expect(b.qbwcJournal().find((e) => e.kind === 'qbwc.add-application')?.data).toMatchObject({
    ownerId: OWNER_ID,
    fileId: FILE_ID,
    stamped: true,
  });
});

test('a read-only .qwc asks QuickBooks for read access', async () => {
  await using b = await startBench('reg-readonly');
  const adding = b.wc.addApplication(qwcXml(b.service.url, { IsReadOnly: 'true' }));
  adding.catch(() => undefined);
  await waitForDialog(b.host, 'certificate');
  const dialog = b.host.dialogs.find((d) => d.kind === 'certificate') as {
    question: string;
    requested: { isReadOnly: boolean };
  };
  expect(dialog.requested.isReadOnly).toBe(true);
  expect(dialog.question).not.toContain('modify');
  b.host.answerCertificateDialog({ choice: 'when-open', personalData: false, done: true });
  await adding;
});

test('"No" in the certificate dialog: the application is not added (QBWC1022 with QuickBooks\' text)', async () => {
  await using b = await startBench('reg-no');
  const adding = b.wc.addApplication(qwcXml(b.service.url));
  const failed = rejection(adding);
  await waitForDialog(b.host, 'certificate');
  b.host.answerCertificateDialog({ choice: 'no' });
  const error = await failed;
  expect(error.code).toBe('QBWC1022');
  expect(error.lines).toEqual([
    'QBWC1022: Could not connect to QuickBooks to add the application.',
    HRESULT_TEXTS['0x80040420'],
  ]);
  expect(b.wc.applications()).toEqual([]);
  expect(companyExt(b, 'FileID')).toBeUndefined();
});

test('QuickBooks must have the company open: with no company open the add fails', async () => {
  await using b = await startBench(
    'reg-closed',
    {},
    { world: webConnectorWorld('reg-closed', { ui: { running: true } }) },
  );
  const error = await rejection(b.wc.addApplication(qwcXml(b.service.url)));
  expect(error.lines).toEqual([
    'QBWC1022: Could not connect to QuickBooks to add the application.',
    HRESULT_TEXTS['0x80040417'],
  ]);
});

test('re-adding the same OwnerID/FileID pair is fine (no dialog the second time); removing does not unstamp', async () => {
  await using b = await startBench('reg-readd');
  await addAuthorized(b);
  b.wc.removeApplication(APP_NAME);
  expect(b.wc.applications()).toEqual([]);
  expect(companyExt(b, 'FileID')).toBe(FILE_ID);
  const again = await b.wc.addApplication(qwcXml(b.service.url));
  expect(again.appName).toBe(APP_NAME);
  expect(
    b
      .qbwcJournal()
      .filter((e) => e.kind === 'qbwc.add-application')
      .map((e) => e.data?.['stamped']),
  ).toEqual([true, false]);
});

test('a new FileID for a stamped OwnerID is QBWC1039 "Unique OwnerID/FileID pair value required"', async () => {
  await using b = await startBench('reg-1039');
  await addAuthorized(b);
  b.wc.removeApplication(APP_NAME);
  const error = await rejection(
    b.wc.addApplication(qwcXml(b.service.url, { FileID: '{00000000-1111-4222-8333-444444444444}' })),
  );
  expect(error.code).toBe('QBWC1039');
  expect(error.lines).toEqual(['QBWC1039: Unique OwnerID/FileID pair value required']);
  expect(companyExt(b, 'FileID')).toBe(FILE_ID);
  expect(b.wc.applications()).toEqual([]);
});

test("HTTPS unless localhost: an http:// AppURL elsewhere is QBWC1051 (with QBWC's own typo)", async () => {
  await using b = await startBench('reg-1051');
  const error = await rejection(
    b.wc.addApplication(
      qwcXml(b.service.url, { AppURL: 'http://qbwc.example.com/qbwc', AppSupport: 'http://qbwc.example.com/support' }),
    ),
  );
  expect(error.code).toBe('QBWC1051');
  expect(error.lines).toEqual([
    `The application ${APP_NAME} service URL is not on a secure (https) server.`,
    'QBWC1051: The new applicaiton was not added.',
  ]);
  expect(b.host.dialogs).toEqual([]);
  expect(b.wc.log.text()).toContain('QBWC1051: The new applicaiton was not added.');
});

test('an https AppURL is added without calling the service', async () => {
  await using b = await startBench('reg-https');
  await addAuthorized(
    b,
    qwcXml(b.service.url, { AppURL: 'https://qbwc.example.com/qbwc', AppSupport: 'https://www.example.com/help' }),
  );
  expect(b.wc.applications().map((a) => a.qwc.AppURL)).toEqual(['https://qbwc.example.com/qbwc']);
  expect(b.service.calls).toEqual([]);
});

test('AppSupport on another domain is QBWC1000; IP-address URLs are QBWC1001 / QBWC1002; a missing element QBWC1039', async () => {
  await using b = await startBench('reg-urls');
  const codes: string[] = [];
  const cases: Record<string, string | null>[] = [
    { AppURL: 'https://qbwc.example.com/qbwc', AppSupport: 'https://support.other.org/' },
    { AppURL: 'https://10.0.0.5/qbwc', AppSupport: 'https://10.0.0.5/support' },
    { AppURL: 'https://qbwc.example.com/qbwc', AppSupport: 'https://192.168.1.9/support' },
    { OwnerID: null },
  ];
  for (const overrides of cases) {
    codes.push((await rejection(b.wc.addApplication(qwcXml(b.service.url, overrides)))).code);
  }
  expect(codes).toEqual(['QBWC1000', 'QBWC1001', 'QBWC1002', 'QBWC1039']);
  expect(b.host.dialogs).toEqual([]);
});

test('adding an application of the same AppName replaces it; its password must be entered again', async () => {
  await using b = await startBench('reg-replace');
  await addAuthorized(b);
  b.wc.setPassword(APP_NAME, 'pw');
  expect(b.wc.application(APP_NAME).hasPassword).toBe(true);
  await b.wc.addApplication(qwcXml(b.service.url, { AppDescription: 'v2' }));
  expect(b.wc.applications()).toHaveLength(1);
  expect(b.wc.application(APP_NAME)).toMatchObject({ hasPassword: false, qwc: { AppDescription: 'v2' } });
});
