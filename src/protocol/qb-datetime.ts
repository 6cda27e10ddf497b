/**
 * Dates and times the way QuickBooks writes and reads them: `YYYY-MM-DDThh:mm:ss±hh:mm` in the
 * QuickBooks machine's local zone (DST included), `YYYY-MM-DD` for dates. A DATETIMETYPE without an
 * offset is read as the machine's local time — the way timezone-shifted watermarks go wrong.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms)))
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  return {
    year: out['year']!,
    month: out['month']!,
    day: out['day']!,
    hour: out['hour']!,
    minute: out['minute']!,
    second: out['second']!,
  };
}

/** Offset of the zone from UTC at an instant, in minutes (New York in winter: -300). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `2014-11-10T22:22:56-05:00` for an instant in a zone. */
export function formatQbDateTime(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const off = zoneOffsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/** `2014-11-10`: the local date of an instant in a zone. */
export function formatQbDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

const DATETIME =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:([+-])(\d{1,2}):(\d{1,2}))?)?)?)?$/;

/**
 * Reads a DATETIMETYPE value (`2014-11-10`, `2014-11-10T09`, `…T09:30:00`, `…T09:30:00-05:00`) as an
 * instant. Without an offset the value is local time in `timeZone`; a local time that DST skips is
 * moved forward, one that DST repeats takes the earlier instant. Returns undefined when malformed.
 */
export function parseQbDateTime(value: string, timeZone: string): number | undefined {
  const m = DATETIME.exec(value.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', sign, oh, om] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const [year, month, day, hour, minute, second] = fields;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const naive = Date.UTC(year, month - 1, day, hour, minute, second);
  if (new Date(naive).getUTCDate() !== day) return undefined;
  if (sign) return naive - (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  return localToInstant(naive, timeZone);
}

/** Reads a DATETYPE (`YYYY-MM-DD`) as that local day's midnight in the zone; undefined when malformed. */
export function parseQbDate(value: string, timeZone: string): number | undefined {
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(value.trim())) return undefined;
  return parseQbDateTime(value, timeZone);
}

/** Local wall time (as if UTC) → instant in the zone. */
function localToInstant(naiveUtcMs: number, timeZone: string): number {
  // Try the offsets around the wall time; keep the earliest instant whose local time matches.
  const candidates = new Set<number>();
  for (const probe of [naiveUtcMs - 86_400_000, naiveUtcMs, naiveUtcMs + 86_400_000]) {
    candidates.add(naiveUtcMs - zoneOffsetMinutes(probe, timeZone) * 60_000);
  }
  const matching = [...candidates]
    .filter((t) => t + zoneOffsetMinutes(t, timeZone) * 60_000 === naiveUtcMs)
    .sort((a, b) => a - b);
  if (matching.length) return matching[0]!;
  // Skipped by DST (spring forward): the wall time does not exist; QuickBooks-like reading moves it forward.
  return naiveUtcMs - zoneOffsetMinutes(naiveUtcMs - 86_400_000, timeZone) * 60_000;
}

/**
 * Where a manual (virtual) clock starts unless a world says otherwise (`clockStart`), and a generated company's
 * present: 10 November 2014, 15:00 UTC.
 */
export const DEFAULT_CLOCK_START = Date.UTC(2014, 10, 10, 15, 0, 0);
