import type Database from 'better-sqlite3';
import { RECORD_TABLES_DDL, RECORD_TABLES_SEED, RECORD_TABLES_VERSION } from './record-tables-ddl.js';
import { StoreError } from './store-error.js';

/**
 * Version of the store's own tables, kept in `PRAGMA user_version`. Bump it with a migration step in
 * {@link ensureCompanySchema} whenever a table below changes. The record tables (record-tables-ddl.ts) are
 * versioned apart, in `qbx_meta.schema_version`, as they were before the store owned them.
 */
export const COMPANY_SCHEMA_VERSION = 1;

/*
 * STRICT tables so a wrong type is an error instead of a silently coerced value. `id INTEGER PRIMARY KEY` is the
 * list position (insertion order); `*_key` columns hold the case-folded name the UNIQUE constraint and look-ups use,
 * while the name itself keeps the casing it was given (QuickBooks shows what you typed, matches ignoring case).
 */
const DDL = `
CREATE TABLE IF NOT EXISTS company_info (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  company_name       TEXT    NOT NULL DEFAULT '',
  legal_company_name TEXT    NOT NULL DEFAULT '',
  is_sample_company  INTEGER NOT NULL DEFAULT 0 CHECK (is_sample_company IN (0, 1))
) STRICT;

CREATE TABLE IF NOT EXISTS users (
  id                 INTEGER PRIMARY KEY,
  name               TEXT    NOT NULL,
  name_key           TEXT    NOT NULL UNIQUE,
  password           TEXT    NOT NULL,
  role               TEXT    NOT NULL CHECK (role IN ('admin', 'all-areas', 'selected-areas', 'external-accountant')),
  credential_version INTEGER NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS app_grants (
  id                             INTEGER PRIMARY KEY,
  app_name                       TEXT    NOT NULL,
  app_name_key                   TEXT    NOT NULL UNIQUE,
  app_id                         TEXT    NOT NULL,
  allow_access                   INTEGER NOT NULL CHECK (allow_access IN (0, 1)),
  prompt_each_time               INTEGER NOT NULL CHECK (prompt_each_time IN (0, 1)),
  auto_login                     INTEGER NOT NULL CHECK (auto_login IN (0, 1)),
  login_as                       TEXT,
  login_as_credential_version    INTEGER,
  login_as_file_path             TEXT,
  personal_data                  INTEGER NOT NULL CHECK (personal_data IN (0, 1)),
  requested_is_read_only         INTEGER NOT NULL CHECK (requested_is_read_only IN (0, 1)),
  requested_unattended_mode_pref TEXT    NOT NULL CHECK (requested_unattended_mode_pref IN ('umpRequired', 'umpOptional')),
  requested_personal_data_pref   TEXT    NOT NULL
    CHECK (requested_personal_data_pref IN ('pdpRequired', 'pdpOptional', 'pdpNotNeeded')),
  certificate_subject            TEXT    NOT NULL,
  certificate_status             TEXT    NOT NULL
    CHECK (certificate_status IN ('valid', 'expired', 'revoked', 'invalid', 'none')),
  certificate_expires            TEXT,
  granted_at                     TEXT    NOT NULL
) STRICT;

CREATE TABLE IF NOT EXISTS company_app_prefs (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  block_all_apps      INTEGER NOT NULL DEFAULT 0 CHECK (block_all_apps IN (0, 1)),
  -- QuickBooks ships with "notify before running an application whose certificate has expired" on.
  notify_expired_cert INTEGER NOT NULL DEFAULT 1 CHECK (notify_expired_cert IN (0, 1))
) STRICT;

CREATE TABLE IF NOT EXISTS data_exts (
  id          INTEGER PRIMARY KEY,
  owner_id    TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('AMTTYPE', 'DATETIMETYPE', 'INTTYPE', 'PERCENTTYPE', 'PRICETYPE',
                                            'QUANTYPE', 'STR1024TYPE', 'STR255TYPE')),
  value       TEXT NOT NULL,
  UNIQUE (owner_id, object_type, object_id, name_key)
) STRICT;

-- Every read of data extensions is "all values on this object" (DataExtRet inside a ...Ret).
CREATE INDEX IF NOT EXISTS data_exts_by_object ON data_exts (object_type, object_id);
`;

/**
 * Inserts the singleton rows every company file has (company info, app prefs) with their defaults. Idempotent.
 * Users are not seeded: the engine adds `Admin` (and the scenario's users) when it creates a company file.
 */
export function seedCompanyDefaults(db: Database.Database): void {
  db.exec(`
    INSERT OR IGNORE INTO company_info (id) VALUES (1);
    INSERT OR IGNORE INTO company_app_prefs (id) VALUES (1);
    ${RECORD_TABLES_SEED}
  `);
}

/**
 * Creates the store's tables and singleton rows when missing, and checks the version of an existing file.
 *
 * @throws StoreError `CORRUPT` when the file was written by a newer schema than this code knows.
 */
export function ensureCompanySchema(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > COMPANY_SCHEMA_VERSION) {
    throw new StoreError(
      'CORRUPT',
      `The company database has store schema version ${version}, newer than this qbd-sim knows ` +
        `(${COMPANY_SCHEMA_VERSION}). Open it with the qbd-sim that wrote it, or start from a fresh company file.`,
    );
  }
  db.transaction(() => {
    db.exec(DDL);
    // The company's record tables are created with the company file, never in the middle of a request.
    db.exec(RECORD_TABLES_DDL);
    const records = db.prepare(`SELECT value FROM qbx_meta WHERE key = 'schema_version'`).get() as
      { value: string } | undefined;
    if (records && Number(records.value) > RECORD_TABLES_VERSION) {
      throw new StoreError(
        'CORRUPT',
        `The company database has record tables version ${records.value}, newer than this qbd-sim knows ` +
          `(${RECORD_TABLES_VERSION}). Open it with the qbd-sim that wrote it, or start from a fresh company file.`,
      );
    }
    // Also for an existing file: an image trimmed by hand still needs its singletons, or every read of them fails.
    seedCompanyDefaults(db);
    if (version === 0) db.pragma(`user_version = ${COMPANY_SCHEMA_VERSION}`);
  }).immediate();
}
