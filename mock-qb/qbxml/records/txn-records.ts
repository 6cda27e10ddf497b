import type Database from 'better-sqlite3';
import type { RetDoc } from '../ret-doc.js';
import { editSequenceAt, idFactory } from './id-factory.js';
import { ensureRecordSchema } from './record-schema.js';
import { stampAt, touchedCopy } from './record-stamp.js';

/** A transaction (bill, bill payment, check, vendor credit, invoice, payment received) as stored. */
export interface TxnRow {
  seq: number;
  txnId: string;
  /** The qbXML transaction type (`Bill`, `BillPaymentCheck`, …), also its `TxnDelType`. */
  kind: string;
  txnNumber: number;
  refNumber: string | null;
  /** `YYYY-MM-DD`, the transaction's own (local) date. */
  txnDate: string;
  /** The name the transaction is for (vendor, payee, customer): EntityFilter. */
  entityId: string | null;
  /** The transaction's header account (A/P, bank, credit card, A/R): AccountFilter. */
  accountId: string | null;
  /** Bills and invoices: paid in full (PaidStatus); null for other kinds. */
  isPaid: boolean | null;
  timeCreated: number;
  timeModified: number;
  editSequence: string;
  /** The whole Ret in schema order, TxnCore first; fields computed at answer time (LinkedTxn) are not stored. */
  doc: RetDoc;
}

interface RawRow {
  seq: number;
  txn_id: string;
  kind: string;
  txn_number: number;
  ref_number: string | null;
  ref_key: string | null;
  txn_date: string;
  entity_id: string | null;
  account_id: string | null;
  is_paid: number | null;
  time_created: number;
  time_modified: number;
  edit_sequence: string;
  doc: string;
}

/** The columns of a transaction a query filters on, set by the handler that writes it. */
export interface TxnColumns {
  refNumber: string | null;
  txnDate: string;
  entityId: string | null;
  accountId: string | null;
  isPaid: boolean | null;
}

/** Which transactions of one kind a query returns (all optional: the query's filter group). */
export interface TxnFilter {
  kind: string;
  fromModified?: number;
  toModified?: number;
  /** Inclusive `YYYY-MM-DD` bounds on TxnDate. */
  fromDate?: string;
  toDate?: string;
  /** Any of these names (EntityFilter, children already expanded). */
  entityIds?: readonly string[];
  /** Any of these header accounts (AccountFilter, sub-accounts already expanded). */
  accountIds?: readonly string[];
  /** Case-insensitive match on RefNumber. */
  ref?: { criterion: 'StartsWith' | 'Contains' | 'EndsWith'; value: string };
  /** Inclusive RefNumber range: numeric when both bounds are whole numbers, else case-insensitive text. */
  refRange?: { from?: string; to?: string };
  paid?: 'PaidOnly' | 'NotPaidOnly';
  /** Only transactions entered up to this one (an iterator returns what existed when it started). */
  maxSeq?: number;
}

/**
 * The order a query walks (and an iterator continues in): creation order, or — when the query has a modified-date or
 * transaction-date range — the order of that column, creation order breaking ties. Each walks an index, so a page
 * costs the same on a company of any size.
 */
export type TxnOrder = 'seq' | 'modified' | 'date';

/** Where a page starts: after this row in the query's order. */
export interface TxnKeyset {
  seq: number;
  /** time_modified (order `modified`) or txn_date (order `date`) of the last row returned. */
  key?: number | string;
}

/** A link between two transactions: `from` (a payment, a credit) reduces the open amount of `to` by `cents`. */
export interface TxnLink {
  from: string;
  to: string;
  cents: number;
}

/** A deleted transaction, for TxnDeletedQuery. */
export interface DeletedTxn {
  kind: string;
  txnId: string;
  timeCreated: number;
  timeDeleted: number;
  refNumber: string | null;
}

const ORDER_COLUMN: Record<TxnOrder, string | undefined> = {
  seq: undefined,
  modified: 'time_modified',
  date: 'txn_date',
};

const cache = new WeakMap<Database.Database, TxnRecords>();

/** Upper-cases a RefNumber for case-insensitive lookups. */
export function refKey(refNumber: string): string {
  return refNumber.toUpperCase();
}

/**
 * The transactions of one company database: insert with QuickBooks ids, numbers and times, look up by TxnID or
 * RefNumber (indexed: the cost does not grow with the company), filter and page by keyset, save, delete into
 * `qbx_deleted`, and the links between transactions (payments applied to bills, credits to bills). Callers run
 * inside the request's transaction.
 */
export class TxnRecords {
  readonly #db: Database.Database;
  readonly #byId: Database.Statement;
  readonly #byRef: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #deleted: Database.Statement;
  readonly #linksTo: Database.Statement;
  readonly #linksFrom: Database.Statement;
  readonly #linkGet: Database.Statement;
  readonly #linkPut: Database.Statement;
  readonly #linkDel: Database.Statement;
  readonly #lastSeq: Database.Statement;
  readonly #statements = new Map<string, Database.Statement>();

  private constructor(db: Database.Database) {
    ensureRecordSchema(db);
    this.#db = db;
    this.#byId = db.prepare('SELECT * FROM qbx_txn WHERE txn_id = ?');
    this.#byRef = db.prepare('SELECT * FROM qbx_txn WHERE kind = ? AND ref_key = ? ORDER BY seq');
    this.#insert = db.prepare(
      `INSERT INTO qbx_txn (txn_id, kind, txn_number, ref_number, ref_key, txn_date, entity_id, account_id, is_paid, time_created, time_modified, edit_sequence, doc)
       VALUES (@txn_id, @kind, @txn_number, @ref_number, @ref_key, @txn_date, @entity_id, @account_id, @is_paid, @time_created, @time_modified, @edit_sequence, @doc)`,
    );
    this.#update = db.prepare(
      `UPDATE qbx_txn SET ref_number = @ref_number, ref_key = @ref_key, txn_date = @txn_date, entity_id = @entity_id,
       account_id = @account_id, is_paid = @is_paid, time_modified = @time_modified, edit_sequence = @edit_sequence, doc = @doc
       WHERE txn_id = @txn_id`,
    );
    this.#delete = db.prepare('DELETE FROM qbx_txn WHERE txn_id = ?');
    this.#deleted = db.prepare(
      `INSERT INTO qbx_deleted (class, kind, id, time_created, time_deleted, label) VALUES ('txn', ?, ?, ?, ?, ?)`,
    );
    this.#linksTo = db.prepare('SELECT from_txn, to_txn, amount FROM qbx_txn_link WHERE to_txn = ? ORDER BY rowid');
    this.#linksFrom = db.prepare('SELECT from_txn, to_txn, amount FROM qbx_txn_link WHERE from_txn = ? ORDER BY rowid');
    this.#linkGet = db.prepare('SELECT amount FROM qbx_txn_link WHERE from_txn = ? AND to_txn = ?');
    this.#linkPut = db.prepare(
      `INSERT INTO qbx_txn_link (from_txn, to_txn, amount) VALUES (?, ?, ?)
       ON CONFLICT(from_txn, to_txn) DO UPDATE SET amount = excluded.amount`,
    );
    this.#linkDel = db.prepare('DELETE FROM qbx_txn_link WHERE from_txn = ? AND to_txn = ?');
    this.#lastSeq = db.prepare('SELECT MAX(seq) AS n FROM qbx_txn');
  }

  /** The transactions of a company database (one instance per database handle). */
  static of(db: Database.Database): TxnRecords {
    let r = cache.get(db);
    if (!r) {
      r = new TxnRecords(db);
      cache.set(db, r);
    }
    return r;
  }

  getById(txnId: string): TxnRow | undefined {
    const raw = this.#byId.get(txnId) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** Transactions of a kind with this RefNumber, compared case-insensitively (several may share one), oldest first. */
  getByRefNumber(kind: string, refNumber: string): TxnRow[] {
    return (this.#byRef.all(kind, refKey(refNumber)) as RawRow[]).map(toRow);
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
    const txnId = idFactory.txnId(this.#db, args.now);
    const txnNumber = idFactory.txnNumber(this.#db);
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
    const c = args.columns;
    const info = this.#insert.run({
      txn_id: txnId,
      kind: args.kind,
      txn_number: txnNumber,
      ref_number: c.refNumber,
      ref_key: c.refNumber === null ? null : refKey(c.refNumber),
      txn_date: c.txnDate,
      entity_id: c.entityId,
      account_id: c.accountId,
      is_paid: c.isPaid === null ? null : c.isPaid ? 1 : 0,
      time_created: args.now,
      time_modified: args.now,
      edit_sequence: editSequence,
      doc: JSON.stringify(doc),
    });
    return {
      seq: Number(info.lastInsertRowid),
      txnId,
      kind: args.kind,
      txnNumber,
      ...c,
      timeCreated: args.now,
      timeModified: args.now,
      editSequence,
      doc,
    };
  }

  /**
   * Saves a changed transaction. TimeModified and EditSequence move to `now` unless `touch` is false (a payment
   * applied to a bill changes the bill's open amount without editing the bill: fidelity note in mock-qb/README.md).
   */
  save(row: TxnRow, opts: { now: number; timeZone: string; touch?: boolean }): TxnRow {
    const next = touchedCopy(row, opts);
    this.#update.run({
      txn_id: next.txnId,
      ref_number: next.refNumber,
      ref_key: next.refNumber === null ? null : refKey(next.refNumber),
      txn_date: next.txnDate,
      entity_id: next.entityId,
      account_id: next.accountId,
      is_paid: next.isPaid === null ? null : next.isPaid ? 1 : 0,
      time_modified: next.timeModified,
      edit_sequence: next.editSequence,
      doc: JSON.stringify(next.doc),
    });
    return next;
  }

  /** Deletes a transaction and remembers it for TxnDeletedQuery (the caller has dealt with its links). */
  delete(row: TxnRow, now: number): void {
    this.#delete.run(row.txnId);
    this.#deleted.run(row.kind, row.txnId, row.timeCreated, now, row.refNumber);
  }

  /** Transactions matching a filter, in `order`, after `after`, at most `limit`. */
  query(f: TxnFilter, order: TxnOrder, after?: TxnKeyset, limit?: number): TxnRow[] {
    const { sql, params } = whereClause(f);
    const col = ORDER_COLUMN[order];
    let keyset = '';
    if (after) {
      if (col && after.key !== undefined) {
        keyset = ` AND (${col}, seq) > (@afterKey, @afterSeq)`;
        params['afterKey'] = after.key;
      } else keyset = ' AND seq > @afterSeq';
      params['afterSeq'] = after.seq;
    }
    const orderBy = col ? `${col}, seq` : 'seq';
    const lim = limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(limit))}` : '';
    const text = `SELECT * FROM qbx_txn${indexHint(f)} WHERE ${sql}${keyset} ORDER BY ${orderBy}${lim}`;
    return (this.#statement(text).all(params) as RawRow[]).map(toRow);
  }

  /** How many transactions match a filter (metaData and iterator counts). */
  count(f: TxnFilter): number {
    const { sql, params } = whereClause(f);
    const text = `SELECT COUNT(*) AS n FROM qbx_txn${indexHint(f)} WHERE ${sql}`;
    return (this.#statement(text).get(params) as { n: number }).n;
  }

  /** The newest transaction's seq (0 in an empty company): where an iterator's snapshot ends. */
  lastSeq(): number {
    return (this.#lastSeq.get() as { n: number | null }).n ?? 0;
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
    return (this.#linksTo.all(txnId) as { from_txn: string; to_txn: string; amount: string }[]).map(toLink);
  }

  /** Links this transaction makes (a credit applied to bills), oldest first. */
  linksFrom(txnId: string): TxnLink[] {
    return (this.#linksFrom.all(txnId) as { from_txn: string; to_txn: string; amount: string }[]).map(toLink);
  }

  /** True when any transaction is linked to or from this one. */
  isLinked(txnId: string): boolean {
    return this.linksTo(txnId).length > 0 || this.linksFrom(txnId).length > 0;
  }

  /** Adds `cents` to the link from → to (creating it); a link that reaches 0 is removed. */
  addLink(from: string, to: string, cents: number): void {
    const prev = this.#linkGet.get(from, to) as { amount: string } | undefined;
    const total = (prev ? Number(prev.amount) : 0) + cents;
    if (total === 0) this.#linkDel.run(from, to);
    else this.#linkPut.run(from, to, String(total));
  }

  // ---- deleted --------------------------------------------------------------------------------------------------

  /** Deleted transactions of these kinds, in deletion order, optionally within a deletion-time range. */
  deleted(kinds: readonly string[], from?: number, to?: number): DeletedTxn[] {
    const params: Record<string, unknown> = {};
    kinds.forEach((k, i) => (params[`k${i}`] = k));
    let sql = `SELECT kind, id, time_created, time_deleted, label FROM qbx_deleted WHERE class = 'txn' AND kind IN (${kinds.map((_, i) => `@k${i}`).join(', ')})`;
    if (from !== undefined) {
      sql += ' AND time_deleted >= @from';
      params['from'] = from;
    }
    if (to !== undefined) {
      sql += ' AND time_deleted <= @to';
      params['to'] = to;
    }
    sql += ' ORDER BY time_deleted, seq';
    return (
      this.#statement(sql).all(params) as {
        kind: string;
        id: string;
        time_created: number;
        time_deleted: number;
        label: string | null;
      }[]
    ).map((r) => ({
      kind: r.kind,
      txnId: r.id,
      timeCreated: r.time_created,
      timeDeleted: r.time_deleted,
      refNumber: r.label,
    }));
  }

  /** A prepared statement per distinct SQL text (queries are built from a handful of shapes). */
  #statement(sql: string): Database.Statement {
    let s = this.#statements.get(sql);
    if (!s) {
      s = this.#db.prepare(sql);
      this.#statements.set(sql, s);
    }
    return s;
  }
}

const ALL_DIGITS = /^\d+$/;

/**
 * With an EntityFilter, the names' own index (a vendor's bills, in creation order): without statistics SQLite would
 * rather walk every transaction of the kind in order than sort the few of two or three names.
 */
function indexHint(f: TxnFilter): string {
  return f.entityIds && f.entityIds.length > 0 ? ' INDEXED BY qbx_txn_kind_entity' : '';
}

function whereClause(f: TxnFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = ['kind = @kind'];
  const params: Record<string, unknown> = { kind: f.kind };
  if (f.fromModified !== undefined) {
    parts.push('time_modified >= @fromModified');
    params['fromModified'] = f.fromModified;
  }
  if (f.toModified !== undefined) {
    parts.push('time_modified <= @toModified');
    params['toModified'] = f.toModified;
  }
  if (f.fromDate !== undefined) {
    parts.push('txn_date >= @fromDate');
    params['fromDate'] = f.fromDate;
  }
  if (f.toDate !== undefined) {
    parts.push('txn_date <= @toDate');
    params['toDate'] = f.toDate;
  }
  if (f.entityIds) {
    f.entityIds.forEach((id, i) => (params[`e${i}`] = id));
    parts.push(f.entityIds.length ? `entity_id IN (${f.entityIds.map((_, i) => `@e${i}`).join(', ')})` : '0');
  }
  if (f.accountIds) {
    f.accountIds.forEach((id, i) => (params[`a${i}`] = id));
    parts.push(f.accountIds.length ? `account_id IN (${f.accountIds.map((_, i) => `@a${i}`).join(', ')})` : '0');
  }
  if (f.ref) {
    const v = refKey(f.ref.value).replace(/[\\%_]/g, (c) => `\\${c}`);
    params['ref'] = f.ref.criterion === 'StartsWith' ? `${v}%` : f.ref.criterion === 'EndsWith' ? `%${v}` : `%${v}%`;
    parts.push(`ref_key LIKE @ref ESCAPE '\\'`);
  }
  if (f.refRange) {
    const { from, to } = f.refRange;
    const numeric = (from === undefined || ALL_DIGITS.test(from)) && (to === undefined || ALL_DIGITS.test(to));
    if (numeric) {
      parts.push(`ref_key <> '' AND ref_key NOT GLOB '*[^0-9]*'`);
      if (from !== undefined) {
        parts.push('CAST(ref_key AS INTEGER) >= @fromRef');
        params['fromRef'] = Number(from);
      }
      if (to !== undefined) {
        parts.push('CAST(ref_key AS INTEGER) <= @toRef');
        params['toRef'] = Number(to);
      }
    } else {
      if (from !== undefined) {
        parts.push('ref_key >= @fromRef');
        params['fromRef'] = refKey(from);
      }
      if (to !== undefined) {
        parts.push('ref_key <= @toRef');
        params['toRef'] = refKey(to);
      }
    }
  }
  if (f.maxSeq !== undefined) {
    parts.push('seq <= @maxSeq');
    params['maxSeq'] = f.maxSeq;
  }
  if (f.paid === 'PaidOnly') parts.push('is_paid = 1');
  else if (f.paid === 'NotPaidOnly') parts.push('is_paid = 0');
  return { sql: parts.join(' AND '), params };
}

function toLink(r: { from_txn: string; to_txn: string; amount: string }): TxnLink {
  return { from: r.from_txn, to: r.to_txn, cents: Number(r.amount) };
}

function toRow(r: RawRow): TxnRow {
  return {
    seq: r.seq,
    txnId: r.txn_id,
    kind: r.kind,
    txnNumber: r.txn_number,
    refNumber: r.ref_number,
    txnDate: r.txn_date,
    entityId: r.entity_id,
    accountId: r.account_id,
    isPaid: r.is_paid === null ? null : r.is_paid === 1,
    timeCreated: r.time_created,
    timeModified: r.time_modified,
    editSequence: r.edit_sequence,
    doc: JSON.parse(r.doc) as RetDoc,
  };
}
