import { randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QbwcOperation } from '../protocol/qbwc-soap.js';
import { qbwcWsdl } from '../protocol/qbwc-wsdl.js';
import type { CloudClient } from './cloud-client.js';
import { FILE_ID_EXT } from './cloud-mark.js';
import type { CompanyWorker } from './company-worker.js';
import { pickQbxmlVersion } from './qb-session.js';
import { childrenNamed, dataExtValue, parseQbxmlResponse, sameGuid } from './qbxml-response.js';
import { QbwcSession } from './qbwc-session.js';
import { QbwcSoapRequestError, qbwcSoapServer } from './qbwc-soap-server.js';
import { normalizeCompanyPath } from './state-files.js';

/** One company file as the Web Connector knows it: its `.qwc` credentials and FileID. */
export interface QbwcRegistration {
  worker: CompanyWorker;
  userName: string;
  password: string;
  /** The `.qwc`'s FileID (what QBWC stamps on the Company when the application is added). */
  fileId: string;
}

/** Options of a {@link QbwcService}. */
export interface QbwcServiceOptions {
  registrations: QbwcRegistration[];
  ownerId: string;
  /** `serverVersion`'s answer. */
  version: string;
  /** Whether a sync is due for a file (its interval passed, or sync-now). Otherwise `authenticate` may answer `none`. */
  isDue: (worker: CompanyWorker) => boolean;
  /**
   * `authenticate`'s second item when there is work: `path` (default) answers the company file's path, so QBWC
   * begins a session on exactly that file; `open-file` answers `""` (whatever file is open), checked by the FileID.
   */
  companyAnswer?: 'path' | 'open-file';
  /** A session QBWC stops calling is given up after this long (real time; default 10 minutes). */
  idleTimeoutMs?: number;
  log: (line: string) => void;
}

interface TicketState {
  reg: QbwcRegistration;
  cloud: CloudClient | null;
  session: QbwcSession | null;
  lastError: string;
  /** `authenticate` answered `""` (the open file); a first `connectionError` is retried with the company path. */
  openFile: boolean;
  timer: NodeJS.Timeout | null;
}

/**
 * The Web Connector SOAP service the connector serves in QBWC mode (the project's WSDL, src/protocol/qbwc-wsdl.ts):
 *
 * - `authenticate`: `nvu` for an unknown user or a wrong password; `none` when there is nothing to do (no token key,
 *   the cloud refused it, or no sync is due and the cloud has no work); else a new ticket and the company path (or
 *   `""`, the open file);
 * - `sendRequestXML`: on the first call the HCP response tells which file QuickBooks opened (CompanyQuery
 *   `DataExtRet` FileID under the OwnerID) — another file than the `.qwc`'s ends the update; then each call hands QBWC
 *   the sync engine's next qbXML request;
 * - `receiveResponseXML`: gives the answer to the engine; answers 0–99 while it has more, 100 when the cycle is done,
 *   negative when it failed (`getLastError` says why);
 * - `connectionError`: QBWC could not begin the session — after `""` (the open file) once the company path to retry
 *   with; otherwise `Unable to open QuickBooks file` with the HRESULT, and `done`.
 */
export class QbwcService {
  readonly #o: QbwcServiceOptions;
  readonly #tickets = new Map<string, TicketState>();
  #server: Server | null = null;
  #url = '';

  constructor(opts: QbwcServiceOptions) {
    this.#o = opts;
  }

  /** The SOAP endpoint once listening (`http://127.0.0.1:PORT/qbwc`). */
  get url(): string {
    return this.#url;
  }

  /** Listens on `host:port` (port 0 = any free port). */
  async listen(host: string, port: number, path = '/qbwc'): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res, path).catch((error: unknown) => {
        this.#o.log(`qbwc: ${(error as Error).stack ?? String(error)}`);
        if (!res.headersSent) this.#reply(res, 500, qbwcSoapServer.writeFault('soap:Server', 'internal error'));
      });
    });
    server.requestTimeout = 0;
    server.headersTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.#server = server;
    const address = server.address() as AddressInfo;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    this.#url = `http://${shownHost}:${address.port}${path}`;
    return this.#url;
  }

  /** The port listened on. */
  get port(): number {
    return (this.#server?.address() as AddressInfo | null)?.port ?? 0;
  }

  /** Stops listening; sessions in flight are given up. */
  async close(): Promise<void> {
    for (const [ticket, t] of this.#tickets) this.#end(ticket, t, 'the connector stopped');
    const server = this.#server;
    this.#server = null;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // ------------------------------------------------------------------ HTTP

  async #handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return this.#reply(res, 404, qbwcSoapServer.writeFault('soap:Client', 'not found'));
    if (req.method === 'GET' && url.searchParams.has('wsdl')) {
      return this.#reply(res, 200, qbwcWsdl(this.#url || `http://localhost${path}`));
    }
    if (req.method !== 'POST')
      return this.#reply(res, 405, qbwcSoapServer.writeFault('soap:Client', 'POST a SOAP call'));
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let call;
    try {
      call = qbwcSoapServer.readRequest(Buffer.concat(chunks).toString('utf8'));
    } catch (error) {
      if (error instanceof QbwcSoapRequestError) {
        return this.#reply(res, 500, qbwcSoapServer.writeFault('soap:Client', error.message));
      }
      throw error;
    }
    const value = await this.#operation(call.operation, call.args);
    this.#reply(res, 200, qbwcSoapServer.writeResponse(call.operation, value));
  }

  #reply(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8' });
    res.end(body);
  }

  // ------------------------------------------------------------------ operations

  async #operation(op: QbwcOperation, a: Record<string, string>): Promise<string | number | string[]> {
    switch (op) {
      case 'serverVersion':
        return this.#o.version;
      case 'clientVersion':
        return '';
      case 'authenticate':
        return this.#authenticate(a['strUserName'] ?? '', a['strPassword'] ?? '');
      case 'sendRequestXML':
        return this.#sendRequestXML(a);
      case 'receiveResponseXML':
        return this.#receiveResponseXML(a);
      case 'connectionError': {
        const t = this.#ticket(a['ticket']);
        if (t?.openFile) {
          // QuickBooks could not begin a session on the open file (none open, another one, …): once, QBWC is asked to
          // retry with the company file's path, which QuickBooks may open itself (facts §5.2: a path to retry with).
          t.openFile = false;
          this.#touch(a['ticket']!, t);
          this.#o.log(
            `qbwc: connectionError ${a['hresult'] ?? ''} on the open file; retrying with ${t.reg.worker.company}`,
          );
          return t.reg.worker.company;
        }
        if (t) {
          t.reg.worker.qbwcConnectionError(a['hresult'] ?? '', a['message'] ?? '');
          this.#end(a['ticket']!, t, 'QuickBooks could not be opened');
        }
        return 'done';
      }
      case 'getLastError': {
        const t = this.#ticket(a['ticket']);
        return t ? t.lastError || 'The update ended.' : 'Unknown or expired ticket.';
      }
      case 'closeConnection': {
        const t = this.#ticket(a['ticket']);
        if (!t) return 'OK';
        const text = t.lastError || (t.session ? 'Connected to Server' : 'OK');
        this.#end(a['ticket']!, t, 'the Web Connector closed the connection');
        return text;
      }
      case 'getInteractiveURL':
      case 'interactiveDone':
      case 'interactiveRejected':
        return '';
    }
  }

  async #authenticate(userName: string, password: string): Promise<string[]> {
    const reg = this.#o.registrations.find((r) => r.userName.toLowerCase() === userName.toLowerCase());
    if (!reg || !samePassword(reg.password, password)) {
      this.#o.log(`qbwc: authenticate refused for user "${userName}"`);
      return ['', 'nvu'];
    }
    // A newer update of the same file: an older session QBWC abandoned (e.g. its update died) is given up.
    for (const [ticket, t] of this.#tickets) {
      if (t.reg === reg) this.#end(ticket, t, 'a newer Web Connector update of this company file started');
    }
    const ticket = `{${randomUUID().toUpperCase()}}`;
    const state: TicketState = { reg, cloud: null, session: null, lastError: '', openFile: false, timer: null };
    this.#tickets.set(ticket, state);
    this.#touch(ticket, state);
    const decision = await reg.worker.qbwcAuthenticate(reg.fileId, this.#o.isDue(reg.worker));
    if (!decision.go) return [ticket, 'none'];
    state.cloud = decision.cloud;
    state.openFile = this.#o.companyAnswer === 'open-file';
    return [ticket, state.openFile ? '' : reg.worker.company];
  }

  async #sendRequestXML(a: Record<string, string>): Promise<string> {
    const ticket = a['ticket'] ?? '';
    const t = this.#ticket(ticket);
    if (!t) return '';
    this.#pause(t);
    if (!t.cloud) {
      t.lastError = 'This update has nothing to do.';
      this.#touch(ticket, t);
      return '';
    }
    if (!t.session) {
      const problem = this.#checkFile(t.reg, a['strHCPResponse'] ?? '', a['strCompanyFileName'] ?? '');
      if (problem) {
        t.reg.worker.qbwcWrongFile(problem);
        t.lastError = problem;
        this.#touch(ticket, t);
        return '';
      }
      const version = pickQbxmlVersion([`${a['qbXMLMajorVers'] ?? '13'}.${a['qbXMLMinorVers'] ?? '0'}`]);
      const session = new QbwcSession(ticket, a['strCompanyFileName'] ?? t.reg.worker.company, version);
      t.session = session;
      const worker = t.reg.worker;
      void worker.sync(session, t.cloud).then((outcome) => {
        if (outcome === 'ok') session.finish({ kind: 'done' });
        else {
          const record = worker.currentRecord;
          session.finish({ kind: 'failed', message: record?.detail.message ?? record?.status ?? outcome });
        }
      });
    }
    const event = await t.session.take();
    this.#touch(ticket, t);
    if (event.kind === 'request') return event.xml;
    t.lastError = event.kind === 'failed' ? event.message : 'The update ended.';
    return '';
  }

  async #receiveResponseXML(a: Record<string, string>): Promise<number> {
    const ticket = a['ticket'] ?? '';
    const t = this.#ticket(ticket);
    if (!t?.session) return -1;
    this.#pause(t);
    t.session.deliver({ response: a['response'] ?? '', hresult: a['hresult'] ?? '', message: a['message'] ?? '' });
    const event = await t.session.peek();
    this.#touch(ticket, t);
    if (event.kind === 'request') return Math.min(99, 10 + t.session.answered * 5);
    if (event.kind === 'done') return 100;
    t.lastError = event.message;
    return -1;
  }

  /** Why the file QBWC opened is not this registration's, or undefined when it is. */
  #checkFile(reg: QbwcRegistration, hcp: string, companyFileName: string): string | undefined {
    let fileId: string | undefined;
    try {
      const rs = parseQbxmlResponse(hcp).find((r) => r.name === 'CompanyQueryRs');
      fileId = dataExtValue(childrenNamed(rs?.el, 'CompanyRet')[0], this.#o.ownerId, FILE_ID_EXT);
    } catch {
      fileId = undefined;
    }
    if (fileId === undefined || !sameGuid(fileId, reg.fileId)) {
      return (
        `The company file open in QuickBooks ("${companyFileName}") is not the one this Web Connector application ` +
        `was added to (FileID ${reg.fileId}${fileId ? `; the open file has ${fileId}` : '; the open file has none'}).`
      );
    }
    if (
      this.#o.companyAnswer !== 'open-file' &&
      normalizeCompanyPath(companyFileName) !== normalizeCompanyPath(reg.worker.company)
    ) {
      return `QuickBooks opened "${companyFileName}" instead of "${reg.worker.company}".`;
    }
    return undefined;
  }

  #ticket(ticket: string | undefined): TicketState | undefined {
    return ticket ? this.#tickets.get(ticket) : undefined;
  }

  /** While the service works on a call (the engine may talk to the cloud), QBWC is not idle. */
  #pause(t: TicketState): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = null;
  }

  #touch(ticket: string, t: TicketState): void {
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(
      () => this.#end(ticket, t, 'the Web Connector stopped calling'),
      this.#o.idleTimeoutMs ?? 600_000,
    );
    t.timer.unref();
  }

  #end(ticket: string, t: TicketState, reason: string): void {
    if (t.timer) clearTimeout(t.timer);
    this.#tickets.delete(ticket);
    t.session?.abort(reason);
  }
}

function samePassword(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
