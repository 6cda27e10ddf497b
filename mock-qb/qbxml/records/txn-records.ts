import type { CompanyStore } from '../../store/company-store.js';
import {
  txnRefKey,
  type TxnLinkRow,
  type TxnRecordFilter,
  type TxnRecordKeyset,
  type TxnRecordOrder,
  type TxnRecordRow,
  type TxnTable,
} from '../../store/txn-table.js';
import type { RetDoc } from '../ret-doc.js';
import { editSequenceAt, idFactory } from './id-factory.js';
import { stampAt, touchedCopy } from './record-stamp.js';

/** A transaction (bill, bill payment, check, vendor credit, invoice, payment received) as stored. */
export type TxnRow = TxnRecordRow;

/** The columns of a transaction a query filters on, set by the handler that writes it. */
export interface TxnColumns {
  refNumber: string | null;
  txnDate: string;
  entityId: string | null;
  accountId: string | null;
  isPaid: boolean | null;
}

/** Which transactions of one kind a query returns (all optional: the query's filter group). */
export type TxnFilter = TxnRecordFilter;

/**
 * The order a query walks (and an iterator continues in): creation order, or — when the query has a modified-date or
 * transaction-date range — the order of that column, creation order breaking ties. Each walks an index, so a page
 * costs the same on a company of any size.
 */
export type TxnOrder = TxnRecordOrder;

/** Where a page starts: after this row in the query's order. */
export type TxnKeyset = TxnRecordKeyset;

/** A link between two transactions: `from` (a payment, a credit) reduces the open amount of `to` by `cents`. */
export type TxnLink = TxnLinkRow;

/** A deleted transaction, for TxnDeletedQuery. */
export interface DeletedTxn {
  kind: string;
  txnId: string;
  timeCreated: number;
  timeDeleted: number;
  refNumber: string | null;
}

const cache = new WeakMap<TxnTable, TxnRecords>();

/** Upper-cases a RefNumber for case-insensitive lookups. */
export const refKey = txnRefKey;

/**
 * The transactions of one company with QuickBooks' semantics on top of the store's table: insert with QuickBooks
 * ids, numbers and times, save with TimeModified/EditSequence moved, delete into the deleted records; look-ups,
 * keyset pages and links are the store's. Callers run inside the request's transaction.
 */
export class TxnRecords {
  readonly #store: CompanyStore;
  readonly #table: TxnTable;

  private constructor(store: CompanyStore) {
    this.#store = store;
    this.#table = store.txns;
  }

  /** The transactions of a company (one instance per database handle). */
  static of(store: CompanyStore): TxnRecords {
    const table = store.txns;
    let r = cache.get(table);
    if (!r) {
      r = new TxnRecords(store);
      cache.set(table, r);
    }
    return r;
  }

  getById(txnId: string): TxnRow | undefined {
    return this.#table.getById(txnId);
  }

  /** Transactions of a kind with this RefNumber, compared case-insensitively (several may share one), oldest first. */
  getByRefNumber(kind: string, refNumber: string): TxnRow[] {
    return this.#table.getByRefNumber(kind, refNumber);
  }

  /**
   * Adds a transaction: makes its TxnID, TxnNumber, times and EditSequence (TxnCore), and asks `build` for the
   * fields after TxnCore in schema order (it may make line ids: they come after the TxnID, as in QuickBooks).
   */
  insert(args: {
    kind: string;
    now: number;
    timeZone: string;
    columns: TxnColumns;
    build: (core: { txnId: string }) => RetDoc;
  }): TxnRow {
    const txnId = idFactory.txnId(this.#store, args.now);
    const txnNumber = idFactory.txnNumber(this.#store);
    const stamp = stampAt(args.now, args.timeZone);
    const editSequence = editSequenceAt(args.now);
    const doc: RetDoc = {
      TxnID: txnId,
      TimeCreated: stamp,
      TimeModified: stamp,
      EditSequence: editSequence,
      TxnNumber: String(txnNumber),
      ...args.build({ txnId }),
    };
    const row: Omit<TxnRow, 'seq'> = {
      txnId,
      kind: args.kind,
      txnNumber,
      ...args.columns,
      timeCreated: args.now,
      timeModified: args.now,
      editSequence,
      doc,
    };
    return { seq: this.#table.insert(row), ...row };
  }

  /**
   * Saves a changed transaction. TimeModified and EditSequence move to `now` unless `touch` is false (a payment
   * applied to a bill changes the bill's open amount without editing the bill: fidelity note in mock-qb/README.md).
   */
  save(row: TxnRow, opts: { now: number; timeZone: string; touch?: boolean }): TxnRow {
    const next = touchedCopy(row, opts);
    this.#table.update(next);
    return next;
  }

  /** Deletes a transaction and remembers it for TxnDeletedQuery (the caller has dealt with its links). */
  delete(row: TxnRow, now: number): void {
    this.#table.delete(row, now);
  }

  /** Transactions matching a filter, in `order`, after `after`, at most `limit`. */
  query(f: TxnFilter, order: TxnOrder, after?: TxnKeyset, limit?: number): TxnRow[] {
    return this.#table.query(f, order, after, limit);
  }

  /** How many transactions match a filter (metaData and iterator counts). */
  count(f: TxnFilter): number {
    return this.#table.count(f);
  }

  /** The newest transaction's seq (0 in an empty company): where an iterator's snapshot ends. */
  lastSeq(): number {
    return this.#table.lastSeq();
  }

  /** The keyset of a row in an order (where the next page starts). */
  static keysetOf(row: TxnRow, order: TxnOrder): TxnKeyset {
    if (order === 'modified') return { seq: row.seq, key: row.timeModified };
    if (order === 'date') return { seq: row.seq, key: row.txnDate };
    return { seq: row.seq };
  }

  // ---- links ----------------------------------------------------------------------------------------------------

  /** Links that reduce this transaction (payments and credits applied to a bill or invoice), oldest first. */
  linksTo(txnId: string): TxnLink[] {
    return this.#table.linksTo(txnId);
  }

  /** Links this transaction makes (a credit applied to bills), oldest first. */
  linksFrom(txnId: string): TxnLink[] {
    return this.#table.linksFrom(txnId);
  }

  /** True when any transaction is linked to or from this one. */
  isLinked(txnId: string): boolean {
    return this.linksTo(txnId).length > 0 || this.linksFrom(txnId).length > 0;
  }

  /** Adds `cents` to the link from → to (creating it); a link that reaches 0 is removed. */
  addLink(from: string, to: string, cents: number): void {
    this.#table.addLink(from, to, cents);
  }

  // ---- deleted --------------------------------------------------------------------------------------------------

  /** Deleted transactions of these kinds, in deletion order, optionally within a deletion-time range. */
  deleted(kinds: readonly string[], from?: number, to?: number): DeletedTxn[] {
    const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
    return this.#table.deleted(kinds, range).map((r) => ({
      kind: r.kind,
      txnId: r.id,
      timeCreated: r.timeCreated,
      timeDeleted: r.timeDeleted,
      refNumber: r.label,
    }));
  }
}
