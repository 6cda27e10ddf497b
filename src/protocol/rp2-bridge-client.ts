import { ComError } from './com-error.js';
import { isHresult, normalizeHresult, type Hresult } from './hresult.js';
import { QbdSimError, QBDSIM_ERRORS, type QbdSimErrorCode } from './qbd-sim-error.js';
import {
  RP2_BASE_PATH,
  type AuthPrefsMethod,
  type AuthPrefsMethodArgs,
  type AuthPrefsMethodResults,
  type CreateProcessorBody,
  type CreateProcessorResult,
  type Rp2Method,
  type Rp2MethodArgs,
  type Rp2MethodResults,
  type Rp2Property,
  type Rp2PropertyResults,
} from './rp2-bridge-contract.js';

/**
 * A typed client for the RP2 bridge: QBXMLRP2 over HTTP. Failures QuickBooks would raise throw
 * {@link ComError} (with `hresult`); the simulator's own errors throw {@link QbdSimError}.
 *
 * @example
 * const rp = await Rp2BridgeClient.createProcessor('http://127.0.0.1:4510');
 * await rp.OpenConnection2('', 'My App', 'localQBD');
 * const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
 */
export class Rp2BridgeClient {
  readonly baseUrl: string;
  readonly processorId: string;
  readonly machine: string;
  readonly coclass: CreateProcessorResult['coclass'];

  private constructor(baseUrl: string, created: CreateProcessorResult) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.processorId = created.processorId;
    this.machine = created.machine;
    this.coclass = created.coclass;
  }

  /**
   * Creates a request processor on the bridge (`CoCreateInstance`). Throws {@link ComError} when Windows refuses
   * (`0x80040154` Class not registered for a 64-bit caller, …).
   */
  static async createProcessor(
    baseUrl: string,
    identity: CreateProcessorBody = {},
    init: RequestInit = {},
  ): Promise<Rp2BridgeClient> {
    const created = await send<CreateProcessorResult>(
      `${baseUrl.replace(/\/+$/, '')}${RP2_BASE_PATH}/processors`,
      'POST',
      identity,
      init,
    );
    return new Rp2BridgeClient(baseUrl, created);
  }

  /** Calls any method by name with Intuit's argument names. */
  async call<M extends Rp2Method>(method: M, args: Rp2MethodArgs[M]): Promise<Rp2MethodResults[M]> {
    const body = await send<{ result: Rp2MethodResults[M] }>(`${this.#base()}/${method}`, 'POST', args);
    return body.result;
  }

  /** Calls an IAuthPreferences method. */
  async authPreferences<M extends AuthPrefsMethod>(
    method: M,
    args: AuthPrefsMethodArgs[M],
  ): Promise<AuthPrefsMethodResults[M]> {
    const body = await send<{ result: AuthPrefsMethodResults[M] }>(
      `${this.#base()}/AuthPreferences/${method}`,
      'POST',
      args,
    );
    return body.result;
  }

  /** Reads a property (MajorVersion, ...). */
  async property<P extends Rp2Property>(name: P): Promise<Rp2PropertyResults[P]> {
    const body = await send<{ result: Rp2PropertyResults[P] }>(`${this.#base()}/${name}`, 'GET');
    return body.result;
  }

  OpenConnection(appID: string, appName: string): Promise<null> {
    return this.call('OpenConnection', { appID, appName });
  }
  OpenConnection2(appID: string, appName: string, connType: number | string): Promise<null> {
    return this.call('OpenConnection2', { appID, appName, connType });
  }
  BeginSession(qbFileName: string, reqFileMode: number | string): Promise<string> {
    return this.call('BeginSession', { qbFileName, reqFileMode });
  }
  ProcessRequest(ticket: string, inputRequest: string): Promise<string> {
    return this.call('ProcessRequest', { ticket, inputRequest });
  }
  EndSession(ticket: string): Promise<null> {
    return this.call('EndSession', { ticket });
  }
  CloseConnection(): Promise<null> {
    return this.call('CloseConnection', {});
  }
  GetCurrentCompanyFileName(ticket: string): Promise<string> {
    return this.call('GetCurrentCompanyFileName', { ticket });
  }
  QBXMLVersionsForSession(ticket: string): Promise<string[]> {
    return this.call('QBXMLVersionsForSession', { ticket });
  }
  ProcessSubscription(inputRequest: string): Promise<string> {
    return this.call('ProcessSubscription', { inputRequest });
  }

  /** Releases the COM object on the bridge. */
  async release(): Promise<void> {
    await send(this.#base(), 'DELETE');
  }

  #base(): string {
    return `${this.baseUrl}${RP2_BASE_PATH}/processors/${encodeURIComponent(this.processorId)}`;
  }
}

async function send<T>(url: string, method: string, body?: unknown, init: RequestInit = {}): Promise<T> {
  const res = await fetch(url, {
    ...init,
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  if (res.ok) return json as T;
  if (res.status === 422 && typeof json['hresult'] === 'string') {
    const code = normalizeHresult(json['hresult']);
    if (isHresult(code)) throw new ComError(code as Hresult, String(json['message'] ?? ''));
  }
  const code =
    typeof json['code'] === 'string' && json['code'] in QBDSIM_ERRORS
      ? (json['code'] as QbdSimErrorCode)
      : 'QBDSIM_ERR_INTERNAL';
  throw new QbdSimError(
    code,
    String(json['message'] ?? `HTTP ${res.status} from ${url}`),
    json['details'] as Record<string, unknown> | undefined,
  );
}
