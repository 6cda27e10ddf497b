// Shared helpers for the connector's end-to-end tests: the fake QuickBooks (startMockQb, its control API and fake Web
// Connector), the AP cloud in process (msw), and the connector as a library object with a temporary state directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import {
  ControlClient,
  startMockQb,
  type Dialog,
  type DialogKind,
  type HostState,
  type HostUiClient,
  type MockQbHandle,
  type SessionInfo,
  type StartMockQbOptions,
  type WorldSpec,
} from '../../../mock-qb/index.js';
import type { CloudCompanyState } from '../../../src/protocol/ap-cloud-contract.js';
import { startCloudInProcess, type CloudInProcessHandle } from '../../../src/cloud/index.js';
import { ApConnector, type ApConnectorOptions, type StatusRecord } from '../../../src/connector/index.js';
import { qbxmlRequests } from '../../../src/connector/qbxml-requests.js';
import { childrenNamed, parseQbxmlResponse, type QbxmlRs } from '../../../src/connector/qbxml-response.js';
import type { XmlTreeElement } from '../../../src/protocol/xml-tree.js';

export const HOST = 'OFFICE-PC';
export const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
export const ACME = `${COMPANY_DIR}\\Acme Supplies.QBW`;
export const BETA = `${COMPANY_DIR}\\Beta Traders.QBW`;
export const APP = 'AP Connector';
export const OWNER_ID = '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}';

const USERS = [
  { name: 'Admin', password: 'admin', role: 'admin' as const },
  { name: 'Bookkeeper', password: 'books', role: 'all-areas' as const },
];

/** One machine with Acme (and Beta): by default Acme open single-user with the Admin logged in (flow B's start). */
export function connectorWorld(
  seed: string,
  opts: { withBeta?: boolean; ui?: WorldSpec['hosts'][number]['ui']; clockStart?: string } = {},
): WorldSpec {
  return {
    seed,
    // A manual host clock when the test moves QuickBooks' time (TimeModified, EditSequence); the connector keeps its own.
    ...(opts.clockStart ? { clock: 'manual' as const, clockStart: opts.clockStart } : { clock: 'system' as const }),
    hosts: [
      {
        id: HOST,
        product: 'pro-2014',
        timeZone: 'America/New_York',
        companyFiles: [
          { path: ACME, companyName: 'Acme Supplies', users: USERS },
          ...(opts.withBeta ? [{ path: BETA, companyName: 'Beta Traders', users: USERS }] : []),
        ],
        ui: opts.ui ?? { running: true, open: { path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' } },
      },
    ],
  };
}

/** A started fake QuickBooks with its control plane; dispose to stop. */
export interface Mock {
  handle: MockQbHandle;
  control: ControlClient;
  ui: HostUiClient;
  state(): Promise<HostState>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startMock(world: WorldSpec, opts: Omit<StartMockQbOptions, 'world'> = {}): Promise<Mock> {
  const handle = await startMockQb({ world, ...(world.seed !== undefined ? { seed: world.seed } : {}), ...opts });
  const control = new ControlClient(handle.url);
  return {
    handle,
    control,
    ui: control.ui(HOST),
    state: () => control.hostState(HOST),
    [Symbol.asyncDispose]: () => handle.stop(),
  };
}

/** The cloud in process (msw): the connector's fetches to its origin are answered here, loopback passes through. */
export function startCloud(seed: string): CloudInProcessHandle {
  return startCloudInProcess({ seed });
}

/** A connector with a fresh state directory, its status lines and diagnostics collected. */
export interface TestConnector {
  connector: ApConnector;
  stateDir: string;
  lines: string[];
  logs: string[];
  /** The statuses of a company file in order (this run). */
  statuses(company?: string): string[];
  records(company?: string): StatusRecord[];
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startConnector(
  opts: Omit<ApConnectorOptions, 'stateDir'> & { stateDir?: string },
): Promise<TestConnector> {
  const stateDir = opts.stateDir ?? mkdtempSync(path.join(tmpdir(), 'ap-connector-'));
  const lines: string[] = [];
  const logs: string[] = [];
  const connector = await ApConnector.start({
    ...opts,
    stateDir,
    output: (line) => lines.push(line),
    log: (line) => logs.push(line),
  });
  const records = (company?: string) => connector.status.history(company);
  return {
    connector,
    stateDir,
    lines,
    logs,
    records,
    statuses: (company) => records(company).map((r) => r.status),
    [Symbol.asyncDispose]: async () => {
      await connector.stop(2_000);
      if (!opts.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/**
 * The common start of a sync test: the cloud company "Acme Supplies" with a new key, an RP2 connector
 * (no cycle on start) given the key, its first cycle authorized "Yes, always" by the Admin and ok.
 */
export async function startAuthorizedRp2Connector(
  mock: Mock,
  cloud: CloudInProcessHandle,
): Promise<TestConnector & { companyId: string }> {
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  const t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
    runOnStart: false,
  });
  const first = t.connector.setToken(ACME, (await cloud.admin.getNewKey(companyId)).tokenKey);
  await authorizeAlways(mock);
  expect(await first).toEqual(['ok']);
  return Object.assign(t, { companyId });
}

/** Waits until a company file's status (this run) becomes `status` after `from` records (bounded). */
export async function waitForStatus(
  t: TestConnector,
  company: string,
  status: string,
  opts: { from?: number; timeoutMs?: number } = {},
): Promise<StatusRecord> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  for (;;) {
    const found = t
      .records(company)
      .slice(opts.from ?? 0)
      .find((r) => r.status === status);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(
        `no "${status}" for ${company}; statuses: ${JSON.stringify(t.records(company))}\n${t.logs.join('\n')}`,
      );
    }
    await sleep(10);
  }
}

/** Polls the host until a dialog of `kind` shows (a BeginSession is waiting on a person). */
export async function waitForDialog(mock: Mock, kind: DialogKind, timeoutMs = 10_000): Promise<Dialog> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const dialog = (await mock.state()).dialogs.find((d) => d.kind === kind);
    if (dialog) return dialog;
    if (Date.now() > deadline) throw new Error(`no "${kind}" dialog showed on ${HOST}`);
    await sleep(10);
  }
}

/** Flow B step 3–4: "Yes, always", login as Admin, personal data, Continue, Done. */
export async function authorizeAlways(mock: Mock): Promise<void> {
  await waitForDialog(mock, 'certificate');
  await mock.ui.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
}

/** The Integrated Applications entry of an application in a company file (control state), or undefined. */
export async function grantOf(mock: Mock, company: string, appName: string) {
  const file = (await mock.state()).files.find((f) => f.path.toLowerCase() === company.toLowerCase());
  return file?.integratedApps?.apps.find((a) => a.appName === appName);
}

/**
 * Reads QuickBooks data with qbXML, as an inspector outside the Integrated Applications list: the mock's request
 * processor with a session of its own (so the grants a test asserts are the connector's alone).
 */
export function qbQuery(mock: Mock, company: string, requests: string[]): QbxmlRs[] {
  const host = mock.handle.world.host(HOST);
  const session: SessionInfo = {
    ticket: 'inspector',
    processorId: 'inspector',
    appName: 'qbd-sim test inspector',
    filePath: company,
    mode: 'single-user',
    user: 'Admin',
    isAutomaticLogin: false,
    prefsObeyed: true,
    startedAt: 0,
  };
  const xml = mock.handle.processors.qbxml.process(
    host,
    session,
    qbxmlRequests.set('13.0', 'continueOnError', requests),
  );
  return parseQbxmlResponse(xml);
}

/** Every Ret of `retName` a query answered. */
export function rets(rs: QbxmlRs[], retName: string): XmlTreeElement[] {
  return rs.flatMap((r) => childrenNamed(r.el, retName));
}

/** The cloud's state of one company. */
export async function cloudState(cloud: CloudInProcessHandle, companyId: string): Promise<CloudCompanyState> {
  return cloud.admin.companyState(companyId);
}

/** Expects `actual` to hold `expected` as a subsequence (in order, others may come between). */
export function expectInOrder(actual: readonly string[], expected: readonly string[]): void {
  let i = 0;
  for (const a of actual) if (a === expected[i]) i++;
  expect(i, `expected ${JSON.stringify(expected)} in order within ${JSON.stringify(actual)}`).toBe(expected.length);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
