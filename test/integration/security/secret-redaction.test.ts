// Issue 10, security: passwords and tokens are redacted in logs, journals and transcripts. Every secret a user types
// at the mock (company user passwords, the QBWC application password, the control token) goes through the control
// API and a whole Web Connector update; none of them shows in the journal, the state, the QWCLog, the update history
// or an error body. redactSecrets (used by the transcript tap) masks secrets by key and inside text. The reference
// connector with a real cloud token key and its QBWC password, recorded as a transcript: secret-redaction-connector.
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient, redactSecrets, redactSecretText, startMockQb } from '../../../mock-qb/index.js';
import { startQbwcService } from '../web-connector/qbwc-test-service.js';
import { APP_NAME, qbxml, qwcXml, webConnectorWorld } from '../web-connector/support.js';

const TOKEN = 'ctl-9c2b7e41d0a3f5';
const ADMIN_PASSWORD = 'Adm1n-S3cret!';
const NEW_USER_PASSWORD = 'n3w-Us3r-Pa55';
const CHANGED_PASSWORD = 'ch4nged-Pa55';
const QBWC_PASSWORD = 'qbwc-Appl1cation-Pa55';
const SECRETS = [TOKEN, ADMIN_PASSWORD, NEW_USER_PASSWORD, CHANGED_PASSWORD, QBWC_PASSWORD];

function expectNoSecret(what: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${what} shows ${secret}`).not.toContain(secret);
}

test('no password or token shows in the journal, state, QWCLog, update history or error bodies', async () => {
  const world = webConnectorWorld('redaction');
  const host = world.hosts[0]!;
  const users = [{ name: 'Admin', password: ADMIN_PASSWORD, role: 'admin' as const }];
  const spec = {
    ...world,
    clock: 'system' as const,
    hosts: [
      {
        ...host,
        companyFiles: host.companyFiles!.map((f) => ({ ...f, users })),
        ui: { running: true },
      },
    ],
  };
  const mock = await startMockQb({ world: spec, seed: 'redaction', controlToken: TOKEN });
  onTestFinished(() => mock.stop());
  const control = new ControlClient(mock.url, { token: TOKEN });
  const ui = control.ui(host.id);
  const file = host.companyFiles![0]!.path;

  // Passwords typed at the QuickBooks UI.
  await ui.openCompany({ path: file, mode: 'single-user', user: 'Admin', password: ADMIN_PASSWORD });
  await ui.addUser({ name: 'Clerk', password: NEW_USER_PASSWORD, role: 'all-areas' });
  await ui.updateUser('Clerk', { password: CHANGED_PASSWORD });
  // A wrong password (a refusal) must not echo what was typed either.
  await ui.closeCompany();
  await expect(
    ui.openCompany({ path: file, mode: 'single-user', user: 'Admin', password: `${ADMIN_PASSWORD}x` }),
  ).rejects.toThrow();
  await ui.openCompany({ path: file, mode: 'single-user', user: 'Admin', password: ADMIN_PASSWORD });

  // A Web Connector application with its password, and one whole update (authenticate carries strPassword).
  let sent = 0;
  const service = await startQbwcService({
    authenticate: (_user, password) => [password === QBWC_PASSWORD ? 'TICKET-1' : 'nvu', ''],
    sendRequestXML: () => (sent++ === 0 ? qbxml('<HostQueryRq requestID="1"/>') : ''),
    receiveResponseXML: () => 100,
  });
  onTestFinished(() => service.close());
  const qbwc = control.webConnector(host.id);
  const adding = qbwc.addApplication(qwcXml(service.url));
  adding.catch(() => undefined);
  for (let i = 0; i < 400 && !(await control.hostState(host.id)).dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((r) => setTimeout(r, 5));
  await ui.answerCertificateDialog({ choice: 'when-open', done: true });
  await adding;
  await qbwc.setPassword(APP_NAME, QBWC_PASSWORD);
  await qbwc.setLogLevel('DEBUG');
  const result = await qbwc.update(APP_NAME);
  expect(result.outcome).toBe('ok');
  // The service did receive the password (the secret really travelled), so its absence below means redaction.
  expect(JSON.stringify(service.calls)).toContain(QBWC_PASSWORD);

  // A wrong control token: the 401 body does not echo it.
  const wrong = await fetch(`${mock.controlUrl}/state`, { headers: { authorization: `Bearer ${TOKEN}-wrong` } });
  expect(wrong.status).toBe(401);

  expectNoSecret('the journal', JSON.stringify(await control.journal({ limit: 100_000 })));
  expectNoSecret('the in-process journal', JSON.stringify(mock.world.journal.list()));
  expectNoSecret('the state', JSON.stringify(await control.state()));
  expectNoSecret('the QWCLog', (await qbwc.log()).text);
  expectNoSecret('the update result', JSON.stringify(result));
  expectNoSecret('the update history', JSON.stringify(await qbwc.updates()));
  expectNoSecret('the 401 body', await wrong.text());
  const snapshotId = await control.snapshot();
  expect(snapshotId).toBeTruthy();
  expectNoSecret('the journal after a snapshot', JSON.stringify(mock.world.journal.list()));
});

test('redactSecrets masks secrets by key and inside text, for transcripts as for the journal', () => {
  const redacted = redactSecrets({
    password: 'p1',
    strPassword: 'p2',
    tokenKey: 'tk-1',
    apiKey: 'ak-1',
    headers: { Authorization: `Bearer ${TOKEN}`, cookie: 'sid=abc' },
    hasPassword: true,
    body: `<authenticate><strUserName>u</strUserName><strPassword>${QBWC_PASSWORD}</strPassword></authenticate>`,
    line: `curl -H "Authorization: Bearer ${TOKEN}" http://127.0.0.1`,
    json: `{"tokenKey":"tk-2","vendor":"Acme"}`,
    query: `user=a&password=${ADMIN_PASSWORD}&x=1`,
    list: [{ password: NEW_USER_PASSWORD }],
    qbxml: '<Name>Passwordless Key Supplies</Name>',
    empty: { password: '' },
  });
  const text = JSON.stringify(redacted);
  expectNoSecret('redactSecrets', text);
  for (const s of ['p1', 'p2', 'tk-1', 'ak-1', 'tk-2', 'sid=abc']) expect(text).not.toContain(`"${s}"`);
  expect(text).not.toContain('tk-2');
  expect(redacted).toMatchObject({
    hasPassword: true,
    qbxml: '<Name>Passwordless Key Supplies</Name>',
    empty: { password: '' },
  });
  expect(redactSecretText(`Authorization: Bearer ${TOKEN}`)).toBe('Authorization: Bearer ***');
});
