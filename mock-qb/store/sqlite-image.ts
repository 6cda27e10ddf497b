import Database from 'better-sqlite3';
import { COMPANY_SCHEMA_VERSION } from './company-schema.js';
import { StoreError } from './store-error.js';

/** Every SQLite database file starts with these 16 bytes. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Header offsets of the file-format write/read versions: 2 means WAL, 1 means rollback journal. */
const WRITE_VERSION_OFFSET = 18;
const READ_VERSION_OFFSET = 19;

/**
 * Returns a copy of a SQLite image that any connection can open: an image serialized from a WAL-mode file carries
 * "WAL" in its header, and SQLite refuses to deserialize that into memory ("unable to open database file"). The
 * copy says "rollback journal" instead; an on-disk open switches it back to WAL. The caller's bytes are not touched.
 *
 * @throws StoreError `CORRUPT` when the bytes are not a SQLite database at all.
 */
export function portableSqliteImage(image: Uint8Array): Buffer {
  // A copy, and a real Buffer: a snapshot that went through structuredClone() holds plain Uint8Arrays.
  const copy = Buffer.from(image);
  if (copy.length < 100 || !copy.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw new StoreError(
      'CORRUPT',
      `The image (${copy.length} bytes) is not a SQLite database: it must come from CompanyStore.serialize().`,
    );
  }
  if (copy[WRITE_VERSION_OFFSET] === 2) copy[WRITE_VERSION_OFFSET] = 1;
  if (copy[READ_VERSION_OFFSET] === 2) copy[READ_VERSION_OFFSET] = 1;
  return copy;
}

/**
 * Opens a company image in memory and checks it is a whole, readable store database of a version this code knows,
 * so a bad image is refused before it replaces anything.
 *
 * @returns The open in-memory handle (the caller owns it and must close it or adopt it).
 * @throws StoreError `CORRUPT` when the image is not a usable company database.
 */
export function openSqliteImage(image: Uint8Array): Database.Database {
  const bytes = portableSqliteImage(image);
  let db: Database.Database | undefined;
  try {
    db = new Database(bytes);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new StoreError('CORRUPT', `The image fails SQLite's quick_check: ${String(check)}.`);
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > COMPANY_SCHEMA_VERSION) {
      throw new StoreError(
        'CORRUPT',
        `The image has store schema version ${version}, newer than this qbd-sim knows (${COMPANY_SCHEMA_VERSION}).`,
      );
    }
    return db;
  } catch (err) {
    db?.close();
    const wrapped = StoreError.wrap(err, 'Loading a company image');
    throw wrapped instanceof StoreError
      ? wrapped
      : new StoreError('CORRUPT', `Loading a company image failed: ${String(err)}`, { cause: err });
  }
}
