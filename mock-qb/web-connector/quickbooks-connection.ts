import { ComError, isComError } from '../../src/protocol/com-error.js';
import { QbwcError } from '../../src/protocol/qbwc-codes.js';
import type { QwcFile } from '../../src/protocol/qwc-file.js';
import {
  AuthFlags,
  ConnectionType,
  PersonalDataPref,
  QBFileMode,
  UnattendedModePref,
} from '../../src/protocol/rp2-enums.js';
import type { RequestProcessor } from '../rp2/request-processor.js';
import type { QbwcRuntime } from './qbwc-runtime.js';

const EDITION_BITS = AuthFlags.SimpleStart | AuthFlags.Pro | AuthFlags.Premier | AuthFlags.Enterprise;

/**
 * The AuthFlags QBWC passes for a `.qwc`: its value, with every edition bit set when it names none — QWC `0x0` (or
 * no AuthFlags) means all editions including Simple Start (facts §1.3), while raw QBXMLRP2 without PutAuthFlags
 * would exclude Simple Start.
 */
export function qbwcAuthFlags(qwc: QwcFile): number {
  const flags = (qwc.AuthFlags ?? 0) >>> 0;
  return (flags & EDITION_BITS) === 0 ? (flags | EDITION_BITS) >>> 0 : flags;
}

/**
 * One QBXMLRP2 connection of the Web Connector: a request processor (QBWC's own caller identity), the `.qwc`'s
 * AuthPreferences, `OpenConnection2(AppID, AppName, localQBD)` and `BeginSession(path, qbFileOpenDoNotCare)`.
 */
export class QuickBooksConnection {
  readonly processor: RequestProcessor;
  readonly ticket: string;
  readonly filePath: string;
  #closed = false;
  readonly #rt: QbwcRuntime;

  private constructor(rt: QbwcRuntime, processor: RequestProcessor, ticket: string) {
    this.#rt = rt;
    this.processor = processor;
    this.ticket = ticket;
    this.filePath = processor.GetCurrentCompanyFileName(ticket);
  }

  /**
   * Connects as QBWC does: `BeginSession` is tried twice (the second try after the first failed); a failure of both
   * answers the last COM error (the connection is closed again). AuthFlags QuickBooks refuses → QBWC1034.
   */
  static async open(
    rt: QbwcRuntime,
    qwc: QwcFile,
    qbFileName: string,
    opts: {
      tries?: number;
      /** Between the tries (QBWC's retry dialog): false = the person chose Cancel. */
      beforeRetry?: (error: ComError) => Promise<boolean>;
    } = {},
  ): Promise<{ ok: true; conn: QuickBooksConnection } | { ok: false; error: ComError; cancelled?: boolean }> {
    const tries = opts.tries ?? 2;
    let processor: RequestProcessor;
    try {
      // QBWC is a 32-bit program the signed-in user runs (whatever the machine's other callers are).
      processor = rt.processors.create({
        machine: rt.host.id,
        windowsUser: rt.host.windowsUser,
        certificate: { ...rt.certificate },
        bitness: 32,
        runAs: 'interactive',
      });
    } catch (error) {
      if (isComError(error)) return { ok: false, error };
      throw error;
    }
    const release = () => {
      try {
        rt.processors.release(processor.id);
      } catch {
        // already released
      }
    };
    try {
      processor.PutIsReadOnly(qwc.IsReadOnly ?? false);
      if (qwc.PersonalDataPref) processor.PutPersonalDataPref(PersonalDataPref[qwc.PersonalDataPref]);
      if (qwc.UnattendedModePref) processor.PutUnattendedModePref(UnattendedModePref[qwc.UnattendedModePref]);
      const flags = qbwcAuthFlags(qwc);
      try {
        processor.PutAuthFlags(flags);
      } catch (error) {
        if (isComError(error)) {
          throw new QbwcError('QBWC1034', {
            vars: { authFlags: `0x${flags.toString(16).toUpperCase()}` },
            detail: [error.message],
          });
        }
        throw error;
      }
      processor.OpenConnection2(qwc.AppID, qwc.AppName, ConnectionType.localQBD);
    } catch (error) {
      release();
      if (isComError(error)) return { ok: false, error };
      throw error;
    }
    let last: ComError | undefined;
    let cancelled = false;
    for (let attempt = 1; attempt <= tries; attempt++) {
      if (last && opts.beforeRetry && !(await opts.beforeRetry(last))) {
        cancelled = true;
        break;
      }
      try {
        const ticket = await processor.BeginSession(qbFileName, QBFileMode.qbFileOpenDoNotCare);
        return { ok: true, conn: new QuickBooksConnection(rt, processor, ticket) };
      } catch (error) {
        if (!isComError(error)) {
          release();
          throw error;
        }
        last = error;
        rt.log.line(
          'SOAPWebService',
          'OpenConnectionBeginSession',
          `Error connecting to QuickBooks (attempt ${attempt} of ${tries}): ${error.hresult}: ${error.message}`,
        );
      }
    }
    try {
      processor.CloseConnection();
    } catch {
      // the connection may already be gone
    }
    release();
    return { ok: false, error: last ?? new ComError('0x80040401'), ...(cancelled ? { cancelled } : {}) };
  }

  /** `ProcessRequest` on this session (throws ComError as QBXMLRP2 does). */
  process(request: string): string {
    return this.processor.ProcessRequest(this.ticket, request);
  }

  /** The qbXML versions of the running QuickBooks, newest last. */
  versions(): string[] {
    return this.processor.QBXMLVersionsForSession(this.ticket);
  }

  /** `EndSession` + `CloseConnection`, then the COM object is released. Failures are logged (QBWC1015). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.processor.EndSession(this.ticket);
      this.processor.CloseConnection();
    } catch (error) {
      const text = isComError(error) ? `${error.hresult}: ${error.message}` : String(error);
      this.#rt.log.line('SOAPWebService', 'EndSessionCloseConnection', `QBWC1015: ${text}`);
    }
    try {
      this.#rt.processors.release(this.processor.id);
    } catch {
      // already released
    }
  }
}
