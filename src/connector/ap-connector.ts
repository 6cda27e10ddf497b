import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { newQwcFile, serializeQwc } from '../protocol/qwc-file.js';
import { CompanyWorker, type CycleOutcome } from './company-worker.js';
import {
  AP_CONNECTOR_APP_NAME,
  AP_CONNECTOR_OWNER_ID,
  AP_CONNECTOR_VERSION,
  DEFAULT_INTERVAL_MS,
  type ApConnectorOptions,
} from './connector-options.js';
import type { StatusRecord } from './connector-status.js';
import { ControlServer, type ControlInfo } from './control-server.js';
import { QbwcService, type QbwcRegistration } from './qbwc-service.js';
import { Rp2Transport } from './rp2-transport.js';
import { normalizeCompanyPath, stateFiles } from './state-files.js';
import { StatusChannel, type StatusListener } from './status-channel.js';
import { TokenStore } from './token-store.js';

/** A company file's Web Connector application: the `.qwc` written for it and the password to enter in QBWC. */
export interface QbwcApp {
  company: string;
  appName: string;
  /** The `.qwc` file in the state directory (`qwc/<company>.qwc`). */
  qwcFile: string;
  qwcXml: string;
  userName: string;
  /** What the person types into QBWC for this application (kept in the state directory, mode 0600). */
  password: string;
  fileId: string;
}

/** What `status` reports for one company file (never its token key). */
export interface CompanyReport {
  company: string;
  hasToken: boolean;
  status: StatusRecord | null;
  fileId: string | null;
  lastSyncAt: string | null;
  outbox: number;
}

/**
 * `ap-connector`, the reference accounts-payable connector, as a library object (the CLI's `start` runs one): one
 * worker per company file, a sync cycle on a real-time interval and on {@link syncNow}, over RP2 (the connector calls
 * the QBXMLRP2 bridge) or QBWC (it serves the Web Connector and QBWC's schedule drives the cycles).
 *
 * @example
 * await using connector = await ApConnector.start({
 *   stateDir, transport: 'rp2', bridgeUrl: mock.url, cloudUrl, companies: [path],
 * });
 * await connector.setToken(path, tokenKey); // Synchronizing with QuickBooks → Connected to Server
 */
export class ApConnector {
  readonly stateDir: string;
  readonly transport: 'rp2' | 'qbwc';
  readonly status: StatusChannel;
  readonly tokens: TokenStore;
  readonly #o: ApConnectorOptions;
  readonly #workers = new Map<string, CompanyWorker>();
  readonly #intervalMs: number;
  readonly #log: (line: string) => void;
  #rp2: Rp2Transport | null = null;
  #qbwc: QbwcService | null = null;
  #qbwcApps = new Map<string, QbwcApp>();
  #control: ControlServer | null = null;
  #controlInfo: ControlInfo | null = null;
  #timer: NodeJS.Timeout | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #stopped = false;
  #stopRequested: (() => void) | null = null;
  readonly #stopSignal: Promise<void>;

  private constructor(opts: ApConnectorOptions) {
    this.#o = opts;
    this.stateDir = path.resolve(opts.stateDir);
    this.transport = opts.transport ?? 'rp2';
    this.#intervalMs = opts.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.#log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
    mkdirSync(this.stateDir, { recursive: true, mode: 0o700 });
    this.tokens = new TokenStore(this.stateDir);
    this.status = new StatusChannel(this.stateDir, opts.output ?? ((line) => process.stdout.write(line)));
    this.#stopSignal = new Promise((resolve) => (this.#stopRequested = resolve));
    if (!opts.companies.length) throw new Error('name at least one company file (--company PATH)');
    if (this.transport === 'rp2' && !opts.bridgeUrl) throw new Error('RP2 needs the bridge URL (--bridge URL)');
    for (const company of opts.companies) {
      const key = normalizeCompanyPath(company);
      if (this.#workers.has(key)) continue;
      this.#workers.set(
        key,
        new CompanyWorker({
          company,
          dir: path.join(this.stateDir, 'companies', stateFiles.companyKey(company)),
          tokens: this.tokens,
          status: this.status,
          cloudUrl: opts.cloudUrl,
          ...(opts.cloudFetch ? { cloudFetch: opts.cloudFetch } : {}),
          ownerId: this.ownerId,
          transport: this.transport,
          connector: { name: this.appName, version: AP_CONNECTOR_VERSION },
          ...(opts.pageSize ? { pageSize: opts.pageSize } : {}),
          ...(opts.cloudTimeoutMs ? { cloudTimeoutMs: opts.cloudTimeoutMs } : {}),
          log: this.#log,
        }),
      );
    }
  }

  /** Starts a connector: the QBWC service (QBWC mode), the control port (when asked), the first RP2 cycle. */
  static async start(opts: ApConnectorOptions): Promise<ApConnector> {
    const connector = new ApConnector(opts);
    try {
      await connector.#start();
    } catch (error) {
      await connector.stop();
      throw error;
    }
    return connector;
  }

  get ownerId(): string {
    return this.#o.ownerId ?? AP_CONNECTOR_OWNER_ID;
  }

  get appName(): string {
    return this.#o.appName ?? AP_CONNECTOR_APP_NAME;
  }

  /** The configured company files. */
  get companies(): string[] {
    return [...this.#workers.values()].map((w) => w.company);
  }

  /** QBWC: the SOAP endpoint the `.qwc` files name. */
  get qbwcUrl(): string | undefined {
    return this.#qbwc?.url;
  }

  /** The control port's info (when started with `control: true`). */
  get control(): ControlInfo | null {
    return this.#controlInfo;
  }

  /** Resolves when the connector was asked to stop (`ap-connector exit`, {@link requestStop}). */
  get stopRequested(): Promise<void> {
    return this.#stopSignal;
  }

  async #start(): Promise<void> {
    if (this.#o.control) {
      const running = ControlServer.read(this.stateDir);
      if (running && running.pid !== process.pid && isAlive(running.pid)) {
        throw new Error(
          `an ap-connector already runs on ${this.stateDir} (pid ${running.pid}); stop it with \`ap-connector exit\``,
        );
      }
    }
    if (this.transport === 'rp2') {
      this.#rp2 = new Rp2Transport({
        bridgeUrl: this.#o.bridgeUrl!,
        appName: this.appName,
        ...(this.#o.appId ? { appId: this.#o.appId } : {}),
        fileMode: this.#o.fileMode ?? 'qbFileOpenDoNotCare',
        ...(this.#o.machine ? { machine: this.#o.machine } : {}),
        certificate: {
          subject: this.#o.certificateSubject ?? `CN=${this.appName}`,
          ...(this.#o.certificateExpires ? { expires: this.#o.certificateExpires } : {}),
        },
      });
    } else {
      await this.#startQbwc();
    }
    if (this.#o.control) {
      this.#control = new ControlServer(this.stateDir, {
        'POST /exit': () => {
          setImmediate(() => this.requestStop());
          return { ok: true };
        },
        'POST /sync-now': async (body) => {
          const company = typeof body['company'] === 'string' ? body['company'] : undefined;
          const done = this.syncNow(company);
          if (body['wait'] === true) await done;
          else done.catch(() => undefined);
          return { ok: true };
        },
        'POST /token-changed': (body) => {
          const company = typeof body['company'] === 'string' ? body['company'] : undefined;
          if (company) this.syncNow(company).catch(() => undefined);
          return { ok: true };
        },
        'GET /status': () => ({ running: true, pid: process.pid, transport: this.transport, companies: this.report() }),
      });
      this.#controlInfo = await this.#control.listen({
        transport: this.transport,
        startedAt: new Date().toISOString(),
        ...(this.#qbwc ? { qbwcUrl: this.#qbwc.url } : {}),
      });
    }
    if (this.transport === 'rp2') {
      if (this.#o.runOnStart !== false) this.syncNow().catch(() => undefined);
      this.#schedule();
    }
  }

  async #startQbwc(): Promise<void> {
    const registrations: QbwcRegistration[] = [];
    for (const worker of this.#workers.values()) {
      let { qbwc, fileId } = worker.state.data;
      if (!qbwc || !fileId) {
        qbwc ??= {
          userName: `ap-${stateFiles.companyKey(worker.company).toLowerCase()}`.slice(0, 60),
          password: randomBytes(18).toString('base64url'),
        };
        // A file id the connector stamped in RP2 mode is kept: one identity whatever the transport.
        fileId ??= `{${randomUUID().toUpperCase()}}`;
        const creds = qbwc;
        const id = fileId;
        worker.state.update((s) => {
          s.qbwc = creds;
          s.fileId = id;
        });
      }
      registrations.push({ worker, userName: qbwc.userName, password: qbwc.password, fileId });
    }
    this.#qbwc = new QbwcService({
      registrations,
      ownerId: this.ownerId,
      version: AP_CONNECTOR_VERSION,
      isDue: (worker) => this.#isDue(worker),
      ...(this.#o.qbwc?.companyAnswer ? { companyAnswer: this.#o.qbwc.companyAnswer } : {}),
      ...(this.#o.qbwc?.idleTimeoutMs ? { idleTimeoutMs: this.#o.qbwc.idleTimeoutMs } : {}),
      log: this.#log,
    });
    const url = await this.#qbwc.listen(this.#o.qbwc?.host ?? '127.0.0.1', this.#o.qbwc?.port ?? 0);
    const appUrl = this.#o.qbwc?.publicUrl ?? `http://localhost:${this.#qbwc.port}/qbwc`;
    for (const reg of registrations) {
      const company = reg.worker.company;
      const appName = `${this.appName} (${path.win32.basename(company).replace(/\.qbw$/i, '')})`;
      const qwc = newQwcFile({
        url: appUrl,
        appName,
        ownerId: this.ownerId,
        fileId: reg.fileId,
        userName: reg.userName,
        description: `${this.appName}: accounts-payable sync for ${company}`,
        everyMinutes: Math.max(1, Math.round(this.#intervalMs / 60_000)),
        isReadOnly: false,
        personalDataPref: 'pdpOptional',
        unattendedModePref: 'umpOptional',
      });
      const qwcXml = serializeQwc(qwc);
      const qwcFile = path.join(this.stateDir, 'qwc', `${stateFiles.companyKey(company)}.qwc`);
      stateFiles.writeText(qwcFile, qwcXml, 0o644);
      this.#qbwcApps.set(normalizeCompanyPath(company), {
        company,
        appName,
        qwcFile,
        qwcXml,
        userName: reg.userName,
        password: reg.password,
        fileId: reg.fileId,
      });
    }
    this.#log(`ap-connector: Web Connector service at ${url} (AppURL ${appUrl})`);
  }

  /** QBWC: the application of a company file (its `.qwc` and password). */
  qbwcApp(company: string): QbwcApp {
    const app = this.#qbwcApps.get(normalizeCompanyPath(company));
    if (!app) throw new Error(`no Web Connector application for "${company}" (transport ${this.transport})`);
    return { ...app };
  }

  /**
   * Asks for a sync of one company file or all. RP2: a cycle runs now (after one in progress) and the promise
   * resolves when it ended. QBWC: the next `authenticate` of those files goes ahead (QBWC's schedule runs it).
   */
  async syncNow(company?: string): Promise<CycleOutcome[]> {
    const workers = company === undefined ? [...this.#workers.values()] : [this.#worker(company)];
    for (const w of workers) w.syncRequested = true;
    if (this.transport !== 'rp2' || this.#stopped) return [];
    this.#queued++;
    const run = this.#queue.then(async () => {
      this.#queued--;
      const outcomes: CycleOutcome[] = [];
      for (const w of workers) {
        if (this.#stopped) break;
        outcomes.push(await w.rp2Cycle(this.#rp2!));
      }
      return outcomes;
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** Stores a company file's new token key ("Get New Key" → entered) and asks for a sync. */
  async setToken(company: string, tokenKey: string): Promise<CycleOutcome[]> {
    const worker = this.#worker(company);
    this.tokens.set(worker.company, tokenKey, new Date());
    return this.syncNow(worker.company);
  }

  /** Where each company file stands (what `ap-connector status` prints). */
  report(): CompanyReport[] {
    return [...this.#workers.values()].map((w) => {
      const s = w.state.data;
      return {
        company: w.company,
        hasToken: this.tokens.has(w.company),
        status: this.status.current(w.company) ?? null,
        fileId: s.fileId ?? null,
        lastSyncAt: s.lastSyncAt ?? null,
        outbox: w.outbox.list().length,
      };
    });
  }

  /** Calls `listener` with each status record. */
  onStatus(listener: StatusListener): () => void {
    return this.status.subscribe(listener);
  }

  /** Resolves when the cycles asked for so far have ended (RP2). */
  async idle(): Promise<void> {
    await this.#queue;
  }

  /** Asks the connector to stop (what `ap-connector exit` does); {@link stopRequested} resolves. */
  requestStop(): void {
    this.#stopRequested?.();
  }

  /**
   * Stops: no new cycles, the QBWC service and the control port closed (and `control.json` removed). A cycle in
   * progress is waited for up to `graceMs` (a BeginSession waiting on a QuickBooks dialog may never end).
   */
  async stop(graceMs = 10_000): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    this.requestStop();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      this.#queue,
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, graceMs);
      }),
    ]);
    if (grace) clearTimeout(grace);
    await this.#qbwc?.close();
    await this.#control?.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      // A tick while cycles are still queued is skipped: the queue already holds a cycle for every file.
      if (this.#queued === 0) this.syncNow().catch(() => undefined);
      this.#schedule();
    }, this.#intervalMs);
  }

  #isDue(worker: CompanyWorker): boolean {
    if (worker.syncRequested) return true;
    const last = worker.state.data.lastSyncAt;
    return last === undefined || Date.now() - Date.parse(last) >= this.#intervalMs;
  }

  #worker(company: string): CompanyWorker {
    const w = this.#workers.get(normalizeCompanyPath(company));
    if (!w) throw new Error(`"${company}" is not one of the connector's company files (${this.companies.join(', ')})`);
    return w;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
