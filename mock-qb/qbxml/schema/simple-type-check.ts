/**
 * Simple types as qbXML uses them, in a normalized, serializable form ({@link SimpleTypeSpec}), and the value checks
 * compiled from them. The XSD built-ins qbXML derives from are the ones below; each check follows XML Schema 1.0
 * (whitespace facet, lexical space) the way libxml2 applies it — the corpus test holds the two together.
 */

/** The XSD built-in types qbXML's simple types derive from. */
export type BuiltinBase = 'string' | 'token' | 'boolean' | 'date' | 'integer' | 'decimal' | 'duration';

export const BUILTIN_BASES: readonly BuiltinBase[] = [
  'string',
  'token',
  'boolean',
  'date',
  'integer',
  'decimal',
  'duration',
];

/** A restriction of a built-in, its facets merged along the derivation chain. */
export interface AtomicSpec {
  /** The XSD name when the type is named (`AMTTYPE`); for messages. */
  readonly name?: string;
  readonly base: BuiltinBase;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly enumeration?: readonly string[];
  /** One entry per derivation step that had patterns (alternatives of a step joined with `|`); all must match. */
  readonly patterns?: readonly string[];
  readonly minInclusive?: string;
  readonly maxInclusive?: string;
  readonly minExclusive?: string;
  readonly maxExclusive?: string;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
}

/** An `xsd:union`: a value is valid when one member accepts it. */
export interface UnionSpec {
  readonly name?: string;
  readonly union: readonly SimpleTypeSpec[];
}

export type SimpleTypeSpec = AtomicSpec | UnionSpec;

/** Checks a value; returns why it is invalid, or undefined when it is valid. */
export type ValueCheck = (value: string) => string | undefined;

/** True for the union form of {@link SimpleTypeSpec}. */
export function isUnionSpec(spec: SimpleTypeSpec): spec is UnionSpec {
  return 'union' in spec;
}

const COLLAPSED_BASES: ReadonlySet<BuiltinBase> = new Set([
  'token',
  'boolean',
  'date',
  'integer',
  'decimal',
  'duration',
]);

/** Compiles a spec into a value check (closures; no allocation on the valid path of the common types). */
export function compileSimpleTypeCheck(spec: SimpleTypeSpec): ValueCheck {
  if (isUnionSpec(spec)) {
    const members = spec.union.map(compileSimpleTypeCheck);
    const label = spec.name ?? 'union type';
    return (value) => {
      let first: string | undefined;
      for (const member of members) {
        const problem = member(value);
        if (problem === undefined) return undefined;
        first ??= problem;
      }
      return `not a valid ${label}: ${first ?? 'no member type'}`;
    };
  }
  return compileAtomic(spec);
}

function compileAtomic(spec: AtomicSpec): ValueCheck {
  const checks: ValueCheck[] = [];
  const collapse = COLLAPSED_BASES.has(spec.base);
  const lexical = LEXICAL_CHECKS[spec.base];
  if (lexical) checks.push(lexical);
  if (spec.length !== undefined) {
    const n = spec.length;
    checks.push((v) => (charLength(v) !== n ? `value length is ${charLength(v)}, not ${n}` : undefined));
  }
  if (spec.minLength !== undefined) {
    const n = spec.minLength;
    checks.push((v) => (charLength(v) < n ? `value shorter than ${n}` : undefined));
  }
  if (spec.maxLength !== undefined) {
    const n = spec.maxLength;
    // UTF-16 length >= code points, so the common case never counts.
    checks.push((v) => (v.length > n && charLength(v) > n ? `value longer than ${n}` : undefined));
  }
  if (spec.enumeration !== undefined) {
    const allowed = new Set(spec.enumeration);
    const list = listForMessage(spec.enumeration);
    checks.push((v) => (allowed.has(v) ? undefined : `value ${quote(v)} is not one of ${list}`));
  }
  for (const source of spec.patterns ?? []) {
    const re = compileXsdPattern(source);
    const label = spec.name ? `the pattern of ${spec.name}` : `the pattern ${source}`;
    checks.push((v) => (re.test(v) ? undefined : `value ${quote(v)} does not match ${label}`));
  }
  const bound = (facet: string, limit: string, bad: (cmp: number) => boolean, words: string): void => {
    checks.push((v) => {
      const cmp = compareNumbers(v, limit);
      return cmp !== undefined && bad(cmp) ? `value ${quote(v)} is ${words} ${limit} (${facet})` : undefined;
    });
  };
  if (spec.minInclusive !== undefined) bound('minInclusive', spec.minInclusive, (c) => c < 0, 'less than');
  if (spec.maxInclusive !== undefined) bound('maxInclusive', spec.maxInclusive, (c) => c > 0, 'greater than');
  if (spec.minExclusive !== undefined) bound('minExclusive', spec.minExclusive, (c) => c <= 0, 'not greater than');
  if (spec.maxExclusive !== undefined) bound('maxExclusive', spec.maxExclusive, (c) => c >= 0, 'not less than');
  if (spec.totalDigits !== undefined || spec.fractionDigits !== undefined) {
    const total = spec.totalDigits;
    const fraction = spec.fractionDigits;
    checks.push((v) => {
      const digits = decimalDigits(v);
      if (!digits) return undefined;
      if (total !== undefined && digits.total > total) return `value ${quote(v)} has more than ${total} digits`;
      if (fraction !== undefined && digits.fraction > fraction) {
        return `value ${quote(v)} has more than ${fraction} fraction digits`;
      }
      return undefined;
    });
  }

  if (checks.length === 0) return () => undefined;
  if (checks.length === 1 && !collapse) return checks[0]!;
  return (raw) => {
    const v = collapse ? collapseWhitespace(raw) : raw;
    for (const check of checks) {
      const problem = check(v);
      if (problem !== undefined) return problem;
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Lexical spaces of the built-ins (XML Schema 1.0 part 2, as libxml2 2.13 applies them).

const BOOLEAN_RE = /^(?:true|false|1|0)$/;
const INTEGER_RE = /^[+-]?[0-9]+$/;
const DECIMAL_RE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$/;
const DATE_RE = /^(-?)([0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?$/;
const DURATION_RE =
  /^-?P(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?$/;

const LEXICAL_CHECKS: Partial<Record<BuiltinBase, ValueCheck>> = {
  boolean: (v) => (BOOLEAN_RE.test(v) ? undefined : `value ${quote(v)} is not a boolean (true, false, 1, 0)`),
  integer: (v) => (INTEGER_RE.test(v) ? undefined : `value ${quote(v)} is not an integer`),
  decimal: (v) => (DECIMAL_RE.test(v) ? undefined : `value ${quote(v)} is not a decimal number`),
  date: (v) => (isValidDate(v) ? undefined : `value ${quote(v)} is not a valid date (YYYY-MM-DD)`),
  duration: (v) => (isValidDuration(v) ? undefined : `value ${quote(v)} is not a valid duration`),
};

function isValidDate(v: string): boolean {
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const year = m[2]!;
  // Years of more than four digits have no leading zero; year 0000 does not exist in XML Schema 1.0.
  if (year.length > 4 && year.startsWith('0')) return false;
  if (/^0+$/.test(year)) return false;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (month < 1 || month > 12 || day < 1) return false;
  const y = Number(year) * (m[1] === '-' ? -1 : 1);
  if (day > daysInMonth(y, month)) return false;
  const tz = m[5];
  if (tz && tz !== 'Z') {
    const hh = Number(tz.slice(1, 3));
    const mm = Number(tz.slice(4, 6));
    if (mm > 59 || hh * 60 + mm > 14 * 60) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isValidDuration(v: string): boolean {
  const m = DURATION_RE.exec(v);
  if (!m) return false;
  const hasDate = m[1] !== undefined || m[2] !== undefined || m[3] !== undefined;
  const hasTime = m[4] !== undefined || m[5] !== undefined || m[6] !== undefined;
  if (!hasDate && !hasTime) return false;
  // "T" must be followed by at least one time component.
  return !v.includes('T') || hasTime;
}

// ---------------------------------------------------------------------------------------------------------------

/** XSD regular expressions are anchored to the whole value; qbXML's use only ASCII classes and `\-`/`\.` escapes. */
export function compileXsdPattern(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/** XML Schema's `collapse`: runs of #x20/#x9/#xA/#xD become one space, leading and trailing ones go. */
export function collapseWhitespace(v: string): string {
  if (!/[\t\n\r ]/.test(v)) return v;
  return v.replace(/[\t\n\r ]+/g, ' ').replace(/^ | $/g, '');
}

/** Length in characters (code points), as XML Schema's length facets count. */
function charLength(v: string): number {
  let n = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

/** Compares two decimal literals; undefined when either is not a number (the lexical check reports that). */
function compareNumbers(a: string, b: string): number | undefined {
  const pa = parseDecimal(a);
  const pb = parseDecimal(b);
  if (!pa || !pb) return undefined;
  // Scale both to the same number of fraction digits and compare as big integers.
  const scale = Math.max(pa.fraction.length, pb.fraction.length);
  const ia = BigInt(pa.sign + pa.int + pa.fraction.padEnd(scale, '0'));
  const ib = BigInt(pb.sign + pb.int + pb.fraction.padEnd(scale, '0'));
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

function parseDecimal(v: string): { sign: string; int: string; fraction: string } | undefined {
  if (!DECIMAL_RE.test(v)) return undefined;
  const sign = v.startsWith('-') ? '-' : '';
  const body = v.replace(/^[+-]/, '');
  const [int = '', fraction = ''] = body.split('.');
  return { sign, int: int || '0', fraction };
}

function decimalDigits(v: string): { total: number; fraction: number } | undefined {
  const p = parseDecimal(v);
  if (!p) return undefined;
  const int = p.int.replace(/^0+/, '');
  const fraction = p.fraction.replace(/0+$/, '');
  return { total: int.length + fraction.length || 1, fraction: fraction.length };
}

function quote(v: string): string {
  return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
}

function listForMessage(values: readonly string[]): string {
  const shown = values.slice(0, 20).map((v) => (v === '' ? '""' : v));
  return values.length > 20 ? `${shown.join(', ')}, … (${values.length - 20} more)` : shown.join(', ');
}
