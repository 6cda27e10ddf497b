// The fake Web Connector through the control API (`/__qbd/webconnector/{host}/…`) and its typed client: what the
// scenario runner's `webconnector` actor and the dashboard use.
import { expect, test } from 'vitest';
import {
  ControlClient,
  QbwcError,
  WebConnectorRegistry,
  startMockQb,
  type HostWebConnectorClient,
  type MockQbHandle,
} from '../../../mock-qb/index.js';
import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';
import { startQbwcService, type QbwcTestService, type ServiceScript } from './qbwc-test-service.js';
import { APP_NAME, FILE_ID, HOST, PASSWORD, qbxml, qwcXml, webConnectorWorld } from './support.js';

interface Served {
  mock: MockQbHandle;
  control: ControlClient;
  qbwc: HostWebConnectorClient;
  service: QbwcTestService;
  [Symbol.asyncDispose](): Promise<void>;
}

async function serve(seed: string, script: ServiceScript = {}): Promise<Served> {
  const mock = await startMockQb({ world: webConnectorWorld(seed), seed });
  const control = new ControlClient(mock.url);
  const service = await startQbwcService(script);
  return {
    mock,
    control,
    qbwc: control.webConnector(HOST),
    service,
    async [Symbol.asyncDispose]() {
      WebConnectorRegistry.of(mock.processors).closeAll();
      await service.close();
      await mock.stop();
    },
  };
}

/** Adds through the route while the person at QuickBooks answers the certificate dialog through the UI route. */
async function addThroughRoutes(s: Served, qwc = qwcXml(s.service.url)) {
  const adding = s.qbwc.addApplication(qwc);
  adding.catch(() => undefined);
  for (let i = 0; i < 400; i++) {
    if ((await s.control.hostState(HOST)).dialogs.some((d) => d.kind === 'certificate')) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await s.control
    .ui(HOST)
    .answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  return adding;
}

test('add (the .qwc as XML), password, update, list and log through the control API', async () => {
  let sent = 0;
  await using s = await serve('routes-main', {
    sendRequestXML: () => (sent++ === 0 ? qbxml('<HostQueryRq/>') : ''),
    receiveResponseXML: () => 100,
    closeConnection: () => 'Sync complete',
  });
  const app = await addThroughRoutes(s);
  expect(app).toMatchObject({ appName: APP_NAME, hasPassword: false, qwc: { FileID: FILE_ID } });
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  const result = await s.qbwc.update(APP_NAME);
  expect(result).toMatchObject({ appName: APP_NAME, outcome: 'ok', status: 'Sync complete', requests: 1 });
  const apps = await s.qbwc.applications();
  expect(apps).toEqual([expect.objectContaining({ appName: APP_NAME, hasPassword: true, status: 'Sync complete' })]);
  expect(JSON.stringify(apps)).not.toContain(PASSWORD);
  const log = await s.qbwc.log();
  expect(log.level).toBe('VERBOSE');
  expect(log.text).toContain('<password=<MaskedForSecurity>');
  expect(log.text).not.toContain(PASSWORD);
  expect(log.lines[0]).toBe('Log file initialized at Friday, March 1, 2024 - 03:00 PM UTC');
  expect(log.lines).toContain('Timestamp format used: YYYYMMDD.HH:MM:SS UTC');
  expect(log.text).toMatch(
    /\r\n20240301\.15:00:00 UTC\t: QBWebConnector\.RegistryManager\.setUpdateLock\(\) : \*{21} Update session locked \*{21}\r\n/,
  );
  const journal = await s.control.journal({ actor: 'qbwc' });
  expect(journal.map((e) => e.kind)).toEqual(
    expect.arrayContaining([
      'qbwc.add-application',
      'qbwc.password',
      'qbwc.update-start',
      'qbwc.soap',
      'qbwc.update-end',
    ]),
  );
  expect(JSON.stringify(journal)).not.toContain(PASSWORD);
});

test('a QBWC error dialog answers 422 and the client throws QbwcError with its lines', async () => {
  await using s = await serve('routes-1051');
  const outcome = await s.qbwc
    .addApplication(
      qwcXml(s.service.url, { AppURL: 'http://qbwc.example.com/qbwc', AppSupport: 'http://qbwc.example.com/' }),
    )
    .catch((e: unknown) => e);
  expect(outcome).toBeInstanceOf(QbwcError);
  expect((outcome as QbwcError).code).toBe('QBWC1051');
  expect((outcome as QbwcError).lines).toEqual([
    `The application ${APP_NAME} service URL is not on a secure (https) server.`,
    'QBWC1051: The new applicaiton was not added.',
  ]);
  const raw = await fetch(`${s.mock.url}/__qbd/webconnector/${HOST}/apps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qwc: '<QBWCXML/>' }),
  });
  expect(raw.status).toBe(422);
  expect(await raw.json()).toMatchObject({ qbwcCode: 'QBWC1039' });
});

test('Update Selected: none selected is QBWC1016; an app that fails is listed under QBWC1017; unknown apps are 404', async () => {
  await using s = await serve('routes-selected', { authenticate: (u) => (u === 'good' ? ['T', 'none'] : ['', 'nvu']) });
  await addThroughRoutes(s, qwcXml(s.service.url, { AppName: 'Good App', UserName: 'good' }));
  await addThroughRoutes(
    s,
    qwcXml(s.service.url, {
      AppName: 'Bad App',
      UserName: 'bad',
      OwnerID: '{11111111-2222-4333-8444-555555555555}',
      FileID: '{66666666-7777-4888-9999-000000000000}',
    }),
  );
  await s.qbwc.setPassword('Good App', 'x');
  await s.qbwc.setPassword('Bad App', 'y');
  const none = await s.qbwc.updateSelected([]).catch((e: unknown) => e);
  expect(none).toBeInstanceOf(QbwcError);
  expect((none as QbwcError).lines).toEqual(['QBWC1016: No application was selected for update.']);
  const both = await s.qbwc.updateSelected(['Good App', 'Bad App']);
  expect(both.results.map((r) => [r.appName, r.outcome])).toEqual([
    ['Good App', 'no-data'],
    ['Bad App', 'invalid-user'],
  ]);
  expect(both).toMatchObject({
    qbwcCode: 'QBWC1017',
    lines: ['QBWC1017: The following applications could not be updated.', 'Bad App'],
  });
  const unknown = await s.qbwc.update('Nope').catch((e: unknown) => e);
  expect(unknown).toBeInstanceOf(QbdSimError);
  expect((unknown as QbdSimError).code).toBe('QBDSIM_ERR_UNKNOWN_APP');
  await s.qbwc.removeApplication('Bad App');
  expect((await s.qbwc.applications()).map((a) => a.appName)).toEqual(['Good App']);
});

test('Auto-Run on the host clock: one update per interval; postpone moves the next one', async () => {
  let auth = 0;
  await using s = await serve('routes-autorun', {
    authenticate: () => (auth++ === 0 ? ['T1', 'none', '300'] : ['T2', 'none']),
  });
  await addThroughRoutes(s);
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  const on = await s.qbwc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 1 });
  expect(on).toMatchObject({ autoRun: true, intervalSeconds: 60, nextRunAt: '2024-03-01T15:01:00.000Z' });
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 20));
    await WebConnectorRegistry.of(s.mock.processors).get(HOST).whenIdle();
  };
  await s.control.advanceClock(HOST, 59_000);
  await settle();
  expect(s.service.operations().filter((o) => o === 'authenticate')).toHaveLength(0);
  await s.control.advanceClock(HOST, 1_000);
  await settle();
  // The first update answered "postpone 300 s": the next one is at 15:06, not 15:02.
  const app = (await s.qbwc.applications())[0]!;
  expect(app).toMatchObject({
    lastResult: { trigger: 'scheduled', outcome: 'no-data', postponeSeconds: 300 },
    nextRunAt: '2024-03-01T15:06:00.000Z',
  });
  await s.control.advanceClock(HOST, 240_000);
  await settle();
  expect(s.service.operations().filter((o) => o === 'authenticate')).toHaveLength(1);
  await s.control.advanceClock(HOST, 60_000);
  await settle();
  expect(s.service.operations().filter((o) => o === 'authenticate')).toHaveLength(2);
  expect((await s.qbwc.applications())[0]!.nextRunAt).toBe('2024-03-01T15:07:00.000Z');
  await s.qbwc.setAutoRun(APP_NAME, { enabled: false });
  await s.control.advanceClock(HOST, 600_000);
  await settle();
  expect(s.service.operations().filter((o) => o === 'authenticate')).toHaveLength(2);
});
