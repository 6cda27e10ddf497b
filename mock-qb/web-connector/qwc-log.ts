/** QBWC's logging levels (facts §5.7/§10.3). */
export type QwcLogLevel = 'NONE' | 'DEBUG' | 'VERBOSE';

export const QWC_LOG_LEVELS: readonly QwcLogLevel[] = ['NONE', 'DEBUG', 'VERBOSE'];

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** How many characters of an XML dump DEBUG keeps (facts §10.3). */
const DEBUG_XML_CHARS = 50;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYYMMDD.HH:MM:SS UTC`, QBWC's line timestamp. */
export function qwcLogTimestamp(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}.` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`
  );
}

/** `Monday, November 10, 2014 - 03:00 PM UTC`, the header's date. */
function headerDate(ms: number): string {
  const d = new Date(ms);
  const h12 = d.getUTCHours() % 12 === 0 ? 12 : d.getUTCHours() % 12;
  const ampm = d.getUTCHours() < 12 ? 'AM' : 'PM';
  return (
    `${WEEKDAYS[d.getUTCDay()]}, ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} - ` +
    `${pad(h12)}:${pad(d.getUTCMinutes())} ${ampm} UTC`
  );
}

/**
 * `QWCLog.txt` as QBWC writes it (facts §10.3): three header lines, then one line per event,
 * `YYYYMMDD.HH:MM:SS UTC<TAB>: QBWebConnector.<Class>.<method>() : <text>`; an XML dump follows a line ending
 * `XML dump follows: -` (DEBUG keeps the first 50 characters then `......`, VERBOSE all of it). Passwords are never
 * written (`<password=<MaskedForSecurity>`). Bounded: the oldest lines go first, as a rotated log would.
 */
export class QwcLog {
  readonly maxLines: number;
  #level: QwcLogLevel;
  #lines: string[] = [];
  #dropped = 0;
  readonly #now: () => number;
  readonly #version: string;

  constructor(opts: { now: () => number; level?: QwcLogLevel; maxLines?: number; version: string }) {
    this.#now = opts.now;
    this.#level = opts.level ?? 'VERBOSE';
    this.maxLines = opts.maxLines ?? 20_000;
    this.#version = opts.version;
    this.#header();
  }

  get level(): QwcLogLevel {
    return this.#level;
  }

  /** Changes the level (QBWC's log level setting); the change is itself logged. */
  setLevel(level: QwcLogLevel): void {
    this.#level = level;
    this.#header();
  }

  /** One event line. `cls` and `method` name QBWC's class and method (`SOAPWebService`, `do_authenticate`). */
  line(cls: string, method: string, text: string): void {
    if (this.#level === 'NONE') return;
    for (const part of text.split(/\r?\n/)) {
      this.#push(`${qwcLogTimestamp(this.#now())}\t: QBWebConnector.${cls}.${method}() : ${part}`);
    }
  }

  /** An event line ending `XML dump follows: -`, then the XML itself (shortened at DEBUG). */
  xml(cls: string, method: string, text: string, xml: string): void {
    if (this.#level === 'NONE') return;
    this.line(cls, method, `${text} XML dump follows: -`);
    const dump =
      this.#level === 'DEBUG' && xml.length > DEBUG_XML_CHARS ? `${xml.slice(0, DEBUG_XML_CHARS)}......` : xml;
    for (const part of dump.split(/\r?\n/)) this.#push(part);
  }

  /** The log's lines, oldest first (at most {@link maxLines}). */
  lines(): string[] {
    return [...this.#lines];
  }

  /** The log as a text file (CRLF line ends, as on Windows). */
  text(): string {
    return this.#lines.length ? `${this.#lines.join('\r\n')}\r\n` : '';
  }

  /** How many lines were dropped to stay within {@link maxLines}. */
  get dropped(): number {
    return this.#dropped;
  }

  #header(): void {
    if (this.#level === 'NONE') return;
    const now = this.#now();
    this.#push(`Log file initialized at ${headerDate(now)}`);
    this.#push('Timestamp format used: YYYYMMDD.HH:MM:SS UTC');
    this.#push(
      `QBWebConnector ${this.#version} has been initialized with its logging status to level = ${this.#level}.`,
    );
  }

  #push(line: string): void {
    this.#lines.push(line);
    if (this.#lines.length > this.maxLines) {
      const drop = this.#lines.length - this.maxLines + Math.max(1, Math.floor(this.maxLines / 10));
      this.#lines.splice(0, drop);
      this.#dropped += drop;
    }
  }
}
