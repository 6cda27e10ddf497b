import type Database from 'better-sqlite3';
import { deletedRows, statement, type DeletedRecordRow } from './list-table.js';
import type { StoredDoc } from './record-doc.js';

/** A transaction as stored: the indexed columns (set by the caller from its document) and the whole document. */
export interface TxnRecordRow {
  seq: number;
  txnId: string;
  kind: string;
  txnNumber: number;
  refNumber: string | null;
  /** `YYYY-MM-DD`, the transaction's own (local) date. */
  txnDate: string;
  /** The name the transaction is for (EntityFilter). */
  entityId: string | null;
  /** The header account (AccountFilter). */
  accountId: string | null;
  /** Paid in full (PaidStatus); null for kinds without it. */
  isPaid: boolean | null;
  timeCreated: number;
  timeModified: number;
  editSequence: string;
  doc: StoredDoc;
}

/** Which transactions of one kind a query returns (all optional but `kind`). */
export interface TxnRecordFilter {
  kind: string;
  fromModified?: number;
  toModified?: number;
  /** Inclusive `YYYY-MM-DD` bounds on the transaction date. */
  fromDate?: string;
  toDate?: string;
  /** Any of these entities. */
  entityIds?: readonly string[];
  /** Any of these header accounts. */
  accountIds?: readonly string[];
  /** Case-insensitive match on RefNumber. */
  ref?: { criterion: 'StartsWith' | 'Contains' | 'EndsWith'; value: string };
  /** Inclusive RefNumber range: numeric when both bounds are whole numbers, else case-insensitive text. */
  refRange?: { from?: string; to?: string };
  paid?: 'PaidOnly' | 'NotPaidOnly';
  /** Only transactions entered up to this one. */
  maxSeq?: number;
}

/** The order a query walks: creation order, or that of the modified time or transaction date (creation breaks ties). */
export type TxnRecordOrder = 'seq' | 'modified' | 'date';

/** Where a page starts: after this row in the query's order. */
export interface TxnRecordKeyset {
  seq: number;
  /** time_modified (order `modified`) or txn_date (order `date`) of the last row returned. */
  key?: number | string;
}

/** A link between two transactions: `from` reduces the open amount of `to` by `cents`. */
export interface TxnLinkRow {
  from: string;
  to: string;
  cents: number;
}

/** Upper-cases a RefNumber for case-insensitive look-ups. */
export function txnRefKey(refNumber: string): string {
  return refNumber.toUpperCase();
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

const ORDER_COLUMN: Record<TxnRecordOrder, string | undefined> = {
  seq: undefined,
  modified: 'time_modified',
  date: 'txn_date',
};

/**
 * The transactions of one company database: look-ups by TxnID and RefNumber (indexed), inserts, updates, deletes
 * (kept as deleted records), keyset-paged queries, and the links between transactions.
 */
export class TxnTable {
  readonly #db: Database.Database;
  readonly #byId: Database.Statement;
  readonly #byRef: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #deleted: Database.Statement;
  readonly #linksTo: Database.Statement;
  readonly #linksFrom: Database.Statement;
  readonly #linkGet: Database.Statement;
  readonly #linkPut: Database.Statement;
  readonly #linkDel: Database.Statement;
  readonly #lastSeq: Database.Statement;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
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
    this.#touch = db.prepare(
      `UPDATE qbx_txn SET time_modified = @time_modified, edit_sequence = @edit_sequence,
       doc = json_replace(doc, '$.TimeModified', @stamp, '$.EditSequence', @edit_sequence) WHERE txn_id = @txn_id`,
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

  getById(txnId: string): TxnRecordRow | undefined {
    const raw = this.#byId.get(txnId) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** Transactions of a kind with this RefNumber, compared ignoring case, oldest first. */
  getByRefNumber(kind: string, refNumber: string): TxnRecordRow[] {
    return (this.#byRef.all(kind, txnRefKey(refNumber)) as RawRow[]).map(toRow);
  }

  /** Adds a transaction; returns its `seq`. */
  insert(row: Omit<TxnRecordRow, 'seq'>): number {
    const info = this.#insert.run({
      ...columns(row),
      kind: row.kind,
      txn_number: row.txnNumber,
      time_created: row.timeCreated,
    });
    return Number(info.lastInsertRowid);
  }

  /** Writes a transaction's changeable columns and document (by TxnID). */
  update(row: TxnRecordRow): void {
    this.#update.run(columns(row));
  }

  /**
   * Moves a transaction's modified time and EditSequence without rewriting its document (a data extension set on
   * it): the document's `TimeModified` becomes `stamp`, its `EditSequence` `editSequence`.
   */
  touch(txnId: string, timeModified: number, editSequence: string, stamp: string): void {
    this.#touch.run({ txn_id: txnId, time_modified: timeModified, edit_sequence: editSequence, stamp });
  }

  /** Deletes a transaction and keeps it as a deleted record (label: its RefNumber). */
  delete(row: TxnRecordRow, timeDeleted: number): void {
    this.#delete.run(row.txnId);
    this.#deleted.run(row.kind, row.txnId, row.timeCreated, timeDeleted, row.refNumber);
  }

  /** Deleted transactions of these kinds, by deletion time, optionally within a range (inclusive). */
  deleted(kinds: readonly string[], range: { from?: number; to?: number } = {}): DeletedRecordRow[] {
    return deletedRows(this.#db, this.#statements, 'txn', kinds, range);
  }

  /** Transactions matching a filter, in `order`, after `after`, at most `limit`. */
  query(f: TxnRecordFilter, order: TxnRecordOrder, after?: TxnRecordKeyset, limit?: number): TxnRecordRow[] {
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
    return (statement(this.#db, this.#statements, text).all(params) as RawRow[]).map(toRow);
  }

  /** How many transactions match a filter. */
  count(f: TxnRecordFilter): number {
    const { sql, params } = whereClause(f);
    const text = `SELECT COUNT(*) AS n FROM qbx_txn${indexHint(f)} WHERE ${sql}`;
    return (statement(this.#db, this.#statements, text).get(params) as { n: number }).n;
  }

  /** The newest transaction's seq (0 in an empty company). */
  lastSeq(): number {
    return (this.#lastSeq.get() as { n: number | null }).n ?? 0;
  }

  /** The TxnIDs of the newest transactions of these kinds, newest first. */
  recentIds(kinds: readonly string[], limit: number): string[] {
    const sql = `SELECT txn_id FROM qbx_txn WHERE kind IN (${kinds.map(() => '?').join(', ') || "''"}) ORDER BY seq DESC LIMIT ?`;
    return (statement(this.#db, this.#statements, sql).all(...kinds, limit) as { txn_id: string }[]).map(
      (r) => r.txn_id,
    );
  }

  /** Links that reduce this transaction, oldest first. */
  linksTo(txnId: string): TxnLinkRow[] {
    return (this.#linksTo.all(txnId) as RawLink[]).map(toLink);
  }

  /** Links this transaction makes, oldest first. */
  linksFrom(txnId: string): TxnLinkRow[] {
    return (this.#linksFrom.all(txnId) as RawLink[]).map(toLink);
  }

  /** Adds `cents` to the link from → to (creating it); a link that reaches 0 is removed. */
  addLink(from: string, to: string, cents: number): void {
    const prev = this.#linkGet.get(from, to) as { amount: string } | undefined;
    const total = (prev ? Number(prev.amount) : 0) + cents;
    if (total === 0) this.#linkDel.run(from, to);
    else this.#linkPut.run(from, to, String(total));
  }
}

interface RawLink {
  from_txn: string;
  to_txn: string;
  amount: string;
}

function columns(row: Omit<TxnRecordRow, 'seq'>): Record<string, string | number | null> {
  return {
    txn_id: row.txnId,
    ref_number: row.refNumber,
    ref_key: row.refNumber === null ? null : txnRefKey(row.refNumber),
    txn_date: row.txnDate,
    entity_id: row.entityId,
    account_id: row.accountId,
    is_paid: row.isPaid === null ? null : row.isPaid ? 1 : 0,
    time_modified: row.timeModified,
    edit_sequence: row.editSequence,
    doc: JSON.stringify(row.doc),
  };
}

const ALL_DIGITS = /^\d+$/;

/**
 * With an entity filter, the entities' own index: without statistics SQLite would rather walk every transaction of
 * the kind in order than sort the few of two or three names.
 */
function indexHint(f: TxnRecordFilter): string {
  return f.entityIds && f.entityIds.length > 0 ? ' INDEXED BY qbx_txn_kind_entity' : '';
}

function whereClause(f: TxnRecordFilter): { sql: string; params: Record<string, unknown> } {
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
    const v = txnRefKey(f.ref.value).replace(/[\\%_]/g, (c) => `\\${c}`);
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
        params['fromRef'] = txnRefKey(from);
      }
      if (to !== undefined) {
        parts.push('ref_key <= @toRef');
        params['toRef'] = txnRefKey(to);
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

function toLink(r: RawLink): TxnLinkRow {
  return { from: r.from_txn, to: r.to_txn, cents: Number(r.amount) };
}

function toRow(r: RawRow): TxnRecordRow {
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
    doc: JSON.parse(r.doc) as StoredDoc,
  };
}
