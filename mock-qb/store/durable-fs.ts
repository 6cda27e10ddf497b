import fs from 'node:fs';
import path from 'node:path';
import { StoreError } from './store-error.js';

/** A process-wide counter keeps temp names unique without randomness (identity is injected elsewhere). */
let tempCounter = 0;

/**
 * Flushes a directory entry to disk so a rename or unlink in it survives a crash. A no-op where directories cannot
 * be opened for fsync (Windows).
 */
export function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL') {
      throw StoreError.wrap(err, `Syncing directory ${dir}`);
    }
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Writes a file so that a reader (or a restart after SIGKILL or power loss) sees either the old content or the new,
 * never a torn mix: write a temp file in the same directory, fsync it, rename it over the target, fsync the directory.
 *
 * @throws StoreError `IO` when the file system refuses.
 */
export function writeFileAtomic(target: string, data: Buffer | string): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${++tempCounter}.tmp`);
  try {
    const fd = fs.openSync(temp, 'w');
    try {
      fs.writeFileSync(fd, data);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw StoreError.wrap(err, `Writing ${target}`);
  }
  syncDirectory(dir);
}

/**
 * Removes a SQLite database file and its WAL sidecars (`-wal`, `-shm`); missing ones are fine. A stale `-wal` next
 * to a replaced file would otherwise be replayed into it on the next open.
 *
 * @param includeMain - false to remove only the sidecars.
 */
export function removeSqliteFiles(dbPath: string, includeMain = true): void {
  try {
    for (const suffix of includeMain ? ['', '-wal', '-shm', '-journal'] : ['-wal', '-shm', '-journal']) {
      fs.rmSync(dbPath + suffix, { force: true });
    }
  } catch (err) {
    throw StoreError.wrap(err, `Removing ${dbPath}`);
  }
}
