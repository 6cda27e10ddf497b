import type Database from 'better-sqlite3';
import type { DataExtRecord } from './company-records.js';

/** A data extension definition (DataExtDefAdd) as stored. */
export interface DataExtDefRecord {
  /** `DataExtID`: a number given to each definition, never reused. */
  id: number;
  /** `0` (public custom field) or an upper-case braced GUID (private data). */
  ownerId: string;
  name: string;
  type: DataExtRecord['type'];
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

/** Compares data extension names and owners the way QuickBooks does: ignoring case. */
export function dataExtDefKey(s: string): string {
  return s.toUpperCase();
}

/** The data extension definitions of one company database, names unique per owner ignoring case. */
export class DataExtDefTable {
  readonly #byKey: Database.Statement;
  readonly #all: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #update: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #valueOwners: Database.Statement;

  constructor(db: Database.Database) {
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
    this.#valueOwners = db.prepare('SELECT object_type, object_id, name FROM data_exts WHERE owner_id = ? ORDER BY id');
  }

  /** The definition of that owner and name (both ignoring case), if any. */
  get(ownerId: string, name: string): DataExtDefRecord | undefined {
    const raw = this.#byKey.get(dataExtDefKey(ownerId), dataExtDefKey(name)) as RawDef | undefined;
    return raw && toRecord(raw);
  }

  /** Every definition, in the order they were added. */
  all(): DataExtDefRecord[] {
    return (this.#all.all() as RawDef[]).map(toRecord);
  }

  insert(def: Omit<DataExtDefRecord, 'id'>): DataExtDefRecord {
    const info = this.#insert.run(toParams({ ...def, id: 0 }));
    return { ...def, ownerId: dataExtDefKey(def.ownerId), id: Number(info.lastInsertRowid) };
  }

  update(def: DataExtDefRecord): void {
    this.#update.run(toParams(def));
  }

  delete(def: DataExtDefRecord): void {
    this.#delete.run(def.id);
  }

  /** Where values of a definition are set (the data extension values of its owner and name). */
  objectsWithValues(def: DataExtDefRecord): { objectType: string; objectId: string; name: string }[] {
    const rows = this.#valueOwners.all(dataExtDefKey(def.ownerId)) as {
      object_type: string;
      object_id: string;
      name: string;
    }[];
    return rows
      .filter((r) => dataExtDefKey(r.name) === dataExtDefKey(def.name))
      .map((r) => ({ objectType: r.object_type, objectId: r.object_id, name: r.name }));
  }
}

function toRecord(r: RawDef): DataExtDefRecord {
  return {
    id: r.data_ext_id,
    ownerId: r.owner_id,
    name: r.name,
    type: r.type as DataExtRecord['type'],
    assignTo: JSON.parse(r.assign_to) as string[],
    listRequire: r.list_require === 1,
    txnRequire: r.txn_require === 1,
    formatString: r.format_string,
  };
}

function toParams(d: DataExtDefRecord): Record<string, string | number> {
  return {
    data_ext_id: d.id,
    owner_id: dataExtDefKey(d.ownerId),
    name: d.name,
    name_key: dataExtDefKey(d.name),
    type: d.type,
    assign_to: JSON.stringify(d.assignTo),
    list_require: d.listRequire ? 1 : 0,
    txn_require: d.txnRequire ? 1 : 0,
    format_string: d.formatString,
  };
}
