import { rmSync } from 'node:fs';
import {
  ControlClient,
  startMockQb,
  type HostSnapshot,
  type MockQbHandle,
  type QbHost,
  type SessionInfo,
} from '../../../mock-qb/index.js';
import { createCloudFetch, startCloudServer } from '../../cloud/index.js';
import { makeScratchDir } from '../../harness/index.js';
import type { CloudAdminClient } from '../../cloud/index.js';
import { ApConnector, type ApConnectorOptions, type CycleOutcome } from '../../connector/index.js';
import { parseQbxmlResponse, type QbxmlRs } from '../../connector/qbxml-response.js';

export const SYNC_HOST = 'OFFICE-PC';
export const SYNC_COMPANY = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW';
export const SYNC_OWNER_ID = '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}';

/** The world of the sync properties: Acme open single-user as Admin, QuickBooks' clock manual (moved by the run). */
export const SYNC_WORLD = {
  clock: 'manual' as const,
  clockStart: '2024-07-01T13:00:00Z',
  hosts: [
    {
      id: SYNC_HOST,
      product: 'pro-2014' as const,
      timeZone: 'America/New_York',
      companyFiles: [
        {
          path: SYNC_COMPANY,
          companyName: 'Acme Supplies',
          users: [
            { name: 'Admin', password: 'admin', role: 'admin' as const },
            { name: 'Bookkeeper', password: 'books', role: 'all-areas' as const },
          ],
        },
      ],
      ui: {
        running: true,
        open: { path: SYNC_COMPANY, mode: 'single-user' as const, user: 'Admin', password: 'admin' },
      },
    },
  ],
};

/** The scenario steps that set up a run as {@link SyncBench.beginRun} does (for counterexample scenarios). */
export const SYNC_RUN_PRELUDE = [
  '- { cloud: create-vendor, name: Vendor 0, phone: 555-0100 }',
  '- cloud: new-key',
  '- connector: token',
  '- { qb: answer-certificate-dialog, choice: always, loginAs: Admin, personalData: true, done: true }',
  '- { expect: status, is: Connected to Server }',
];

/** What the sync property does after the commands ({@link runToQuiet}), as scenario steps. */
export const SYNC_RUN_EPILOGUE = [
  '- connector: sync-now   # the last sync with the faults still armed',
  '# then faults stop: disarmed, windows closed (qb: dismiss-dialog), records released (qb: unlock-record)',
  '- connector: sync-now',
  '- connector: sync-now   # syncs until two in a row are ok; then QuickBooks and the cloud must agree',
];

/** The fake AP cloud of a bench: where the connector reaches it, its admin API, how to stop it. */
export interface BenchCloud {
  readonly origin: string;
  readonly admin: CloudAdminClient;
  /** In process: the `fetch` the connector's cloud requests go through (served: the network). */
  readonly fetch?: typeof fetch;
  close(): Promise<void>;
}

/** What the sync properties need of a connector: the reference one, or a copy with a bug planted in it. */
export interface SyncConnector {
  setToken(company: string, tokenKey: string): Promise<CycleOutcome[]>;
  syncNow(company?: string): Promise<CycleOutcome[]>;
  stop(graceMs?: number): Promise<void>;
}

/** Starts a connector (RP2, no control port, no cycle at start). */
export type SyncConnectorFactory = (opts: ApConnectorOptions) => Promise<SyncConnector>;

export const referenceConnector: SyncConnectorFactory = (opts) => ApConnector.start(opts);

/**
 * The fake QuickBooks, the fake AP cloud (in process) and a connector, reused across property runs: each run starts
 * from the same QuickBooks (a host snapshot taken once the application was authorized "Yes, always") and an empty
 * cloud company with a new key, with a fresh connector state directory.
 */
export class SyncBench {
  readonly mock: MockQbHandle;
  readonly control: ControlClient;
  readonly cloud: BenchCloud;
  readonly host: QbHost;
  readonly factory: SyncConnectorFactory;
  readonly pageSize: number | undefined;
  #baseline: HostSnapshot | undefined;
  #runPageSize: number | undefined;
  connector: SyncConnector | undefined;
  stateDir = '';
  companyId = '';
  /** Vendors the run starts with (in the cloud and, after the first sync, in QuickBooks). */
  initialVendors: { name: string; cloudId: string }[] = [];

  private constructor(mock: MockQbHandle, cloud: BenchCloud, factory: SyncConnectorFactory, pageSize?: number) {
    this.mock = mock;
    this.control = new ControlClient(mock.url);
    this.cloud = cloud;
    this.host = mock.world.host(SYNC_HOST);
    this.factory = factory;
    this.pageSize = pageSize;
  }

  /**
   * `cloud: 'served'` serves the cloud over HTTP on loopback (for a connector in its own process); the default answers
   * it in this process (msw's handlers behind a `fetch` of its own), which is faster.
   */
  static async start(
    opts: { seed?: string; connector?: SyncConnectorFactory; pageSize?: number; cloud?: 'in-process' | 'served' } = {},
  ): Promise<SyncBench> {
    const seed = opts.seed ?? 'sync-properties';
    const mock = await startMockQb({ world: { ...SYNC_WORLD, seed }, seed });
    const cloud: BenchCloud =
      opts.cloud === 'served'
        ? await startCloudServer({ seed }).then((c) => ({ origin: c.url, admin: c.admin, close: () => c.close() }))
        : createCloudFetch({ seed });
    const bench = new SyncBench(mock, cloud, opts.connector ?? referenceConnector, opts.pageSize);
    // Authorize the application once ("Yes, always", login as Admin), then remember QuickBooks as it is.
    await bench.#newCompany();
    const first = bench.connector!.setToken(SYNC_COMPANY, await bench.#key());
    await bench.#answerCertificateDialog();
    const outcome = await first;
    if (outcome[0] !== 'ok') throw new Error(`the first sync failed: ${outcome.join(', ')}`);
    await bench.#stopConnector();
    bench.#baseline = bench.host.snapshot();
    return bench;
  }

  /**
   * A new run: QuickBooks as authorized, a new cloud company and key, a new connector that synced once. `pageSize`:
   * the connector's iterator page size for this run (default: the bench's).
   */
  async beginRun(opts: { pageSize?: number } = {}): Promise<void> {
    this.#runPageSize = opts.pageSize ?? this.pageSize;
    await this.#stopConnector();
    await this.control.clearFaults(SYNC_HOST);
    this.mock.processors.releaseAll();
    this.host.restore(this.#baseline!);
    await this.#newCompany();
    // One vendor both sides already know (entered by the run's first sync), so short runs reach edits on both sides.
    const { cloudId } = await this.cloud.admin.createVendor(this.companyId, { name: 'Vendor 0', phone: '555-0100' });
    this.initialVendors = [{ name: 'Vendor 0', cloudId }];
    const outcome = await this.connector!.setToken(SYNC_COMPANY, await this.#key());
    if (outcome[0] !== 'ok') throw new Error(`the first sync of a run failed: ${outcome.join(', ')}`);
  }

  /** Stops the connector and starts it again on the same state directory (its outbox and watermarks survive). */
  async restartConnector(): Promise<void> {
    await this.connector?.stop(2_000);
    this.connector = await this.factory(this.#options());
  }

  /** Moves QuickBooks' clock (the time a person takes): TimeModified and EditSequence of later edits move on. */
  tick(ms = 2_000): void {
    const clock = this.host.clock as { advance?: (ms: number) => void };
    clock.advance?.(ms);
  }

  /** Reads QuickBooks with qbXML as an inspector outside the Integrated Applications list. */
  query(requests: string): QbxmlRs[] {
    const session: SessionInfo = {
      ticket: 'inspector',
      processorId: 'inspector',
      appName: 'qbd-sim property inspector',
      filePath: SYNC_COMPANY,
      mode: 'single-user',
      user: 'Admin',
      isAutomaticLogin: false,
      prefsObeyed: true,
      startedAt: 0,
    };
    const xml = this.mock.processors.qbxml.process(
      this.host,
      session,
      `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">${requests}</QBXMLMsgsRq></QBXML>`,
    );
    return parseQbxmlResponse(xml);
  }

  async dispose(): Promise<void> {
    await this.#stopConnector();
    this.mock.processors.releaseAll();
    await this.mock.stop();
    await this.cloud.close();
  }

  #options(): ApConnectorOptions {
    return {
      stateDir: this.stateDir,
      transport: 'rp2',
      bridgeUrl: this.mock.url,
      cloudUrl: this.cloud.origin,
      ...(this.cloud.fetch ? { cloudFetch: this.cloud.fetch } : {}),
      companies: [SYNC_COMPANY],
      runOnStart: false,
      control: false,
      intervalMs: 3_600_000,
      ...((this.#runPageSize ?? this.pageSize) ? { pageSize: this.#runPageSize ?? this.pageSize } : {}),
      output: () => undefined,
      log: () => undefined,
    };
  }

  async #newCompany(): Promise<void> {
    await this.cloud.admin.reset();
    this.companyId = (await this.cloud.admin.createCompany('Acme Supplies')).companyId;
    this.stateDir = makeScratchDir('qbd-sync-prop-');
    this.connector = await this.factory(this.#options());
  }

  async #key(): Promise<string> {
    return (await this.cloud.admin.getNewKey(this.companyId)).tokenKey;
  }

  async #stopConnector(): Promise<void> {
    const c = this.connector;
    this.connector = undefined;
    if (c) await c.stop(2_000);
    if (this.stateDir) rmSync(this.stateDir, { recursive: true, force: true });
  }

  async #answerCertificateDialog(): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if (this.host.dialogs.some((d) => d.kind === 'certificate')) {
        this.host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
        return;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('the certificate dialog never showed');
  }
}
