import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync, chmodSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';

/**
 * Durable files in the connector's state directory: a JSON file is written whole to a temporary file (with its mode,
 * 0600 for secrets), flushed to disk, then renamed over the old one — a crash leaves the old file or the new one,
 * never half of either.
 */
export const stateFiles = {
  /** Reads a JSON file; `fallback` when it does not exist. A file that is not JSON is an error (it names the file). */
  readJson<T>(file: string, fallback: T): T {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new Error(`${file} is not valid JSON; fix or remove it`);
    }
  },

  /** Writes a JSON file atomically and durably, with `mode` (default 0600: everything in the state is private). */
  writeJson(file: string, value: unknown, mode = 0o600): void {
    stateFiles.writeText(file, `${JSON.stringify(value, null, 2)}\n`, mode);
  },

  /** Writes a text file atomically and durably. */
  writeText(file: string, text: string, mode = 0o600): void {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const tmp = `${file}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(tmp, mode); // the umask may have narrowed it; never widened
    renameSync(tmp, file);
    syncDir(path.dirname(file));
  },

  /** Appends one line durably (the status log). */
  appendLine(file: string, line: string, mode = 0o600): void {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const fd = openSync(file, 'a', mode);
    try {
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  },

  /** A short stable directory name for a company file path (paths hold `\` and `:`; case-insensitive like Windows). */
  companyKey(companyPath: string): string {
    const base = path.win32
      .basename(companyPath)
      .replace(/\.qbw$/i, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40);
    const hash = createHash('sha256').update(normalizeCompanyPath(companyPath)).digest('hex').slice(0, 10);
    return `${base || 'company'}-${hash}`;
  },
};

/** A company file path as Windows compares it: `/` = `\`, case-insensitive. */
export function normalizeCompanyPath(companyPath: string): string {
  return companyPath.trim().replace(/\//g, '\\').toLowerCase();
}

function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not every platform can fsync a directory (Windows); the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
