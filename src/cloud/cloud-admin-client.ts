import {
  CLOUD_ADMIN_PREFIX,
  type CloudCompanyState,
  type CloudErrorBody,
  type NewCloudBill,
  type NewCloudPayment,
  type VendorFields,
} from '../protocol/ap-cloud-contract.js';
import { CLOUD_ERROR_STATUS, CloudError } from './cloud-error.js';

/** Options of {@link CloudAdminClient}. */
export interface CloudAdminClientOptions {
  /** Default: the global `fetch`, looked up on every call (so msw's in-process interception applies). */
  fetch?: typeof fetch;
}

/**
 * A typed client of the cloud's admin API (`/admin`): companies, "Get New Key", revoking keys, vendors, bills,
 * payments, state. Works against the in-process origin (`https://ap-cloud.test`) and a served URL
 * (`http://127.0.0.1:4520`) alike. A refusal throws a {@link CloudError} with the contract's code and status.
 */
export class CloudAdminClient {
  readonly baseUrl: string;
  readonly #fetch: typeof fetch | undefined;

  /** `baseUrl`: the cloud's origin or served URL, without `/admin`. */
  constructor(baseUrl: string, opts: CloudAdminClientOptions = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#fetch = opts.fetch;
  }

  createCompany(name: string): Promise<{ companyId: string }> {
    return this.#call('POST', '/companies', { name });
  }

  /** "Get New Key": a new token key for the company (the previous key is revoked). */
  getNewKey(companyId: string): Promise<{ tokenKey: string }> {
    return this.#call('POST', `/companies/${enc(companyId)}/keys`, {});
  }

  async revokeKey(tokenKey: string): Promise<void> {
    await this.#call('POST', '/keys/revoke', { tokenKey });
  }

  createVendor(companyId: string, fields: VendorFields): Promise<{ cloudId: string }> {
    return this.#call('POST', `/companies/${enc(companyId)}/vendors`, fields);
  }

  async editVendor(companyId: string, cloudId: string, patch: Partial<VendorFields>): Promise<void> {
    await this.#call('PATCH', `/companies/${enc(companyId)}/vendors/${enc(cloudId)}`, patch);
  }

  createBill(companyId: string, bill: NewCloudBill): Promise<{ cloudId: string }> {
    return this.#call('POST', `/companies/${enc(companyId)}/bills`, bill);
  }

  createPayment(companyId: string, payment: NewCloudPayment): Promise<{ cloudId: string }> {
    return this.#call('POST', `/companies/${enc(companyId)}/payments`, payment);
  }

  companyState(companyId: string): Promise<CloudCompanyState> {
    return this.#call('GET', `/companies/${enc(companyId)}/state`);
  }

  state(): Promise<{ companies: CloudCompanyState[] }> {
    return this.#call('GET', '/state');
  }

  async reset(): Promise<void> {
    await this.#call('POST', '/reset', {});
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const doFetch = this.#fetch ?? globalThis.fetch;
    const response = await doFetch(`${this.baseUrl}${CLOUD_ADMIN_PREFIX}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === '' ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!response.ok) {
      const err = (json ?? {}) as Partial<CloudErrorBody>;
      if (typeof err.error === 'string' && err.error in CLOUD_ERROR_STATUS && typeof err.message === 'string') {
        throw new CloudError(err.error, err.message, err.boundTo, response.status);
      }
      throw new Error(`the AP cloud answered ${method} ${path} with HTTP ${response.status}: ${text.slice(0, 300)}`);
    }
    return json as T;
  }
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}
