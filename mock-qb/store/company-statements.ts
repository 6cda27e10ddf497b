import type Database from 'better-sqlite3';

/** A boolean as SQLite stores it. */
export type Bit = 0 | 1;

export interface CompanyInfoRow {
  company_name: string;
  legal_company_name: string;
  is_sample_company: Bit;
}

export interface UserRow {
  name: string;
  password: string;
  role: string;
  credential_version: number;
}

/** An app grant row; also the named parameters of the upsert (`@app_name`, ...). */
export interface AppGrantRow {
  app_name: string;
  app_name_key: string;
  app_id: string;
  allow_access: Bit;
  prompt_each_time: Bit;
  auto_login: Bit;
  login_as: string | null;
  login_as_credential_version: number | null;
  login_as_file_path: string | null;
  personal_data: Bit;
  requested_is_read_only: Bit;
  requested_unattended_mode_pref: string;
  requested_personal_data_pref: string;
  certificate_subject: string;
  certificate_status: string;
  certificate_expires: string | null;
  granted_at: string;
}

export interface AppPrefsRow {
  block_all_apps: Bit;
  notify_expired_cert: Bit;
}

export interface DataExtRow {
  owner_id: string;
  object_type: string;
  object_id: string;
  name: string;
  type: string;
  value: string;
}

/** The key of one data extension value, as bound (owner upper-cased, name folded). */
export interface DataExtKeyParams {
  owner_id: string;
  object_type: string;
  object_id: string;
  name_key: string;
}

const USER_COLUMNS = 'name, password, role, credential_version';
const GRANT_COLUMNS = `app_name, app_name_key, app_id, allow_access, prompt_each_time, auto_login, login_as,
  login_as_credential_version, login_as_file_path, personal_data, requested_is_read_only,
  requested_unattended_mode_pref, requested_personal_data_pref, certificate_subject, certificate_status,
  certificate_expires, granted_at`;
const DATA_EXT_COLUMNS = 'owner_id, object_type, object_id, name, type, value';
const DATA_EXT_KEY =
  'owner_id = @owner_id AND object_type = @object_type AND object_id = @object_id AND name_key = @name_key';

/** Named parameters of the statements below (`null` in a patch = keep the current value). */
interface CompanyInfoPatchParams {
  company_name: string | null;
  legal_company_name: string | null;
  is_sample_company: Bit | null;
}
interface InsertUserParams {
  name: string;
  name_key: string;
  password: string;
  role: string;
}
interface UpdateUserParams {
  name_key: string;
  password: string;
  role: string;
  credential_version: number;
}
interface AppPrefsPatchParams {
  block_all_apps: Bit | null;
  notify_expired_cert: Bit | null;
}
interface ObjectParams {
  object_type: string;
  object_id: string;
}
interface PutDataExtParams extends DataExtKeyParams {
  name: string;
  type: string;
  value: string;
}

/** The prepared statements of one database handle. */
export interface CompanyStatements {
  getCompanyInfo: Database.Statement<[], CompanyInfoRow>;
  setCompanyInfo: Database.Statement<[CompanyInfoPatchParams]>;
  listUsers: Database.Statement<[], UserRow>;
  getUser: Database.Statement<[string], UserRow>;
  insertUser: Database.Statement<[InsertUserParams]>;
  updateUser: Database.Statement<[UpdateUserParams]>;
  deleteUser: Database.Statement<[string]>;
  listApps: Database.Statement<[], AppGrantRow>;
  getApp: Database.Statement<[string], AppGrantRow>;
  putApp: Database.Statement<[AppGrantRow]>;
  deleteApp: Database.Statement<[string]>;
  getAppPrefs: Database.Statement<[], AppPrefsRow>;
  setAppPrefs: Database.Statement<[AppPrefsPatchParams]>;
  listDataExts: Database.Statement<[ObjectParams], DataExtRow>;
  listDataExtsByOwners: Database.Statement<[ObjectParams & { owners_json: string }], DataExtRow>;
  getDataExt: Database.Statement<[DataExtKeyParams], DataExtRow>;
  putDataExt: Database.Statement<[PutDataExtParams]>;
  deleteDataExt: Database.Statement<[DataExtKeyParams]>;
}

/**
 * Prepares every statement the store runs, once per database handle (a handle swapped by `replaceWith` gets a new
 * set). BeginSession reads a user, a grant and the app prefs each time, so these must not be re-parsed per call.
 */
export function prepareCompanyStatements(db: Database.Database): CompanyStatements {
  const grantColumnList = GRANT_COLUMNS.split(',').map((c) => c.trim());
  return {
    getCompanyInfo: db.prepare<[], CompanyInfoRow>(
      'SELECT company_name, legal_company_name, is_sample_company FROM company_info WHERE id = 1',
    ),
    setCompanyInfo: db.prepare<
      [{ company_name: string | null; legal_company_name: string | null; is_sample_company: Bit | null }]
    >(`UPDATE company_info SET
         company_name = coalesce(@company_name, company_name),
         legal_company_name = coalesce(@legal_company_name, legal_company_name),
         is_sample_company = coalesce(@is_sample_company, is_sample_company)
       WHERE id = 1`),

    listUsers: db.prepare<[], UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY id`),
    getUser: db.prepare<[string], UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE name_key = ?`),
    insertUser: db.prepare<[{ name: string; name_key: string; password: string; role: string }]>(
      `INSERT INTO users (name, name_key, password, role, credential_version)
       VALUES (@name, @name_key, @password, @role, 1)`,
    ),
    updateUser: db.prepare<[{ name_key: string; password: string; role: string; credential_version: number }]>(
      `UPDATE users SET password = @password, role = @role, credential_version = @credential_version
       WHERE name_key = @name_key`,
    ),
    deleteUser: db.prepare<[string]>('DELETE FROM users WHERE name_key = ?'),

    listApps: db.prepare<[], AppGrantRow>(`SELECT ${GRANT_COLUMNS} FROM app_grants ORDER BY id`),
    getApp: db.prepare<[string], AppGrantRow>(`SELECT ${GRANT_COLUMNS} FROM app_grants WHERE app_name_key = ?`),
    // An upsert, not INSERT OR REPLACE: REPLACE deletes the row and so would move the app to the end of the list.
    putApp: db.prepare<[AppGrantRow]>(
      `INSERT INTO app_grants (${GRANT_COLUMNS})
       VALUES (${grantColumnList.map((c) => `@${c}`).join(', ')})
       ON CONFLICT (app_name_key) DO UPDATE SET
       ${grantColumnList
         .filter((c) => c !== 'app_name_key')
         .map((c) => `${c} = excluded.${c}`)
         .join(', ')}`,
    ),
    deleteApp: db.prepare<[string]>('DELETE FROM app_grants WHERE app_name_key = ?'),

    getAppPrefs: db.prepare<[], AppPrefsRow>(
      'SELECT block_all_apps, notify_expired_cert FROM company_app_prefs WHERE id = 1',
    ),
    setAppPrefs: db.prepare<[{ block_all_apps: Bit | null; notify_expired_cert: Bit | null }]>(
      `UPDATE company_app_prefs SET
         block_all_apps = coalesce(@block_all_apps, block_all_apps),
         notify_expired_cert = coalesce(@notify_expired_cert, notify_expired_cert)
       WHERE id = 1`,
    ),

    listDataExts: db.prepare<[{ object_type: string; object_id: string }], DataExtRow>(
      `SELECT ${DATA_EXT_COLUMNS} FROM data_exts WHERE object_type = @object_type AND object_id = @object_id ORDER BY id`,
    ),
    // Owner filter as one JSON array parameter, so any number of owners uses the same prepared statement.
    listDataExtsByOwners: db.prepare<[{ object_type: string; object_id: string; owners_json: string }], DataExtRow>(
      `SELECT ${DATA_EXT_COLUMNS} FROM data_exts
       WHERE object_type = @object_type AND object_id = @object_id
         AND owner_id IN (SELECT value FROM json_each(@owners_json))
       ORDER BY id`,
    ),
    getDataExt: db.prepare<[DataExtKeyParams], DataExtRow>(
      `SELECT ${DATA_EXT_COLUMNS} FROM data_exts WHERE ${DATA_EXT_KEY}`,
    ),
    putDataExt: db.prepare<[DataExtKeyParams & { name: string; type: string; value: string }]>(
      `INSERT INTO data_exts (owner_id, object_type, object_id, name, name_key, type, value)
       VALUES (@owner_id, @object_type, @object_id, @name, @name_key, @type, @value)
       ON CONFLICT (owner_id, object_type, object_id, name_key) DO UPDATE SET
         name = excluded.name, type = excluded.type, value = excluded.value`,
    ),
    deleteDataExt: db.prepare<[DataExtKeyParams]>(`DELETE FROM data_exts WHERE ${DATA_EXT_KEY}`),
  };
}
