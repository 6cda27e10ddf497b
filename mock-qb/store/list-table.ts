import type Database from 'better-sqlite3';
import type { StoredDoc } from './record-doc.js';

/**
 * A list record (vendor, account, terms, item, …) as stored: the indexed columns and the whole document. `kind` and
 * `nameClass` (the name space a name must be unique in) are the caller's data; the store only indexes them.
 */
export interface ListRecordRow {
  seq: number;
  listId: string;
  kind: string;
  nameClass: string;
  name: string;
  fullName: string;
  parentId: string | null;
  isActive: boolean;
  timeCreated: number;
  timeModified: number;
  editSequence: string;
  doc: StoredDoc;
}

/** Which list records a query returns (the caller's filter group, all optional but `kinds`). */
export interface ListRecordFilter {
  kinds: readonly string[];
  activeStatus?: 'ActiveOnly' | 'InactiveOnly' | 'All';
  fromModified?: number;
  toModified?: number;
  /** Case-insensitive match on the full name. */
  name?: { criterion: 'StartsWith' | 'Contains' | 'EndsWith'; value: string };
  /** Inclusive, case-insensitive full-name range (either end optional; `to` includes names starting with it). */
  nameRange?: { from?: string; to?: string };
  /** Only records whose name key sorts after this one (iterator continuation). */
  afterKey?: string;
  limit?: number;
}

/** A deleted record (list or transaction), as ListDeletedQuery and TxnDeletedQuery report it. */
export interface DeletedRecordRow {
  kind: string;
  id: string;
  timeCreated: number;
  timeDeleted: number;
  /** The list record's full name, the transaction's RefNumber (null when it had none). */
  label: string | null;
}

/** Upper-cases a name for comparison, as QuickBooks compares list names case-insensitively. */
export function listNameKey(name: string): string {
  return name.toUpperCase();
}

interface RawRow {
  seq: number;
  list_id: string;
  kind: string;
  name_class: string;
  name: string;
  full_name: string;
  parent_id: string | null;
  is_active: number;
  time_created: number;
  time_modified: number;
  edit_sequence: string;
  doc: string;
}

/**
 * The list records of one company database: typed look-ups by ListID and by indexed name (within a kind or a name
 * class), inserts, updates, deletes (kept for the deleted-records query), children, filtered and ranged queries.
 * Every look-up walks an index, so its cost does not grow with the company.
 */
export class ListTable {
  readonly #db: Database.Database;
  readonly #byId: Database.Statement;
  readonly #byName: Database.Statement;
  readonly #byClassName: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #deleted: Database.Statement;
  readonly #children: Database.Statement;
  readonly #childRows: Database.Statement;
  readonly #descendants: Database.Statement;
  readonly #count: Database.Statement;
  readonly #usedByTxn: Database.Statement;
  readonly #usedByList: Database.Statement;
  readonly #statements = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
    this.#byId = db.prepare('SELECT * FROM qbx_list WHERE list_id = ?');
    this.#byName = db.prepare('SELECT * FROM qbx_list WHERE kind = ? AND full_name_key = ?');
    this.#byClassName = db.prepare('SELECT * FROM qbx_list WHERE name_class = ? AND full_name_key = ?');
    this.#insert = db.prepare(
      `INSERT INTO qbx_list (list_id, kind, name_class, name, full_name, full_name_key, parent_id, is_active, time_created, time_modified, edit_sequence, doc)
       VALUES (@list_id, @kind, @name_class, @name, @full_name, @full_name_key, @parent_id, @is_active, @time_created, @time_modified, @edit_sequence, @doc)`,
    );
    this.#update = db.prepare(
      `UPDATE qbx_list SET name = @name, full_name = @full_name, full_name_key = @full_name_key, parent_id = @parent_id,
       is_active = @is_active, time_modified = @time_modified, edit_sequence = @edit_sequence, doc = @doc WHERE list_id = @list_id`,
    );
    this.#delete = db.prepare('DELETE FROM qbx_list WHERE list_id = ?');
    this.#deleted = db.prepare(
      `INSERT INTO qbx_deleted (class, kind, id, time_created, time_deleted, label) VALUES ('list', ?, ?, ?, ?, ?)`,
    );
    this.#children = db.prepare('SELECT COUNT(*) AS n FROM qbx_list WHERE parent_id = ?');
    this.#childRows = db.prepare('SELECT * FROM qbx_list WHERE parent_id = ? ORDER BY full_name_key');
    this.#descendants = db.prepare(
      `WITH RECURSIVE sub(id) AS (SELECT ? UNION ALL SELECT l.list_id FROM qbx_list l JOIN sub ON l.parent_id = sub.id)
       SELECT id FROM sub`,
    );
    this.#count = db.prepare('SELECT COUNT(*) AS n FROM qbx_list');
    this.#usedByTxn = db.prepare(
      'SELECT 1 FROM qbx_txn WHERE entity_id = ? OR account_id = ? OR instr(doc, ?) > 0 LIMIT 1',
    );
    this.#usedByList = db.prepare('SELECT 1 FROM qbx_list WHERE list_id <> ? AND instr(doc, ?) > 0 LIMIT 1');
  }

  getById(listId: string): ListRecordRow | undefined {
    const raw = this.#byId.get(listId) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** The record of a kind with that full name, compared ignoring case. */
  getByFullName(kind: string, fullName: string): ListRecordRow | undefined {
    const raw = this.#byName.get(kind, listNameKey(fullName)) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** The record using a full name within a name class (names are unique per class), compared ignoring case. */
  getByClassName(nameClass: string, fullName: string): ListRecordRow | undefined {
    const raw = this.#byClassName.get(nameClass, listNameKey(fullName)) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** Adds a record; returns its `seq` (its position in the company's list order). */
  insert(row: Omit<ListRecordRow, 'seq'>): number {
    const info = this.#insert.run({
      list_id: row.listId,
      kind: row.kind,
      name_class: row.nameClass,
      name: row.name,
      full_name: row.fullName,
      full_name_key: listNameKey(row.fullName),
      parent_id: row.parentId,
      is_active: row.isActive ? 1 : 0,
      time_created: row.timeCreated,
      time_modified: row.timeModified,
      edit_sequence: row.editSequence,
      doc: JSON.stringify(row.doc),
    });
    return Number(info.lastInsertRowid);
  }

  /** Writes a record's changeable columns and document (by ListID; kind, class and creation stay). */
  update(row: ListRecordRow): void {
    this.#update.run({
      list_id: row.listId,
      name: row.name,
      full_name: row.fullName,
      full_name_key: listNameKey(row.fullName),
      parent_id: row.parentId,
      is_active: row.isActive ? 1 : 0,
      time_modified: row.timeModified,
      edit_sequence: row.editSequence,
      doc: JSON.stringify(row.doc),
    });
  }

  /** Deletes a record and keeps it as a deleted record (kind, id, times, full name). */
  delete(row: ListRecordRow, timeDeleted: number): void {
    this.#delete.run(row.listId);
    this.#deleted.run(row.kind, row.listId, row.timeCreated, timeDeleted, row.fullName);
  }

  /** Deleted list records of these kinds, in deletion order, optionally within a deletion-time range (inclusive). */
  deleted(kinds: readonly string[], range: { from?: number; to?: number } = {}): DeletedRecordRow[] {
    return deletedRows(this.#db, this.#statements, 'list', kinds, range);
  }

  hasChildren(listId: string): boolean {
    return (this.#children.get(listId) as { n: number }).n > 0;
  }

  /** The direct children of a record, in full-name order. */
  childrenOf(listId: string): ListRecordRow[] {
    return (this.#childRows.all(listId) as RawRow[]).map(toRow);
  }

  /** A record's ListID and those of every record under it (any depth). */
  withDescendants(listId: string): string[] {
    return (this.#descendants.all(listId) as { id: string }[]).map((r) => r.id);
  }

  /** How many list records the company has, of every kind. */
  size(): number {
    return (this.#count.get() as { n: number }).n;
  }

  /**
   * What refers to a record besides its children: a transaction (as its entity or account column, or the text
   * `needle` anywhere in its document) or another list record (`needle` in its document).
   */
  referencedBy(listId: string, needle: string): 'transactions' | 'lists' | undefined {
    if (this.#usedByTxn.get(listId, listId, needle)) return 'transactions';
    if (this.#usedByList.get(listId, needle)) return 'lists';
    return undefined;
  }

  /** Records matching a filter, ordered by full name (case-insensitively). */
  query(f: ListRecordFilter): ListRecordRow[] {
    const { sql, params } = whereClause(f);
    const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : '';
    const text = `SELECT * FROM qbx_list WHERE ${sql} ORDER BY full_name_key${limit}`;
    return (statement(this.#db, this.#statements, text).all(params) as RawRow[]).map(toRow);
  }

  /** How many records match a filter. */
  count(f: ListRecordFilter): number {
    const { sql, params } = whereClause({ ...f, limit: undefined });
    const text = `SELECT COUNT(*) AS n FROM qbx_list WHERE ${sql}`;
    return (statement(this.#db, this.#statements, text).get(params) as { n: number }).n;
  }
}

/** A prepared statement per distinct SQL text (queries are built from a handful of shapes). */
export function statement(
  db: Database.Database,
  cache: Map<string, Database.Statement>,
  sql: string,
): Database.Statement {
  let s = cache.get(sql);
  if (!s) {
    s = db.prepare(sql);
    cache.set(sql, s);
  }
  return s;
}

/** Deleted records of one class (`list` / `txn`) and these kinds, in deletion order. */
export function deletedRows(
  db: Database.Database,
  cache: Map<string, Database.Statement>,
  cls: 'list' | 'txn',
  kinds: readonly string[],
  range: { from?: number; to?: number },
): DeletedRecordRow[] {
  const params: Record<string, unknown> = { cls };
  kinds.forEach((k, i) => (params[`k${i}`] = k));
  const where = ['class = @cls', `kind IN (${kinds.map((_, i) => `@k${i}`).join(', ')})`];
  if (range.from !== undefined) {
    where.push('time_deleted >= @from');
    params['from'] = range.from;
  }
  if (range.to !== undefined) {
    where.push('time_deleted <= @to');
    params['to'] = range.to;
  }
  // Lists in the order they were deleted; transactions by deletion time (then order), as before.
  const order = cls === 'list' ? 'seq' : 'time_deleted, seq';
  const sql = `SELECT kind, id, time_created, time_deleted, label FROM qbx_deleted WHERE ${where.join(' AND ')} ORDER BY ${order}`;
  return (
    statement(db, cache, sql).all(params) as {
      kind: string;
      id: string;
      time_created: number;
      time_deleted: number;
      label: string | null;
    }[]
  ).map((r) => ({ kind: r.kind, id: r.id, timeCreated: r.time_created, timeDeleted: r.time_deleted, label: r.label }));
}

function whereClause(f: ListRecordFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  f.kinds.forEach((k, i) => (params[`k${i}`] = k));
  parts.push(f.kinds.length ? `kind IN (${f.kinds.map((_, i) => `@k${i}`).join(', ')})` : '0');
  const active = f.activeStatus ?? 'ActiveOnly';
  if (active === 'ActiveOnly') parts.push('is_active = 1');
  else if (active === 'InactiveOnly') parts.push('is_active = 0');
  if (f.fromModified !== undefined) {
    parts.push('time_modified >= @fromModified');
    params['fromModified'] = f.fromModified;
  }
  if (f.toModified !== undefined) {
    parts.push('time_modified <= @toModified');
    params['toModified'] = f.toModified;
  }
  if (f.name) {
    const v = listNameKey(f.name.value).replace(/[\\%_]/g, (c) => `\\${c}`);
    params['name'] = f.name.criterion === 'StartsWith' ? `${v}%` : f.name.criterion === 'EndsWith' ? `%${v}` : `%${v}%`;
    parts.push(`full_name_key LIKE @name ESCAPE '\\'`);
  }
  if (f.nameRange?.from !== undefined) {
    parts.push('full_name_key >= @fromName');
    params['fromName'] = listNameKey(f.nameRange.from);
  }
  if (f.nameRange?.to !== undefined) {
    // "ToName" includes names that start with it (QuickBooks' range is on the name's prefix).
    parts.push('full_name_key <= @toName');
    params['toName'] = `${listNameKey(f.nameRange.to)}\uffff`;
  }
  if (f.afterKey !== undefined) {
    parts.push('full_name_key > @afterKey');
    params['afterKey'] = f.afterKey;
  }
  return { sql: parts.join(' AND '), params };
}

function toRow(r: RawRow): ListRecordRow {
  return {
    seq: r.seq,
    listId: r.list_id,
    kind: r.kind,
    nameClass: r.name_class,
    name: r.name,
    fullName: r.full_name,
    parentId: r.parent_id,
    isActive: r.is_active === 1,
    timeCreated: r.time_created,
    timeModified: r.time_modified,
    editSequence: r.edit_sequence,
    doc: JSON.parse(r.doc) as StoredDoc,
  };
}
