/** What went wrong in the store, as a stable code callers can match on. */
export type StoreErrorCode = 'DUPLICATE' | 'NOT_FOUND' | 'CORRUPT' | 'IO';

/** SQLite result codes that mean "the bytes are not a usable database". */
const CORRUPT_SQLITE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB', 'SQLITE_FORMAT']);
/** SQLite result codes (primary part) that mean "the disk or the file system refused". */
const IO_SQLITE_CODES = new Set(['SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL', 'SQLITE_READONLY', 'SQLITE_PERM']);

/**
 * A failure of the company-file store: a duplicate name, a missing record, an unreadable image or file, or a
 * file-system error. The store's own failures, never a simulated QuickBooks answer: the engine decides how (and
 * whether) one becomes a QuickBooks status or HRESULT.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  /**
   * @param code - `DUPLICATE` (name/path already taken), `NOT_FOUND` (no such record/file), `CORRUPT` (not a
   *   usable company database), `IO` (the file system failed).
   * @param message - What happened and, where it helps, what to do next.
   * @param options - The underlying error, if any.
   */
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /**
   * Wraps a better-sqlite3 or file-system error as `CORRUPT` or `IO` when it is one of those; returns any other
   * error unchanged (a constraint violation or a misuse is a bug to see as-is, not to relabel).
   *
   * @param err - The caught error.
   * @param what - What the store was doing, for the message (`opening C:\\...\\x.sqlite`).
   */
  static wrap(err: unknown, what: string): unknown {
    if (err instanceof StoreError) return err;
    const code =
      err instanceof Error && typeof (err as { code?: unknown }).code === 'string'
        ? (err as unknown as { code: string }).code
        : '';
    // Extended codes (SQLITE_IOERR_FSYNC) share their primary code's meaning.
    const primary = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
    const detail = err instanceof Error ? err.message : String(err);
    if (CORRUPT_SQLITE_CODES.has(primary)) {
      return new StoreError('CORRUPT', `${what}: not a usable company database (${detail}).`, { cause: err });
    }
    if (IO_SQLITE_CODES.has(primary) || /^E[A-Z]+$/.test(code)) {
      return new StoreError('IO', `${what}: ${detail}.`, { cause: err });
    }
    return err;
  }
}
