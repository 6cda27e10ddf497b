import type { ControlClient, HostState, JournalEntry, WorldSpec } from '../../mock-qb/index.js';
import type { CloudAdminClient } from '../cloud/index.js';
import { QbdSimContainer, type StartedQbdSimContainer } from './qbd-sim-container.js';
import { ChangeSignal } from './change-signal.js';

/** Options of {@link ContainerTarget.start}. */
export interface ContainerTargetOptions {
  /** The QuickBooks world (mock-qb's world spec); every host runs on a manual clock, as in process. */
  world: WorldSpec;
  /** Seeds the mock's ids and tickets and the cloud's ids and keys. */
  seed: string;
  /** The image (default: the testcontainers module's default, `QBDSIM_IMAGE` or `qbd-sim:local`). */
  image?: string;
}

/**
 * Where a scenario runs when it runs in Docker: the fake QuickBooks and the fake AP cloud in a qbd-sim container
 * (the testcontainers module), reached only over HTTP. The same surface as `InProcessTarget` except that
 * qbXML inspection (`expect: qb`, `qb: edit-vendor`) needs the mock's request processor in this process: a scenario
 * that uses it fails with a message that says so. Dispose (`stop()` or `await using`) to remove the container.
 */
export class ContainerTarget {
  readonly control: ControlClient;
  readonly cloudAdmin: CloudAdminClient;
  readonly hosts: string[];
  /** Never notified: the container's journal is read over HTTP, so expectations poll on a timer. */
  readonly changes = new ChangeSignal();
  readonly #container: StartedQbdSimContainer;

  private constructor(container: StartedQbdSimContainer, hosts: string[]) {
    this.#container = container;
    this.control = container.control;
    this.cloudAdmin = container.cloudAdmin();
    this.hosts = hosts;
  }

  /** Starts a container with the world (manual clock) and the seed; resolves when it is healthy. */
  static async start(opts: ContainerTargetOptions): Promise<ContainerTarget> {
    const world: WorldSpec = { ...opts.world, seed: opts.seed, clock: 'manual' };
    const container = await new QbdSimContainer(...(opts.image ? [opts.image] : []))
      .withWorld(world)
      .withSeed(opts.seed)
      .withClock('manual')
      .start();
    return new ContainerTarget(
      container,
      world.hosts.map((h) => h.id),
    );
  }

  /** The mock's base URL as seen from this machine (what a connector's `--bridge` takes). */
  get mockUrl(): string {
    return this.#container.getBridgeUrl();
  }
  /** The cloud's URL as seen from this machine. */
  get cloudUrl(): string {
    return this.#container.getCloudUrl();
  }

  hostState(host: string): Promise<HostState> {
    return this.control.hostState(host);
  }

  /** Journal entries after `since` (a sequence number), oldest first. */
  journal(since = 0): Promise<JournalEntry[]> {
    return this.control.journal({ since, limit: 100_000 });
  }

  /** The sequence number of the newest journal entry (0 when empty), from the health route's journal figures. */
  async journalLastSeq(): Promise<number> {
    const health = (await this.control.health()) as { journal?: { lastSeq?: number } };
    if (typeof health.journal?.lastSeq === 'number') return health.journal.lastSeq;
    const entries = await this.journal(0);
    return entries.at(-1)?.seq ?? 0;
  }

  /** Moves every host's manual clock by `ms` (firing what falls due: schedules, expiries). */
  async advanceClock(ms: number, host?: string): Promise<void> {
    for (const id of host ? [host] : this.hosts) await this.control.advanceClock(id, ms);
  }

  /** Not available across the container boundary (see the class). */
  queryQbxml(host: string, file: string): Promise<string> {
    return Promise.reject(
      new Error(
        `reading QuickBooks data as an inspector (${host}, ${file}) needs the fake QuickBooks in this process: ` +
          'this step or expectation cannot run in a container target; run the scenario in process (the default).',
      ),
    );
  }

  async stop(): Promise<void> {
    await this.#container.stop();
  }
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
