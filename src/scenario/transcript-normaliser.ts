/**
 * Volatile values in transcripts — ids, EditSequences, creation and modification times, tickets and iterator ids
 * (GUIDs), the simulator's handles (processors, snapshots) — and how two runs are compared despite them: each side
 * numbers its values by first appearance, so `⟨id#3⟩` on both sides means "the third id this run saw", and an answer
 * that names a different record than before still differs.
 */

/** The kinds of volatile values. */
export type VolatileKind = 'id' | 'editseq' | 'time' | 'guid' | 'handle';

interface Volatile {
  kind: VolatileKind;
  value: string;
  start: number;
  end: number;
}

const PATTERN = new RegExp(
  [
    String.raw`<\w*(?:ListID|TxnID|TxnLineID)>(?<id>[^<]+)<`,
    String.raw`<EditSequence>(?<editseq>[^<]+)<`,
    String.raw`<Time(?:Created|Modified)>(?<time>[^<]+)<`,
    String.raw`(?<guid>\{[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}\})`,
    String.raw`\b(?<handle>[a-z]+-[0-9a-f]{16})\b`,
  ].join('|'),
  'gd',
);
const KINDS: VolatileKind[] = ['id', 'editseq', 'time', 'guid', 'handle'];

/** The volatile values in `text`, in order. */
export function findVolatiles(text: string): Volatile[] {
  const out: Volatile[] = [];
  for (const m of text.matchAll(PATTERN)) {
    for (const kind of KINDS) {
      const span = m.indices?.groups?.[kind];
      if (span) {
        out.push({ kind, value: text.slice(span[0], span[1]), start: span[0], end: span[1] });
        break;
      }
    }
  }
  return out;
}

/** One run's numbering of its volatile values (first appearance = 1, per kind). */
export class VolatileNumbering {
  readonly #numbers = new Map<string, number>();
  readonly #counts = new Map<VolatileKind, number>();

  /** `text` with every volatile value replaced by `⟨kind#n⟩`. */
  normalise(text: string): string {
    return replaceVolatiles(text, (v) => {
      const key = `${v.kind}\u0000${v.value}`;
      let n = this.#numbers.get(key);
      if (n === undefined) {
        n = (this.#counts.get(v.kind) ?? 0) + 1;
        this.#counts.set(v.kind, n);
        this.#numbers.set(key, n);
      }
      return `⟨${v.kind}#${n}⟩`;
    });
  }
}

/**
 * Translates the recorded run's volatile values into the replay's: learnt from each pair of answers (the n-th value
 * of the recorded answer is the n-th of the replayed one), applied to the requests that follow (a connector sends back
 * the ticket, ids and EditSequences it was given).
 */
export class VolatileMapping {
  readonly #map = new Map<string, string>();

  /** Learns from a recorded answer and the replayed one; returns false when they hold different values' shapes. */
  learn(recorded: string, replayed: string): boolean {
    const a = findVolatiles(recorded);
    const b = findVolatiles(replayed);
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i]!;
      const y = b[i]!;
      if (x.kind !== y.kind) return false;
      if (x.value !== y.value && !this.#map.has(x.value)) this.#map.set(x.value, y.value);
    }
    return a.length === b.length;
  }

  /** `text` with the recorded run's volatile values replaced by the replay's. */
  apply(text: string): string {
    if (this.#map.size === 0) return text;
    return replaceVolatiles(text, (v) => this.#map.get(v.value) ?? v.value);
  }
}

function replaceVolatiles(text: string, by: (v: Volatile) => string): string {
  let out = '';
  let at = 0;
  for (const v of findVolatiles(text)) {
    out += text.slice(at, v.start) + by(v);
    at = v.end;
  }
  return out + text.slice(at);
}

/** Splits a normalised exchange into lines for a readable difference (XML elements and JSON members apart). */
export function displayLines(text: string): string[] {
  return text
    .replace(/(\\r)?\\n/g, '\n') // line breaks inside JSON strings (a qbXML document in a result)
    .replace(/></g, '>\n<')
    .replace(/,"/g, ',\n"')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** The first differing lines of two normalised answers, with two lines of context before. */
export function firstDifference(a: string, b: string): string[] {
  const x = displayLines(a);
  const y = displayLines(b);
  let i = 0;
  while (i < x.length && i < y.length && x[i] === y[i]) i++;
  // Long lines (a qbXML document inside a SOAP argument) are shown around the first character that differs.
  const from = firstDiffering(x[i] ?? '', y[i] ?? '');
  const out: string[] = [];
  for (let k = Math.max(0, i - 2); k < i; k++) out.push(`  ${clip(x[k]!, 0)}`);
  for (let k = i; k < Math.min(x.length, i + 3); k++) out.push(`- ${clip(x[k]!, k === i ? from : 0)}`);
  for (let k = i; k < Math.min(y.length, i + 3); k++) out.push(`+ ${clip(y[k]!, k === i ? from : 0)}`);
  return out;
}

function firstDiffering(a: string, b: string): number {
  let c = 0;
  while (c < a.length && c < b.length && a[c] === b[c]) c++;
  return c;
}

function clip(line: string, around: number): string {
  if (line.length <= 200) return line;
  const start = Math.max(0, Math.min(around - 80, line.length - 200));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + 200)}${start + 200 < line.length ? '…' : ''}`;
}
