// Shared helpers for the fake Web Connector tests: a one-machine world on a manual clock, a Web Connector driving a
// `soap` service on 127.0.0.1, `.qwc` files, and the person at QuickBooks answering the certificate dialog.
import { expect } from 'vitest';
import type { WorldSpec } from '../../../mock-qb/engine/world-spec.js';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import type { QbHost } from '../../../mock-qb/engine/qb-host.js';
import type { QbWorld } from '../../../mock-qb/engine/qb-world.js';
import type { ManualClock } from '../../../mock-qb/engine/clock.js';
import type { JournalEntry } from '../../../mock-qb/engine/journal.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import { WebConnector } from '../../../mock-qb/web-connector/web-connector.js';
import type { QwcAppState, WebConnectorOptions } from '../../../mock-qb/web-connector/web-connector-types.js';
import { startQbwcService, type QbwcTestService, type ServiceScript } from './qbwc-test-service.js';

export const HOST = 'OFFICE-PC';
export const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
export const ACME = `${COMPANY_DIR}\\Acme Supplies.QBW`;
export const BETA = `${COMPANY_DIR}\\Beta Traders.QBW`;
export const OWNER_ID = '{57F3B9B6-86F1-4FCD-B1EF-166DE1813D20}';
export const FILE_ID = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';
export const APP_NAME = 'AP Sync Web';
export const USER_NAME = 'acme-sync';
export const PASSWORD = 's3cret-Pa55';
export const CLOCK_START = '2024-03-01T15:00:00Z';

/** Acme (and Beta) with Admin and Bookkeeper; Acme open single-user as Admin; a manual clock. */
export function webConnectorWorld(
  seed: string,
  opts: { withBeta?: boolean; ui?: WorldSpec['hosts'][number]['ui'] } = {},
): WorldSpec {
  const users = [
    { name: 'Admin', password: 'admin', role: 'admin' as const },
    { name: 'Bookkeeper', password: 'books', role: 'all-areas' as const },
  ];
  return {
    seed,
    clock: 'manual',
    clockStart: CLOCK_START,
    hosts: [
      {
        id: HOST,
        product: 'pro-2014',
        companyFiles: [
          { path: ACME, companyName: 'Acme Supplies', users },
          ...(opts.withBeta ? [{ path: BETA, companyName: 'Beta Traders', users }] : []),
        ],
        ui: opts.ui ?? { running: true, open: { path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' } },
      },
    ],
  };
}

/** A `.qwc` for a service URL; `overrides` replace or add elements (`null` leaves one out). */
export function qwcXml(url: string, overrides: Record<string, string | null> = {}): string {
  const supportUrl = new URL(url);
  supportUrl.pathname = '/support';
  const elements: Record<string, string | null> = {
    AppName: APP_NAME,
    AppID: '',
    AppURL: url,
    AppDescription: 'Syncs bills and vendors',
    AppSupport: supportUrl.href,
    UserName: USER_NAME,
    OwnerID: OWNER_ID,
    FileID: FILE_ID,
    QBType: 'QBFS',
    ...overrides,
  };
  const body = Object.entries(elements)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => (v.startsWith('<') ? `  <${k}>${v}</${k}>` : `  <${k}>${escape(v)}</${k}>`))
    .join('\n');
  return `<?xml version="1.0"?>\n<QBWCXML>\n${body}\n</QBWCXML>\n`;
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An in-process world with one Web Connector and a `soap` service. Dispose it to stop both. */
export interface Bench {
  seed: string;
  world: QbWorld;
  host: QbHost;
  clock: ManualClock;
  processors: ProcessorRegistry;
  wc: WebConnector;
  service: QbwcTestService;
  /** The journal entries of the fake QBWC (actor `qbwc`). */
  qbwcJournal(): JournalEntry[];
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startBench(
  seed: string,
  script: ServiceScript = {},
  opts: { world?: WorldSpec; wc?: WebConnectorOptions } = {},
): Promise<Bench> {
  const world = buildWorld(opts.world ?? webConnectorWorld(seed));
  const host = world.host(HOST);
  const processors = new ProcessorRegistry(world);
  const wc = new WebConnector(processors, { host: HOST, ...opts.wc });
  const service = await startQbwcService(script);
  return {
    seed,
    world,
    host,
    clock: host.clock as ManualClock,
    processors,
    wc,
    service,
    qbwcJournal: () => world.journal.list({ actor: 'qbwc' }),
    async [Symbol.asyncDispose]() {
      wc.close();
      await service.close();
      processors.releaseAll();
      world.close();
    },
  };
}

/** Waits (bounded) until the host shows a dialog of that kind. */
export async function waitForDialog(host: QbHost, kind: 'certificate' | 'access-prompt' | 'login'): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (host.dialogs.some((d) => d.kind === kind)) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no "${kind}" dialog showed on ${host.id} within 2 s`);
}

/** Adds the application; the Admin answers the certificate dialog "Yes, always" (login as Admin, personal data). */
export async function addAuthorized(b: Bench, qwc: string = qwcXml(b.service.url)): Promise<QwcAppState> {
  const adding = b.wc.addApplication(qwc);
  adding.catch(() => undefined);
  await waitForDialog(b.host, 'certificate');
  b.host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  return adding;
}

/** Adds, authorizes and sets the password: ready to update. */
export async function readyApp(b: Bench, qwc?: string): Promise<QwcAppState> {
  const app = await addAuthorized(b, qwc);
  b.wc.setPassword(app.appName, PASSWORD);
  return app;
}

/** Waits (bounded) until the fake QBWC journaled an entry of that kind after `sinceSeq`. */
export async function waitForJournal(b: Bench, kind: string, sinceSeq = 0): Promise<JournalEntry> {
  for (let i = 0; i < 400; i++) {
    const e = b.world.journal.list({ since: sinceSeq, actor: 'qbwc' }).find((x) => x.kind === kind);
    if (e) return e;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`no "${kind}" journal entry within 2 s (seed ${b.seed})`);
}

/** A Company data extension of the app's owner, read from the company store (what QuickBooks holds). */
export function companyExt(b: Bench, name: string, path = ACME): string | undefined {
  return b.host.companyStore(path).getDataExt({ ownerId: OWNER_ID, objectType: 'Company', objectId: '', name })?.value;
}

/** A qbXML request set in 13.0. */
export function qbxml(requests: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${requests}</QBXMLMsgsRq></QBXML>`;
}

/** Asserts the QWCLog never shows the password. */
export function expectNoPassword(text: string): void {
  expect(text).not.toContain(PASSWORD);
}
