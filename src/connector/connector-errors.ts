import type { CloudErrorCode, CompanyFileIdentity } from '../protocol/ap-cloud-contract.js';

/**
 * The failures a sync cycle ends on. Each maps to one tray status (company-worker.ts): a QuickBooks session that
 * could not begin, a QuickBooks connection lost mid-cycle, the cloud refusing the token, the cloud out of reach.
 */

/** QuickBooks could not be opened: a BeginSession (or OpenConnection) failure with its HRESULT, or no bridge. */
export class QbOpenFailure extends Error {
  override readonly name = 'QbOpenFailure';
  constructor(
    message: string,
    readonly hresult: string | undefined,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** The connection to QuickBooks broke during a cycle (the answer of a request may have been lost). */
export class QbConnectionLost extends Error {
  override readonly name = 'QbConnectionLost';
  constructor(
    message: string,
    /** The HRESULT when QuickBooks went away under a request (see {@link isQuickBooksGone}). */
    readonly hresult?: string,
  ) {
    super(message);
  }
}

/**
 * `ProcessRequest` failures that mean QuickBooks went away under the request — it was closed or stopped working, and
 * the session with it: 0x80040401 "Could not access QuickBooks.", and 0x8004040D for the ticket of the session that
 * ended. Whether QuickBooks processed the request is unknown, so they are a lost connection (the next cycle looks
 * before writing again), never a refusal of the request.
 */
export function isQuickBooksGone(hresult: string): boolean {
  return ['0x80040401', '0x8004040d'].includes(hresult.toLowerCase());
}

/** The cloud refused the token key (HTTP 401/403 with the contract's error code). Never carries the key. */
export class CloudRefusal extends Error {
  override readonly name = 'CloudRefusal';
  constructor(
    readonly code: CloudErrorCode,
    message: string,
    readonly httpStatus: number,
    readonly boundTo?: CompanyFileIdentity,
  ) {
    super(message);
  }
}

/** The cloud could not be reached or failed (network, 4xx/5xx, an answer that is not the contract's). */
export class CloudUnavailable extends Error {
  override readonly name = 'CloudUnavailable';
  constructor(
    message: string,
    /** The HTTP status when the cloud answered (undefined: no answer). */
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

/** QuickBooks answered a query the cycle needs with an error status (e.g. 3391, an iterator that expired). */
export class QbRequestFailed extends Error {
  override readonly name = 'QbRequestFailed';
  constructor(
    readonly request: string,
    readonly statusCode: number,
    message: string,
  ) {
    super(`${request} answered ${statusCode}: ${message}`);
  }
}
