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
const SECRET_KEYS = /pass(word)?|secret|token(key)?$|^key$|api[-_]?key|authorization|cookie|credential/i;

/**
 * Secrets inside text (a raw body, a header line, a SOAP envelope): `Bearer <token>`, QBWC's `<strPassword>`,
 * `password=`/`tokenKey:` pairs. Each keeps its name and loses its value.
 */
const SECRET_TEXT: readonly [RegExp, string][] = [
  // Case-sensitive and at least 8 characters, so prose ("bearer bonds", a vendor named "Bearer Co") is left alone.
  [/\bBearer[ \t]+[A-Za-z0-9._~+/=-]{8,}/g, 'Bearer ***'],
  [/(<(?:[\w-]+:)?strPass(?:word)?>)[^<]*/gi, '$1***'],
  [/((?:password|passwd|secret|token[-_]?key|api[-_]?key)["']?\s*[:=]\s*["']?)[^\s"'&,;<}]+/gi, '$1***'],
];

/** What every {@link SECRET_TEXT} match contains. */
const SECRET_HINT = /Bearer|pass|secret|key/i;

/** Replaces the secrets in one piece of text with `***` (see {@link redactSecrets}). */
export function redactSecretText(text: string): string {
  if (!SECRET_HINT.test(text)) return text; // one scan for the common case: nothing that could be a secret
  let out = text;
  for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
  return out;
}

/**
 * Replaces secret-looking values in a details object (recursively) with `***`: the value of any key that names a
 * secret (password, token key, API key, authorization, cookie, …; a boolean such as `hasPassword` stays), and secrets
 * written inside strings (`Bearer …`, `<strPassword>…`, `password=…`). For the journal, transcripts and logs alike.
 */
export function redactSecrets(value: unknown): unknown {
  if (typeof value === 'string') return redactSecretText(value);
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] = SECRET_KEYS.test(k) && v !== '' && v != null && typeof v !== 'boolean' ? '***' : redactSecrets(v);
    return out;
  }
  return value;
}

/** Limits of a {@link Journal}. */
export interface JournalLimits {
  /** Entries kept at most (default 50,000). */
  capacity?: number;
  /** Approximate characters kept at most across all entries (default 64 Mi): qbXML exchanges can be large. */
  maxChars?: number;
  /** A string in `data` longer than this is cut, saying so (default 32 Ki). */
  maxFieldChars?: number;
}

/**
 * The bounded, ordered record of everything that happened. When full (by entries or by size) it
 * drops the oldest entries and says so loudly: a `journal.dropped` entry and a `dropped` counter in
 * `stats()`. Large values (qbXML documents) are cut to `maxFieldChars`, saying how long they were.
 */
export class Journal {
  readonly capacity: number;
  readonly maxChars: number;
  readonly maxFieldChars: number;
  #entries: JournalEntry[] = [];
  #sizes: number[] = [];
  #chars = 0;
  #seq = 0;
  #dropped = 0;
  #listeners = new Set<JournalListener>();

  constructor(limits: number | JournalLimits = {}) {
    const l = typeof limits === 'number' ? { capacity: limits } : limits;
    const capacity = l.capacity ?? 50_000;
    if (!Number.isInteger(capacity) || capacity < 10) throw new RangeError('journal capacity must be an integer ≥ 10');
    this.capacity = capacity;
    this.maxChars = l.maxChars ?? 64 * 1024 * 1024;
    this.maxFieldChars = l.maxFieldChars ?? 32 * 1024;
  }

  /** Appends an entry; `data` is redacted and large values cut. Returns the stored entry. */
  record(entry: Omit<JournalEntry, 'seq'>): JournalEntry {
    const stored: JournalEntry = { ...entry, seq: ++this.#seq };
    if (entry.data)
      // Cut first (a secret cut short is still found), so redaction never scans a whole large document.
      stored.data = redactSecrets(limitStrings(entry.data, this.maxFieldChars)) as Record<string, unknown>;
    this.#push(stored);
    if (this.#entries.length > this.capacity || this.#chars > this.maxChars) this.#dropOldest(stored);
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

  stats(): { size: number; capacity: number; chars: number; maxChars: number; lastSeq: number; dropped: number } {
    return {
      size: this.#entries.length,
      capacity: this.capacity,
      chars: this.#chars,
      maxChars: this.maxChars,
      lastSeq: this.#seq,
      dropped: this.#dropped,
    };
  }

  clear(): void {
    this.#entries = [];
    this.#sizes = [];
    this.#chars = 0;
  }

  #push(entry: JournalEntry): void {
    const size = entry.summary.length + (entry.data ? approxChars(entry.data) : 0);
    this.#entries.push(entry);
    this.#sizes.push(size);
    this.#chars += size;
  }

  #dropOldest(latest: JournalEntry): void {
    // Drop a tenth at once so a full journal does not pay a shift on every record
    // (and leave room for the warning itself, so the journal stays within its limits).
    let count = Math.max(1, this.#entries.length - this.capacity + Math.max(1, Math.floor(this.capacity / 10)));
    let freed = 0;
    for (let i = 0; i < count; i++) freed += this.#sizes[i] ?? 0;
    while (this.#chars - freed > this.maxChars * 0.9 && count < this.#entries.length - 1)
      freed += this.#sizes[count++] ?? 0;
    this.#entries.splice(0, count);
    this.#sizes.splice(0, count);
    this.#chars -= freed;
    this.#dropped += count;
    const warning: JournalEntry = {
      seq: ++this.#seq,
      at: latest.at,
      hostId: latest.hostId,
      actor: 'journal',
      kind: 'journal.dropped',
      summary: `JOURNAL FULL: dropped the ${count} oldest entries (${this.#dropped} dropped in all; limits ${this.capacity} entries, ${this.maxChars} chars)`,
      data: { dropped: count, totalDropped: this.#dropped, capacity: this.capacity, maxChars: this.maxChars },
    };
    this.#push(warning);
    for (const listener of this.#listeners) listener(warning);
  }
}

/**
 * Cuts long strings (recursively), saying how long they were. The cut is copied into a string of its own: a slice
 * would keep the whole original alive (V8 slices point into their parent), and a journal of cut 350 KB responses
 * would hold every one of them.
 */
function limitStrings(value: unknown, max: number): unknown {
  if (typeof value === 'string')
    return value.length > max ? detached(`${value.slice(0, max)}…[cut: ${value.length} chars in all]`) : value;
  if (Array.isArray(value)) return value.map((v) => limitStrings(v, max));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = limitStrings(v, max);
    return out;
  }
  return value;
}

/** A copy of a string that shares no memory with the strings it was made from (UTF-16 code units kept exactly). */
function detached(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}

/** Roughly how many characters a value holds (strings dominate). */
function approxChars(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + approxChars(v), 0);
  if (value && typeof value === 'object') {
    let n = 0;
    for (const [k, v] of Object.entries(value)) n += k.length + approxChars(v);
    return n;
  }
  return 8;
}
