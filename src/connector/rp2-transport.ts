import { isComError } from '../protocol/com-error.js';
import { RP2_BASE_PATH } from '../protocol/rp2-bridge-contract.js';
import { Rp2BridgeClient } from '../protocol/rp2-bridge-client.js';
import type { PersonalDataPrefName, QBFileModeName, UnattendedModePrefName } from '../protocol/rp2-enums.js';
import { QbConnectionLost, QbOpenFailure, isQuickBooksGone } from './connector-errors.js';
import { pickQbxmlVersion, type QbSession } from './qb-session.js';

/** How the connector presents itself to QuickBooks over RP2. */
export interface Rp2TransportOptions {
  /** The RP2 bridge: `http://host:port` (or with `/qbxmlrp2`). */
  bridgeUrl: string;
  /** The application name QuickBooks authorizes (Integrated Applications). */
  appName: string;
  /** OpenConnection2's appID (may be empty). */
  appId?: string;
  /** BeginSession's file open mode (default `qbFileOpenDoNotCare`). */
  fileMode?: QBFileModeName;
  /** The machine the bridge's processor runs on (a bridge serving several; default: its first). */
  machine?: string;
  /** AuthPreferences set before BeginSession. */
  authPreferences?: {
    isReadOnly?: boolean;
    unattendedModePref?: UnattendedModePrefName;
    personalDataPref?: PersonalDataPrefName;
    /** Editions bit mask; unset = QBXMLRP2's default (Pro | Premier | Enterprise). */
    authFlags?: number;
  };
  /** The code-signing certificate the bridge reports for the connector (a simulated bridge uses it). */
  certificate?: { subject: string; expires?: string };
}

/**
 * QuickBooks over the RP2 bridge (QBXMLRP2 over HTTP, src/protocol/rp2-bridge-contract.ts): for each cycle a request
 * processor, `OpenConnection2(appID, appName, localQBD)`, the AuthPreferences, `BeginSession(path, mode)`, requests,
 * `EndSession`, `CloseConnection`. `BeginSession` may wait as long as QuickBooks shows its certificate dialog.
 */
export class Rp2Transport {
  readonly bridgeBase: string;
  readonly #opts: Rp2TransportOptions;

  constructor(opts: Rp2TransportOptions) {
    this.#opts = opts;
    this.bridgeBase = opts.bridgeUrl.replace(/\/+$/, '').replace(new RegExp(`${RP2_BASE_PATH}$`), '');
  }

  /**
   * Opens a session on a company file. Fails with {@link QbOpenFailure}: the HRESULT and Intuit's text when
   * QuickBooks refused (`OpenConnection2` or `BeginSession`), reason `bridge-unreachable` when there is no bridge.
   */
  async open(companyPath: string): Promise<Rp2Session> {
    let rp: Rp2BridgeClient;
    try {
      rp = await Rp2BridgeClient.createProcessor(this.bridgeBase, {
        ...(this.#opts.machine ? { machine: this.#opts.machine } : {}),
        ...(this.#opts.certificate
          ? {
              certificate: {
                subject: this.#opts.certificate.subject,
                status: 'valid',
                ...(this.#opts.certificate.expires ? { expires: this.#opts.certificate.expires } : {}),
              },
            }
          : {}),
      });
    } catch (error) {
      // Windows refused to create the object (the SDK not installed, a 64-bit process, …): a COM failure too.
      if (isComError(error)) throw new QbOpenFailure(error.message, error.hresult, 'CoCreateInstance failed');
      throw new QbOpenFailure(
        `the QBXMLRP2 bridge at ${this.bridgeBase} could not be reached: ${describe(error)}`,
        undefined,
        'bridge-unreachable',
      );
    }
    let stage = 'OpenConnection2';
    try {
      await rp.OpenConnection2(this.#opts.appId ?? '', this.#opts.appName, 'localQBD');
      stage = 'AuthPreferences';
      const prefs = this.#opts.authPreferences ?? {};
      await rp.authPreferences('PutIsReadOnly', { isReadOnly: prefs.isReadOnly ?? false });
      await rp.authPreferences('PutUnattendedModePref', {
        unattendedModePref: prefs.unattendedModePref ?? 'umpOptional',
      });
      await rp.authPreferences('PutPersonalDataPref', { personalDataPref: prefs.personalDataPref ?? 'pdpOptional' });
      if (prefs.authFlags !== undefined) await rp.authPreferences('PutAuthFlags', { authFlags: prefs.authFlags });
      stage = 'BeginSession';
      const ticket = await rp.BeginSession(companyPath, this.#opts.fileMode ?? 'qbFileOpenDoNotCare');
      stage = 'QBXMLVersionsForSession';
      const versions = await rp.QBXMLVersionsForSession(ticket);
      const filePath = await rp.GetCurrentCompanyFileName(ticket);
      return new Rp2Session(rp, ticket, filePath, pickQbxmlVersion(versions));
    } catch (error) {
      await closeQuietly(rp);
      if (isComError(error)) throw new QbOpenFailure(error.message, error.hresult, `${stage} failed`);
      throw new QbOpenFailure(`${stage}: ${describe(error)}`, undefined, 'bridge-failed');
    }
  }
}

/** One RP2 session: `ProcessRequest` on its ticket; {@link close} ends it. */
export class Rp2Session implements QbSession {
  #closed = false;

  constructor(
    readonly rp: Rp2BridgeClient,
    readonly ticket: string,
    readonly filePath: string,
    readonly qbxmlVersion: string,
  ) {}

  async process(requestXml: string): Promise<string> {
    try {
      return await this.rp.ProcessRequest(this.ticket, requestXml);
    } catch (error) {
      if (isComError(error) && isQuickBooksGone(error.hresult)) {
        throw new QbConnectionLost(`QuickBooks went away during ProcessRequest: ${error.message}`, error.hresult);
      }
      if (isComError(error)) throw error;
      // No answer (the connection broke): whether QuickBooks processed the request is unknown.
      throw new QbConnectionLost(`ProcessRequest got no answer from the bridge: ${describe(error)}`);
    }
  }

  /** EndSession, CloseConnection, release; failures are ignored (the session may be gone with the connection). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.rp.EndSession(this.ticket);
    } catch {
      // already ended
    }
    await closeQuietly(this.rp);
  }
}

async function closeQuietly(rp: Rp2BridgeClient): Promise<void> {
  try {
    await rp.CloseConnection();
  } catch {
    // not open
  }
  try {
    await rp.release();
  } catch {
    // gone
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
