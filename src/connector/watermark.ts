import { parseQbDateTime } from '../protocol/qb-datetime.js';

/**
 * Sync watermarks: for each list, the newest `TimeModified` QuickBooks returned, kept **as QuickBooks wrote it**
 * (`2024-11-03T01:30:00-05:00`: the QuickBooks machine's local time with its offset) and sent back verbatim as
 * `FromModifiedDate`. Never the connector's clock, never converted to UTC without an offset: QuickBooks reads a
 * DATETIMETYPE without an offset as its machine's local time, so a UTC watermark would skip (or repeat) hours of
 * records whenever the connector and QuickBooks are in different zones, and twice a year at DST.
 *
 * "Newest" is decided by the instant (the offset applied), not by the text: across a DST change
 * `2024-11-03T01:10:00-05:00` is later than `2024-11-03T01:50:00-04:00` although it sorts first.
 *
 * `FromModifiedDate` is inclusive, and TimeModified has one-second resolution, so the records modified in the
 * watermark's second come back again next time; uploads are idempotent upserts, so that costs a few records and never
 * loses one modified later in the same second.
 */
export type Watermark = string;

/** The instant of a QuickBooks DATETIMETYPE (with its offset; without one it cannot be compared and is undefined). */
export function watermarkInstant(value: string): number | undefined {
  if (!/[+-]\d{2}:\d{2}$|Z$/.test(value.trim())) return undefined;
  return parseQbDateTime(value.replace(/Z$/, '+00:00'), 'UTC');
}

/**
 * The newer of the current watermark and the newest of `timeModified` (QuickBooks strings). Values without an offset
 * are ignored (QuickBooks always writes one).
 */
export function advanceWatermark(
  current: Watermark | undefined,
  timeModified: Iterable<string>,
): Watermark | undefined {
  let best = current;
  let bestAt = current === undefined ? undefined : watermarkInstant(current);
  for (const value of timeModified) {
    const at = watermarkInstant(value);
    if (at === undefined) continue;
    if (bestAt === undefined || at > bestAt) {
      best = value;
      bestAt = at;
    }
  }
  return best;
}
