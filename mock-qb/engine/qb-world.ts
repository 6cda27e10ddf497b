import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { IdSource } from './id-source.js';
import { Journal } from './journal.js';
import { QbHost, type HostSnapshot, type HostState, type QbHostOptions } from './qb-host.js';

/** Every host of a world at one moment. */
export interface WorldSnapshot {
  id: string;
  hosts: HostSnapshot[];
}

/**
 * The simulated machines of one mock: hosts by machine name (case-insensitive, as Windows
 * names are), one shared journal, and named snapshots.
 */
export class QbWorld {
  readonly journal: Journal;
  #hosts = new Map<string, QbHost>();
  #snapshots = new Map<string, WorldSnapshot>();
  #ids: IdSource;

  constructor(opts: { journal?: Journal; seed?: string | number } = {}) {
    this.journal = opts.journal ?? new Journal();
    this.#ids = new IdSource(opts.seed === undefined ? undefined : `${opts.seed}:world`);
  }

  /** Adds a host (sharing the world's journal). */
  addHost(opts: Omit<QbHostOptions, 'journal'>): QbHost {
    const key = opts.id.toLowerCase();
    if (this.#hosts.has(key)) throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `a host named "${opts.id}" already exists`);
    const host = new QbHost({ ...opts, journal: this.journal });
    this.#hosts.set(key, host);
    return host;
  }

  /** The host of a machine name; without a name, the first host. */
  host(id?: string): QbHost {
    const host = id === undefined ? this.#hosts.values().next().value : this.#hosts.get(id.toLowerCase());
    if (!host) {
      throw new QbdSimError(
        'QBDSIM_ERR_UNKNOWN_HOST',
        id === undefined
          ? 'the mock has no QuickBooks host'
          : `no QuickBooks host named "${id}" (hosts: ${this.hostIds().join(', ') || 'none'})`,
      );
    }
    return host;
  }

  hosts(): QbHost[] {
    return [...this.#hosts.values()];
  }

  hostIds(): string[] {
    return this.hosts().map((h) => h.id);
  }

  state(): { hosts: HostState[]; journal: ReturnType<Journal['stats']> } {
    return { hosts: this.hosts().map((h) => h.state()), journal: this.journal.stats() };
  }

  /** Takes a snapshot of every host; returns its id. */
  snapshot(): string {
    const id = this.#ids.handle('snap');
    this.#snapshots.set(id, { id, hosts: this.hosts().map((h) => h.snapshot()) });
    return id;
  }

  /** Restores every host from a snapshot taken by {@link snapshot}. */
  restore(id: string): void {
    const snap = this.#snapshots.get(id);
    if (!snap) throw new QbdSimError('QBDSIM_ERR_UNKNOWN_SNAPSHOT', `no snapshot "${id}"`);
    for (const hs of snap.hosts) this.host(hs.hostId).restore(hs);
  }

  /** Drops a snapshot. */
  dropSnapshot(id: string): boolean {
    const snap = this.#snapshots.get(id);
    if (snap) for (const hs of snap.hosts) this.host(hs.hostId).discardSnapshot(hs);
    return this.#snapshots.delete(id);
  }

  /** Every host back to its baseline. */
  reset(): void {
    for (const h of this.hosts()) h.reset();
  }

  /** Marks the current state of every host as its baseline. */
  setBaseline(): void {
    for (const h of this.hosts()) h.setBaseline();
  }

  close(): void {
    for (const id of [...this.#snapshots.keys()]) this.dropSnapshot(id); // file snapshots leave nothing behind
    for (const h of this.hosts()) h.close();
  }
}
