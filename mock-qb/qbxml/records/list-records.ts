import type Database from 'better-sqlite3';
import type { RetDoc } from '../ret-doc.js';
import { editSequenceAt, idFactory } from './id-factory.js';
import { ensureRecordSchema } from './record-schema.js';
import { stampAt, touchedCopy } from './record-stamp.js';

/** A list record (vendor, account, terms, item, …) as stored. */
export interface ListRow {
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
  /** The whole Ret in schema order, ListCore first. */
  doc: RetDoc;
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

/** Which records a list query returns (all optional; the query's own filter group). */
export interface ListFilter {
  kinds: readonly string[];
  activeStatus?: 'ActiveOnly' | 'InactiveOnly' | 'All';
  fromModified?: number;
  toModified?: number;
  /** Case-insensitive match on the full name. */
  name?: { criterion: 'StartsWith' | 'Contains' | 'EndsWith'; value: string };
  /** Inclusive, case-insensitive full-name range (either end optional). */
  nameRange?: { from?: string; to?: string };
  /** Only records whose name key sorts after this one (iterator continuation). */
  afterKey?: string;
  limit?: number;
}

/** Upper-cases a name for comparison, as QuickBooks compares list names case-insensitively. */
export function nameKey(name: string): string {
  return name.toUpperCase();
}

const cache = new WeakMap<Database.Database, ListRecords>();

/**
 * The list records of one company database: insert with QuickBooks ids and times, look up by
 * ListID or FullName (indexed, so the cost does not grow with the company), filter, update, delete.
 * Callers run inside the request's transaction.
 */
export class ListRecords {
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

  private constructor(db: Database.Database) {
    ensureRecordSchema(db);
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
  }

  /** The records of a company database (one instance per database handle). */
  static of(db: Database.Database): ListRecords {
    let r = cache.get(db);
    if (!r) {
      r = new ListRecords(db);
      cache.set(db, r);
    }
    return r;
  }

  getById(listId: string): ListRow | undefined {
    const raw = this.#byId.get(listId) as RawRow | undefined;
    return raw && toRow(raw);
  }

  getByFullName(kind: string, fullName: string): ListRow | undefined {
    const raw = this.#byName.get(kind, nameKey(fullName)) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /** The record using a name within a uniqueness class (e.g. the name lists Customer/Vendor/Employee/OtherName). */
  getByClassName(nameClass: string, fullName: string): ListRow | undefined {
    const raw = this.#byClassName.get(nameClass, nameKey(fullName)) as RawRow | undefined;
    return raw && toRow(raw);
  }

  /**
   * Adds a record: makes its ListID, times and EditSequence, and asks `build` for the fields after
   * ListCore (in schema order).
   */
  insert(args: {
    kind: string;
    nameClass: string;
    name: string;
    fullName: string;
    parentId?: string | null;
    isActive: boolean;
    now: number;
    timeZone: string;
    build: (core: { listId: string }) => RetDoc;
    /** A ListID made by the caller (the built-in records of a new company); default: the next list id. */
    listId?: string;
  }): ListRow {
    const listId = args.listId ?? idFactory.listId(this.#db, args.now);
    const stamp = stampAt(args.now, args.timeZone);
    const editSequence = editSequenceAt(args.now);
    const doc: RetDoc = {
      ListID: listId,
      TimeCreated: stamp,
      TimeModified: stamp,
      EditSequence: editSequence,
      ...args.build({ listId }),
    };
    const info = this.#insert.run({
      list_id: listId,
      kind: args.kind,
      name_class: args.nameClass,
      name: args.name,
      full_name: args.fullName,
      full_name_key: nameKey(args.fullName),
      parent_id: args.parentId ?? null,
      is_active: args.isActive ? 1 : 0,
      time_created: args.now,
      time_modified: args.now,
      edit_sequence: editSequence,
      doc: JSON.stringify(doc),
    });
    return {
      seq: Number(info.lastInsertRowid),
      listId,
      kind: args.kind,
      nameClass: args.nameClass,
      name: args.name,
      fullName: args.fullName,
      parentId: args.parentId ?? null,
      isActive: args.isActive,
      timeCreated: args.now,
      timeModified: args.now,
      editSequence,
      doc,
    };
  }

  /**
   * Saves a changed record: TimeModified and EditSequence move to `now` (unless `touch` is false —
   * e.g. a balance that changes because a bill was entered is not an edit of the vendor).
   */
  save(row: ListRow, opts: { now: number; timeZone: string; touch?: boolean }): ListRow {
    const next = touchedCopy(row, opts);
    this.#update.run({
      list_id: next.listId,
      name: next.name,
      full_name: next.fullName,
      full_name_key: nameKey(next.fullName),
      parent_id: next.parentId,
      is_active: next.isActive ? 1 : 0,
      time_modified: next.timeModified,
      edit_sequence: next.editSequence,
      doc: JSON.stringify(next.doc),
    });
    return next;
  }

  /** Deletes a record and remembers it for ListDeletedQuery. */
  delete(row: ListRow, now: number): void {
    this.#delete.run(row.listId);
    this.#deleted.run(row.kind, row.listId, row.timeCreated, now, row.fullName);
  }

  hasChildren(listId: string): boolean {
    return (this.#children.get(listId) as { n: number }).n > 0;
  }

  /** The direct children of a record (sub-accounts, jobs, sub-items, sub-classes), in full-name order. */
  childrenOf(listId: string): ListRow[] {
    return (this.#childRows.all(listId) as RawRow[]).map(toRow);
  }

  /** Records matching a filter, ordered by full name (the order QuickBooks lists them in). */
  query(f: ListFilter): ListRow[] {
    const { sql, params } = whereClause(f);
    const limit = f.limit !== undefined ? ` LIMIT ${Math.max(0, Math.floor(f.limit))}` : '';
    const rows = this.#db
      .prepare(`SELECT * FROM qbx_list WHERE ${sql} ORDER BY full_name_key${limit}`)
      .all(params) as RawRow[];
    return rows.map(toRow);
  }

  /** How many records match a filter (for metaData and iterator counts). */
  count(f: ListFilter): number {
    const { sql, params } = whereClause({ ...f, limit: undefined });
    return (this.#db.prepare(`SELECT COUNT(*) AS n FROM qbx_list WHERE ${sql}`).get(params) as { n: number }).n;
  }
}

function whereClause(f: ListFilter): { sql: string; params: Record<string, unknown> } {
  const parts: string[] = [];
  const params: Record<string, unknown> = {};
  f.kinds.forEach((k, i) => (params[`k${i}`] = k));
  parts.push(`kind IN (${f.kinds.map((_, i) => `@k${i}`).join(', ')})`);
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
    const v = nameKey(f.name.value).replace(/[\\%_]/g, (c) => `\\${c}`);
    params['name'] = f.name.criterion === 'StartsWith' ? `${v}%` : f.name.criterion === 'EndsWith' ? `%${v}` : `%${v}%`;
    parts.push(`full_name_key LIKE @name ESCAPE '\\'`);
  }
  if (f.nameRange?.from !== undefined) {
    parts.push('full_name_key >= @fromName');
    params['fromName'] = nameKey(f.nameRange.from);
  }
  if (f.nameRange?.to !== undefined) {
    // "ToName" includes names that start with it (QuickBooks' range is on the name's prefix).
    parts.push('full_name_key <= @toName');
    params['toName'] = `${nameKey(f.nameRange.to)}\uffff`;
  }
  if (f.afterKey !== undefined) {
    parts.push('full_name_key > @afterKey');
    params['afterKey'] = f.afterKey;
  }
  return { sql: parts.join(' AND '), params };
}

function toRow(r: RawRow): ListRow {
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
    doc: JSON.parse(r.doc) as RetDoc,
  };
}
