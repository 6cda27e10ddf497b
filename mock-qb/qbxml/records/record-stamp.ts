import { localDateTime } from '../local-time.js';
import type { RetDoc } from '../ret-doc.js';
import { editSequenceAfter } from './id-factory.js';

let lastStamp = { second: NaN, timeZone: '', text: '' };

/**
 * `TimeCreated`/`TimeModified` text for an instant (`formatQbDateTime`), remembered for the last
 * second asked and computed from a cached zone offset otherwise (local-time.ts: Intl formatting was
 * the costly part of an insert).
 */
export function stampAt(ms: number, timeZone: string): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastStamp.second || timeZone !== lastStamp.timeZone) {
    lastStamp = { second, timeZone, text: localDateTime(second * 1000, timeZone) };
  }
  return lastStamp.text;
}

/** What list and transaction rows share for saving. */
interface StampedRow {
  timeModified: number;
  editSequence: string;
  doc: RetDoc;
}

/**
 * A copy of a row about to be saved: TimeModified and EditSequence move to `now` unless `touch` is
 * false (a balance or open amount changed by another record is not an edit of this one).
 */
export function touchedCopy<T extends StampedRow>(row: T, opts: { now: number; timeZone: string; touch?: boolean }): T {
  const next: T = { ...row, doc: { ...row.doc } };
  if (opts.touch ?? true) {
    next.timeModified = opts.now;
    next.editSequence = editSequenceAfter(row.editSequence, opts.now); // strictly increasing: no lost update
    next.doc['TimeModified'] = stampAt(opts.now, opts.timeZone);
    next.doc['EditSequence'] = next.editSequence;
  }
  return next;
}
