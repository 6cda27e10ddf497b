import { CookieJar } from 'tough-cookie';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { QbwcError, qbwcHeadline } from '../../src/protocol/qbwc-codes.js';
import { QBWC_CLIENT_VERSION } from '../../src/protocol/qbwc-soap.js';
import { parseQwc, qwcIntervalSeconds, validateQwc, type QwcFile } from '../../src/protocol/qwc-file.js';
import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { registerApplication } from './app-registration.js';
import type { QbwcHost, QbwcRuntime } from './qbwc-runtime.js';
import { QwcLog, type QwcLogLevel } from './qwc-log.js';
import { updateFailed } from './update-report.js';
import { UpdateSession } from './update-session.js';
import type {
  QwcAppState,
  SoapCallRecord,
  UpdateHistory,
  UpdateHistoryEntry,
  UpdateResult,
  UpdateSelectedResult,
  WebConnectorOptions,
  WebConnectorSnapshot,
} from './web-connector-types.js';

interface ClockTimer {
  cancel(): void;
}

/** One registered application, with what QBWC keeps beside the `.qwc` (the password in memory only). */
interface AppEntry {
  qwc: QwcFile;
  password: string | undefined;
  companyFile: string;
  autoRun: boolean;
  intervalSeconds: number | null;
  minIntervalSeconds: number | null;
  timer: ClockTimer | null;
  nextDue: number | null;
  /** Queued or running: a scheduled tick for it is skipped. */
  busy: boolean;
  status: string;
  lastResult: UpdateResult | null;
  /** The application's cookies when they live per application (WebConnectorOptions.cookies). */
  cookies?: CookieJar;
}

const REGISTRY_CLASS = 'RegistryManager';
const UPDATE_LOCK_KEY = 'HKEY_CURRENT_USER\\Software\\Intuit\\QBWebConnector\\UpdateLock';

/**
 * The fake QuickBooks Web Connector of one simulated machine: the applications added from `.qwc` files, their
 * passwords (in memory, never logged), Update Selected and Auto-Run under one update lock, and `QWCLog.txt`. It
 * talks to QuickBooks through QBXMLRP2 (mock-qb/rp2) and to each application's SOAP service over HTTP, exactly as
 * QBWC 2.3 does (see {@link UpdateSession}).
 */
export class WebConnector {
  readonly host: QbwcHost;
  readonly log: QwcLog;
  readonly version: string;
  readonly #rt: QbwcRuntime;
  readonly #apps = new Map<string, AppEntry>();
  readonly #abort = new AbortController();
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  readonly #history: UpdateHistoryEntry[] = [];
  readonly #historySize: number;
  #historySeq = 0;
  readonly #initialLogLevel: QwcLogLevel;
  readonly #callListeners = new Set<(appName: string, call: SoapCallRecord) => void>();

  constructor(processors: ProcessorRegistry, opts: WebConnectorOptions & { host?: string } = {}) {
    const host = processors.world.host(opts.host);
    this.host = host;
    this.version = opts.version ?? QBWC_CLIENT_VERSION;
    this.#historySize = Math.max(1, opts.historySize ?? 100);
    this.#initialLogLevel = opts.logLevel ?? 'VERBOSE';
    this.log = new QwcLog({
      now: () => host.clock.now(),
      version: this.version.split('.').slice(0, 2).join('.'),
      ...(opts.logLevel ? { level: opts.logLevel } : {}),
      ...(opts.logMaxLines ? { maxLines: opts.logMaxLines } : {}),
    });
    this.#rt = {
      host,
      processors,
      log: this.log,
      version: this.version,
      timeoutMs: opts.timeoutMs ?? 100_000,
      maxRequestRounds: opts.maxRequestRounds ?? 10_000,
      maxConnectionErrors: opts.maxConnectionErrors ?? 20,
      noOpDelayMs: opts.noOpDelayMs ?? 5_000,
      clientVersionWarning: opts.clientVersionWarning ?? 'continue',
      connectRetry: opts.connectRetry ?? 'retry',
      interactive: opts.interactive ?? 'wait',
      interactivePollMs: opts.interactivePollMs ?? 5_000,
      cookies: opts.cookies ?? 'per-update',
      interactiveTimeoutMs: opts.interactiveTimeoutMs ?? 20 * 60_000,
      certificate: {
        subject: opts.certificate?.subject ?? 'CN=Intuit Inc.',
        status: opts.certificate?.status ?? 'valid',
        ...(opts.certificate?.expires ? { expires: opts.certificate.expires } : {}),
      },
      recordValueChars: opts.recordValueChars ?? 4_096,
      signal: this.#abort.signal,
      journal: (kind, summary, data) => host.log('qbwc', kind, summary, data),
      nowIso: () => new Date(host.clock.now()).toISOString(),
      elapsed: () => performance.now(),
      ...(opts.soapExchange ? { soapExchange: opts.soapExchange } : {}),
      onCall: (appName, call) => {
        for (const listener of this.#callListeners) listener(appName, call);
      },
    };
  }

  // ------------------------------------------------------------------ applications

  /** The registered applications (never passwords). */
  applications(): QwcAppState[] {
    return [...this.#apps.values()].map((e) => this.#state(e));
  }

  /** One registered application. */
  application(appName: string): QwcAppState {
    return this.#state(this.#entry(appName));
  }

  /**
   * Adds an application from a `.qwc` (its XML text, or a parsed file): validates it as QBWC does, then registers it
   * with the company open in QuickBooks — a session as its AppName with its AuthPreferences (the certificate dialog
   * shows when it is new to the file) and the FileID stamp under its OwnerID. Fails with {@link QbwcError}
   * (QBWC1051, QBWC1000–1002, QBWC1039, QBWC1022–1027, QBWC1034). An application of the same AppName (or
   * AppUniqueName) is replaced; its password must be entered again.
   */
  async addApplication(qwc: string | QwcFile): Promise<QwcAppState> {
    let file: QwcFile;
    try {
      file = typeof qwc === 'string' ? parseQwc(qwc) : (validateQwc(qwc), qwc);
    } catch (error) {
      if (error instanceof QbwcError) this.#logError('QWCReader', 'AddApplication', error);
      throw error;
    }
    if (file.QBType === 'QBPOS') {
      throw new QbdSimError(
        'QBDSIM_ERR_NOT_SIMULATED',
        'QuickBooks Point of Sale (QBType QBPOS) is not simulated; use QBFS.',
      );
    }
    return this.#withUpdateLock(async () => {
      let registered: { companyFile: string; stamped: boolean };
      try {
        registered = await registerApplication(this.#rt, file);
      } catch (error) {
        if (error instanceof QbwcError) {
          this.#logError('QWCReader', 'AddApplication', error);
          this.#rt.journal('qbwc.add-application-failed', `adding "${file.AppName}" failed: ${error.lines[0]}`, {
            appName: file.AppName,
            qbwcCode: error.code,
            lines: error.lines,
          });
        }
        throw error;
      }
      for (const [key, e] of this.#apps) {
        const sameUnique = file.AppUniqueName !== undefined && e.qwc.AppUniqueName === file.AppUniqueName;
        if (sameUnique || key === file.AppName.toLowerCase()) {
          e.timer?.cancel();
          this.#apps.delete(key);
        }
      }
      const entry: AppEntry = {
        qwc: file,
        password: undefined,
        companyFile: registered.companyFile,
        autoRun: false,
        intervalSeconds: qwcIntervalSeconds(file) ?? null,
        minIntervalSeconds: null,
        timer: null,
        nextDue: null,
        busy: false,
        status: '',
        lastResult: null,
      };
      this.#apps.set(file.AppName.toLowerCase(), entry);
      this.log.line('QWCReader', 'AddApplication', `Application "${file.AppName}" has been added.`);
      this.#rt.journal('qbwc.add-application', `application "${file.AppName}" added`, {
        appName: file.AppName,
        appUrl: file.AppURL,
        ownerId: file.OwnerID,
        fileId: file.FileID,
        companyFile: registered.companyFile,
        stamped: registered.stamped,
      });
      return this.#state(entry);
    });
  }

  /** Removes an application from QBWC (the company file keeps its FileID stamp, facts §10.1). */
  removeApplication(appName: string): void {
    const entry = this.#entry(appName);
    entry.timer?.cancel();
    this.#apps.delete(entry.qwc.AppName.toLowerCase());
    this.log.line('WebServiceManager', 'RemoveApplication', `Application "${entry.qwc.AppName}" has been removed.`);
    this.#rt.journal('qbwc.remove-application', `application "${entry.qwc.AppName}" removed`, {
      appName: entry.qwc.AppName,
    });
  }

  /** The password the user types into QBWC for an application (kept in memory, never logged or shown). */
  setPassword(appName: string, password: string): void {
    const entry = this.#entry(appName);
    entry.password = password;
    this.log.line('WebServiceManager', 'SetPassword', `Password has been set for application "${entry.qwc.AppName}".`);
    this.#rt.journal('qbwc.password', `password set for "${entry.qwc.AppName}"`, { appName: entry.qwc.AppName });
  }

  /**
   * Auto-Run on or off, optionally with a new interval (QBWC's Every_Min; seconds for a "Real Time" `.qwc`). The
   * first scheduled update is one interval from now on the host clock.
   */
  setAutoRun(appName: string, opts: { enabled: boolean; everyMinutes?: number; everySeconds?: number }): QwcAppState {
    const entry = this.#entry(appName);
    if (opts.everyMinutes !== undefined) entry.intervalSeconds = positive(opts.everyMinutes, 'everyMinutes') * 60;
    if (opts.everySeconds !== undefined) entry.intervalSeconds = positive(opts.everySeconds, 'everySeconds');
    entry.autoRun = opts.enabled;
    entry.timer?.cancel();
    entry.timer = null;
    entry.nextDue = null;
    if (opts.enabled) {
      if (entry.intervalSeconds === null) {
        throw new QbdSimError(
          'QBDSIM_ERR_BAD_REQUEST',
          `"${entry.qwc.AppName}" has no update interval: give everyMinutes or everySeconds (its .qwc has no Scheduler)`,
        );
      }
      this.#schedule(entry, this.host.clock.now() + this.#intervalMs(entry));
    }
    this.#rt.journal('qbwc.auto-run', `Auto-Run ${opts.enabled ? 'on' : 'off'} for "${entry.qwc.AppName}"`, {
      appName: entry.qwc.AppName,
      enabled: opts.enabled,
      intervalSeconds: entry.intervalSeconds,
    });
    return this.#state(entry);
  }

  // ------------------------------------------------------------------ updates

  /** One Update of one application (Update Selected with it alone). */
  async update(appName: string): Promise<UpdateResult> {
    const selected = await this.updateSelected([appName]);
    return selected.results[0]!;
  }

  /**
   * "Update Selected": the applications one at a time, under the update lock. None selected → QBWC1016; applications
   * that failed are listed under QBWC1017 in the result.
   */
  async updateSelected(appNames: readonly string[]): Promise<UpdateSelectedResult> {
    if (appNames.length === 0) {
      const error = new QbwcError('QBWC1016');
      this.#logError('WebServiceManager', 'DoUpdateSelected', error);
      throw error;
    }
    const entries = appNames.map((name) => this.#entry(name));
    for (const e of entries) e.busy = true;
    return this.#withUpdateLock(async () => {
      const results: UpdateResult[] = [];
      for (const entry of entries) results.push(await this.#runOne(entry, 'manual'));
      const failed = results.filter(updateFailed).map((r) => r.appName);
      if (failed.length) {
        const lines = [qbwcHeadline('QBWC1017'), ...failed];
        for (const line of lines) this.log.line('WebServiceManager', 'DoUpdateSelected', line);
        return { results, qbwcCode: 'QBWC1017', lines };
      }
      return { results, qbwcCode: null, lines: [] };
    });
  }

  /** Resolves when no update is queued or running. */
  async whenIdle(): Promise<void> {
    while (this.#pending > 0) await this.#queue;
  }

  /** True while an update (or an Add) runs or waits for the update lock. */
  get busy(): boolean {
    return this.#pending > 0;
  }

  /** Changes the QWCLog level. */
  setLogLevel(level: QwcLogLevel): void {
    this.log.setLevel(level);
  }

  /**
   * The updates that ended after `since` (a sequence number from an earlier answer; 0 = all kept), oldest first,
   * manual and scheduled alike. The history is bounded ({@link WebConnectorOptions.historySize}).
   */
  updates(since = 0): UpdateHistory {
    return { updates: this.#history.filter((h) => h.seq > since), last: this.#historySeq };
  }

  // ------------------------------------------------------------------ snapshot / restore / reset

  /** The applications, their Auto-Run settings and schedule, and the log level — never passwords. */
  snapshot(): WebConnectorSnapshot {
    return structuredClone({
      host: this.host.id,
      logLevel: this.log.level,
      apps: [...this.#apps.values()].map((e) => ({
        qwc: e.qwc,
        companyFile: e.companyFile,
        autoRun: e.autoRun,
        intervalSeconds: e.intervalSeconds,
        minIntervalSeconds: e.minIntervalSeconds,
        nextDue: e.nextDue,
        status: e.status,
        lastResult: e.lastResult,
      })),
    });
  }

  /**
   * Puts the applications and their schedule back as in `snap`. Passwords are not in snapshots: an application that
   * is registered now under the same AppName keeps the password entered for it; any other comes back without one
   * (QBWC1030 until it is entered). A scheduled update that fell due before now runs on the next clock move (a
   * manual clock) or at once (the system clock). An update already running finishes against the restored QuickBooks.
   */
  restore(snap: WebConnectorSnapshot): void {
    if (snap.host.toLowerCase() !== this.host.id.toLowerCase()) {
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `the snapshot is of the Web Connector on "${snap.host}"`);
    }
    const passwords = new Map([...this.#apps].map(([key, e]) => [key, e.password]));
    for (const e of this.#apps.values()) e.timer?.cancel();
    this.#apps.clear();
    for (const a of structuredClone(snap.apps)) {
      const key = a.qwc.AppName.toLowerCase();
      const entry: AppEntry = { ...a, password: passwords.get(key), timer: null, busy: false };
      this.#apps.set(key, entry);
      if (entry.autoRun && entry.nextDue !== null) this.#schedule(entry, entry.nextDue);
    }
    if (this.log.level !== snap.logLevel) this.log.setLevel(snap.logLevel);
    this.#rt.journal('qbwc.restore', `Web Connector restored: ${snap.apps.length} application(s)`, {
      apps: snap.apps.map((a) => a.qwc.AppName),
    });
  }

  /** Back to a Web Connector with no applications (as the mock started); passwords are forgotten. */
  reset(): void {
    for (const e of this.#apps.values()) e.timer?.cancel();
    this.#apps.clear(); // nothing carries over, not even a password
    this.restore({ host: this.host.id, logLevel: this.#initialLogLevel, apps: [] });
  }

  /** Stops: timers cancelled, SOAP calls in flight and NoOp waits aborted. */
  /**
   * Calls `listener` with each SOAP call of every update (manual or Auto-Run) as soon as it ended; returns the
   * function that stops it. For live progress — the finished update's result has the same calls.
   */
  watchCalls(listener: (appName: string, call: SoapCallRecord) => void): () => void {
    this.#callListeners.add(listener);
    return () => this.#callListeners.delete(listener);
  }

  close(): void {
    for (const e of this.#apps.values()) e.timer?.cancel();
    this.#abort.abort();
  }

  // ------------------------------------------------------------------ internals

  async #runOne(entry: AppEntry, trigger: 'manual' | 'scheduled'): Promise<UpdateResult> {
    const name = entry.qwc.AppName;
    this.#rt.journal('qbwc.update-start', `update of "${name}" started (${trigger})`, { appName: name, trigger });
    let result: UpdateResult;
    try {
      if (entry.password === undefined) {
        const error = new QbwcError('QBWC1030', { vars: { appName: name } });
        this.#logError('WebServiceManager', 'DoUpdateSelected', error);
        result = this.#failedBeforeStart(entry, trigger, error);
      } else {
        result = await new UpdateSession(
          this.#rt,
          {
            qwc: entry.qwc,
            password: entry.password,
            autoRun: entry.autoRun,
            ...(this.#rt.cookies === 'per-application' ? { cookies: (entry.cookies ??= new CookieJar()) } : {}),
          },
          trigger,
        ).run();
      }
    } finally {
      entry.busy = false;
    }
    entry.lastResult = result;
    entry.status = result.status || result.outcome;
    this.#history.push({ seq: ++this.#historySeq, result });
    if (this.#history.length > this.#historySize) this.#history.splice(0, this.#history.length - this.#historySize);
    this.log.line('WebServiceManager', 'DoUpdateSelected', 'update completed.');
    this.#rt.journal(
      'qbwc.update-end',
      `update of "${name}": ${result.outcome}${result.qbwcCode ? ` (${result.qbwcCode})` : ''}`,
      {
        appName: name,
        trigger,
        outcome: result.outcome,
        qbwcCode: result.qbwcCode,
        status: result.status,
        requests: result.requests,
      },
    );
    this.#afterUpdate(entry, result);
    return result;
  }

  #failedBeforeStart(entry: AppEntry, trigger: 'manual' | 'scheduled', error: QbwcError): UpdateResult {
    const now = this.#rt.nowIso();
    return {
      appName: entry.qwc.AppName,
      outcome: 'error',
      status: error.lines[0]!,
      qbwcCode: error.code,
      lines: [...error.lines],
      trigger,
      ticket: null,
      companyFile: null,
      requests: 0,
      percentDone: null,
      postponeSeconds: null,
      minIntervalSeconds: null,
      calls: [],
      startedAt: now,
      endedAt: now,
    };
  }

  /** Auto-Run only: postpone moves the next update; a minimum interval raises the floor (facts §10.3). */
  #afterUpdate(entry: AppEntry, result: UpdateResult): void {
    if (!entry.autoRun || this.#apps.get(entry.qwc.AppName.toLowerCase()) !== entry) return;
    if (result.minIntervalSeconds !== null) entry.minIntervalSeconds = result.minIntervalSeconds;
    const now = this.host.clock.now();
    if (result.postponeSeconds !== null && result.postponeSeconds > 0) {
      this.log.line(
        'WebServiceManager',
        'DoUpdateSelected',
        `Update postponed by application for ${result.postponeSeconds} seconds.`,
      );
      this.#schedule(entry, now + result.postponeSeconds * 1000);
      return;
    }
    if (result.minIntervalSeconds !== null) {
      // The floor rose: the next update waits at least the new minimum from the start of this one.
      const due = Math.max(entry.nextDue ?? 0, Date.parse(result.startedAt) + this.#intervalMs(entry));
      if (due !== entry.nextDue) this.#schedule(entry, due);
    }
  }

  #schedule(entry: AppEntry, dueMs: number): void {
    entry.timer?.cancel();
    entry.nextDue = dueMs;
    entry.timer = this.host.clock.at(dueMs, () => this.#tick(entry, dueMs));
  }

  /** A scheduled time came: run the update (unless this application is already queued or running), plan the next. */
  #tick(entry: AppEntry, dueMs: number): void {
    entry.timer = null;
    if (!entry.autoRun || this.#abort.signal.aborted || this.#apps.get(entry.qwc.AppName.toLowerCase()) !== entry)
      return;
    this.#schedule(entry, dueMs + this.#intervalMs(entry));
    if (entry.busy) {
      this.#rt.journal('qbwc.auto-run-skipped', `"${entry.qwc.AppName}" is still updating; this run is skipped`, {
        appName: entry.qwc.AppName,
      });
      return;
    }
    entry.busy = true;
    this.#withUpdateLock(() => this.#runOne(entry, 'scheduled')).catch((error: unknown) => {
      this.#rt.journal('qbwc.error', `scheduled update of "${entry.qwc.AppName}" failed: ${String(error)}`, {
        appName: entry.qwc.AppName,
      });
    });
  }

  #intervalMs(entry: AppEntry): number {
    return Math.max(entry.intervalSeconds ?? 0, entry.minIntervalSeconds ?? 0) * 1000;
  }

  /** Runs `fn` holding the update lock (one update at a time per Web Connector), logging QBWC's lock lines. */
  #withUpdateLock<T>(fn: () => Promise<T>): Promise<T> {
    this.#pending++;
    const run = this.#queue.then(async () => {
      this.log.line(REGISTRY_CLASS, 'setUpdateLock', `${UPDATE_LOCK_KEY} has been set to True`);
      this.log.line(
        REGISTRY_CLASS,
        'setUpdateLock',
        '********************* Update session locked *********************',
      );
      try {
        return await fn();
      } finally {
        this.log.line(REGISTRY_CLASS, 'setUpdateLock', `${UPDATE_LOCK_KEY} has been set to False`);
        this.log.line(
          REGISTRY_CLASS,
          'setUpdateLock',
          '********************* Update session unlocked *********************',
        );
      }
    });
    this.#queue = run.then(
      () => undefined,
      () => undefined,
    );
    void this.#queue.finally(() => this.#pending--);
    return run;
  }

  #entry(appName: string): AppEntry {
    const entry = this.#apps.get(appName.toLowerCase());
    if (!entry) {
      throw new QbdSimError(
        'QBDSIM_ERR_UNKNOWN_APP',
        `the Web Connector on ${this.host.id} has no application "${appName}" (added: ${[...this.#apps.values()].map((e) => e.qwc.AppName).join(', ') || 'none'})`,
      );
    }
    return entry;
  }

  #state(e: AppEntry): QwcAppState {
    return {
      appName: e.qwc.AppName,
      qwc: structuredClone(e.qwc),
      companyFile: e.companyFile,
      hasPassword: e.password !== undefined,
      autoRun: e.autoRun,
      intervalSeconds: e.intervalSeconds,
      minIntervalSeconds: e.minIntervalSeconds,
      nextRunAt: e.nextDue === null ? null : new Date(e.nextDue).toISOString(),
      status: e.status,
      lastResult: e.lastResult,
    };
  }

  #logError(cls: string, method: string, error: QbwcError): void {
    for (const line of error.lines) this.log.line(cls, method, line);
  }
}

function positive(n: number, name: string): number {
  if (!Number.isInteger(n) || n < 1)
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `${name} must be a whole number ≥ 1`);
  return n;
}
