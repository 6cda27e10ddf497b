import { CookieJar } from 'tough-cookie';
import { isComError, type ComError } from '../../src/protocol/com-error.js';
import { isQbdSimError, type QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { QbwcError, qbwcHeadline, type QbwcCode } from '../../src/protocol/qbwc-codes.js';
import type { QbwcOperation, QbwcResultValue } from '../../src/protocol/qbwc-soap.js';
import type { QwcFile } from '../../src/protocol/qwc-file.js';
import { writeCompanyDataExt } from './company-data-ext.js';
import {
  APP_LOCK_EXT,
  appLockValue,
  companyDataExts,
  companyQueryRequest,
  hcpRequest,
  responseRs,
  rsText,
} from './qbwc-qbxml.js';
import { waitOnHostClock, type QbwcRuntime } from './qbwc-runtime.js';
import { callQbwcService, type QbwcCallOutcome } from './qbwc-transport.js';
import { QuickBooksConnection } from './quickbooks-connection.js';
import { HostFaults, isFaultDrop } from '../rp2/request-processor.js';
import type { QbwcDialogRecord, SoapCallRecord, UpdateOutcome, UpdateResult } from './web-connector-types.js';

/** The .NET texts QBWC shows for its own client-side failures (facts §10.3). */
const NULL_REFERENCE = 'Object reference not set to an instance of an object.';
const INDEX_OUT_OF_RANGE = 'Index was outside the bounds of the array.';
/** .NET's WebException text for a connection lost while waiting for an answer (a dropped update, qbd-sim faults). */
const RECEIVE_FAILED = 'The underlying connection was closed: An unexpected error occurred on a receive.';
/** .NET's WebException text for a connection lost while sending (a `qbwc-drop` fault before the service got the call). */
const SEND_FAILED = 'The underlying connection was closed: An unexpected error occurred on a send.';

/** What an update needs of a registered application. */
export interface UpdateApp {
  qwc: QwcFile;
  /** The password the user entered in QBWC (never logged). */
  password: string;
  /** Auto-Run is on: only then do authenticate's postpone and minimum-interval answers act (facts §10.3). */
  autoRun: boolean;
  /** The application's own cookie jar when cookies live per application (option `cookies`); else a new one per update. */
  cookies?: CookieJar;
}

/** Ends the session loop with an outcome (thrown inside {@link UpdateSession.run}, caught there). */
class SessionEnd extends Error {
  override readonly name = 'SessionEnd';
  constructor(
    readonly outcome: UpdateOutcome,
    readonly status: string,
    readonly code: QbwcCode | null = null,
    readonly lines: string[] = [],
    /** The simulator's own refusal that ended the update (never a QBWC or QuickBooks code). */
    readonly simError?: { code: string; message: string },
  ) {
    super(status);
  }
}

/** What getLastError asked for. */
type LastErrorAnswer = { kind: 'noop' } | { kind: 'interactive' } | { kind: 'error'; text: string };

const SOAP_CLASS = 'SOAPWebService';
/** interactiveRejected's reasons (the facts give no text: UNCONFIRMED wordings). */
const INTERACTIVE_DECLINED = 'The user declined interactive mode.';
const INTERACTIVE_TIMED_OUT = 'Interactive mode timed out.';

/**
 * One "Update" of one application — the session loop of facts §5.2–§5.4 and §10.3, as QBWC 2.3 runs it:
 *
 * `serverVersion` → `clientVersion` → `authenticate` → (QuickBooks: OpenConnection2, BeginSession twice; on failure
 * `connectionError` until `done` or a path to retry) → AppLock set → the HCP queries (requestIDs 0, 1, 2) →
 * `sendRequestXML` (HCP on the first call) → ProcessRequest → `receiveResponseXML` … until 100 (or more), a negative
 * value or an empty request (→ `getLastError`: `NoOp` waits on the host clock and asks again, `Interactive mode` is
 * recorded) → AppLock cleared → EndSession, CloseConnection → `closeConnection`.
 */
export class UpdateSession {
  readonly #rt: QbwcRuntime;
  readonly #app: UpdateApp;
  readonly #result: UpdateResult;
  readonly #url: string;
  #conn: QuickBooksConnection | null = null;
  #locked = false;
  #version = '13.0';
  readonly #trigger: 'manual' | 'scheduled';
  /** QBWC's CookieContainer for this update (or the application's, option `cookies`). */
  readonly #cookies: CookieJar | undefined;

  constructor(rt: QbwcRuntime, app: UpdateApp, trigger: 'manual' | 'scheduled') {
    this.#rt = rt;
    this.#trigger = trigger;
    this.#cookies = rt.cookies === 'none' ? undefined : (app.cookies ?? new CookieJar());
    this.#app = app;
    this.#url = app.qwc.AppURL;
    this.#result = {
      appName: app.qwc.AppName,
      outcome: 'error',
      status: '',
      qbwcCode: null,
      lines: [],
      trigger,
      ticket: null,
      companyFile: null,
      requests: 0,
      percentDone: null,
      postponeSeconds: null,
      minIntervalSeconds: null,
      calls: [],
      startedAt: rt.nowIso(),
      endedAt: rt.nowIso(),
    };
  }

  /** Runs the update to its end; never throws for anything the service or QuickBooks does. */
  async run(): Promise<UpdateResult> {
    const { qwc } = this.#app;
    const log = this.#rt.log;
    log.line(SOAP_CLASS, 'instantiateWebService', 'Initiated connection to the following application.');
    log.line(SOAP_CLASS, 'instantiateWebService', `AppName: ${qwc.AppName}`);
    log.line(SOAP_CLASS, 'instantiateWebService', `AppUniqueName (if available): ${qwc.AppUniqueName ?? qwc.AppName}`);
    log.line(SOAP_CLASS, 'instantiateWebService', `AppURL: ${qwc.AppURL}`);
    let end: SessionEnd;
    try {
      end = await this.#session();
    } catch (error) {
      if (error instanceof SessionEnd) end = error;
      else if (this.#rt.signal.aborted)
        end = new SessionEnd('stopped', 'The Web Connector was closed during the update.');
      else throw error;
    } finally {
      this.#closeQuickBooks();
    }
    const r = this.#result;
    r.outcome = end.outcome;
    r.status = end.status;
    r.qbwcCode = end.code;
    r.lines = end.lines;
    if (end.simError) r.simError = end.simError;
    r.endedAt = this.#rt.nowIso();
    for (const line of end.lines) log.line(SOAP_CLASS, 'do_update', line);
    return r;
  }

  // ------------------------------------------------------------------ the loop

  async #session(): Promise<SessionEnd> {
    const { qwc } = this.#app;
    const log = this.#rt.log;

    // serverVersion: shown in the log; a failure is tolerated.
    const sv = await this.#call('serverVersion', {});
    if (sv.ok)
      log.line(
        SOAP_CLASS,
        'do_serverVersion',
        `Received from serverVersion() following parameter:<serverVersionRet="${sv.value ?? ''}">`,
      );
    else log.line(SOAP_CLASS, 'do_serverVersion', `serverVersion() failed (ignored): ${sv.failure.message}`);

    // clientVersion: "" / null → go on; W: → warning; E: → stop; O: → stop; other → QBWC1046.
    const cv = await this.#call('clientVersion', { strVersion: this.#rt.version });
    if (!cv.ok) {
      log.line(SOAP_CLASS, 'do_clientVersion', `QBWC1036: clientVersion() failed (ignored): ${cv.failure.message}`);
    } else {
      const answer = cv.value ?? '';
      log.line(
        SOAP_CLASS,
        'do_clientVersion',
        `Received from clientVersion() following parameter:<clientVersionRet="${answer}">`,
      );
      this.#clientVersionAnswer(answer);
    }

    // authenticate
    log.line(
      SOAP_CLASS,
      'do_authenticate',
      `Authenticating to application '${qwc.AppName}', username = '${qwc.UserName}'`,
    );
    const au = await this.#call('authenticate', { strUserName: qwc.UserName, strPassword: this.#app.password });
    if (!au.ok) throw this.#error('QBWC1012', [au.failure.message]);
    const authRet = au.value;
    if (authRet === null) throw this.#error('QBWC1012', [NULL_REFERENCE]);
    log.line(
      SOAP_CLASS,
      'do_authenticate',
      `Received from authenticate() following parameters:${[0, 1, 2, 3].map((i) => `<authRet[${i}]="${authRet[i] ?? ''}">`).join('')}`,
    );
    if (authRet.length < 2) throw this.#error('QBWC1012', [INDEX_OUT_OF_RANGE]);
    const ticket = authRet[0] ?? '';
    const second = authRet[1] ?? '';
    this.#result.ticket = ticket;
    this.#result.postponeSeconds = wholeSeconds(authRet[2]);
    this.#result.minIntervalSeconds = wholeSeconds(authRet[3]);
    if (!this.#app.autoRun && (this.#result.postponeSeconds !== null || this.#result.minIntervalSeconds !== null)) {
      log.line(SOAP_CLASS, 'do_authenticate', 'Postpone and minimum run interval answers act only with Auto-Run on.');
    }
    const keyword = second.trim().toLowerCase();
    if (keyword === 'none') {
      log.line(SOAP_CLASS, 'do_authenticate', 'No data exchange required.');
      await this.#closeConnection(ticket);
      return new SessionEnd('no-data', 'No data exchange required');
    }
    if (keyword === 'nvu') {
      const text = `Invalid password for user: ${qwc.UserName}`;
      log.line(SOAP_CLASS, 'do_authenticate', text);
      return new SessionEnd('invalid-user', text);
    }
    if (keyword === 'busy') {
      log.line(SOAP_CLASS, 'do_authenticate', 'Application Busy');
      return new SessionEnd('busy', 'Application Busy');
    }

    // QuickBooks: two BeginSession tries; connectionError until done or another path.
    await this.#connect(ticket, second);
    const conn = this.#conn!;
    this.#result.companyFile = conn.filePath;
    const versions = conn.versions();
    this.#version = versions[versions.length - 1] ?? '13.0';
    this.#lock();

    let hcp: string;
    try {
      hcp = conn.process(hcpRequest(this.#version, qwc.OwnerID));
    } catch (error) {
      if (isComError(error)) throw this.#error('QBWC1014', [`${error.hresult}: ${error.message}`]);
      throw error;
    }
    const hostRs = responseRs(hcp).find((rs) => rs.name === 'HostQueryRs');
    const country = rsText(hostRs, 'HostRet/Country') || this.#rt.host.product.country;
    const [major, minor] = versionNumbers(this.#version);

    let first = true;
    let rounds = 0;
    for (;;) {
      if (++rounds > this.#rt.maxRequestRounds)
        throw this.#guard(`${this.#rt.maxRequestRounds} sendRequestXML rounds (maxRequestRounds)`);
      this.#rt.log.line(
        SOAP_CLASS,
        'do_sendRequestXML',
        `Asking application to send request no. ${this.#result.requests + 1}`,
      );
      const sr = await this.#call('sendRequestXML', {
        ticket,
        strHCPResponse: first ? hcp : '',
        strCompanyFileName: conn.filePath,
        qbXMLCountry: country,
        qbXMLMajorVers: major,
        qbXMLMinorVers: minor,
      });
      first = false;
      if (!sr.ok) throw this.#error('QBWC1041', [sr.failure.message]);
      if (sr.value === null) throw this.#error('QBWC1041', [NULL_REFERENCE]);
      if (sr.value === '') {
        const next = await this.#askLastError(ticket);
        if (next === 'again') continue;
        return next;
      }
      const request = sr.value;
      const n = ++this.#result.requests;
      log.line('SOAPWebService', 'ProcessRequestXML', `Processing request #${n}`);
      log.xml(
        'SOAPWebService',
        'ProcessRequestXML',
        `REQUEST: received from application: size (bytes) = ${Buffer.byteLength(request)}`,
        request,
      );
      let response = '';
      let hresult = '';
      let message = '';
      try {
        response = conn.process(request);
        log.xml(
          'SOAPWebService',
          'ProcessRequestXML',
          `RESPONSE: size (bytes) = ${Buffer.byteLength(response)}`,
          response,
        );
      } catch (error) {
        // An armed fault dropped the answer: the update dies before receiveResponseXML (the call never reaches the service).
        if (isFaultDrop(error)) throw this.#error('QBWC1042', [RECEIVE_FAILED]);
        if (isQbdSimError(error) && error.code === 'QBDSIM_ERR_TOO_LARGE') throw this.#serviceRefused(n, error);
        if (!isComError(error)) throw error;
        hresult = error.hresult;
        message = error.message;
        log.line('SOAPWebService', 'ProcessRequestXML', `ProcessRequest failed: ${hresult}: ${message}`);
      }
      const rr = await this.#call('receiveResponseXML', { ticket, response, hresult, message });
      if (!rr.ok) throw this.#error('QBWC1042', [rr.failure.message]);
      const percent = rr.value;
      this.#result.percentDone = percent;
      log.line(
        SOAP_CLASS,
        'do_receiveResponseXML',
        `Received from receiveResponseXML() following parameter:<more="${percent}">`,
      );
      if (percent < 0) {
        const next = await this.#askLastError(ticket);
        if (next === 'again') continue;
        return next;
      }
      if (percent >= 100) {
        log.line(SOAP_CLASS, 'do_receiveResponseXML', 'Done. No more to process.');
        break;
      }
      log.line(SOAP_CLASS, 'do_receiveResponseXML', 'There are more requests to process.');
    }
    this.#closeQuickBooks();
    const closed = await this.#closeConnection(ticket);
    return new SessionEnd('ok', closed ?? '');
  }

  // ------------------------------------------------------------------ steps

  #clientVersionAnswer(answer: string): void {
    const log = this.#rt.log;
    if (answer === '') {
      log.line(
        SOAP_CLASS,
        'do_clientVersion',
        'This application agrees with the current version of QBWebConnector. Allowing update operation.',
      );
      return;
    }
    const kind = answer.slice(0, 2).toUpperCase();
    const text = answer.slice(2);
    if (kind === 'W:') {
      log.line(SOAP_CLASS, 'do_clientVersion', `QBWC1037: ${text}`);
      if (this.#rt.clientVersionWarning === 'cancel') {
        throw new SessionEnd('cancelled', text, 'QBWC1037', [qbwcHeadline('QBWC1037', { text })]);
      }
      log.line(SOAP_CLASS, 'do_clientVersion', 'The user chose to continue the update.');
      return;
    }
    if (kind === 'E:') {
      throw new SessionEnd('error', text, 'QBWC1037', [qbwcHeadline('QBWC1037', { text })]);
    }
    if (kind === 'O:') {
      const status = `The application requires QuickBooks Web Connector version ${text}.`;
      log.line(SOAP_CLASS, 'do_clientVersion', status);
      throw new SessionEnd('cancelled', status);
    }
    throw this.#error('QBWC1046', [], { text: answer });
  }

  async #connect(ticket: string, firstPath: string): Promise<void> {
    const log = this.#rt.log;
    let path = firstPath;
    let errors = 0;
    for (;;) {
      // A person started this update: between the two tries QBWC asks them (Retry / Cancel).
      const opened = await QuickBooksConnection.open(this.#rt, this.#app.qwc, path, {
        ...(this.#trigger === 'manual' ? { beforeRetry: (e: ComError) => this.#retryPrompt(e) } : {}),
      });
      if (opened.ok) {
        this.#conn = opened.conn;
        log.line(
          SOAP_CLASS,
          'OpenConnectionBeginSession',
          `Connected to QuickBooks company file "${opened.conn.filePath}".`,
        );
        return;
      }
      const error: ComError = opened.error;
      if (opened.cancelled) {
        await this.#closeConnection(ticket);
        throw new SessionEnd('cancelled', error.message, 'QBWC1009', [qbwcHeadline('QBWC1009'), error.message]);
      }
      const secondFailed = [qbwcHeadline('QBWC1008'), error.message];
      log.line(SOAP_CLASS, 'OpenConnectionBeginSession', secondFailed.join(' '));
      if (this.#trigger === 'manual') this.#dialog('QBWC1008', secondFailed, error, 'ok');
      if (++errors > this.#rt.maxConnectionErrors) {
        throw this.#guard(`${this.#rt.maxConnectionErrors} connectionError calls (maxConnectionErrors)`);
      }
      log.line(SOAP_CLASS, 'OpenConnectionBeginSession', qbwcHeadline('QBWC1013'));
      log.line(SOAP_CLASS, 'OpenConnectionBeginSession', `${error.hresult}: ${error.message}`);
      const ce = await this.#call('connectionError', { ticket, hresult: error.hresult, message: error.message });
      if (!ce.ok) throw this.#error('QBWC1045', [ce.failure.message]);
      if (ce.value === null) throw this.#error('QBWC1045', [NULL_REFERENCE]);
      log.line(
        SOAP_CLASS,
        'do_connectionError',
        `Received from connectionError() following parameter:<connectionErrorRet="${ce.value}">`,
      );
      if (ce.value.trim().toLowerCase() === 'done') {
        await this.#closeConnection(ticket);
        throw new SessionEnd('error', error.message, 'QBWC1013', [qbwcHeadline('QBWC1013'), error.message]);
      }
      path = ce.value;
    }
  }

  /**
   * Interactive mode (facts §5.2): getInteractiveURL, the browser opens on it, QBWC polls interactiveDone until the
   * service answers `Done` — or the person closes the window or the wait times out: interactiveRejected with the
   * reason —, then QuickBooks is released and closeConnection ends the update.
   */
  async #interactive(ticket: string): Promise<SessionEnd> {
    const log = this.#rt.log;
    const iu = await this.#call('getInteractiveURL', { wcTicket: ticket, sessionID: this.#rt.host.ids.guid() });
    if (!iu.ok) throw this.#error('QBWC1043', [iu.failure.message]);
    const url = iu.value ?? '';
    this.#result.interactiveUrl = url;
    log.line(SOAP_CLASS, 'do_getInteractiveURL', `Received from getInteractiveURL() following parameter:<${url}>`);
    this.#rt.journal('qbwc.interactive-open', `interactive mode: the browser opens ${url}`, {
      appName: this.#app.qwc.AppName,
      url,
    });
    const person = this.#rt.interactive;
    const startedAt = this.#rt.host.clock.now();
    let reason: string | null = null;
    for (let poll = 0; ; poll++) {
      const choice = typeof person === 'function' ? await person({ url, poll }) : person;
      if (choice === 'reject') {
        reason = INTERACTIVE_DECLINED;
        break;
      }
      const done = await this.#call('interactiveDone', { wcTicket: ticket });
      if (!done.ok) throw this.#error('QBWC1043', [done.failure.message]);
      log.line(
        SOAP_CLASS,
        'do_interactiveDone',
        `Received from interactiveDone() following parameter:<${done.value ?? ''}>`,
      );
      if ((done.value ?? '').trim().toLowerCase() === 'done') break;
      if (this.#rt.host.clock.now() - startedAt >= this.#rt.interactiveTimeoutMs) {
        reason = INTERACTIVE_TIMED_OUT;
        break;
      }
      await waitOnHostClock(this.#rt, this.#rt.interactivePollMs);
    }
    let status = 'Interactive mode';
    if (reason !== null) {
      const rej = await this.#call('interactiveRejected', { wcTicket: ticket, reason });
      if (!rej.ok) throw this.#error('QBWC1043', [rej.failure.message]);
      this.#result.interactiveRejected = { reason, answer: rej.value ?? '' };
      status = rej.value || reason;
      log.line(SOAP_CLASS, 'do_interactiveRejected', `Interactive mode rejected (${reason}): ${rej.value ?? ''}`);
    } else {
      log.line(SOAP_CLASS, 'do_interactiveDone', 'Interactive mode done.');
    }
    this.#closeQuickBooks();
    const closed = await this.#closeConnection(ticket);
    return new SessionEnd(reason === null ? 'interactive' : 'cancelled', closed || status);
  }

  /** QBWC's retry dialog after the first BeginSession failed: QuickBooks' message, Retry or Cancel (facts §5.3, §5.7). */
  async #retryPrompt(error: ComError): Promise<boolean> {
    const notRunning = error.hresult === '0x80040416';
    const lines = [
      qbwcHeadline('QBWC1007'),
      ...(notRunning
        ? ['QuickBooks is not running. Start QuickBooks, open the company file, and click Retry, or click Cancel.']
        : []),
      error.message,
    ];
    const record = this.#dialog('QBWC1007', lines, error, 'retry');
    const answer =
      typeof this.#rt.connectRetry === 'function' ? await this.#rt.connectRetry({ ...record }) : this.#rt.connectRetry;
    record.answer = answer;
    this.#rt.log.line(
      SOAP_CLASS,
      'OpenConnectionBeginSession',
      `${lines.join(' ')} The user chose ${answer === 'retry' ? 'Retry' : 'Cancel'}.`,
    );
    this.#rt.journal('qbwc.retry-dialog', `QBWC1007 retry dialog (${error.hresult}): ${answer}`, {
      appName: this.#app.qwc.AppName,
      hresult: error.hresult,
      answer,
    });
    return answer === 'retry';
  }

  /** Records a dialog QBWC shows its user during this update. */
  #dialog(code: QbwcCode, lines: string[], error: ComError, answer: QbwcDialogRecord['answer']): QbwcDialogRecord {
    const record: QbwcDialogRecord = {
      code,
      lines,
      hresult: error.hresult,
      quickBooksNotRunning: error.hresult === '0x80040416',
      answer,
      at: this.#rt.nowIso(),
    };
    (this.#result.dialogs ??= []).push(record);
    return record;
  }

  /** After an empty request or a negative percentage. 'again' = NoOp waited, ask for the next request. */
  async #askLastError(ticket: string): Promise<'again' | SessionEnd> {
    const answer = await this.#getLastError(ticket);
    if (answer.kind === 'noop') {
      this.#rt.journal('qbwc.noop-wait', `NoOp: waiting ${this.#rt.noOpDelayMs} ms on the host clock`, {
        appName: this.#app.qwc.AppName,
        ms: this.#rt.noOpDelayMs,
      });
      this.#rt.log.line(
        SOAP_CLASS,
        'do_getLastError',
        `NoOp received. Waiting ${Math.round(this.#rt.noOpDelayMs / 1000)} seconds.`,
      );
      await waitOnHostClock(this.#rt, this.#rt.noOpDelayMs);
      return 'again';
    }
    if (answer.kind === 'interactive') return this.#interactive(ticket);
    this.#result.lastError = answer.text;
    this.#closeQuickBooks();
    await this.#closeConnection(ticket);
    return new SessionEnd('error', answer.text, 'QBWC1031', [qbwcHeadline('QBWC1031'), answer.text]);
  }

  async #getLastError(ticket: string): Promise<LastErrorAnswer> {
    const gl = await this.#call('getLastError', { ticket });
    if (!gl.ok) throw this.#error('QBWC1043', [gl.failure.message]);
    const text = gl.value ?? '';
    this.#rt.log.line(
      SOAP_CLASS,
      'do_getLastError',
      `Received from getLastError() following parameter:<getLastErrorRet="${text}">`,
    );
    if (text === 'NoOp') return { kind: 'noop' };
    if (text === 'Interactive mode') return { kind: 'interactive' };
    return { kind: 'error', text };
  }

  /** The service's closeConnection; its text is the update's status. A failure is QBWC1044. */
  async #closeConnection(ticket: string): Promise<string | null> {
    const cc = await this.#call('closeConnection', { ticket });
    if (!cc.ok) throw this.#error('QBWC1044', [cc.failure.message]);
    this.#rt.log.line(
      SOAP_CLASS,
      'do_closeConnection',
      `Received from closeConnection() following parameters:<closeConnectionRet="${cc.value ?? ''}">`,
    );
    return cc.value;
  }

  /** Sets AppLock = LOCKED:<MACHINE>:<ticks> under the app's OwnerID before the HCP queries (facts §10.3). */
  #lock(): void {
    const conn = this.#conn!;
    const { OwnerID } = this.#app.qwc;
    try {
      const rs = responseRs(conn.process(companyQueryRequest(this.#version, OwnerID))).find(
        (r) => r.name === 'CompanyQueryRs',
      );
      const exts = companyDataExts(rs, OwnerID);
      const current = [...exts].find(([k]) => k.toLowerCase() === APP_LOCK_EXT.toLowerCase())?.[1];
      if (
        current?.startsWith('LOCKED:') &&
        !current.toUpperCase().startsWith(`LOCKED:${this.#rt.host.id.toUpperCase()}:`)
      ) {
        this.#rt.log.line(
          SOAP_CLASS,
          'lockCompanyFile',
          `The company file was locked by another machine (${current}).`,
        );
      }
      const value = appLockValue('LOCKED', this.#rt.host.id, this.#rt.host.clock.now());
      const written = writeCompanyDataExt(conn, this.#version, OwnerID, APP_LOCK_EXT, value, current !== undefined);
      if (written.ok) {
        this.#locked = true;
        this.#rt.log.line(SOAP_CLASS, 'lockCompanyFile', `Company file has been locked for ownerID = <${OwnerID}>`);
        this.#rt.journal('qbwc.applock', `AppLock set to ${value}`, { appName: this.#app.qwc.AppName, value });
      } else {
        this.#rt.log.line(SOAP_CLASS, 'lockCompanyFile', 'The company file could not be locked.');
      }
    } catch (error) {
      if (!isComError(error)) throw error;
      this.#rt.log.line(
        SOAP_CLASS,
        'lockCompanyFile',
        `The company file could not be locked: ${error.hresult}: ${error.message}`,
      );
    }
  }

  /** Reads AppLock (CompanyQuery requestID 1) and writes UNLOCKED:<MACHINE> with DataExtMod (facts §10.3). */
  #unlock(): void {
    const conn = this.#conn;
    if (!conn || !this.#locked) return;
    this.#locked = false;
    const { OwnerID } = this.#app.qwc;
    try {
      const rs = responseRs(conn.process(companyQueryRequest(this.#version, OwnerID))).find(
        (r) => r.name === 'CompanyQueryRs',
      );
      const exists = [...companyDataExts(rs, OwnerID).keys()].some(
        (k) => k.toLowerCase() === APP_LOCK_EXT.toLowerCase(),
      );
      const value = appLockValue('UNLOCKED', this.#rt.host.id, this.#rt.host.clock.now());
      const written = writeCompanyDataExt(conn, this.#version, OwnerID, APP_LOCK_EXT, value, exists);
      if (written.ok) {
        this.#rt.log.line(SOAP_CLASS, 'unlockCompanyFile', `Company file has been unlocked for ownerID = <${OwnerID}>`);
        this.#rt.journal('qbwc.applock', `AppLock set to ${value}`, { appName: this.#app.qwc.AppName, value });
      }
    } catch (error) {
      if (!isComError(error)) throw error;
      this.#rt.log.line(
        SOAP_CLASS,
        'unlockCompanyFile',
        `The company file could not be unlocked: ${error.hresult}: ${error.message}`,
      );
    }
  }

  /** AppLock cleared, EndSession, CloseConnection (idempotent). */
  #closeQuickBooks(): void {
    const conn = this.#conn;
    if (!conn) return;
    this.#unlock();
    conn.close();
    this.#conn = null;
    this.#rt.log.line(SOAP_CLASS, 'EndSessionCloseConnection', 'Session ended and connection closed');
  }

  // ------------------------------------------------------------------ SOAP calls

  async #call<Op extends QbwcOperation>(
    operation: Op,
    args: Record<string, string | number>,
  ): Promise<QbwcCallOutcome<Op>> {
    const log = this.#rt.log;
    const at = this.#rt.nowIso();
    const shown = Object.entries(args)
      .filter(([k]) => k !== 'strHCPResponse' && k !== 'response')
      .map(([k, v]) => (k === 'strPassword' ? '<password=<MaskedForSecurity>' : `<${logName(k)}="${String(v)}">`))
      .join('');
    const plural = Object.keys(args).length > 1 ? 'parameters' : 'parameter';
    log.line(
      SOAP_CLASS,
      `do_${operation}`,
      shown ? `*** Calling ${operation}() with following ${plural}:${shown}` : `*** Calling ${operation}().`,
    );
    // The HCP is dumped here; a qbXML response was dumped when QuickBooks answered it.
    const hcp = args['strHCPResponse'];
    if (typeof hcp === 'string' && hcp !== '') log.xml(SOAP_CLASS, `do_${operation}`, '<strHCPResponse>', hcp);
    // An armed `qbwc-drop` fault (engine/faults.ts): the call never reaches the service, or its answer is lost.
    const fault = HostFaults.of(this.#rt.host).take(
      'qbwc-soap',
      { method: operation },
      { appName: this.#app.qwc.AppName, operation },
    );
    let out =
      fault?.phase === 'before'
        ? ({
            ok: false,
            failure: { kind: 'transport', message: SEND_FAILED },
            status: null,
            responseBody: null,
            elapsedMs: 0,
          } as unknown as QbwcCallOutcome<Op>)
        : await this.#exchange(operation, args);
    if (fault?.phase === 'after')
      out = {
        ...out,
        ok: false,
        failure: { kind: 'transport', message: RECEIVE_FAILED },
        status: null,
        responseBody: null,
      } as QbwcCallOutcome<Op>;
    if (this.#rt.signal.aborted) throw new SessionEnd('stopped', 'The Web Connector was closed during the update.');
    const record: SoapCallRecord = {
      operation,
      args: this.#recordArgs(args),
      ok: out.ok,
      httpStatus: out.status,
      at,
    };
    if (out.ok) record.result = this.#shorten(out.value);
    else record.error = out.failure.message;
    this.#result.calls.push(record);
    this.#rt.onCall(this.#app.qwc.AppName, record);
    this.#rt.journal(
      'qbwc.soap',
      out.ok
        ? `${operation} → ${summary(out.value as QbwcResultValue<Op>)}`
        : `${operation} failed: ${out.failure.message.split('\r\n')[0]}`,
      {
        appName: this.#app.qwc.AppName,
        operation,
        ok: out.ok,
        httpStatus: out.status,
        ...(out.ok
          ? { result: this.#shorten(out.value, 200) }
          : { error: out.failure.message, failure: out.failure.kind }),
      },
    );
    if (!out.ok) log.line(SOAP_CLASS, `do_${operation}`, `${operation}() failed: ${out.failure.message}`);
    return out;
  }

  /** One SOAP call to the service; a transcript sees it (and a replay answers it from the recording). */
  #exchange<Op extends QbwcOperation>(
    operation: Op,
    args: Record<string, string | number | null | undefined>,
  ): Promise<QbwcCallOutcome<Op>> {
    const send = () =>
      callQbwcService(this.#url, operation, args, {
        timeoutMs: this.#rt.timeoutMs,
        signal: this.#rt.signal,
        elapsed: this.#rt.elapsed,
        ...(this.#cookies ? { cookies: this.#cookies } : {}),
        ...(this.#app.qwc.Style ? { style: this.#app.qwc.Style } : {}),
      });
    const hook = this.#rt.soapExchange;
    return hook ? (hook({ url: this.#url, operation, args }, send) as Promise<QbwcCallOutcome<Op>>) : send();
  }

  #recordArgs(args: Record<string, string | number>): Record<string, string | number | null> {
    const out: Record<string, string | number | null> = {};
    for (const [k, v] of Object.entries(args))
      out[k] = k === 'strPassword' ? '<MaskedForSecurity>' : (this.#shorten(v) as string | number);
    return out;
  }

  #shorten(value: unknown, max = this.#rt.recordValueChars): unknown {
    if (typeof value === 'string')
      return value.length > max ? `${value.slice(0, max)}…(${value.length} characters)` : value;
    if (Array.isArray(value)) return value.map((v) => this.#shorten(v, max));
    return value;
  }

  // ------------------------------------------------------------------ ends

  #error(code: QbwcCode, detail: string[], vars: Record<string, string> = {}): SessionEnd {
    const err = new QbwcError(code, { detail, vars });
    this.#rt.journal('qbwc.error', err.lines[0]!, { appName: this.#app.qwc.AppName, qbwcCode: code, lines: err.lines });
    return new SessionEnd('error', err.lines[0]!, code, [...err.lines]);
  }

  /**
   * The service sent a request over qbd-sim's own limits (size, nesting): the service's failure, said in qbd-sim's
   * words with its code — never dressed up as a QBWC or QuickBooks error. No further SOAP call is made (as after
   * QBWC1041); QuickBooks is closed as always.
   */
  #serviceRefused(n: number, error: QbdSimError): SessionEnd {
    const text = `${error.code}: request #${n} from the application's web service was refused by qbd-sim: ${error.message}`;
    this.#rt.log.line('SOAPWebService', 'ProcessRequestXML', text);
    this.#rt.journal('qbwc.service-refused', text, {
      appName: this.#app.qwc.AppName,
      code: error.code,
      request: n,
      ...(error.details ?? {}),
    });
    return new SessionEnd('error', text, null, [text], { code: error.code, message: error.message });
  }

  #guard(what: string): SessionEnd {
    const text = `qbd-sim stopped the update after ${what}; real QBWC would go on.`;
    this.#rt.journal('qbwc.guard', text, { appName: this.#app.qwc.AppName });
    return new SessionEnd('stopped', text);
  }
}

/** The names QBWC's log uses for a few parameters. */
function logName(param: string): string {
  return param === 'strUserName' ? 'userName' : param === 'strVersion' ? 'productVersion' : param;
}

function summary(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === null ? 'null' : JSON.stringify(v))).join(', ')}]`;
  const text = String(value);
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 80))}…` : JSON.stringify(value);
}

/** authenticate [2]/[3]: whole seconds, or null when absent or not a number. */
function wholeSeconds(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const n = Number(value.trim());
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** `13.0` → [13, 0]; `CA3.0` → [3, 0]. */
function versionNumbers(version: string): [number, number] {
  const m = /(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2])] : [13, 0];
}
