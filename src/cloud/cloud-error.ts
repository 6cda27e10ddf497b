import type { CloudErrorBody, CloudErrorCode, CompanyFileIdentity } from '../protocol/ap-cloud-contract.js';

/** The HTTP status the cloud answers with for each error code of the contract. */
export const CLOUD_ERROR_STATUS: Readonly<Record<CloudErrorCode, number>> = {
  token_missing: 401,
  token_unknown: 401,
  token_revoked: 401,
  token_bound_to_other_file: 403,
  not_found: 404,
  bad_request: 400,
};

/**
 * A refusal of the fake AP cloud, as the contract defines it (`CloudErrorBody` with its HTTP status).
 * Thrown by {@link ApCloud} and rebuilt from a response by the admin client, so a test can match on
 * `code` whether it called the cloud in process or over HTTP. Never carries a token key.
 */
export class CloudError extends Error {
  override readonly name = 'CloudError';
  readonly status: number;

  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly boundTo?: CompanyFileIdentity,
    status?: number,
  ) {
    super(message);
    this.status = status ?? CLOUD_ERROR_STATUS[code];
  }

  /** The response body of the contract. */
  toBody(): CloudErrorBody {
    return { error: this.code, message: this.message, ...(this.boundTo ? { boundTo: { ...this.boundTo } } : {}) };
  }
}

/** True for a {@link CloudError}, also across module copies. */
export function isCloudError(error: unknown): error is CloudError {
  return error instanceof Error && error.name === 'CloudError' && 'code' in error && 'status' in error;
}
