import type Database from 'better-sqlite3';
import type { DataExtRecord } from '../../store/company-records.js';

/** A data extension's value type (qbXML `DataExtType`). */
export type DataExtType = DataExtRecord['type'];

/** A data extension definition (DataExtDefAdd) as stored. */
export interface DataExtDefRow {
  /** `DataExtID`: a number QuickBooks gives each definition, never reused. */
  id: number;
  /** `0` (public custom field) or an upper-case braced GUID (private data). */
  ownerId: string;
  name: string;
  type: DataExtType;
  /** `AssignToObject` values, in the order they were assigned. */
  assignTo: string[];
  listRequire: boolean;
  txnRequire: boolean;
  formatString: string;
}

interface RawDef {
  data_ext_id: number;
  owner_id: string;
  name: string;
  type: string;
  assign_to: string;
  list_require: number;
  txn_require: number;
  format_string: string;
}

/*
 * The processor's own table (beside records/record-schema.ts's): definitions per OwnerID, names unique per owner
 * ignoring case. The values themselves live in the store's data extension table (CompanyStore.putDataExt), which
 * CompanyQuery and the list queries read.
 */
const DDL = `
CREATE TABLE IF NOT EXISTS qbx_data_ext_def (
  data_ext_id   INTEGER PRIMARY KEY AUTOINCREMENT,
  owner_id      TEXT    NOT NULL,
  name          TEXT    NOT NULL,
  name_key      TEXT    NOT NULL,
  type          TEXT    NOT NULL,
  assign_to     TEXT    NOT NULL,
  list_require  INTEGER NOT NULL,
  txn_require   INTEGER NOT NULL,
  format_string TEXT    NOT NULL,
  UNIQUE (owner_id, name_key)
);
`;

/** Compares data extension names and owners the way QuickBooks does: ignoring case. */
export function defKey(s: string): string {
  return s.toUpperCase();
}

const cache = new WeakMap<Database.Database, DataExtDefs>();

/**
 * The data extension definitions of one company database. The table is created on first use of a handle
 * (idempotent), so an existing company file gains it without a migration.
 */
export class DataExtDefs {
  readonly #byKey: Database.Statement;
  readonly #all: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #valueOwners: Database.Statement;

  private constructor(db: Database.Database) {
    db.exec(DDL);
    this.#byKey = db.prepare('SELECT * FROM qbx_data_ext_def WHERE owner_id = ? AND name_key = ?');
    this.#all = db.prepare('SELECT * FROM qbx_data_ext_def ORDER BY data_ext_id');
    this.#insert = db.prepare(
      `INSERT INTO qbx_data_ext_def (owner_id, name, name_key, type, assign_to, list_require, txn_require, format_string)
       VALUES (@owner_id, @name, @name_key, @type, @assign_to, @list_require, @txn_require, @format_string)`,
    );
    this.#update = db.prepare(
      `UPDATE qbx_data_ext_def SET name = @name, name_key = @name_key, assign_to = @assign_to,
       list_require = @list_require, txn_require = @txn_require, format_string = @format_string
       WHERE data_ext_id = @data_ext_id`,
    );
    this.#delete = db.prepare('DELETE FROM qbx_data_ext_def WHERE data_ext_id = ?');
    // The store has no "every object holding this owner's values" read; this one read of its table stands in.
    this.#valueOwners = db.prepare('SELECT object_type, object_id, name FROM data_exts WHERE owner_id = ? ORDER BY id');
  }

  /** The definitions of a company database (one instance per database handle). */
  static of(db: Database.Database): DataExtDefs {
    let d = cache.get(db);
    if (!d) {
      d = new DataExtDefs(db);
      // Created inside a request's transaction, the table goes again if that request fails: remember it only once
      // it was created for good.
      if (!db.inTransaction) cache.set(db, d);
    }
    return d;
  }

  /** The definition of that owner and name (both ignoring case), if any. */
  get(ownerId: string, name: string): DataExtDefRow | undefined {
    const raw = this.#byKey.get(defKey(ownerId), defKey(name)) as RawDef | undefined;
    return raw && toRow(raw);
  }

  /** Every definition, in the order they were added. */
  all(): DataExtDefRow[] {
    return (this.#all.all() as RawDef[]).map(toRow);
  }

  insert(def: Omit<DataExtDefRow, 'id'>): DataExtDefRow {
    const info = this.#insert.run(toParams({ ...def, id: 0 }));
    return { ...def, ownerId: defKey(def.ownerId), id: Number(info.lastInsertRowid) };
  }

  update(def: DataExtDefRow): void {
    this.#update.run(toParams(def));
  }

  delete(def: DataExtDefRow): void {
    this.#delete.run(def.id);
  }

  /** Where values of a definition are set: `objectType`/`objectId` pairs of the store's data extension table. */
  objectsWithValues(def: DataExtDefRow): { objectType: string; objectId: string; name: string }[] {
    const rows = this.#valueOwners.all(defKey(def.ownerId)) as {
      object_type: string;
      object_id: string;
      name: string;
    }[];
    return rows
      .filter((r) => defKey(r.name) === defKey(def.name))
      .map((r) => ({ objectType: r.object_type, objectId: r.object_id, name: r.name }));
  }
}

function toRow(r: RawDef): DataExtDefRow {
  return {
    id: r.data_ext_id,
    ownerId: r.owner_id,
    name: r.name,
    type: r.type as DataExtType,
    assignTo: JSON.parse(r.assign_to) as string[],
    listRequire: r.list_require === 1,
    txnRequire: r.txn_require === 1,
    formatString: r.format_string,
  };
}

function toParams(d: DataExtDefRow): Record<string, string | number> {
  return {
    data_ext_id: d.id,
    owner_id: defKey(d.ownerId),
    name: d.name,
    name_key: defKey(d.name),
    type: d.type,
    assign_to: JSON.stringify(d.assignTo),
    list_require: d.listRequire ? 1 : 0,
    txn_require: d.txnRequire ? 1 : 0,
    format_string: d.formatString,
  };
}
