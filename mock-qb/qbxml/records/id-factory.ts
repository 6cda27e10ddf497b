import type { CompanyStore } from '../../store/company-store.js';

/** Where each counter starts: list ids look like `80000001-…`, transaction ids like `C5-…` (facts §6.4). */
const STARTS: Record<string, number> = { list: 0x80000001, txn: 0x1, txnNumber: 1 };

function next(store: CompanyStore, name: string, count = 1): number {
  return store.recordMeta.next(name, STARTS[name]!, count);
}

/**
 * Ids the way QuickBooks makes them: `<hex counter>-<unix seconds of creation>` for ListID, TxnID
 * and TxnLineID; counters live in the company file, so they survive restarts and restores.
 */
export const idFactory = {
  listId(store: CompanyStore, nowMs: number): string {
    return `${next(store, 'list').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  txnId(store: CompanyStore, nowMs: number): string {
    return `${next(store, 'txn').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  /** Line ids share the transaction counter. */
  txnLineId(store: CompanyStore, nowMs: number): string {
    return `${next(store, 'txn').toString(16).toUpperCase()}-${Math.floor(nowMs / 1000)}`;
  },
  /** `count` line ids in one counter update (a transaction's lines, made together after its TxnID). */
  txnLineIds(store: CompanyStore, nowMs: number, count: number): string[] {
    if (count <= 0) return [];
    const first = next(store, 'txn', count);
    const suffix = `-${Math.floor(nowMs / 1000)}`;
    return Array.from({ length: count }, (_, i) => `${(first + i).toString(16).toUpperCase()}${suffix}`);
  },
  txnNumber(store: CompanyStore): number {
    return next(store, 'txnNumber');
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
