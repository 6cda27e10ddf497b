/**
 * The company's business records (list records, transactions, their links, deleted records, counters, data
 * extension definitions, kept message sets, user areas): generic document tables, created with the company file by
 * {@link ensureCompanySchema}. Each record is kept as its whole document (`doc`, JSON) beside the indexed columns
 * the look-ups and queries filter and sort on; what the kinds are and which document fields go into the indexed
 * columns is data the caller (the qbXML layer) passes in. The `qbx_` prefix is historical: the tables were once
 * created by the qbXML processor itself, and existing company files keep them.
 */
export const RECORD_TABLES_VERSION = 1;

export const RECORD_TABLES_DDL = `
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
CREATE TABLE IF NOT EXISTS qbx_message_set (
  app_key        TEXT    NOT NULL,
  message_set_id TEXT    NOT NULL,
  checksum       TEXT    NOT NULL,
  response       TEXT,
  kept_at        INTEGER NOT NULL,
  PRIMARY KEY (app_key, message_set_id)
);
CREATE TABLE IF NOT EXISTS qbx_user_areas (
  user_key TEXT NOT NULL,
  area     TEXT NOT NULL,
  access   TEXT NOT NULL CHECK (access IN ('none', 'read', 'full')),
  PRIMARY KEY (user_key, area)
);
-- "Allow Always" in QuickBooks' expired-certificate notice, remembered in the company file (engine).
CREATE TABLE IF NOT EXISTS qbdsim_expired_cert_allowed (
  app_name_key        TEXT PRIMARY KEY,
  certificate_subject TEXT NOT NULL,
  allowed_at          TEXT NOT NULL
) STRICT;
`;

/** The row that versions the record tables (kept in `qbx_meta`, so files written before the store owned them agree). */
export const RECORD_TABLES_SEED = `INSERT OR IGNORE INTO qbx_meta (key, value) VALUES ('schema_version', '${RECORD_TABLES_VERSION}');`;
