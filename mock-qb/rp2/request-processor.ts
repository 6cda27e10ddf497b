import { OLDER_RP2_LIBRARY_VERSION } from '../engine/host-conditions.js';
import { ComError, isComError } from '../../src/protocol/com-error.js';
import type { Hresult } from '../../src/protocol/hresult.js';
import {
  ConnectionType,
  PersonalDataPref,
  ReleaseLevel,
  UnattendedModePref,
  enumName,
  type PersonalDataPrefName,
  type UnattendedModePrefName,
} from '../../src/protocol/rp2-enums.js';
import type { AppRequest, CallerIdentity, SessionInfo } from '../engine/host-types.js';
import { FaultDrop, HostFaults, recordIdsOf, type ArmedFault } from '../engine/faults.js';
import type { QbHost } from '../engine/qb-host.js';
import type { QbxmlProcessor } from '../qbxml/qbxml-processor.js';
import { answerSubscriptionsUnsupported } from './subscription-answer.js';
import { editRecordInUi } from './ui-record-edit.js';

/** A dropped answer (an armed fault): the bridge and the fake Web Connector turn it into a lost answer. */
export { isFaultDrop, HostFaults } from '../engine/faults.js';

/** The version of the simulated QBXMLRP2 library (SDK 13.0). */
export const RP2_LIBRARY_VERSION = {
  major: 13,
  minor: 0,
  releaseLevel: ReleaseLevel.release,
  releaseNumber: 0,
} as const;

interface Connection {
  appId: string;
  appName: string;
  connType: number;
}

/**
 * One `QBXMLRP2.RequestProcessor` COM object, created by a caller on a simulated machine. Its
 * methods are Intuit's, with Intuit's parameter names, and fail with {@link ComError} exactly where
 * QBXMLRP2 does (facts §1.5): the call order is enforced here; the QuickBooks side of
 * `BeginSession` is decided by the host.
 */
export class RequestProcessor {
  readonly id: string;
  readonly host: QbHost;
  readonly caller: CallerIdentity;
  /** The class created: RequestProcessor2 (the ProgID's), or RequestProcessor3 (by its CLSID). */
  readonly coclass: 'RequestProcessor2' | 'RequestProcessor3';
  readonly #qbxml: QbxmlProcessor;
  #conn: Connection | null = null;
  #ticket: string | null = null;
  /** Tickets this processor was ever given: using one after its session ended is a stale ticket (0x8004040D). */
  #issued = new Set<string>();
  #beginPending = false;
  #lastError = '';
  #prefs: {
    isReadOnly: boolean;
    unattendedModePref: UnattendedModePrefName;
    personalDataPref: PersonalDataPrefName;
    authFlags: number | null;
  } = { isReadOnly: false, unattendedModePref: 'umpOptional', personalDataPref: 'pdpOptional', authFlags: null };

  constructor(
    id: string,
    host: QbHost,
    caller: CallerIdentity,
    qbxml: QbxmlProcessor,
    coclass: RequestProcessor['coclass'] = 'RequestProcessor2',
  ) {
    this.id = id;
    this.host = host;
    this.caller = caller;
    this.#qbxml = qbxml;
    this.coclass = coclass;
  }

  // ------------------------------------------------------------ connection

  /** `OpenConnection(appID, appName)` = `OpenConnection2(appID, appName, localQBD)`. */
  OpenConnection(appID: string, appName: string): void {
    this.#call('OpenConnection', { appID, appName }, () => this.#open(appID, appName, ConnectionType.localQBD));
  }

  /** `OpenConnection2(appID, appName, connType)`. */
  OpenConnection2(appID: string, appName: string, connType: number): void {
    this.#call('OpenConnection2', { appID, appName, connType }, () => this.#open(appID, appName, connType));
  }

  /** `CloseConnection()`: ends an open session too (and lets a background QuickBooks exit). */
  CloseConnection(): void {
    this.#call('CloseConnection', {}, () => {
      if (!this.#conn) throw new ComError('0x8004040F');
      this.#endOwnSession();
      this.#conn = null;
      this.host.connectionClosed(this.id);
    });
  }

  // ------------------------------------------------------------ session

  /** `BeginSession(qbFileName, reqFileMode)` → ticket. May wait for a person to answer a dialog. */
  async BeginSession(qbFileName: string, reqFileMode: number): Promise<string> {
    const conn = this.#conn;
    const fail = (code: Hresult) => this.#fail('BeginSession', { qbFileName, reqFileMode }, new ComError(code));
    if (!conn) return fail('0x8004040F');
    if (this.#ticket || this.#beginPending) return fail('0x80040411');
    this.#beginPending = true;
    try {
      const app: AppRequest = {
        appId: conn.appId,
        appName: conn.appName,
        connType: conn.connType,
        caller: this.caller,
        requested: {
          isReadOnly: this.#prefs.isReadOnly,
          unattendedModePref: this.#prefs.unattendedModePref,
          personalDataPref: this.#prefs.personalDataPref,
        },
        authFlags: this.#prefs.authFlags,
      };
      const session = await this.host.beginSession({ app, qbFileName, reqFileMode, processorId: this.id });
      // The connection may have closed while a dialog was up: the session is then not ours to keep.
      if (this.#conn !== conn) {
        this.host.endSession(session.ticket);
        throw new ComError('0x8004040F');
      }
      this.#ticket = session.ticket;
      this.#issued.add(session.ticket);
      return session.ticket;
    } catch (error) {
      if (isComError(error)) this.#lastError = error.message;
      throw error;
    } finally {
      this.#beginPending = false;
    }
  }

  /** `EndSession(ticket)`. */
  EndSession(ticket: string): void {
    this.#call('EndSession', { ticket }, () => {
      this.#requireSession(ticket);
      this.#endOwnSession();
    });
  }

  /** `ProcessRequest(ticket, inputRequest)` → the qbXML response set. */
  ProcessRequest(ticket: string, inputRequest: string): string {
    const session = this.#requireSessionOrFail('ProcessRequest', ticket);
    // An older QBXMLRP2 library beside a newer QuickBooks does not know the request's qbXML version (host condition).
    if (this.host.condition('rp2-library-older')) {
      const version = Number(/<\?qbxml\s+version\s*=\s*["']([\d.]+)["']/.exec(inputRequest)?.[1] ?? '0');
      if (version > OLDER_RP2_LIBRARY_VERSION) this.#fail('ProcessRequest', { ticket }, new ComError('0x80040428'));
    }
    // An armed fault (engine/faults.ts) may drop the answer, crash QuickBooks, raise a window or get a person first.
    const fault = HostFaults.of(this.host).take(
      'ProcessRequest',
      { method: 'ProcessRequest', inputRequest },
      { processorId: this.id, appName: session.appName },
    );
    const locked: string[] = [];
    if (fault) {
      if (fault.kind === 'drop-before-commit') throw new FaultDrop(fault.kind, false);
      if (fault.kind === 'qb-crash' && fault.phase === 'before') this.#crash(ticket);
      if (fault.kind === 'modal-dialog' && fault.phase === 'before') this.#raise(fault);
      if (fault.kind === 'edit-sequence-bumped')
        for (const id of recordIdsOf(inputRequest)) editRecordInUi(this.host, session.filePath, id);
      if (fault.kind === 'record-locked') {
        for (const id of recordIdsOf(inputRequest, { applied: true })) {
          if (this.host.recordLock(session.filePath, id)) continue;
          this.host.lockRecord({ path: session.filePath, id, machine: this.host.id });
          locked.push(id);
        }
      }
    }
    let response: string;
    try {
      response = this.#qbxml.process(this.host, session, inputRequest);
    } catch (error) {
      if (isComError(error)) {
        this.#lastError = error.message;
        this.host.log('app', 'rp2.ProcessRequest', `ProcessRequest → ${error.hresult}`, {
          appName: session.appName,
          hresult: error.hresult,
          message: error.message,
        });
      }
      throw error;
    } finally {
      if (fault && !fault.hold) for (const id of locked) this.host.unlockRecord({ path: session.filePath, id });
    }
    if (fault?.kind === 'commit-then-drop') throw new FaultDrop(fault.kind, true);
    if (fault?.kind === 'qb-crash') this.#crash(ticket);
    if (fault?.kind === 'modal-dialog' && fault.phase === 'after') this.#raise(fault);
    return response;
  }

  /** QuickBooks stops working under this call: 0x80040401 now, 0x8004040D for the ticket from then on. */
  #crash(ticket: string): never {
    this.host.crash();
    return this.#fail('ProcessRequest', { ticket }, new ComError('0x80040401'));
  }

  #raise(fault: ArmedFault): void {
    this.host.raiseDialog({ title: fault.title ?? 'QuickBooks', text: fault.text ?? '' });
  }

  /** `GetCurrentCompanyFileName(ticket)`: full path of the open company file. */
  GetCurrentCompanyFileName(ticket: string): string {
    const session = this.#requireSessionOrFail('GetCurrentCompanyFileName', ticket);
    if (this.host.condition('company-file-name-unavailable')) {
      this.#fail('GetCurrentCompanyFileName', { ticket }, new ComError('0x8004040B'));
    }
    return session.filePath;
  }

  /** `QBXMLVersionsForSession(ticket)`: the qbXML versions the running QuickBooks supports. */
  QBXMLVersionsForSession(ticket: string): string[] {
    this.#requireSessionOrFail('QBXMLVersionsForSession', ticket);
    return [...this.host.product.qbxmlVersions];
  }

  /**
   * `ProcessSubscription(inputRequest)`: a `QBXMLSubscriptionMsgsRq` (event and UI-extension subscriptions). Needs an
   * open connection, not a session (the SDK samples call it right after OpenConnection). Subscriptions are not
   * simulated yet: every request answers status 1030, journaled (subscription-answer.ts).
   */
  ProcessSubscription(inputRequest: string): string {
    let answer: { response: string; requests: string[] } | undefined;
    this.#call('ProcessSubscription', {}, () => {
      if (!this.#conn) throw new ComError('0x8004040F');
      if (this.host.condition('subscriptions-unavailable')) throw new ComError('0x8004042B');
      answer = answerSubscriptionsUnsupported(this.host, inputRequest);
    });
    this.host.log(
      'qbxml',
      'qbxml.subscription-unsupported',
      'subscriptions are not simulated: each request answered 1030',
      {
        requests: answer!.requests,
      },
    );
    return answer!.response;
  }

  /**
   * `QBXMLVersionsForSubscription`: the qbXML versions QuickBooks accepts through ProcessSubscription — those of the
   * running product from 5.0 on (event subscriptions came with qbXML 5.0; UNCONFIRMED). Needs an open connection.
   */
  get QBXMLVersionsForSubscription(): string[] {
    if (!this.#conn) this.#fail('QBXMLVersionsForSubscription', {}, new ComError('0x8004040F'));
    return this.host.product.qbxmlVersions.filter((v) => Number.parseFloat(v) >= 5);
  }

  // ------------------------------------------------------------ properties

  get MajorVersion(): number {
    return RP2_LIBRARY_VERSION.major;
  }
  get MinorVersion(): number {
    return RP2_LIBRARY_VERSION.minor;
  }
  get ReleaseLevel(): number {
    return RP2_LIBRARY_VERSION.releaseLevel;
  }
  get ReleaseNumber(): number {
    return RP2_LIBRARY_VERSION.releaseNumber;
  }
  /** The connection type of the open connection (`unknown` when none). */
  get ConnectionType(): number {
    return this.#conn?.connType ?? ConnectionType.unknown;
  }

  /** `GetQBLastError()`: the text of the last failure of this processor ('' when none). */
  GetQBLastError(): string {
    return this.#lastError;
  }

  // ------------------------------------------------------------ AuthPreferences

  PutIsReadOnly(isReadOnly: boolean): void {
    this.#put('PutIsReadOnly', { isReadOnly }, () => {
      this.#prefs.isReadOnly = isReadOnly;
    });
  }

  PutUnattendedModePref(unattendedModePref: number): void {
    this.#put('PutUnattendedModePref', { unattendedModePref }, () => {
      const name = enumName(UnattendedModePref, unattendedModePref);
      if (!name) throw new ComError('0x80040425');
      this.#prefs.unattendedModePref = name;
    });
  }

  PutPersonalDataPref(personalDataPref: number): void {
    this.#put('PutPersonalDataPref', { personalDataPref }, () => {
      const name = enumName(PersonalDataPref, personalDataPref);
      if (!name) throw new ComError('0x80040425');
      this.#prefs.personalDataPref = name;
    });
  }

  PutAuthFlags(authFlags: number): void {
    this.#put('PutAuthFlags', { authFlags }, () => {
      if (!Number.isInteger(authFlags)) throw new ComError('0x80040425');
      this.#prefs.authFlags = authFlags >>> 0;
    });
  }

  GetIsReadOnly(ticket: string): boolean {
    this.#requireSessionOrFail('GetIsReadOnly', ticket);
    return this.#prefs.isReadOnly;
  }

  GetUnattendedModePref(ticket: string): number {
    this.#requireSessionOrFail('GetUnattendedModePref', ticket);
    return UnattendedModePref[this.#prefs.unattendedModePref];
  }

  GetPersonalDataPref(ticket: string): number {
    this.#requireSessionOrFail('GetPersonalDataPref', ticket);
    return PersonalDataPref[this.#prefs.personalDataPref];
  }

  /** `WasAuthPreferencesObeyed(ticket)`: false when QuickBooks granted less than the app asked for. */
  WasAuthPreferencesObeyed(ticket: string): boolean {
    return this.#requireSessionOrFail('WasAuthPreferencesObeyed', ticket).prefsObeyed;
  }

  /** The open session, if any (for the server's bookkeeping and tests). */
  get session(): SessionInfo | undefined {
    return this.#ticket ? this.host.session(this.#ticket) : undefined;
  }

  /** The COM object is released: a connection still open is closed. */
  release(): void {
    if (this.#conn) this.CloseConnection();
  }

  // ------------------------------------------------------------ internals

  #open(appID: string, appName: string, connType: number): void {
    if (this.#conn) throw new ComError('0x80040412');
    if (typeof appName !== 'string' || appName.trim() === '') throw new ComError('0x80040415');
    if (
      ![ConnectionType.localQBD, ConnectionType.remoteQBD, ConnectionType.localQBDLaunchUI].includes(
        connType as 1 | 2 | 3,
      )
    ) {
      throw new ComError('0x8004042F');
    }
    this.#conn = { appId: appID ?? '', appName, connType };
  }

  #put(method: string, args: Record<string, unknown>, fn: () => void): void {
    this.#call(method, args, () => {
      if (this.#ticket || this.#beginPending) throw new ComError('0x8004042E');
      fn();
    });
  }

  #requireSession(ticket: string): SessionInfo {
    if (!this.#ticket) throw new ComError(this.#issued.has(ticket) ? '0x8004040D' : '0x8004040C');
    if (ticket !== this.#ticket) throw new ComError('0x8004040D');
    const session = this.host.session(ticket);
    if (!session) {
      // The host ended it (restore/reset); the ticket is dead.
      this.#ticket = null;
      throw new ComError('0x8004040D');
    }
    return session;
  }

  #requireSessionOrFail(method: string, ticket: string): SessionInfo {
    try {
      return this.#requireSession(ticket);
    } catch (error) {
      if (isComError(error)) this.#fail(method, { ticket }, error);
      throw error;
    }
  }

  #endOwnSession(): void {
    if (!this.#ticket) return;
    const ended = this.host.endSession(this.#ticket);
    this.#ticket = null;
    if (ended)
      this.host.log('app', 'rp2.EndSession', `session of "${ended.appName}" ended`, { appName: ended.appName });
  }

  /** Runs a synchronous COM call: journal failures, remember the last error. */
  #call(method: string, args: Record<string, unknown>, fn: () => void): void {
    const appName = this.#conn?.appName ?? args['appName'];
    try {
      fn();
      this.host.log('app', `rp2.${method}`, `${method} by "${String(appName ?? '?')}"`, {
        processorId: this.id,
        ...args,
      });
    } catch (error) {
      if (isComError(error)) this.#fail(method, args, error);
      throw error;
    }
  }

  /** The call fails with `error` without being handled (an armed `com-error` fault), journaled as its own failure. */
  failWith(method: string, error: ComError, data: Record<string, unknown> = {}): never {
    return this.#fail(method, data, error);
  }

  #fail(method: string, args: Record<string, unknown>, error: ComError): never {
    this.#lastError = error.message;
    this.host.log('app', `rp2.${method}`, `${method} → ${error.hresult}`, {
      processorId: this.id,
      ...args,
      hresult: error.hresult,
      message: error.message,
    });
    throw error;
  }
}
