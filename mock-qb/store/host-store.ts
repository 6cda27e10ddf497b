import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { COMPANY_SCHEMA_VERSION } from './company-schema.js';
import { CompanyStore } from './company-store.js';
import { removeSqliteFiles, writeFileAtomic } from './durable-fs.js';
import { openSqliteImage } from './sqlite-image.js';
import { StoreError } from './store-error.js';

/** Options of {@link HostStore}. */
export interface HostStoreOptions {
  /** Where company databases are kept (`<dataDir>/<hostId>/`); omitted = every company in memory. */
  dataDir?: string;
  /** The simulated machine; a directory name, so letters, digits, `.`, `_` and `-` only. */
  hostId: string;
  /**
   * On disk, a company file at least this big (bytes) is snapshotted as a copy of its SQLite file in
   * `<hostDir>/snapshots/` instead of an image in memory (SQLite's images stop at 2 GiB; a 1,000,000-bill company is
   * 2.5 GiB). Default 128 MiB.
   */
  fileSnapshotMinBytes?: number;
}

/** A company file's snapshot kept as a SQLite file of the host directory (see `fileSnapshotMinBytes`). */
export interface CompanySnapshotFile {
  snapshotFile: string;
  bytes: number;
}

/**
 * The state of every company file of a host: Windows path → image from `CompanyStore.serialize()`, or, for a big
 * on-disk company, a {@link CompanySnapshotFile}. Plain data (a file snapshot names its file: {@link
 * HostStore.discard} removes it, so do not discard a clone still in use).
 */
export interface HostStoreSnapshot {
  companyFiles: Record<string, Buffer | CompanySnapshotFile>;
}

const SNAPSHOT_DIR = 'snapshots';
const DEFAULT_FILE_SNAPSHOT_MIN_BYTES = 128 * 1024 * 1024;

function isSnapshotFile(value: Buffer | Uint8Array | CompanySnapshotFile): value is CompanySnapshotFile {
  return typeof (value as CompanySnapshotFile).snapshotFile === 'string';
}

/** One open company file. */
interface OpenCompany {
  /** The Windows path as it was given (shown back by `paths()`). */
  filePath: string;
  store: CompanyStore;
}

/** `index.json`: which SQLite file holds which company file, so a restart finds them. */
interface HostIndexFile {
  version: 1;
  hostId: string;
  /** Windows path (casing as given) → SQLite file name in the host directory. */
  companyFiles: Record<string, string>;
}

const INDEX_FILE = 'index.json';
const HOST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** What an index may name: a plain file in the host directory (never a path elsewhere). */
const SQLITE_FILE_NAME = /^[a-z0-9][a-z0-9-]*\.sqlite$/;

/**
 * Windows matches paths ignoring case, takes `/` for `\` and ignores a trailing separator: all fold into the key
 * (the same rule as the engine's `normalizeWindowsPath`).
 */
function pathKey(filePath: string): string {
  return filePath.replaceAll('/', '\\').replace(/\\+$/, '').toLowerCase();
}

/** `<slug of the path>-<10 hex of its hash>.sqlite`: readable in a directory listing, unique per key. */
function sqliteFileName(key: string): string {
  const slug =
    key
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .slice(-80) // keep the informative end (the company file's name) when the path is long
      .replace(/^-+|-+$/g, '') || 'company';
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 10);
  return `${slug}-${hash}.sqlite`;
}

/** "Acme Supplies" from `C:\...\Acme Supplies.QBW`. */
function companyNameOf(filePath: string): string {
  return path.win32.parse(filePath.replaceAll('/', '\\')).name;
}

/**
 * The company files of one simulated machine, each a {@link CompanyStore}, keyed by Windows path
 * (case-insensitive). In memory without `dataDir`; with it, each company is `<dataDir>/<hostId>/<slug>-<hash>.sqlite`
 * and `index.json` next to them records which is which, so {@link loadExisting} re-opens them after a restart.
 */
export class HostStore {
  /** The simulated machine this store belongs to. */
  readonly hostId: string;
  /** Where the company files live (`<dataDir>/<hostId>`), or null in memory. */
  readonly hostDir: string | null;
  /** Open companies by path key, in creation order. */
  #open = new Map<string, OpenCompany>();
  /** On disk: the persisted index (path key → entry), loaded on first use; it includes companies not loaded yet. */
  #index: Map<string, { filePath: string; file: string }> | undefined;
  readonly #fileSnapshotMinBytes: number;
  #snapshotCounter = 0;

  /**
   * @throws RangeError when `hostId` is not usable as a directory name.
   */
  constructor(opts: HostStoreOptions) {
    if (!HOST_ID.test(opts.hostId)) {
      throw new RangeError(
        `Host id "${opts.hostId}" must be letters, digits, '.', '_' or '-' (it names a directory), not starting with '.' or '-'.`,
      );
    }
    this.hostId = opts.hostId;
    this.hostDir = opts.dataDir === undefined ? null : path.join(opts.dataDir, opts.hostId);
    this.#fileSnapshotMinBytes = opts.fileSnapshotMinBytes ?? DEFAULT_FILE_SNAPSHOT_MIN_BYTES;
    // Snapshot files of an earlier run belong to snapshots that died with it.
    if (this.hostDir !== null && fs.lstatSync(this.hostDir, { throwIfNoEntry: false })?.isDirectory()) {
      fs.rmSync(path.join(this.hostDir, SNAPSHOT_DIR), { recursive: true, force: true });
    }
  }

  /**
   * Creates a new, empty company file at a Windows path (company name and legal name taken from the file name).
   *
   * @param filePath - e.g. `C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\Acme Supplies.QBW`.
   * @throws StoreError `DUPLICATE` when a company file has that path in any casing (on disk: also one written by an
   *   earlier run and not loaded yet — call {@link loadExisting} first); `IO` when the file system refuses.
   */
  create(filePath: string): CompanyStore {
    const key = pathKey(filePath);
    if (this.#open.has(key) || this.#persisted().has(key)) {
      const hint = this.#open.has(key) ? '' : ' It is on disk from an earlier run: call loadExisting() to open it.';
      throw new StoreError('DUPLICATE', `A company file already exists at "${filePath}" (paths ignore case).${hint}`);
    }
    const store = this.#openNew(key, filePath);
    const name = companyNameOf(filePath);
    store.setCompanyInfo({ companyName: name, legalCompanyName: name });
    return store;
  }

  /**
   * Creates a company file at a Windows path holding a company database image (from `CompanyStore.serialize()`, or
   * the bytes of a company database file): in memory a store with that data, on disk the image written as the
   * company's SQLite file. A bad image throws and leaves nothing created.
   *
   * @throws StoreError `DUPLICATE` as {@link create}; `CORRUPT` for an unusable image; `IO`.
   */
  createFromImage(filePath: string, image: Uint8Array): CompanyStore {
    const store = this.create(filePath);
    try {
      store.replaceWith(image);
    } catch (err) {
      this.delete(filePath);
      throw err;
    }
    return store;
  }

  /**
   * Creates a company file at a Windows path from a company database file (the `.sqlite` that `qbd-sim company
   * generate` writes, or any company database): on disk the file is copied into the host directory, so memory stays
   * small however big the company is; in memory its image is loaded (memory about the size of the file). The source
   * keeps its data (a write-ahead log left beside it is checkpointed into it first).
   *
   * @throws StoreError `NOT_FOUND` when the source does not exist, `CORRUPT` when it is not a company database,
   *   `DUPLICATE` as {@link create}, `IO`.
   */
  createFromFile(filePath: string, sqliteFile: string): CompanyStore {
    const source = path.resolve(sqliteFile);
    checkpointSource(source);
    if (this.hostDir === null) {
      let image: Buffer;
      const db = openSource(source);
      try {
        image = db.serialize();
      } finally {
        db.close();
      }
      return this.createFromImage(filePath, image);
    }
    const key = pathKey(filePath);
    if (this.#open.has(key) || this.#persisted().has(key)) {
      throw new StoreError('DUPLICATE', `A company file already exists at "${filePath}" (paths ignore case).`);
    }
    openSource(source).close();
    const file = sqliteFileName(key);
    const dbPath = this.#fileInHostDir(file);
    let store: CompanyStore;
    try {
      removeSqliteFiles(dbPath);
      fs.copyFileSync(source, dbPath);
      store = CompanyStore.open({ path: dbPath });
    } catch (err) {
      removeSqliteFiles(dbPath);
      throw StoreError.wrap(err, `Copying the company database ${source} into ${this.hostDir}`);
    }
    return this.#register(key, filePath, file, dbPath, store);
  }

  /**
   * The company file at that Windows path (case-insensitive).
   *
   * @throws StoreError `NOT_FOUND` when none is open there (check with {@link has}).
   */
  get(filePath: string): CompanyStore {
    const open = this.#open.get(pathKey(filePath));
    if (open === undefined) throw new StoreError('NOT_FOUND', `No company file is open at "${filePath}".`);
    return open.store;
  }

  /** Whether a company file is open at that Windows path (case-insensitive). */
  has(filePath: string): boolean {
    return this.#open.has(pathKey(filePath));
  }

  /** The Windows paths of the open company files, as they were given, in creation order. */
  paths(): string[] {
    return [...this.#open.values()].map((c) => c.filePath);
  }

  /**
   * Moves a company file to another Windows path, keeping its data and its `CompanyStore` object (its list position
   * too). On disk the SQLite file is renamed to match. A change of casing only is allowed.
   *
   * @throws StoreError `NOT_FOUND` when nothing is open at `from`, `DUPLICATE` when `to` is taken, `IO`.
   */
  rename(from: string, to: string): void {
    const fromKey = pathKey(from);
    const toKey = pathKey(to);
    const current = this.#open.get(fromKey);
    if (current === undefined) throw new StoreError('NOT_FOUND', `No company file is open at "${from}".`);
    if (toKey !== fromKey && (this.#open.has(toKey) || this.#persisted().has(toKey))) {
      throw new StoreError('DUPLICATE', `A company file already exists at "${to}" (paths ignore case).`);
    }
    const renamed: OpenCompany = { filePath: to, store: current.store };
    if (this.hostDir !== null) {
      const hostDir = this.hostDir;
      const file = sqliteFileName(toKey);
      const index = this.#persisted();
      const nextIndex = rekey(index, fromKey, toKey, { filePath: to, file });
      current.store.relocate(this.#fileInHostDir(file, hostDir), () => this.#writeIndex(nextIndex));
      this.#index = nextIndex;
    }
    this.#open = rekey(this.#open, fromKey, toKey, renamed);
  }

  /**
   * Deletes a company file: closes it and, on disk, removes its SQLite file. Also removes one left on disk by an
   * earlier run and not loaded.
   *
   * @returns false when there was none at that path.
   */
  delete(filePath: string): boolean {
    const key = pathKey(filePath);
    const open = this.#open.get(key);
    const persisted = this.hostDir === null ? undefined : this.#persisted().get(key);
    if (open === undefined && persisted === undefined) return false;
    open?.store.close();
    this.#open.delete(key);
    if (this.hostDir !== null && persisted !== undefined) {
      const next = new Map(this.#persisted());
      next.delete(key);
      // Index first: a crash after it leaves an orphan file (harmless, replaced on the next create), never an index
      // entry pointing at nothing.
      this.#writeIndex(next);
      this.#index = next;
      removeSqliteFiles(path.join(this.hostDir, persisted.file));
    }
    return true;
  }

  /**
   * On disk: opens every company file the index lists that is not open yet (after a restart, or after
   * {@link closeAll}). Entries whose SQLite file has gone are dropped from the index. In memory: nothing to do.
   *
   * @returns The Windows paths opened by this call.
   * @throws StoreError `CORRUPT` when `index.json` or a company database is unreadable, `IO`.
   */
  loadExisting(): string[] {
    if (this.hostDir === null) return [];
    const index = this.#persisted();
    const opened: string[] = [];
    const missing: string[] = [];
    for (const [key, entry] of index) {
      if (this.#open.has(key)) continue;
      const file = this.#fileInHostDir(entry.file);
      if (!fs.existsSync(file)) {
        missing.push(key);
        continue;
      }
      this.#open.set(key, { filePath: entry.filePath, store: CompanyStore.open({ path: file }) });
      opened.push(entry.filePath);
    }
    if (missing.length > 0) {
      const next = new Map(index);
      for (const key of missing) next.delete(key);
      this.#writeIndex(next);
      this.#index = next;
    }
    return opened;
  }

  /** Every open company file's whole state. Plain data: keep it, clone it, hand it to {@link restore}. */
  snapshot(): HostStoreSnapshot {
    const companyFiles: HostStoreSnapshot['companyFiles'] = {};
    try {
      for (const { filePath, store } of this.#open.values()) {
        const bytes = store.fileBytes();
        companyFiles[filePath] =
          bytes !== null && bytes >= this.#fileSnapshotMinBytes
            ? this.#snapshotToFile(store, bytes)
            : store.serialize();
      }
    } catch (err) {
      this.discard({ companyFiles });
      throw err;
    }
    return { companyFiles };
  }

  /** Removes the files a snapshot keeps on disk (nothing for image snapshots). Call it when the snapshot is dropped. */
  discard(snap: HostStoreSnapshot): void {
    for (const value of Object.values(snap.companyFiles)) {
      if (isSnapshotFile(value) && this.hostDir !== null) {
        const dir = path.join(this.hostDir, SNAPSHOT_DIR);
        // Only files of this host's snapshot directory, whatever the snapshot says.
        if (path.dirname(path.resolve(value.snapshotFile)) === path.resolve(dir)) removeSqliteFiles(value.snapshotFile);
      }
    }
  }

  #snapshotToFile(store: CompanyStore, bytes: number): CompanySnapshotFile {
    const dir = this.#checkedDir(path.join(this.#checkedDir(this.hostDir!), SNAPSHOT_DIR));
    // Unique within this run; the directory is emptied when a store of this host starts.
    const snapshotFile = path.join(dir, `s${process.pid}-${++this.#snapshotCounter}.sqlite`);
    store.copyTo(snapshotFile);
    return { snapshotFile, bytes };
  }

  /**
   * Makes the open company files exactly those of a snapshot, with its data: replaces existing ones in place (their
   * `CompanyStore` objects stay valid), creates missing ones, deletes the others. Every image is checked before
   * anything changes, so a bad snapshot throws and changes nothing.
   *
   * @throws StoreError `CORRUPT` for a bad image, `IO`.
   */
  restore(snap: HostStoreSnapshot): void {
    const entries = Object.entries(snap.companyFiles);
    for (const [filePath, image] of entries) {
      if (isSnapshotFile(image)) {
        if (!fs.existsSync(image.snapshotFile)) {
          throw new StoreError('NOT_FOUND', `Snapshot of "${filePath}": its file ${image.snapshotFile} is gone.`);
        }
        continue;
      }
      try {
        openSqliteImage(image).close();
      } catch (err) {
        if (err instanceof StoreError) {
          throw new StoreError(err.code, `Snapshot of "${filePath}": ${err.message}`, { cause: err });
        }
        throw err;
      }
    }
    const wanted = new Set(entries.map(([filePath]) => pathKey(filePath)));
    for (const { filePath } of [...this.#open.values()]) {
      if (!wanted.has(pathKey(filePath))) this.delete(filePath);
    }
    for (const [filePath, image] of entries) {
      const key = pathKey(filePath);
      if (!this.#open.has(key) && this.#persisted().has(key)) this.#loadOne(key);
      const existing = this.#open.get(key);
      const target = existing?.store ?? this.create(filePath);
      if (existing !== undefined && existing.filePath !== filePath) this.rename(existing.filePath, filePath); // casing
      if (isSnapshotFile(image)) target.replaceWithFile(image.snapshotFile);
      else target.replaceWith(image);
    }
  }

  /** Closes every company file (on disk they stay, for {@link loadExisting}). */
  closeAll(): void {
    for (const { store } of this.#open.values()) store.close();
    this.#open.clear();
  }

  /** Same as {@link closeAll}, for `using`. */
  [Symbol.dispose](): void {
    this.closeAll();
  }

  /**
   * The path of a file of this host's directory (created if missing), after checking nothing leads outside the data
   * directory: the file name is a plain name (company paths become `<slug>-<hash>.sqlite`, index entries are checked
   * when read), and neither the host directory nor the file is a symbolic link (which would send writes elsewhere).
   *
   * @throws StoreError `IO` when something would escape, or the directory cannot be created.
   */
  #fileInHostDir(file: string, hostDir: string | null = this.hostDir): string {
    if (hostDir === null) throw new Error('an in-memory host store has no directory');
    if (!SQLITE_FILE_NAME.test(file)) {
      throw new StoreError('IO', `Refusing "${file}": only plain .sqlite file names live in ${hostDir}.`);
    }
    this.#checkedDir(hostDir);
    const escape = (what: string) =>
      new StoreError(
        'IO',
        `Refusing to use ${what}: it is a symbolic link, and company files must stay inside the data directory ` +
          `(${path.dirname(hostDir)}). Remove the link.`,
      );
    const full = path.join(hostDir, file);
    for (const candidate of [full, `${full}-wal`, `${full}-shm`, `${full}-journal`]) {
      let link = false;
      try {
        link = fs.lstatSync(candidate).isSymbolicLink();
      } catch {
        // missing: fine
      }
      if (link) throw escape(candidate);
    }
    return full;
  }

  /** A directory of this host's, created if missing, refused when it is a symbolic link (writes would go elsewhere). */
  #checkedDir(dir: string): string {
    try {
      fs.mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw StoreError.wrap(err, `Creating ${dir}`);
    }
    if (fs.lstatSync(dir).isSymbolicLink()) {
      throw new StoreError(
        'IO',
        `Refusing to use ${dir}: it is a symbolic link, and company files must stay inside the data directory. ` +
          'Remove the link.',
      );
    }
    return dir;
  }

  /** Creates the SQLite file for a new company and records it in the index. */
  #openNew(key: string, filePath: string): CompanyStore {
    if (this.hostDir === null) {
      const store = CompanyStore.open({});
      this.#open.set(key, { filePath, store });
      return store;
    }
    const file = sqliteFileName(key);
    const dbPath = this.#fileInHostDir(file);
    // Not in the index, so anything there is an orphan of an interrupted delete or rename: never adopt its data.
    removeSqliteFiles(dbPath);
    const store = CompanyStore.open({ path: dbPath });
    return this.#register(key, filePath, file, dbPath, store);
  }

  /** Records a new company database in the on-disk index and opens it; on failure the database is removed again. */
  #register(key: string, filePath: string, file: string, dbPath: string, store: CompanyStore): CompanyStore {
    const next = new Map(this.#persisted());
    next.set(key, { filePath, file });
    try {
      this.#writeIndex(next);
    } catch (err) {
      store.close();
      removeSqliteFiles(dbPath);
      throw err;
    }
    this.#index = next;
    this.#open.set(key, { filePath, store });
    return store;
  }

  #loadOne(key: string): void {
    const entry = this.#persisted().get(key);
    if (entry === undefined || this.hostDir === null) return;
    this.#open.set(key, {
      filePath: entry.filePath,
      store: CompanyStore.open({ path: this.#fileInHostDir(entry.file) }),
    });
  }

  /** The persisted index (empty in memory or before the first company is created). */
  #persisted(): Map<string, { filePath: string; file: string }> {
    if (this.#index !== undefined) return this.#index;
    const index = new Map<string, { filePath: string; file: string }>();
    if (this.hostDir !== null) {
      const indexPath = path.join(this.hostDir, INDEX_FILE);
      let text: string | undefined;
      try {
        text = fs.readFileSync(indexPath, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw StoreError.wrap(err, `Reading ${indexPath}`);
      }
      if (text !== undefined) {
        for (const [filePath, file] of Object.entries(parseIndex(text, indexPath).companyFiles)) {
          index.set(pathKey(filePath), { filePath, file });
        }
      }
    }
    this.#index = index;
    return index;
  }

  #writeIndex(index: Map<string, { filePath: string; file: string }>): void {
    if (this.hostDir === null) return;
    const content: HostIndexFile = {
      version: 1,
      hostId: this.hostId,
      companyFiles: Object.fromEntries([...index.values()].map((e) => [e.filePath, e.file])),
    };
    writeFileAtomic(path.join(this.hostDir, INDEX_FILE), `${JSON.stringify(content, null, 2)}\n`);
  }
}

/** Opens a company database file read-only and checks it is one (SQLite, a store schema this qbd-sim knows). */
function openSource(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new StoreError('NOT_FOUND', `There is no company database at ${file}.`);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const info = db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'company_info'`).get();
    if (version < 1 || version > COMPANY_SCHEMA_VERSION || info === undefined) {
      throw new StoreError(
        'CORRUPT',
        `${file} is not a company database this qbd-sim can open (store schema version ${version}; this one knows ` +
          `${COMPANY_SCHEMA_VERSION}).`,
      );
    }
    return db;
  } catch (err) {
    db?.close();
    const wrapped = StoreError.wrap(err, `Opening the company database ${file}`);
    throw wrapped instanceof StoreError
      ? wrapped
      : new StoreError('CORRUPT', `${file} is not a company database: ${String(err)}`, { cause: err });
  }
}

/** Folds a write-ahead log left beside a database file into it, so copying the file alone copies all its data. */
function checkpointSource(file: string): void {
  let size: number;
  try {
    size = fs.statSync(`${file}-wal`).size;
  } catch {
    return;
  }
  if (size === 0) return;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (err) {
    throw StoreError.wrap(err, `Checkpointing the write-ahead log of ${file}`);
  } finally {
    db?.close();
  }
}

/** A copy of `map` with the entry at `fromKey` replaced by `toKey → value`, at the same position. */
function rekey<V>(map: Map<string, V>, fromKey: string, toKey: string, value: V): Map<string, V> {
  const next = new Map<string, V>();
  for (const [key, existing] of map) {
    if (key === fromKey) next.set(toKey, value);
    else next.set(key, existing);
  }
  return next;
}

function parseIndex(text: string, indexPath: string): HostIndexFile {
  const corrupt = (why: string) =>
    new StoreError(
      'CORRUPT',
      `${indexPath} is not a qbd-sim host index (${why}). Fix or delete it (and its .sqlite files).`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
  const candidate = parsed as Partial<HostIndexFile> | null;
  if (candidate?.version !== 1) throw corrupt('version is not 1');
  const files = candidate.companyFiles;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    throw corrupt('companyFiles is not an object');
  for (const [filePath, file] of Object.entries(files)) {
    if (typeof file !== 'string' || !SQLITE_FILE_NAME.test(file)) {
      throw corrupt(`the entry of "${filePath}" is not a .sqlite file name of this directory`);
    }
  }
  return candidate as HostIndexFile;
}
