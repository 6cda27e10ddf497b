import {
  CLOUD_API_PREFIX,
  CLOUD_HEADERS,
  type CloudErrorBody,
  type CloudErrorCode,
  type CompanyFileIdentity,
  type HeartbeatRequest,
  type HelloRequest,
  type HelloResponse,
  type QbDataRequest,
  type ResultsRequest,
  type WorkResponse,
  type WorkResult,
} from '../protocol/ap-cloud-contract.js';
import { CloudRefusal, CloudUnavailable } from './connector-errors.js';

/** What a {@link CloudClient} needs: the cloud's origin, the company file's token key and identity. */
export interface CloudClientOptions {
  /** The cloud's origin (`https://ap.example.com`); the API prefix is added. */
  baseUrl: string;
  /** The token key ("Get New Key"). Sent as a bearer token, never logged. */
  tokenKey: string;
  /** The company file the connector speaks for (path + file id). */
  identity: CompanyFileIdentity;
  /** Per call (default 30 s). */
  timeoutMs?: number;
  /** How requests reach the cloud (default: the global `fetch`). A test harness may answer them in process. */
  fetch?: typeof fetch;
}

const REFUSAL_CODES = new Set<CloudErrorCode>([
  'token_missing',
  'token_unknown',
  'token_revoked',
  'token_bound_to_other_file',
]);

/**
 * The connector's side of the AP cloud contract (src/protocol/ap-cloud-contract.ts): hello, work, results, QuickBooks
 * data, heartbeat. A refused token throws {@link CloudRefusal}; anything else that goes wrong
 * {@link CloudUnavailable}. The token key is only ever in the Authorization header.
 */
export class CloudClient {
  readonly baseUrl: string;
  readonly identity: CompanyFileIdentity;
  readonly #tokenKey: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof fetch | undefined;

  constructor(opts: CloudClientOptions) {
    this.baseUrl = opts.baseUrl.replace(/\/+$/, '');
    this.identity = { ...opts.identity };
    this.#tokenKey = opts.tokenKey;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
    this.#fetch = opts.fetch;
  }

  /** `POST /hello`: binds the token to this company file on first use; refused from any other file. */
  hello(connector: HelloRequest['connector']): Promise<HelloResponse> {
    const body: HelloRequest = { companyFile: this.identity, connector };
    return this.#send<HelloResponse>('POST', '/hello', body);
  }

  /** `GET /work`: vendors to add or edit, approved bills, payments. */
  async work(): Promise<WorkResponse> {
    const work = await this.#send<Partial<WorkResponse>>('GET', '/work');
    return { vendors: work.vendors ?? [], bills: work.bills ?? [], payments: work.payments ?? [] };
  }

  /** `POST /results`: what happened to each piece of work. */
  async results(results: WorkResult[]): Promise<void> {
    const body: ResultsRequest = { results };
    await this.#send('POST', '/results', body);
  }

  /** `POST /qb-data`: QuickBooks → cloud. */
  async qbData(data: QbDataRequest): Promise<void> {
    await this.#send('POST', '/qb-data', data);
  }

  /** `POST /heartbeat`: the tray status. */
  async heartbeat(body: HeartbeatRequest): Promise<void> {
    await this.#send('POST', '/heartbeat', body);
  }

  async #send<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const url = `${this.baseUrl}${CLOUD_API_PREFIX}${path}`;
    let res: Response;
    try {
      res = await (this.#fetch ?? fetch)(url, {
        method,
        headers: {
          authorization: `Bearer ${this.#tokenKey}`,
          [CLOUD_HEADERS.filePath]: encodeHeader(this.identity.path),
          [CLOUD_HEADERS.fileId]: this.identity.fileId,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      throw new CloudUnavailable(`the cloud at ${this.baseUrl} could not be reached: ${describe(error)}`);
    }
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined)
        throw new CloudUnavailable(`${method} ${path}: the cloud answered with text that is not JSON`);
      return json as T;
    }
    const err = json as Partial<CloudErrorBody> | undefined;
    if ((res.status === 401 || res.status === 403) && err?.error && REFUSAL_CODES.has(err.error)) {
      throw new CloudRefusal(err.error, err.message ?? err.error, res.status, err.boundTo);
    }
    if (res.status === 401 || res.status === 403) {
      throw new CloudRefusal('token_unknown', err?.message ?? `HTTP ${res.status}`, res.status);
    }
    throw new CloudUnavailable(
      `${method} ${path}: HTTP ${res.status}${err?.message ? `: ${err.message}` : ''}`,
      res.status,
    );
  }
}

/** HTTP header values are Latin-1: a path with other characters is sent percent-encoded. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURI(value);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
