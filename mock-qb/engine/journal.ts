/** Who caused a journal entry. */
export type JournalActor = 'app' | 'qbxml' | 'ui' | 'host' | 'clock' | 'control' | 'qbwc' | 'fault' | 'journal';

/** One entry of the journal: an RP2 call and its answer, a UI action, a clock tick, ... */
export interface JournalEntry {
  /** Increasing across the whole journal (gaps mean entries were dropped). */
  seq: number;
  /** Host clock time, ms since the epoch. */
  at: number;
  hostId: string;
  actor: JournalActor;
  /** A stable machine-readable kind, e.g. `rp2.BeginSession`, `ui.remove-app`. */
  kind: string;
  /** One human-readable line. */
  summary: string;
  /** Details (arguments, results, HRESULT). Never contains passwords or token keys. */
  data?: Record<string, unknown>;
}

export type JournalListener = (entry: JournalEntry) => void;

/** Keys whose values are never recorded, wherever they appear in `data`. */
const SECRET_KEYS = /pass(word)?|secret|token(key)?$|^key$|authorization/i;

/** Replaces secret-looking values in a details object (recursively) with `***`. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) && v !== '' && v != null ? '***' : redactSecrets(v);
    return out;
  }
  return value;
}

/**
 * The bounded, ordered record of everything that happened. When full it drops the oldest
 * entries and says so loudly: a `journal.dropped` entry and a `dropped` counter in `stats()`.
 */
export class Journal {
  readonly capacity: number;
  #entries: JournalEntry[] = [];
  #seq = 0;
  #dropped = 0;
  #listeners = new Set<JournalListener>();

  constructor(capacity = 50_000) {
    if (!Number.isInteger(capacity) || capacity < 10) throw new RangeError('journal capacity must be an integer ≥ 10');
    this.capacity = capacity;
  }

  /** Appends an entry; `data` is redacted. Returns the stored entry. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const stored: JournalEntry = { ...entry, seq: ++this.#seq };
    if (entry.data) stored.data = redactSecrets(entry.data) as Record<string, unknown>;
    this.#entries.push(stored);
    if (this.#entries.length > this.capacity) this.#dropOldest(stored);
    for (const listener of this.#listeners) listener(stored);
    return stored;
  }

  /** Entries with `seq > since` (all by default), oldest first, at most `limit`. */
  list(opts: { since?: number; limit?: number; hostId?: string; actor?: JournalActor } = {}): JournalEntry[] {
    const { since = 0, limit = Infinity, hostId, actor } = opts;
    const out: JournalEntry[] = [];
    for (const e of this.#entries) {
      if (e.seq <= since || (hostId && e.hostId !== hostId) || (actor && e.actor !== actor)) continue;
      out.push(e);
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Subscribes to new entries; returns the unsubscribe function. */
  subscribe(listener: JournalListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): { size: number; capacity: number; lastSeq: number; dropped: number } {
    return { size: this.#entries.length, capacity: this.capacity, lastSeq: this.#seq, dropped: this.#dropped };
  }

  clear(): void {
    this.#entries = [];
  }

  #dropOldest(latest: JournalEntry): void {
    // Drop a tenth at once so a full journal does not pay a shift on every record
    // (and leave room for the warning itself, so the journal stays within its capacity).
    const count = this.#entries.length - this.capacity + Math.max(1, Math.floor(this.capacity / 10));
    this.#entries.splice(0, count);
    this.#dropped += count;
    const warning: JournalEntry = {
      seq: ++this.#seq,
      at: latest.at,
      hostId: latest.hostId,
      actor: 'journal',
      kind: 'journal.dropped',
      summary: `JOURNAL FULL: dropped the ${count} oldest entries (${this.#dropped} dropped in all; capacity ${this.capacity})`,
      data: { dropped: count, totalDropped: this.#dropped, capacity: this.capacity },
    };
    this.#entries.push(warning);
    for (const listener of this.#listeners) listener(warning);
  }
}
