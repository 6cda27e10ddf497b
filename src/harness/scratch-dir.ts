import { accessSync, constants, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Linux's shared-memory tmpfs: files there never reach a disk, so the connector's fsyncs cost nothing. */
const MEMORY_TMP = '/dev/shm';

let base: string | undefined;

/** The folder scratch directories go under: `/dev/shm` where it is a writable folder (Linux), else the OS temp dir. */
export function scratchBase(): string {
  if (base === undefined) {
    try {
      if (!statSync(MEMORY_TMP).isDirectory()) throw new Error('not a folder');
      accessSync(MEMORY_TMP, constants.W_OK);
      base = MEMORY_TMP;
    } catch {
      base = tmpdir();
    }
  }
  return base;
}

/**
 * A new empty directory for a run's throw-away files (a connector's state directory in a scenario), in memory where
 * the OS offers it. The connector still writes durably (fsync, rename); in memory that costs nothing, and a scenario's
 * state never needs to survive the machine.
 */
export function makeScratchDir(prefix: string): string {
  return mkdtempSync(path.join(scratchBase(), prefix));
}
