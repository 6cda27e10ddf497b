import type Database from 'better-sqlite3';
import { ensureRecordSchema } from './record-schema.js';

/** Where each counter starts: list ids look like `80000001-…`, transaction ids like `C5-…` (facts §6.4). */
const STARTS: Record<string, number> = { list: 0x80000001, txn: 0x1, txnNumber: 1 };

const statements = new WeakMap<Database.Database, { get: Database.Statement; set: Database.Statement }>();

function next(db: Database.Database, name: string, count = 1): number {
  ensureRecordSchema(db);
  let s = statements.get(db);
  if (!s) {
    s = {
      get: db.prepare('SELECT value FROM qbx_counter WHERE name = ?'),
      set: db.prepare(
        'INSERT INTO qbx_counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
      ),
    };
    statements.set(db, s);
  }
  const row = s.get.get(name) as { value: number } | undefined;
  const value = row ? row.value + 1 : STARTS[name]!;
  s.set.run(name, value + count - 1);
  return value;
}

/**
 * Ids the way QuickBooks makes them: `<hex counter>-<unix seconds of creation>` for ListID, TxnID
 * and TxnLineID; counters live in the company file, so they survive restarts and restores.
 */
export const idFactory = {
  listId(db: Database.Database, nowMs: number): string {
    return `${next(db, 'list').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  txnId(db: Database.Database, nowMs: number): string {
    return `${next(db, 'txn').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  /** Line ids share the transaction counter. */
  txnLineId(db: Database.Database, nowMs: number): string {
    return `${next(db, 'txn').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  /** `count` line ids in one counter update (a transaction's lines, made together after its TxnID). */
  txnLineIds(db: Database.Database, nowMs: number, count: number): string[] {
    if (count <= 0) return [];
    const first = next(db, 'txn', count);
    const suffix = `-${Math.floor(nowMs / 1000)}`;
    return Array.from({ length: count }, (_, i) => `${(first + i).toString(16).toUpperCase()}${suffix}`);
  },
  txnNumber(db: Database.Database): number {
    return next(db, 'txnNumber');
  },
};

/** `EditSequence`: the Unix seconds of the last change (facts §6.4). */
export function editSequenceAt(nowMs: number): string {
  return String(Math.floor(nowMs / 1000));
}

/**
 * The `EditSequence` of a record changed at `nowMs` whose EditSequence was `previous`: the Unix seconds of the change
 * (facts §6.4), but always greater than `previous`. Two changes within one second would otherwise share an
 * EditSequence, and a write holding the older one would pass the 3200 check and overwrite the newer change (a lost
 * update). So a second change in the same second moves one ahead of the clock. Whether QuickBooks does the same is
 * not documented (qbxml/README.md, fidelity notes).
 */
export function editSequenceAfter(previous: string | undefined, nowMs: number): string {
  const at = Math.floor(nowMs / 1000);
  const before = previous === undefined || previous === '' ? Number.NaN : Number(previous);
  return String(Number.isSafeInteger(before) && before >= at ? before + 1 : at);
}
