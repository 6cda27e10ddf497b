// Flows A (remove the connector's authorization) and B (authorize it again), walked through the
// control API and the QBXMLRP2 bridge exactly as the support article describes them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { ControlClient, SAMPLE_COMPANY_PATH, startMockQb, UiRefusal, type HostState } from '../../../mock-qb/index.js';
import { ComError } from '../../../src/protocol/com-error.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';

const INTUIT_TEXTS = (
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../../../shared/data/qbxmlrp2-hresults.json'), 'utf8'),
  ) as {
    messages: Record<string, string>;
  }
).messages;

const HOST = 'OFFICE-PC';
const APP = 'AP Sync Connector';
const HOST_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
  '<HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

async function expectCom(promise: Promise<unknown>, hresult: string): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${hresult}`).toBeInstanceOf(ComError);
  expect((error as ComError).hresult).toBe(hresult);
  expect((error as ComError).message).toBe(INTUIT_TEXTS[hresult]);
}

async function waitForDialog(control: ControlClient, kind: string): Promise<HostState> {
  for (let i = 0; i < 200; i++) {
    const state = await control.hostState(HOST);
    if (state.dialogs.some((d) => d.kind === kind)) return state;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no ${kind} dialog appeared`);
}

/** One connector cycle: connection, session as the app, HostQuery, end. Returns HostRet text. */
async function connectorCycle(rp: Rp2BridgeClient, qbFileName: string, mode: string): Promise<string> {
  await rp.OpenConnection2('', APP, 'localQBD');
  try {
    const ticket = await rp.BeginSession(qbFileName, mode);
    const response = await rp.ProcessRequest(ticket, HOST_QUERY);
    await rp.EndSession(ticket);
    return response;
  } finally {
    await rp.CloseConnection();
  }
}

test('flows A and B: remove, reauthorize with "Yes, always", then multi-user and unattended access', async () => {
  await using mock = await startMockQb({ seed: 'flows-a-b' });
  const control = new ControlClient(mock.url);
  const ui = control.ui(HOST);
  const rp = await Rp2BridgeClient.createProcessor(mock.url, {
    certificate: { subject: 'CN=AP Sync Inc.', status: 'valid' },
  });

  // The connector was authorized once ("Yes, whenever this company file is open") by the Admin in single-user.
  await ui.switchMode('single-user');
  const first = rp.OpenConnection2('', APP, 'localQBD').then(() => rp.BeginSession('', 'qbFileOpenDoNotCare'));
  await waitForDialog(control, 'certificate');
  await ui.answerCertificateDialog({ choice: 'when-open', done: true });
  const firstTicket = await first;
  expect(await rp.ProcessRequest(firstTicket, HOST_QUERY)).toContain('<QBFileMode>SingleUser</QBFileMode>');
  await rp.EndSession(firstTicket);
  await rp.CloseConnection();
  await ui.switchMode('multi-user');

  // An authorized app opens a session in multi-user and gets a HostQuery answer.
  const hostRet = await connectorCycle(rp, '', 'qbFileOpenDoNotCare');
  expect(hostRet).toContain(
    '<HostQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">',
  );
  expect(hostRet).toContain('<ProductName>QuickBooks Pro 2014</ProductName>');
  expect(hostRet).toContain('<QBFileMode>MultiUser</QBFileMode>');

  // Flow A. As the Admin in multi-user mode, removing the app is refused by the UI.
  await ui.openPreferences();
  const refused = await ui.removeApp(APP).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(refused).toBeInstanceOf(UiRefusal);
  expect((refused as UiRefusal).message).toMatch(/single-user mode/);
  await ui.closePreferences();

  // Switched to single-user, the app is removed.
  await ui.switchMode('single-user');
  await ui.openPreferences();
  await ui.removeApp(APP);
  await ui.closePreferences();
  const afterRemove = await control.hostState(HOST);
  expect(afterRemove.files[0]!.integratedApps!.apps.map((a) => a.appName)).not.toContain(APP);

  // Flow B. The app's next BeginSession blocks on the certificate dialog …
  await rp.OpenConnection2('', APP, 'localQBD');
  let settled = false;
  const pending = rp.BeginSession('', 'qbFileOpenDoNotCare').finally(() => {
    settled = true;
  });
  const shown = await waitForDialog(control, 'certificate');
  const dialog = shown.dialogs.find((d) => d.kind === 'certificate')!;
  expect(dialog).toMatchObject({ appName: APP, stage: 'choose', loginAsChoices: ['Admin', 'Bookkeeper'] });
  expect(settled).toBe(false);

  // … until the Admin answers "Yes, always" with login-as Admin and personal data, Continue, then Done.
  await ui.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true });
  const confirming = await control.hostState(HOST);
  expect(confirming.dialogs[0]).toMatchObject({ kind: 'certificate', stage: 'confirm', title: 'Access Confirmation' });
  expect(settled).toBe(false);
  await ui.confirmCertificateDialog();
  const ticket = await pending;
  expect(ticket).toMatch(/^\{[0-9A-F-]{36}\}$/);
  await rp.EndSession(ticket);
  await rp.CloseConnection();
  const granted = (await control.hostState(HOST)).files[0]!.integratedApps!.apps.find((a) => a.appName === APP)!;
  expect(granted).toMatchObject({
    allowAccess: true,
    autoLogin: true,
    loginAs: 'Admin',
    personalData: true,
    promptEachTime: false,
  });

  // Switched back to multi-user: a session that demands single-user gets 0x80040410, one that does not care succeeds.
  await ui.switchMode('multi-user');
  await rp.OpenConnection2('', APP, 'localQBD');
  await expectCom(rp.BeginSession('', 'qbFileOpenSingleUser'), '0x80040410');
  await rp.CloseConnection();
  expect(await connectorCycle(rp, '', 'qbFileOpenDoNotCare')).toContain('<QBFileMode>MultiUser</QBFileMode>');

  // With QuickBooks closed, the "always" grant opens the file unattended …
  await ui.exit();
  const unattended = await connectorCycle(rp, SAMPLE_COMPANY_PATH, 'qbFileOpenDoNotCare');
  expect(unattended).toContain('<IsAutomaticLogin>true</IsAutomaticLogin>');
  const afterUnattended = await control.hostState(HOST);
  expect(afterUnattended.process).toBe('not-running'); // the background instance exited after the connection closed

  // … while a "whenever the file is open" grant gets 0x8004041D.
  await ui.launch();
  await ui.openCompany({ path: SAMPLE_COMPANY_PATH, mode: 'single-user', user: 'Admin', password: 'admin' });
  await ui.openPreferences();
  await ui.editAppProperties(APP, { autoLogin: false });
  await ui.closePreferences();
  await ui.exit();
  await rp.OpenConnection2('', APP, 'localQBD');
  await expectCom(rp.BeginSession(SAMPLE_COMPANY_PATH, 'qbFileOpenDoNotCare'), '0x8004041D');
  await rp.CloseConnection();

  // The journal tells the story, without secrets.
  const journal = await control.journal({ host: HOST });
  const kinds = journal.map((e) => e.kind);
  expect(kinds).toContain('ui.remove-app');
  expect(kinds).toContain('host.certificate-dialog');
  expect(kinds).toContain('host.background-start');
  expect(JSON.stringify(journal)).not.toContain('"admin"');
});
