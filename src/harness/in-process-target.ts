import {
  ControlClient,
  startMockQb,
  type HostState,
  type JournalEntry,
  type MockQbHandle,
  type WorldSpec,
} from '../../mock-qb/index.js';
import {
  type CloudAdminClient,
  createCloudFetch,
  startCloudServer,
  type CloudFetchHandle,
  type CloudServerHandle,
} from '../cloud/index.js';
import type { TranscriptSink } from '../protocol/transcript-format.js';
import { ChangeSignal } from './change-signal.js';
import { inspectorQuery } from './inspector-query.js';

/** Options of {@link InProcessTarget.start}. */
export interface InProcessTargetOptions {
  /** The QuickBooks world (mock-qb's world spec). Its `seed` and `clock` are set from `seed` and `'manual'`. */
  world: WorldSpec;
  /** Seeds the mock's ids and tickets and the cloud's ids and keys: the same seed, the same run. */
  seed: string;
  /**
   * `served`: the cloud listens on a loopback port (a connector in its own process reaches it over HTTP);
   * `in-process`: the cloud answers through a `fetch` of its own ({@link InProcessTarget.cloudFetch}), in this process.
   */
  cloud: 'served' | 'in-process';
  /** Receives every bridge call and control-API change (a transcript recorder). */
  transcript?: TranscriptSink;
}

/**
 * Where a scenario runs: the fake QuickBooks (`startMockQb`, every host on a manual clock) and the fake AP cloud,
 * both in this process. Dispose (`stop()` or `await using`) to free both.
 */
export class InProcessTarget {
  /** The control API (UI actions, faults, clock, state, journal, Web Connectors). */
  readonly control: ControlClient;
  /** The cloud's admin API (companies, keys, vendors, bills, payments, state). */
  readonly cloudAdmin: CloudAdminClient;
  /** Notified on every journal entry of the mock. */
  readonly changes = new ChangeSignal();
  readonly #mock: MockQbHandle;
  readonly #cloud: CloudServerHandle | CloudFetchHandle;
  readonly #transcript: TranscriptSink | undefined;

  private constructor(
    mock: MockQbHandle,
    cloud: CloudServerHandle | CloudFetchHandle,
    transcript: TranscriptSink | undefined,
  ) {
    this.#mock = mock;
    this.#cloud = cloud;
    this.#transcript = transcript;
    this.control = new ControlClient(mock.url);
    this.cloudAdmin = cloud.admin;
    this.#unsubscribe = mock.world.journal.subscribe(() => this.changes.notify());
  }
  readonly #unsubscribe: () => void;

  /** Starts the mock (manual clock, seeded) and the cloud. */
  static async start(opts: InProcessTargetOptions): Promise<InProcessTarget> {
    const world: WorldSpec = { ...opts.world, seed: opts.seed, clock: 'manual' };
    const mock = await startMockQb({
      world,
      seed: opts.seed,
      ...(opts.transcript ? { transcript: opts.transcript } : {}),
    });
    try {
      const cloud =
        opts.cloud === 'served' ? await startCloudServer({ seed: opts.seed }) : createCloudFetch({ seed: opts.seed });
      return new InProcessTarget(mock, cloud, opts.transcript);
    } catch (error) {
      await mock.stop();
      throw error;
    }
  }

  /** The mock's base URL (what a connector's `--bridge` takes; the RP2 bridge is under `/qbxmlrp2`). */
  get mockUrl(): string {
    return this.#mock.url;
  }
  /** The cloud's URL (served) or origin (in process). */
  get cloudUrl(): string {
    return 'url' in this.#cloud ? this.#cloud.url : this.#cloud.origin;
  }
  /** The in-process cloud's `fetch` (for a connector in this process); undefined when the cloud is served. */
  get cloudFetch(): typeof fetch | undefined {
    return 'fetch' in this.#cloud ? this.#cloud.fetch : undefined;
  }
  /** The ids of the QuickBooks hosts, in the world's order. */
  get hosts(): string[] {
    return this.#mock.world.hosts().map((h) => h.id);
  }

  hostState(host: string): Promise<HostState> {
    return this.control.hostState(host);
  }

  /** Journal entries after `since` (a sequence number), oldest first. */
  journal(since = 0): Promise<JournalEntry[]> {
    return this.control.journal({ since, limit: 100_000 });
  }

  /** The sequence number of the newest journal entry (0 when empty). */
  journalLastSeq(): number {
    return this.#mock.world.journal.stats().lastSeq;
  }

  /** Moves every host's manual clock by `ms` (firing what falls due: schedules, expiries). */
  async advanceClock(ms: number, host?: string): Promise<void> {
    for (const id of host ? [host] : this.hosts) await this.control.advanceClock(id, ms);
  }

  /**
   * Runs qbXML requests against a company file as an inspector outside the Integrated Applications list (its own
   * session, so grants and sessions the scenario checks stay the connector's alone). Returns the qbXML response.
   */
  queryQbxml(host: string, file: string, requestsXml: string): string {
    return inspectorQuery(this.#mock, host, file, requestsXml, this.#transcript);
  }

  async stop(): Promise<void> {
    this.#unsubscribe();
    await Promise.allSettled([this.#cloud.close(), this.#mock.stop()]);
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
