import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type {
  AppGrantRecord,
  CertificateStatus,
  CompanyAppPrefs,
  CompanyInfo,
  DataExtRecord,
  RequestedPrefs,
  UserRecord,
  UserRole,
} from './company-records.js';
import { ensureCompanySchema, seedCompanyDefaults } from './company-schema.js';
import {
  prepareCompanyStatements,
  type AppGrantRow,
  type Bit,
  type CompanyStatements,
  type DataExtKeyParams,
  type DataExtRow,
  type UserRow,
} from './company-statements.js';
import { DataExtDefTable } from './data-ext-def-table.js';
import { ExpiredCertTable } from './expired-cert-table.js';
import { removeSqliteFiles, syncDirectory, writeFileAtomic } from './durable-fs.js';
import { ListTable } from './list-table.js';
import { MessageSetTable } from './message-set-table.js';
import { RecordMeta } from './record-meta.js';
import { TxnTable } from './txn-table.js';
import { UserAreaTable } from './user-area-table.js';
import { openSqliteImage, portableSqliteImage } from './sqlite-image.js';
import { StoreError } from './store-error.js';

/** Options of {@link CompanyStore.open}. */
export interface CompanyStoreOptions {
  /** The SQLite file of the company; omitted = an in-memory database (gone on close). */
  path?: string;
}

/** Identifies one data extension value. */
export interface DataExtKey {
  /** GUID in braces or '0'; matched case-insensitively. */
  ownerId: string;
  objectType: string;
  objectId: string;
  /** Matched case-insensitively. */
  name: string;
}

/** Which data extension values {@link CompanyStore.listDataExts} returns. */
export interface DataExtFilter {
  objectType: string;
  objectId: string;
  /** Only these owners (case-insensitive); omitted = every owner, `[]` = none. */
  ownerIds?: string[];
}

/** A patch of {@link CompanyStore.updateUser}. */
export interface UserPatch {
  password?: string;
  role?: UserRole;
}

/**
 * Case-folds a QuickBooks/Windows name for comparison: each character to its upper case when that is a single
 * character (Windows compares names by simple upper-casing, so 'ß' stays 'ß' where JavaScript would make it 'SS').
 */
function foldName(name: string): string {
  let folded = '';
  for (const ch of name) {
    const upper = ch.toUpperCase();
    folded += upper.length === ch.length ? upper : ch;
  }
  return folded;
}

const bit = (value: boolean): Bit => (value ? 1 : 0);
const optionalBit = (value: boolean | undefined): Bit | null => (value === undefined ? null : bit(value));

function userFromRow(row: UserRow): UserRecord {
  return {
    name: row.name,
    password: row.password,
    role: row.role as UserRole,
    credentialVersion: row.credential_version,
  };
}

function grantFromRow(row: AppGrantRow): AppGrantRecord {
  return {
    appName: row.app_name,
    appId: row.app_id,
    allowAccess: row.allow_access === 1,
    promptEachTime: row.prompt_each_time === 1,
    autoLogin: row.auto_login === 1,
    loginAs: row.login_as,
    loginAsCredentialVersion: row.login_as_credential_version,
    loginAsFilePath: row.login_as_file_path,
    personalData: row.personal_data === 1,
    requested: {
      isReadOnly: row.requested_is_read_only === 1,
      unattendedModePref: row.requested_unattended_mode_pref as RequestedPrefs['unattendedModePref'],
      personalDataPref: row.requested_personal_data_pref as RequestedPrefs['personalDataPref'],
    },
    certificateSubject: row.certificate_subject,
    certificateStatus: row.certificate_status as CertificateStatus,
    certificateExpires: row.certificate_expires,
    grantedAt: row.granted_at,
  };
}

function grantToRow(grant: AppGrantRecord): AppGrantRow {
  return {
    app_name: grant.appName,
    app_name_key: foldName(grant.appName),
    app_id: grant.appId,
    allow_access: bit(grant.allowAccess),
    prompt_each_time: bit(grant.promptEachTime),
    auto_login: bit(grant.autoLogin),
    login_as: grant.loginAs,
    login_as_credential_version: grant.loginAsCredentialVersion,
    login_as_file_path: grant.loginAsFilePath,
    personal_data: bit(grant.personalData),
    requested_is_read_only: bit(grant.requested.isReadOnly),
    requested_unattended_mode_pref: grant.requested.unattendedModePref,
    requested_personal_data_pref: grant.requested.personalDataPref,
    certificate_subject: grant.certificateSubject,
    certificate_status: grant.certificateStatus,
    certificate_expires: grant.certificateExpires,
    granted_at: grant.grantedAt,
  };
}

function dataExtFromRow(row: DataExtRow): DataExtRecord {
  return {
    ownerId: row.owner_id,
    objectType: row.object_type,
    objectId: row.object_id,
    name: row.name,
    type: row.type as DataExtRecord['type'],
    value: row.value,
  };
}

function dataExtKeyParams(key: DataExtKey): DataExtKeyParams {
  return {
    owner_id: key.ownerId.toUpperCase(),
    object_type: key.objectType,
    object_id: key.objectId,
    name_key: foldName(key.name),
  };
}

/** Opens (creating if missing) and configures a handle: in memory when `file` is null. */
function openHandle(file: string | null): Database.Database {
  const what = file === null ? 'Opening an in-memory company database' : `Opening company database ${file}`;
  // better-sqlite3 reports a missing directory as a bare TypeError; say it as the IO failure it is.
  if (file !== null && !fs.existsSync(path.dirname(path.resolve(file)))) {
    throw new StoreError('IO', `${what}: the directory ${path.dirname(path.resolve(file))} does not exist.`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file ?? ':memory:');
    configureHandle(db, file !== null);
    return db;
  } catch (err) {
    db?.close();
    throw StoreError.wrap(err, what);
  }
}

function configureHandle(db: Database.Database, onDisk: boolean): void {
  if (onDisk) {
    // WAL: a commit is one sequential append, readers never block the writer. synchronous=FULL: every commit is
    // fsynced before it returns, so an acknowledged write survives SIGKILL and power loss alike.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  ensureCompanySchema(db);
}

/** The record tables of one handle, made on first use (a new handle after replaceWith gets new ones). */
interface RecordTables {
  lists?: ListTable;
  txns?: TxnTable;
  meta?: RecordMeta;
  dataExtDefs?: DataExtDefTable;
  messageSets?: MessageSetTable;
  userAreas?: UserAreaTable;
  expiredCerts?: ExpiredCertTable;
}

/**
 * One QuickBooks company file (.QBW) as a SQLite database: company info, users, the Integrated Applications list,
 * the company's app preferences and data extensions, and every business record table ({@link lists},
 * {@link txns}, …), all created with the file. Nothing outside the store holds the database handle or writes SQL.
 *
 * Reads and writes are synchronous (better-sqlite3). Statements are prepared once per database handle.
 */
export class CompanyStore {
  #db: Database.Database;
  #path: string | null;
  #stmts: CompanyStatements;
  #runInTransaction: Database.Transaction<(fn: () => unknown) => unknown>;
  #tables: RecordTables = {};

  private constructor(db: Database.Database, file: string | null) {
    this.#path = file;
    this.#db = db;
    this.#stmts = prepareCompanyStatements(db);
    this.#runInTransaction = CompanyStore.#transactionRunner(db);
  }

  /**
   * Opens a company database, creating the file and the schema when missing.
   *
   * @param opts - `path`: the SQLite file; omitted = in memory.
   * @throws StoreError `CORRUPT` when the file is not a company database (or is from a newer schema), `IO` when it
   *   cannot be opened or created.
   */
  static open(opts: CompanyStoreOptions = {}): CompanyStore {
    const file = opts.path ?? null;
    return new CompanyStore(openHandle(file), file);
  }

  static #transactionRunner(db: Database.Database): Database.Transaction<(fn: () => unknown) => unknown> {
    return db.transaction((fn: () => unknown) => {
      const result = fn();
      // better-sqlite3 commits when the function returns: an async body would commit before its awaits ran.
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        throw new TypeError('CompanyStore.transaction() needs a synchronous function; the async one was rolled back.');
      }
      return result;
    });
  }

  /**
   * The better-sqlite3 handle, for the store's own tests only: nothing in `mock-qb/` or `src/` outside the store may
   * use it (an eslint rule). It changes after {@link replaceWith}.
   *
   * @internal
   */
  get db(): Database.Database {
    return this.#db;
  }

  /** The list records (typed look-ups by id and indexed name, filtered queries, deletes). */
  get lists(): ListTable {
    return (this.#tables.lists ??= new ListTable(this.#db));
  }

  /** The transactions and the links between them. */
  get txns(): TxnTable {
    return (this.#tables.txns ??= new TxnTable(this.#db));
  }

  /** The company's counters and small named values. */
  get recordMeta(): RecordMeta {
    return (this.#tables.meta ??= new RecordMeta(this.#db));
  }

  /** The data extension definitions. */
  get dataExtDefs(): DataExtDefTable {
    return (this.#tables.dataExtDefs ??= new DataExtDefTable(this.#db));
  }

  /** The message sets kept for error recovery. */
  get messageSets(): MessageSetTable {
    return (this.#tables.messageSets ??= new MessageSetTable(this.#db));
  }

  /** The areas of "Selected areas" users. */
  get userAreas(): UserAreaTable {
    return (this.#tables.userAreas ??= new UserAreaTable(this.#db));
  }

  /** The applications whose expired certificate the Admin allowed always. */
  get expiredCerts(): ExpiredCertTable {
    return (this.#tables.expiredCerts ??= new ExpiredCertTable(this.#db));
  }

  /**
   * Loads many records at once (the company generator): the transaction tables' secondary indexes are dropped and
   * built once at the end (a sort instead of a million random inserts); `work` runs in a transaction and may call
   * `checkpoint()` to commit what it wrote so far and go on in a new one. If `work` throws, the open batch rolls back
   * and the indexes are put back. Not inside {@link transaction}.
   */
  bulkLoad(work: (checkpoint: () => void) => void): void {
    const db = this.#db;
    if (db.inTransaction) throw new TypeError('CompanyStore.bulkLoad() cannot run inside a transaction.');
    const deferred = db
      .prepare(
        `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
           AND tbl_name IN ('qbx_txn', 'qbx_txn_link') ORDER BY rowid`,
      )
      .all() as { name: string; sql: string }[];
    db.exec('BEGIN');
    try {
      // Inside the transaction: if loading fails, the rollback brings the indexes back with the rest.
      for (const { name } of deferred) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
      work(() => {
        db.exec('COMMIT');
        db.exec('BEGIN');
      });
      for (const { sql } of deferred) db.exec(sql);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // Batches before the failure were committed (without the indexes): put back the ones still missing.
      const present = new Set(
        (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index'`).all() as { name: string }[]).map(
          (r) => r.name,
        ),
      );
      for (const { name, sql } of deferred) if (!present.has(name)) db.exec(sql);
      throw error;
    }
  }

  /**
   * For a file nobody reads yet (a company being generated into a temporary file): the journal in memory, no fsync,
   * a 256 MiB cache while `on`; off again, the file is back in rollback-journal mode (a file to rename into place).
   */
  scratchWrites(on: boolean): void {
    if (on) {
      // Out of WAL (a transaction's pages would pile up in the log and every read would search it).
      this.#db.pragma('journal_mode = DELETE');
      this.#db.pragma('journal_mode = MEMORY');
      this.#db.pragma('synchronous = OFF');
      this.#db.pragma('cache_size = -262144');
    } else this.#db.pragma('journal_mode = DELETE');
  }

  /** The SQLite file, or null for an in-memory company. */
  get path(): string | null {
    return this.#path;
  }

  /**
   * Runs `fn` in an immediate transaction: all its writes commit together, or none do when it throws. Calls nest
   * (an inner call is a savepoint: its failure undoes only its own writes if the outer one catches it).
   *
   * @param fn - Synchronous work; an async function is refused (TypeError) and rolled back.
   */
  transaction<T>(fn: () => T): T {
    return this.#runInTransaction.immediate(fn) as T;
  }

  // ---- company info ------------------------------------------------------------------------------------------------

  /** The company's CompanyRet fields the simulator keeps. */
  getCompanyInfo(): CompanyInfo {
    const row = this.#stmts.getCompanyInfo.get();
    if (row === undefined) throw this.#missingSingleton('company_info');
    return {
      companyName: row.company_name,
      legalCompanyName: row.legal_company_name,
      isSampleCompany: row.is_sample_company === 1,
    };
  }

  /** Changes the given company-info fields; the others keep their values. */
  setCompanyInfo(info: Partial<CompanyInfo>): void {
    this.#stmts.setCompanyInfo.run({
      company_name: info.companyName ?? null,
      legal_company_name: info.legalCompanyName ?? null,
      is_sample_company: optionalBit(info.isSampleCompany),
    });
  }

  // ---- users -------------------------------------------------------------------------------------------------------

  /** Every user, in the order they were added (a new company file has none: the engine adds `Admin`). */
  listUsers(): UserRecord[] {
    return this.#stmts.listUsers.all().map(userFromRow);
  }

  /** The user with that name, compared case-insensitively like QuickBooks' login; undefined when none. */
  getUser(name: string): UserRecord | undefined {
    const row = this.#stmts.getUser.get(foldName(name));
    return row === undefined ? undefined : userFromRow(row);
  }

  /**
   * Adds a user with `credentialVersion` 1.
   *
   * @returns The stored user.
   * @throws StoreError `DUPLICATE` when a user has that name in any casing.
   */
  addUser(user: { name: string; password: string; role: UserRole }): UserRecord {
    try {
      this.#stmts.insertUser.run({
        name: user.name,
        name_key: foldName(user.name),
        password: user.password,
        role: user.role,
      });
    } catch (err) {
      if ((err as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
        throw new StoreError(
          'DUPLICATE',
          `The company file already has a user named "${user.name}" (names ignore case).`,
          {
            cause: err,
          },
        );
      }
      throw err;
    }
    return { name: user.name, password: user.password, role: user.role, credentialVersion: 1 };
  }

  /**
   * Changes a user's password and/or role. `credentialVersion` goes up by one when either actually changes, which
   * makes auto-login grants made with the old credentials stale; setting the same values again changes nothing.
   *
   * @returns The user after the change.
   * @throws StoreError `NOT_FOUND` when there is no such user.
   */
  updateUser(name: string, patch: UserPatch): UserRecord {
    return this.transaction(() => {
      const current = this.getUser(name);
      if (current === undefined) {
        throw new StoreError('NOT_FOUND', `The company file has no user named "${name}".`);
      }
      const password = patch.password ?? current.password;
      const role = patch.role ?? current.role;
      if (password === current.password && role === current.role) return current;
      const next: UserRecord = { ...current, password, role, credentialVersion: current.credentialVersion + 1 };
      this.#stmts.updateUser.run({
        name_key: foldName(name),
        password,
        role,
        credential_version: next.credentialVersion,
      });
      return next;
    });
  }

  /**
   * Removes a user (case-insensitive name). The store does not protect `Admin`; refusing that is QuickBooks UI
   * behaviour for the engine to simulate.
   *
   * @returns false when there was no such user.
   */
  removeUser(name: string): boolean {
    return this.#stmts.deleteUser.run(foldName(name)).changes > 0;
  }

  // ---- Integrated Applications -------------------------------------------------------------------------------------

  /** The Integrated Applications list, in the order the applications first asked for access. */
  listApps(): AppGrantRecord[] {
    return this.#stmts.listApps.all().map(grantFromRow);
  }

  /** The grant of the application with that name (case-insensitive); undefined when it is not in the list. */
  getApp(appName: string): AppGrantRecord | undefined {
    const row = this.#stmts.getApp.get(foldName(appName));
    return row === undefined ? undefined : grantFromRow(row);
  }

  /**
   * Adds a grant at the end of the list, or replaces the one with the same name (any casing) in place: its list
   * position stays, every field (including the name's casing) becomes the new one.
   */
  putApp(grant: AppGrantRecord): void {
    this.#stmts.putApp.run(grantToRow(grant));
  }

  /** Removes an application from the list (case-insensitive name); false when it was not there. */
  removeApp(appName: string): boolean {
    return this.#stmts.deleteApp.run(foldName(appName)).changes > 0;
  }

  /**
   * The Integrated Applications company preferences. A new company file has `blockAllApps` false and
   * `notifyExpiredCert` true (QuickBooks ships with the expired-certificate notice on).
   */
  getAppPrefs(): CompanyAppPrefs {
    const row = this.#stmts.getAppPrefs.get();
    if (row === undefined) throw this.#missingSingleton('company_app_prefs');
    return { blockAllApps: row.block_all_apps === 1, notifyExpiredCert: row.notify_expired_cert === 1 };
  }

  /** Changes the given preferences; the others keep their values. */
  setAppPrefs(patch: Partial<CompanyAppPrefs>): void {
    this.#stmts.setAppPrefs.run({
      block_all_apps: optionalBit(patch.blockAllApps),
      notify_expired_cert: optionalBit(patch.notifyExpiredCert),
    });
  }

  // ---- data extensions ---------------------------------------------------------------------------------------------

  /**
   * The data extension values on one object, in the order they were first set. Owner IDs come back upper-case.
   *
   * @param filter - The object, and optionally which owners (case-insensitive; `[]` matches none).
   */
  listDataExts(filter: DataExtFilter): DataExtRecord[] {
    const rows =
      filter.ownerIds === undefined
        ? this.#stmts.listDataExts.all({ object_type: filter.objectType, object_id: filter.objectId })
        : this.#stmts.listDataExtsByOwners.all({
            object_type: filter.objectType,
            object_id: filter.objectId,
            owners_json: JSON.stringify(filter.ownerIds.map((id) => id.toUpperCase())),
          });
    return rows.map(dataExtFromRow);
  }

  /** One data extension value (owner and name case-insensitive); undefined when not set. */
  getDataExt(key: DataExtKey): DataExtRecord | undefined {
    const row = this.#stmts.getDataExt.get(dataExtKeyParams(key));
    return row === undefined ? undefined : dataExtFromRow(row);
  }

  /**
   * Sets a data extension value: adds it, or replaces the value (and the name's casing and type) of the one with the
   * same owner, object and name in place. The owner ID is stored upper-case.
   */
  putDataExt(rec: DataExtRecord): void {
    this.#stmts.putDataExt.run({ ...dataExtKeyParams(rec), name: rec.name, type: rec.type, value: rec.value });
  }

  /** Removes one data extension value; false when it was not set. */
  removeDataExt(key: DataExtKey): boolean {
    return this.#stmts.deleteDataExt.run(dataExtKeyParams(key)).changes > 0;
  }

  // ---- whole-file state --------------------------------------------------------------------------------------------

  /**
   * The whole company database (every table, other layers' included) as a SQLite image: plain bytes that
   * {@link replaceWith} (on this or any store, in memory or on disk) turns back into this state.
   */
  serialize(): Buffer {
    // An on-disk WAL database serializes with "WAL" in its header, which an in-memory open refuses.
    return portableSqliteImage(this.#db.serialize());
  }

  /**
   * Replaces the whole company with an image from {@link serialize}. The image is checked first: a bad one throws
   * and leaves the store as it was. On disk the file is replaced atomically (temp file, fsync, rename). Afterwards
   * {@link db} is a new handle; handles and statements taken from the old one are closed.
   *
   * @param image - From {@link serialize}; a plain `Uint8Array` (a snapshot passed through `structuredClone`) is fine.
   * @throws StoreError `CORRUPT` for an unusable image, `IO` when the file cannot be written.
   * @throws TypeError inside {@link transaction} (the handle cannot be swapped under an open transaction).
   */
  replaceWith(image: Uint8Array): void {
    if (this.#db.inTransaction) {
      throw new TypeError('CompanyStore.replaceWith() cannot run inside a transaction.');
    }
    const loaded = openSqliteImage(image);
    if (this.#path === null) {
      try {
        configureHandle(loaded, false);
      } catch (err) {
        loaded.close();
        throw StoreError.wrap(err, 'Loading a company image');
      }
      const old = this.#db;
      this.#attach(loaded);
      old.close();
      return;
    }
    const file = this.#path;
    let bytes: Buffer;
    try {
      bytes = loaded.serialize();
    } finally {
      loaded.close();
    }
    this.#db.close();
    try {
      // Closing the last connection checkpoints the WAL into the file; any sidecar left over is stale for the new
      // image and must go before the rename, or SQLite would replay it into the new file.
      removeSqliteFiles(file, false);
      writeFileAtomic(file, bytes);
    } catch (err) {
      this.#attach(openHandle(file)); // the old file is still whole: keep the store usable
      throw err;
    }
    this.#attach(openHandle(file));
  }

  /**
   * On disk: the size of the company's SQLite file with its write-ahead log, in bytes; null in memory.
   */
  fileBytes(): number | null {
    if (this.#path === null) return null;
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += fs.statSync(this.#path + suffix).size;
      } catch {
        // no log
      }
    }
    return bytes;
  }

  /**
   * On disk: writes the whole company to `target` as a SQLite file (the log checkpointed into the main file first,
   * then a copy — a clone where the file system can — fsynced and renamed into place), for a snapshot too big for a
   * {@link serialize} image (SQLite's images stop at 2 GiB). {@link replaceWithFile} turns it back into this state.
   *
   * @throws TypeError for an in-memory store or inside a transaction; StoreError `IO`.
   */
  copyTo(target: string): void {
    const file = this.#path;
    if (file === null) throw new TypeError('CompanyStore.copyTo() needs an on-disk store.');
    if (this.#db.inTransaction) throw new TypeError('CompanyStore.copyTo() cannot run inside a transaction.');
    const temp = `${target}.${process.pid}.tmp`;
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
      fs.copyFileSync(file, temp, fs.constants.COPYFILE_FICLONE);
      fsyncFile(temp);
      fs.renameSync(temp, target);
      syncDirectory(path.dirname(target));
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw StoreError.wrap(err, `Copying ${file} to ${target}`) as Error;
    }
  }

  /**
   * Replaces the whole company with a SQLite file written by {@link copyTo} (the file is copied, not moved: it stays
   * for the next restore). The file is checked first: a bad one throws and leaves the store as it was. Afterwards
   * {@link db} is a new handle. In memory the file's image is loaded instead.
   *
   * @throws StoreError `CORRUPT`, `NOT_FOUND`, `IO`; TypeError inside a transaction.
   */
  replaceWithFile(source: string): void {
    if (this.#db.inTransaction) throw new TypeError('CompanyStore.replaceWithFile() cannot run inside a transaction.');
    checkCompanyFile(source);
    const file = this.#path;
    if (file === null) {
      this.replaceWith(fs.readFileSync(source));
      return;
    }
    const temp = `${file}.${process.pid}.restore.tmp`;
    try {
      fs.copyFileSync(source, temp, fs.constants.COPYFILE_FICLONE);
      fsyncFile(temp);
    } catch (err) {
      fs.rmSync(temp, { force: true });
      throw StoreError.wrap(err, `Copying ${source} to ${temp}`) as Error;
    }
    this.#db.close();
    try {
      // As in replaceWith: the old log must go before the rename, or SQLite would replay it into the new file.
      removeSqliteFiles(file, false);
      fs.renameSync(temp, file);
      syncDirectory(path.dirname(file));
    } catch (err) {
      fs.rmSync(temp, { force: true });
      this.#attach(openHandle(file));
      throw StoreError.wrap(err, `Replacing ${file}`) as Error;
    }
    this.#attach(openHandle(file));
  }

  /**
   * Empties every table in the company database (other layers' too, keeping their schema) and puts back the rows a
   * new company file has: blank company info and default app prefs (no users, like {@link open}).
   */
  reset(): void {
    this.transaction(() => {
      // Rows may reference each other across other layers' tables; check foreign keys at commit, once all are gone.
      this.#db.pragma('defer_foreign_keys = ON');
      const tables = this.#db
        .prepare<[], { name: string }>(
          `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'`,
        )
        .all();
      for (const { name } of tables) this.#db.exec(`DELETE FROM "${name.replaceAll('"', '""')}"`);
      const hasSequence = this.#db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_sequence'`).get();
      if (hasSequence !== undefined) this.#db.exec('DELETE FROM sqlite_sequence');
      seedCompanyDefaults(this.#db);
    });
  }

  /**
   * Moves an on-disk company to another SQLite file, keeping this object (and its data) valid. Used by
   * `HostStore.rename`. Crash-safe with `commit`: the new file exists (hard link, or a copy where links are not
   * supported) before `commit` runs, and the old one is removed only after it returned.
   *
   * @param newPath - The new SQLite file; an existing file there is overwritten.
   * @param commit - Runs between "new file in place" and "old file removed" (HostStore writes its index there); if it
   *   throws, the move is undone and the error rethrown.
   * @throws TypeError for an in-memory store.
   */
  relocate(newPath: string, commit?: () => void): void {
    const from = this.#path;
    if (from === null) throw new TypeError('CompanyStore.relocate() needs an on-disk store.');
    if (path.resolve(from) === path.resolve(newPath)) {
      commit?.();
      return;
    }
    this.#db.close(); // checkpoints the WAL: the main file is the whole database afterwards
    try {
      removeSqliteFiles(newPath);
      try {
        fs.linkSync(from, newPath);
      } catch {
        fs.copyFileSync(from, newPath);
      }
      syncDirectory(path.dirname(newPath));
      try {
        commit?.();
      } catch (err) {
        removeSqliteFiles(newPath);
        throw err;
      }
    } catch (err) {
      this.#attach(openHandle(from));
      throw StoreError.wrap(err, `Moving ${from} to ${newPath}`);
    }
    removeSqliteFiles(from);
    syncDirectory(path.dirname(from));
    this.#path = newPath;
    this.#attach(openHandle(newPath));
  }

  /** Closes the database (an on-disk one is checkpointed into its file). Idempotent. */
  close(): void {
    if (this.#db.open) this.#db.close();
  }

  /** Same as {@link close}, for `using`. */
  [Symbol.dispose](): void {
    this.close();
  }

  #attach(db: Database.Database): void {
    this.#db = db;
    this.#tables = {};
    this.#stmts = prepareCompanyStatements(db);
    this.#runInTransaction = CompanyStore.#transactionRunner(db);
  }

  #missingSingleton(table: string): StoreError {
    return new StoreError(
      'CORRUPT',
      `The company database${this.#path === null ? '' : ` ${this.#path}`} has no row in ${table}; ` +
        'it was edited outside the store. Reset it or restore a snapshot.',
    );
  }
}

/** fsyncs a file's data (a copy is durable before it is renamed into place). */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks a file is a SQLite database with a company schema version, from its header alone (opening it, even read-only,
 * would leave -wal/-shm files beside a WAL-mode copy).
 */
function checkCompanyFile(file: string): void {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(100);
      fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new StoreError('NOT_FOUND', `There is no company snapshot file at ${file}.`);
    throw StoreError.wrap(err, `Reading ${file}`) as Error;
  }
  // "SQLite format 3\0", then the user_version (the company schema version) at offset 60, big-endian.
  if (header.toString('latin1', 0, 16) !== 'SQLite format 3\u0000' || header.readUInt32BE(60) < 1) {
    throw new StoreError('CORRUPT', `${file} is not a company database.`);
  }
}
