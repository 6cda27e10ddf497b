// Mock snapshots (`POST /__qbd/snapshot`, `/restore`, `/reset`) cover the fake Web Connector: its applications,
// Auto-Run settings and schedule come back with QuickBooks' own state. Passwords are never in a snapshot.
import { expect, test } from 'vitest';
import {
  ControlClient,
  WebConnectorRegistry,
  startMockQb,
  type HostWebConnectorClient,
  type MockQbHandle,
} from '../../../mock-qb/index.js';
import { startQbwcService, type QbwcTestService } from './qbwc-test-service.js';
import { ACME, APP_NAME, FILE_ID, HOST, OWNER_ID, PASSWORD, qwcXml, webConnectorWorld } from './support.js';

interface Served {
  mock: MockQbHandle;
  control: ControlClient;
  qbwc: HostWebConnectorClient;
  service: QbwcTestService;
  settle(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

async function serve(seed: string): Promise<Served> {
  const mock = await startMockQb({ world: webConnectorWorld(seed), seed });
  const control = new ControlClient(mock.url);
  const service = await startQbwcService({ authenticate: () => ['T', 'none'] });
  return {
    mock,
    control,
    qbwc: control.webConnector(HOST),
    service,
    settle: () => WebConnectorRegistry.of(mock.processors).get(HOST).whenIdle(),
    async [Symbol.asyncDispose]() {
      await mock.stop(); // closes the Web Connectors too
      await service.close();
    },
  };
}

async function addThroughRoutes(s: Served): Promise<void> {
  const adding = s.qbwc.addApplication(qwcXml(s.service.url));
  adding.catch(() => undefined);
  for (let i = 0; i < 400; i++) {
    if ((await s.control.hostState(HOST)).dialogs.some((d) => d.kind === 'certificate')) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await s.control
    .ui(HOST)
    .answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await adding;
}

const authenticates = (s: Served) => s.service.operations().filter((o) => o === 'authenticate').length;

test('restore brings back the applications, Auto-Run and the schedule; a removed app comes back without its password', async () => {
  await using s = await serve('snap-restore');
  await addThroughRoutes(s);
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  await s.qbwc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 1 });
  const snapshotId = await s.control.snapshot();

  await s.qbwc.removeApplication(APP_NAME);
  expect(await s.qbwc.applications()).toEqual([]);
  await s.control.restore(snapshotId);

  const [app] = await s.qbwc.applications();
  expect(app).toMatchObject({
    appName: APP_NAME,
    companyFile: ACME,
    autoRun: true,
    intervalSeconds: 60,
    nextRunAt: '2024-03-01T15:01:00.000Z',
    hasPassword: false,
  });
  expect(app!.qwc).toMatchObject({ OwnerID: OWNER_ID, FileID: FILE_ID });
  // The schedule runs again: without a password the update is QBWC1030; with it, the service is called.
  await s.control.advanceClock(HOST, 60_000);
  await s.settle();
  expect((await s.qbwc.applications())[0]!.lastResult).toMatchObject({ trigger: 'scheduled', qbwcCode: 'QBWC1030' });
  expect(authenticates(s)).toBe(0);
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  await s.control.advanceClock(HOST, 60_000);
  await s.settle();
  expect((await s.qbwc.applications())[0]!.lastResult).toMatchObject({ trigger: 'scheduled', outcome: 'no-data' });
  expect(authenticates(s)).toBe(1);
});

test('an application still added keeps the password entered for it across a restore', async () => {
  await using s = await serve('snap-keep-password');
  await addThroughRoutes(s);
  const snapshotId = await s.control.snapshot();
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  await s.qbwc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 5 });
  await s.control.restore(snapshotId);
  // Auto-Run was off in the snapshot; the password typed since is still known (it is not part of any snapshot).
  expect((await s.qbwc.applications())[0]).toMatchObject({ autoRun: false, nextRunAt: null, hasPassword: true });
  await s.control.advanceClock(HOST, 600_000);
  await s.settle();
  expect(authenticates(s)).toBe(0);
  expect((await s.qbwc.update(APP_NAME)).outcome).toBe('no-data');
});

test('reset: no applications (and QuickBooks back to its built state, without the FileID stamp)', async () => {
  await using s = await serve('snap-reset');
  await addThroughRoutes(s);
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  await s.qbwc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 1 });
  await s.control.reset();
  expect(await s.qbwc.applications()).toEqual([]);
  await s.control.advanceClock(HOST, 120_000);
  await s.settle();
  expect(authenticates(s)).toBe(0);
  const file = (await s.control.hostState(HOST)).files.find((f) => f.path === ACME);
  expect(file?.integratedApps?.apps ?? []).toEqual([]);
});

test('a Web Connector snapshot holds the .qwc and the schedule, never the password', async () => {
  await using s = await serve('snap-no-password');
  await addThroughRoutes(s);
  await s.qbwc.setPassword(APP_NAME, PASSWORD);
  await s.qbwc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 1 });
  const snap = WebConnectorRegistry.of(s.mock.processors).get(HOST).snapshot();
  expect(snap).toMatchObject({ host: HOST, logLevel: 'VERBOSE', apps: [{ autoRun: true, intervalSeconds: 60 }] });
  expect(JSON.stringify(snap)).not.toContain(PASSWORD);
});
