import { formatQbDate, formatQbDateTime, zoneOffsetMinutes } from '../../src/protocol/qb-datetime.js';

/**
 * `formatQbDateTime` / `formatQbDate` without asking Intl every time: a zone's offset is looked up once per quarter
 * hour of UTC time (zone transitions fall on quarter hours) and the wall time is computed from it. A quarter hour
 * whose start and end disagree (a transition inside it) goes to Intl, so the result is always the same as
 * `formatQbDateTime`'s. Intl formatting was the largest cost of writing a transaction and of generating a company.
 */

const QUARTER_MS = 15 * 60_000;
/** Offsets (minutes) per zone and quarter hour; NaN marks a quarter hour with a transition inside. */
const offsets = new Map<string, Map<number, number>>();
const MAX_CACHED_QUARTERS = 200_000;

function offsetAt(ms: number, timeZone: string): number {
  let zone = offsets.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsets.set(timeZone, zone);
  }
  const quarter = Math.floor(ms / QUARTER_MS);
  let off = zone.get(quarter);
  if (off === undefined) {
    const start = quarter * QUARTER_MS;
    const a = zoneOffsetMinutes(start, timeZone);
    const b = zoneOffsetMinutes(start + QUARTER_MS - 1000, timeZone);
    off = a === b ? a : NaN;
    if (zone.size >= MAX_CACHED_QUARTERS) zone.clear();
    zone.set(quarter, off);
  }
  return off;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

function wall(ms: number, off: number): Date {
  return new Date(Math.floor(ms / 1000) * 1000 + off * 60_000);
}

/** The same text as `formatQbDateTime(ms, timeZone)` (`2014-11-10T10:00:00-05:00`). */
export function localDateTime(ms: number, timeZone: string): string {
  const off = offsetAt(ms, timeZone);
  if (Number.isNaN(off)) return formatQbDateTime(ms, timeZone);
  const t = wall(ms, off);
  const a = Math.abs(off);
  return (
    `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}` +
    `T${pad2(t.getUTCHours())}:${pad2(t.getUTCMinutes())}:${pad2(t.getUTCSeconds())}` +
    `${off < 0 ? '-' : '+'}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`
  );
}

/** The same text as `formatQbDate(ms, timeZone)` (`2014-11-10`). */
export function localDate(ms: number, timeZone: string): string {
  const off = offsetAt(ms, timeZone);
  if (Number.isNaN(off)) return formatQbDate(ms, timeZone);
  const t = wall(ms, off);
  return `${t.getUTCFullYear()}-${pad2(t.getUTCMonth() + 1)}-${pad2(t.getUTCDate())}`;
}
