import type Database from 'better-sqlite3';

/**
 * The qbXML processor's own tables in a company database (the store owns `PRAGMA user_version`;
 * these are versioned by `qbx_meta.schema_version`). Records are kept in response shape (`doc`, a
 * RetDoc as JSON) beside the indexed columns the queries filter and sort on.
 */
const SCHEMA_VERSION = 1;

const DDL = `
CREATE TABLE IF NOT EXISTS qbx_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS qbx_counter (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS qbx_list (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  list_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  name_class TEXT NOT NULL,
  name TEXT NOT NULL,
  full_name TEXT NOT NULL,
  full_name_key TEXT NOT NULL,
  parent_id TEXT,
  is_active INTEGER NOT NULL,
  time_created INTEGER NOT NULL,
  time_modified INTEGER NOT NULL,
  edit_sequence TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS qbx_list_name ON qbx_list(name_class, full_name_key);
CREATE INDEX IF NOT EXISTS qbx_list_kind_name ON qbx_list(kind, full_name_key);
CREATE INDEX IF NOT EXISTS qbx_list_kind_modified ON qbx_list(kind, time_modified);
CREATE TABLE IF NOT EXISTS qbx_txn (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  txn_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  txn_number INTEGER NOT NULL,
  ref_number TEXT,
  ref_key TEXT,
  txn_date TEXT NOT NULL,
  entity_id TEXT,
  account_id TEXT,
  is_paid INTEGER,
  time_created INTEGER NOT NULL,
  time_modified INTEGER NOT NULL,
  edit_sequence TEXT NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS qbx_txn_kind_seq ON qbx_txn(kind, seq);
CREATE INDEX IF NOT EXISTS qbx_txn_kind_modified ON qbx_txn(kind, time_modified);
CREATE INDEX IF NOT EXISTS qbx_txn_kind_ref ON qbx_txn(kind, ref_key);
CREATE INDEX IF NOT EXISTS qbx_txn_kind_entity ON qbx_txn(kind, entity_id);
CREATE INDEX IF NOT EXISTS qbx_txn_kind_date ON qbx_txn(kind, txn_date);
CREATE TABLE IF NOT EXISTS qbx_txn_link (
  from_txn TEXT NOT NULL,
  to_txn TEXT NOT NULL,
  amount TEXT NOT NULL,
  PRIMARY KEY (from_txn, to_txn)
);
CREATE INDEX IF NOT EXISTS qbx_txn_link_to ON qbx_txn_link(to_txn);
CREATE TABLE IF NOT EXISTS qbx_deleted (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  class TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  time_created INTEGER NOT NULL,
  time_deleted INTEGER NOT NULL,
  label TEXT
);
CREATE INDEX IF NOT EXISTS qbx_deleted_kind ON qbx_deleted(class, kind, time_deleted);
`;

const ensured = new WeakSet<Database.Database>();

/** Creates the processor's tables in a company database once per handle. */
export function ensureRecordSchema(db: Database.Database): void {
  if (ensured.has(db)) return;
  db.exec(DDL);
  const row = db.prepare(`SELECT value FROM qbx_meta WHERE key = 'schema_version'`).get() as
    { value: string } | undefined;
  if (!row) db.prepare(`INSERT INTO qbx_meta (key, value) VALUES ('schema_version', ?)`).run(String(SCHEMA_VERSION));
  else if (Number(row.value) > SCHEMA_VERSION) {
    throw new Error(
      `this company file was written by a newer qbd-sim (qbXML tables v${row.value}; this one knows v${SCHEMA_VERSION})`,
    );
  }
  // DDL is transactional in SQLite: created inside a request's transaction that later rolls back,
  // the tables would vanish again; only remember them once committed outside a transaction.
  if (!db.inTransaction) ensured.add(db);
}
