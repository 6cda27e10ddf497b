// Issue 10, security: nothing in the control API lets an application skip the authorization gate. An application that
// was never authorized tries every lever the control API and the bridge offer; QuickBooks still asks the Admin (or
// refuses when nobody can be asked). With a control token the application cannot even act as the person at the UI.
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient, startMockQb } from '../../../mock-qb/index.js';
import {
  ACME,
  ADMIN_SINGLE_USER,
  APP,
  CERT_SUBJECT,
  COMPANY_DIR,
  HOST,
  connect,
  expectComError,
  inBackground,
  oneMachineWorld,
  startMock,
  waitForDialog,
  type Mock,
} from '../mock-qb/support.js';

/** Sends a raw request; answers status and JSON body (whatever it is). */
async function raw(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

/** The app's grant on Acme, if the Integrated Applications list has it. */
async function grantOf(mock: Mock, appName: string): Promise<unknown> {
  const file = (await mock.state()).files.find((f) => f.path === ACME);
  return file?.integratedApps?.apps.find((a) => a.appName === appName);
}

test('an application never authorized cannot use the control API or the bridge to get past the gate', async () => {
  // The Admin is at the UI with Acme open multi-user: a first access cannot be asked (0x80040418).
  await using mock = await startMock(
    oneMachineWorld({
      seed: 'gate-skip',
      ui: { running: true, open: { ...ADMIN_SINGLE_USER.open!, mode: 'multi-user' } },
    }),
  );
  const control = `${mock.url}/__qbd`;
  const ui = `${control}/hosts/${HOST}/ui`;
  const before = await grantOf(mock, APP);
  expect(before).toBeUndefined();

  const attempts: { name: string; run: () => Promise<{ status: number }> }[] = [
    {
      name: 'grant itself in Properties',
      run: () =>
        raw(`${ui}/edit-app-properties`, 'POST', {
          appName: APP,
          allowAccess: true,
          autoLogin: true,
          loginAs: 'Admin',
          personalData: true,
        }),
    },
    {
      name: 'answer a certificate dialog nobody showed',
      run: () => raw(`${ui}/answer-certificate-dialog`, 'POST', { choice: 'always', loginAs: 'Admin', done: true }),
    },
    { name: 'confirm a certificate dialog', run: () => raw(`${ui}/confirm-certificate-dialog`, 'POST', {}) },
    { name: 'allow a prompt', run: () => raw(`${ui}/answer-access-prompt`, 'POST', { allow: true }) },
    { name: 'unknown UI action "grant"', run: () => raw(`${ui}/grant`, 'POST', { appName: APP }) },
    { name: 'unknown UI action "authorize-app"', run: () => raw(`${ui}/authorize-app`, 'POST', { appName: APP }) },
    {
      name: 'restore a forged snapshot',
      run: () => raw(`${control}/restore`, 'POST', { snapshotId: 'forged', apps: [{ appName: APP }] }),
    },
    {
      name: 'a new company file carrying a grant',
      run: () =>
        raw(`${control}/hosts/${HOST}/files`, 'POST', {
          path: `${COMPANY_DIR}\\Forged.QBW`,
          companyName: 'Forged',
          integratedApps: { apps: [{ appName: APP, allowAccess: true, autoLogin: true }] },
        }),
    },
    {
      name: 'a grant route',
      run: () => raw(`${control}/hosts/${HOST}/apps`, 'POST', { appName: APP, allowAccess: true }),
    },
    { name: 'a gate switch', run: () => raw(`${control}/hosts/${HOST}/gate`, 'POST', { enabled: false }) },
  ];
  for (const attempt of attempts) {
    const res = await attempt.run();
    // Refused as the UI refuses (409), or the simulator's own 4xx, or accepted without any grant (the forged file).
    expect([201, 400, 404, 409], attempt.name).toContain(res.status);
    expect(await grantOf(mock, APP), attempt.name).toBeUndefined();
  }
  const forged = (await mock.state()).files.find((f) => f.path.endsWith('Forged.QBW'));
  expect(forged?.integratedApps?.apps ?? []).toEqual([]);

  // The bridge: extra fields claiming trust, on the processor and on BeginSession, and odd headers.
  const created = await raw(`${mock.url}/qbxmlrp2/processors`, 'POST', {
    certificate: { subject: CERT_SUBJECT, status: 'valid' },
    authorized: true,
    skipAuthorization: true,
    trusted: true,
  });
  expect(created.status).toBe(201);
  const processor = `${mock.url}/qbxmlrp2/processors/${encodeURIComponent(String(created.body['processorId']))}`;
  expect((await raw(`${processor}/OpenConnection2`, 'POST', { appID: '', appName: APP, connType: 1 })).status).toBe(
    200,
  );
  const begin = await raw(
    `${processor}/BeginSession`,
    'POST',
    { qbFileName: '', reqFileMode: 2, authorized: true, allowAccess: true, bypassGate: true },
    { 'x-qbd-authorized': 'true', 'x-qbd-sim-bypass': '1' },
  );
  expect(begin.status).toBe(422);
  expect(begin.body['hresult']).toBe('0x80040418');

  // And the plain way still fails the same: nothing above changed the gate.
  const plain = await connect(mock);
  await expectComError(plain.BeginSession('', 'qbFileOpenDoNotCare'), '0x80040418');
  expect(await grantOf(mock, APP)).toBeUndefined();
});

test('with a control token the application cannot answer its own certificate dialog', async () => {
  const TOKEN = 'gate-token-7d1e0c';
  const handle = await startMockQb({
    world: oneMachineWorld({ seed: 'gate-token' }),
    seed: 'gate-token',
    controlToken: TOKEN,
  });
  onTestFinished(() => handle.stop());
  const person = new ControlClient(handle.url, { token: TOKEN });
  const mock: Mock = {
    seed: 'gate-token',
    handle,
    url: handle.url,
    control: person,
    ui: person.ui(HOST),
    state: () => person.hostState(HOST),
    [Symbol.asyncDispose]: () => handle.stop(),
  };
  const rp = await connect(mock);
  const begin = inBackground(rp.BeginSession('', 'qbFileOpenDoNotCare'));
  await waitForDialog(mock, 'certificate');

  // The application, without the token, tries to click "Yes, always" itself.
  const self = await raw(`${handle.url}/__qbd/hosts/${HOST}/ui/answer-certificate-dialog`, 'POST', {
    choice: 'always',
    loginAs: 'Admin',
    done: true,
  });
  expect(self.status).toBe(401);
  expect(self.body['code']).toBe('QBDSIM_ERR_UNAUTHORIZED');
  expect((await mock.state()).dialogs.some((d) => d.kind === 'certificate')).toBe(true);

  // The person at QuickBooks says No.
  await mock.ui.answerCertificateDialog({ choice: 'no' });
  await expectComError(begin, '0x80040420');
});
