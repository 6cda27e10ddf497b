import { ComError } from '../../src/protocol/com-error.js';
import { isHresult, type Hresult } from '../../src/protocol/hresult.js';
import { QbdSimError, QBDSIM_ERRORS, type QbdSimErrorCode } from '../../src/protocol/qbd-sim-error.js';
import { QbwcError, isQbwcCode } from '../../src/protocol/qbwc-codes.js';
import type { ArmedFault, FaultSpec } from '../engine/faults.js';
import type { HostConditionName } from '../engine/host-conditions.js';
import type { CertificateChoice, Dialog, ExpiredCertificateAnswer, OpenMode } from '../engine/host-types.js';
import type { HostState } from '../engine/qb-host.js';
import type { JournalActor, JournalEntry } from '../engine/journal.js';
import { UiRefusal } from '../engine/ui-refusal.js';
import type { QwcLogLevel } from '../web-connector/qwc-log.js';
import type {
  QwcAppState,
  SoapCallRecord,
  UpdateHistory,
  UpdateResult,
  UpdateSelectedResult,
} from '../web-connector/web-connector-types.js';
import type { UpdateStreamEvent } from './web-connector-app.js';
import type { RecordList, RecordView } from './company-records-view.js';
import { CONTROL_BASE_PATH } from './control-app.js';

/**
 * A typed client for the control API (`/__qbd/…`): the person at the QuickBooks UI and the
 * simulator's knobs. A UI refusal throws {@link UiRefusal}; the simulator's errors {@link QbdSimError}.
 */
export class ControlClient {
  readonly baseUrl: string;
  readonly #headers: Record<string, string>;

  /** @param url the mock's base URL (`http://127.0.0.1:4510`) or its control URL (`…/__qbd`). */
  constructor(url: string, opts: { token?: string } = {}) {
    const trimmed = url.replace(/\/+$/, '');
    this.baseUrl = trimmed.endsWith(CONTROL_BASE_PATH) ? trimmed : `${trimmed}${CONTROL_BASE_PATH}`;
    this.#headers = opts.token ? { authorization: `Bearer ${opts.token}` } : {};
  }

  health(): Promise<{ status: 'ok'; hosts: string[] }> {
    return this.#send('GET', '/health');
  }
  state(): Promise<{ hosts: HostState[] }> {
    return this.#send('GET', '/state');
  }
  hostState(host: string): Promise<HostState> {
    return this.#send('GET', `/hosts/${enc(host)}/state`);
  }
  async journal(
    q: { since?: number; limit?: number; host?: string; actor?: JournalActor } = {},
  ): Promise<JournalEntry[]> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
    const body = await this.#send<{ entries: JournalEntry[] }>('GET', `/journal${params.size ? `?${params}` : ''}`);
    return body.entries;
  }
  /** Read-only: the vendors, bills or bill payments of a company file as stored (the dashboard's data browser). */
  records(
    host: string,
    path: string,
    list: RecordList,
    limit?: number,
  ): Promise<{ path: string; list: RecordList; records: RecordView[] }> {
    const params = new URLSearchParams({ path, list, ...(limit !== undefined ? { limit: String(limit) } : {}) });
    return this.#send('GET', `/hosts/${enc(host)}/records?${params}`);
  }
  async snapshot(): Promise<string> {
    return (await this.#send<{ snapshotId: string }>('POST', '/snapshot', {})).snapshotId;
  }
  async restore(snapshotId: string): Promise<void> {
    await this.#send('POST', '/restore', { snapshotId });
  }
  async reset(): Promise<void> {
    await this.#send('POST', '/reset', {});
  }

  /** The UI of one host. */
  ui(host: string): HostUiClient {
    return new HostUiClient(this, host);
  }

  async workstationJoin(
    host: string,
    args: { path: string; machine: string; user: string; mode: OpenMode },
  ): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/workstations/join`, args);
  }
  async workstationLeave(host: string, args: { path: string; machine: string }): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/workstations/leave`, args);
  }
  /** Another user opens a record for editing (a write to it then fails with 3170 / 3175). */
  /** Puts a named host condition in force or ends it (`POST /__qbd/hosts/{host}/conditions`; engine/host-conditions.ts). */
  async setCondition(host: string, name: HostConditionName, on: boolean, text?: string): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/conditions`, { name, on, ...(text !== undefined ? { text } : {}) });
  }
  async lockRecord(host: string, args: { path: string; id: string; machine: string; user?: string }): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/records/lock`, args);
  }
  async unlockRecord(host: string, args: { path: string; id: string }): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/records/unlock`, args);
  }
  /** A person edits a record in the QuickBooks UI (`records/edit`): its new EditSequence. */
  async editRecord(host: string, args: { path: string; id: string }): Promise<string> {
    return (await this.#send<{ editSequence: string }>('POST', `/hosts/${enc(host)}/records/edit`, args)).editSequence;
  }
  async addCompanyFile(
    host: string,
    args: { path: string; companyName: string; users?: { name: string; password?: string; role?: string }[] },
  ): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/files`, args);
  }
  async addOtherFile(host: string, path: string): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/files/other`, { path });
  }
  async renameCompanyFile(host: string, from: string, to: string): Promise<void> {
    await this.#send('POST', `/hosts/${enc(host)}/files/rename`, { from, to });
  }
  async advanceClock(host: string, ms: number): Promise<string> {
    return (await this.#send<{ now: string }>('POST', `/hosts/${enc(host)}/clock/advance`, { ms })).now;
  }
  async setClock(host: string, time: string): Promise<string> {
    return (await this.#send<{ now: string }>('POST', `/hosts/${enc(host)}/clock/set`, { time })).now;
  }

  /**
   * Arms a fault on a host (`POST /__qbd/hosts/{host}/faults`; kinds and options in engine/faults.ts): a lost answer
   * after or before commit, a delay, QuickBooks crashing, a modal window, a record locked by another user, an
   * EditSequence bumped by a person, a Web Connector update dying at a SOAP call. Fires once, `count` times, or with a
   * seeded `probability`; each firing is journaled (actor `fault`).
   */
  async armFault(host: string, fault: FaultSpec): Promise<ArmedFault> {
    return (await this.#send<{ fault: ArmedFault }>('POST', `/hosts/${enc(host)}/faults`, fault)).fault;
  }
  /** The faults still armed on a host. */
  async faults(host: string): Promise<ArmedFault[]> {
    return (await this.#send<{ faults: ArmedFault[] }>('GET', `/hosts/${enc(host)}/faults`)).faults;
  }
  /** Disarms every fault of a host. */
  async clearFaults(host: string): Promise<void> {
    await this.#send('DELETE', `/hosts/${enc(host)}/faults`);
  }

  /** The fake Web Connector of one host (`/__qbd/webconnector/{host}/…`). */
  webConnector(host: string): HostWebConnectorClient {
    return new HostWebConnectorClient(this, host);
  }

  /** @internal A string body is sent as `text/xml` (a `.qwc`); anything else as JSON. */
  async #send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const contentType = typeof body === 'string' ? 'text/xml; charset=utf-8' : 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.#headers, ...(body !== undefined ? { 'content-type': contentType } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    const json = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    if (res.ok) return json as T;
    throw decodeError(res.status, json);
  }

  /**
   * A streamed call (`application/x-ndjson`): `onLine` gets each parsed line as it arrives; resolves when the stream
   * ends. No timeout: the stream lives as long as the server keeps it (heartbeats keep an idle one alive).
   */
  async #stream(method: string, path: string, body: unknown, onLine: (line: unknown) => void): Promise<void> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { ...this.#headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok || !res.body) {
      const text = await res.text();
      throw decodeError(res.status, (text ? JSON.parse(text) : {}) as Record<string, unknown>);
    }
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of res.body) {
      pending += decoder.decode(chunk as Uint8Array, { stream: true });
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        if (text.trim()) onLine(JSON.parse(text));
      }
    }
    if (pending.trim()) onLine(JSON.parse(pending));
  }

  /** @internal used by HostWebConnectorClient */
  webConnectorStream(host: string, path: string, body: unknown, onLine: (line: unknown) => void): Promise<void> {
    return this.#stream('POST', `/webconnector/${enc(host)}${path}`, body, onLine);
  }

  /** @internal used by HostUiClient */
  uiAction<T = { state: HostState }>(host: string, action: string, body: Record<string, unknown> = {}): Promise<T> {
    return this.#send<T>('POST', `/hosts/${enc(host)}/ui/${action}`, body);
  }

  /** @internal used by HostWebConnectorClient */
  webConnectorCall<T>(method: string, host: string, path: string, body?: unknown): Promise<T> {
    return this.#send<T>(method, `/webconnector/${enc(host)}${path}`, body);
  }
}

/** The error an answer of the control API stands for (a refusal, a COM or QBWC error, or the simulator's own). */
function decodeError(status: number, json: Record<string, unknown>): Error {
  if (status === 409 && json['refused'] === true) return new UiRefusal(String(json['message']));
  if (status === 422 && typeof json['hresult'] === 'string' && isHresult(json['hresult'])) {
    return new ComError(json['hresult'] as Hresult, String(json['message']));
  }
  if (status === 422 && typeof json['qbwcCode'] === 'string' && isQbwcCode(json['qbwcCode'])) {
    return new QbwcError(json['qbwcCode'], {
      lines: (json['lines'] as string[] | undefined) ?? [String(json['message'])],
    });
  }
  const code =
    typeof json['code'] === 'string' && json['code'] in QBDSIM_ERRORS
      ? (json['code'] as QbdSimErrorCode)
      : 'QBDSIM_ERR_INTERNAL';
  return new QbdSimError(
    code,
    String(json['message'] ?? `HTTP ${status}`),
    json['details'] as Record<string, unknown> | undefined,
  );
}

/**
 * The person at one host's QuickBooks Web Connector. A QBWC error dialog throws {@link QbwcError} (code and lines);
 * the simulator's errors {@link QbdSimError}.
 */
export class HostWebConnectorClient {
  constructor(
    readonly control: ControlClient,
    readonly host: string,
  ) {}
  /** Version, busy flag, log level and the applications. */
  state(): Promise<{ host: string; version: string; busy: boolean; logLevel: QwcLogLevel; apps: QwcAppState[] }> {
    return this.control.webConnectorCall('GET', this.host, '');
  }
  async applications(): Promise<QwcAppState[]> {
    return (await this.control.webConnectorCall<{ apps: QwcAppState[] }>('GET', this.host, '/apps')).apps;
  }
  /** Add an application from `.qwc` XML (may wait for the certificate dialog to be answered). */
  async addApplication(qwcXml: string): Promise<QwcAppState> {
    return (await this.control.webConnectorCall<{ app: QwcAppState }>('POST', this.host, '/apps', qwcXml)).app;
  }
  async removeApplication(appName: string): Promise<void> {
    await this.control.webConnectorCall('DELETE', this.host, `/apps/${enc(appName)}`);
  }
  async setPassword(appName: string, password: string): Promise<void> {
    await this.control.webConnectorCall('PUT', this.host, `/apps/${enc(appName)}/password`, { password });
  }
  async setAutoRun(
    appName: string,
    opts: { enabled: boolean; everyMinutes?: number; everySeconds?: number },
  ): Promise<QwcAppState> {
    return (
      await this.control.webConnectorCall<{ app: QwcAppState }>(
        'PUT',
        this.host,
        `/apps/${enc(appName)}/auto-run`,
        opts,
      )
    ).app;
  }
  /** Update Selected: the applications one at a time under the update lock. */
  updateSelected(appNames: readonly string[]): Promise<UpdateSelectedResult> {
    return this.control.webConnectorCall('POST', this.host, '/update', { apps: appNames });
  }
  /**
   * Update Selected with live progress: `onCall` gets each SOAP call as it ends (`POST …/update/stream`); resolves
   * with the result however long the updates take. Errors as {@link updateSelected}.
   */
  async updateSelectedStreaming(
    appNames: readonly string[],
    onCall: (appName: string, call: SoapCallRecord) => void,
  ): Promise<UpdateSelectedResult> {
    let outcome: { result: UpdateSelectedResult } | { error: Error } | undefined;
    await this.control.webConnectorStream(this.host, '/update/stream', { apps: appNames }, (line) => {
      const event = line as UpdateStreamEvent;
      if (event.kind === 'call') onCall(event.appName, event.call);
      else if (event.kind === 'result') outcome = { result: event.result };
      else if (event.kind === 'error') {
        outcome = { error: decodeError(event.status, (event.body ?? {}) as Record<string, unknown>) };
      }
    });
    if (!outcome) throw new QbdSimError('QBDSIM_ERR_INTERNAL', 'the update stream ended without a result');
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  }
  /** One update of one application. */
  async update(appName: string): Promise<UpdateResult> {
    return (await this.updateSelected([appName])).results[0]!;
  }
  /** Updates (manual and Auto-Run) that ended after `since` (the `last` of an earlier answer; 0 = all kept). */
  updates(since = 0): Promise<UpdateHistory> {
    return this.control.webConnectorCall('GET', this.host, `/updates?since=${since}`);
  }
  /** QWCLog.txt. */
  log(): Promise<{ text: string; lines: string[]; level: QwcLogLevel }> {
    return this.control.webConnectorCall('GET', this.host, '/log');
  }
  async setLogLevel(level: QwcLogLevel): Promise<void> {
    await this.control.webConnectorCall('PUT', this.host, '/log-level', { level });
  }
}

/** The person at one host's QuickBooks UI. Each method is one UI action of the control API. */
export class HostUiClient {
  constructor(
    readonly control: ControlClient,
    readonly host: string,
  ) {}
  #do(action: string, body: Record<string, unknown> = {}): Promise<{ state: HostState }> {
    return this.control.uiAction(this.host, action, body);
  }
  launch(opts: { initializingMs?: number; elevated?: boolean } = {}) {
    return this.#do('launch', opts);
  }
  exit() {
    return this.#do('exit');
  }
  openCompany(args: { path: string; mode: OpenMode; user?: string; password?: string }) {
    return this.#do('open-company', args);
  }
  logIn(user: string, password?: string) {
    return this.#do('log-in', { user, ...(password !== undefined ? { password } : {}) });
  }
  closeCompany() {
    return this.#do('close-company');
  }
  switchMode(mode: OpenMode) {
    return this.#do('switch-mode', { mode });
  }
  openPreferences() {
    return this.#do('open-preferences');
  }
  closePreferences() {
    return this.#do('close-preferences');
  }
  removeApp(appName: string) {
    return this.#do('remove-app', { appName });
  }
  editAppProperties(
    appName: string,
    patch: {
      allowAccess?: boolean;
      promptEachTime?: boolean;
      autoLogin?: boolean;
      loginAs?: string | null;
      personalData?: boolean;
    },
  ) {
    return this.#do('edit-app-properties', { appName, ...patch });
  }
  setCompanyAppOptions(patch: { blockAllApps?: boolean; notifyExpiredCert?: boolean }) {
    return this.#do('set-company-app-options', patch);
  }
  answerCertificateDialog(args: {
    choice: CertificateChoice;
    loginAs?: string | null;
    personalData?: boolean;
    done?: boolean;
  }) {
    return this.#do('answer-certificate-dialog', args);
  }
  confirmCertificateDialog() {
    return this.#do('confirm-certificate-dialog');
  }
  answerAccessPrompt(allow: boolean) {
    return this.#do('answer-access-prompt', { allow });
  }
  /** QuickBooks' expired-certificate notice: Allow Always (remembered in the file), Allow Once, or Deny. */
  answerExpiredCertificate(answer: ExpiredCertificateAnswer) {
    return this.#do('answer-expired-certificate', { answer });
  }
  async showDialog(title: string, text?: string): Promise<Dialog> {
    const r = await this.control.uiAction<{ dialog: Dialog }>(this.host, 'show-dialog', {
      title,
      ...(text ? { text } : {}),
    });
    return r.dialog;
  }
  dismissDialog(id?: string) {
    return this.#do('dismiss-dialog', id ? { id } : {});
  }
  addUser(args: { name: string; password?: string; role?: 'all-areas' | 'selected-areas' | 'external-accountant' }) {
    return this.#do('add-user', args);
  }
  updateUser(
    name: string,
    patch: { password?: string; role?: 'all-areas' | 'selected-areas' | 'external-accountant' },
  ) {
    return this.#do('update-user', { name, ...patch });
  }
  removeUser(name: string) {
    return this.#do('remove-user', { name });
  }
}

function enc(s: string): string {
  return encodeURIComponent(s);
}
