import type { QbxmlStatus } from '../../src/protocol/qbxml-status.js';
import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';
import type { CompanyStore } from '../store/company-store.js';
import type { RequestSchema } from './schema/request-schema.js';
import type { XmlElement } from './xml-element.js';

/** What a request handler sees: the host, the session, the company file, and the request element. */
export interface RqContext {
  host: QbHost;
  session: SessionInfo;
  store: CompanyStore;
  /** The `…Rq` element. */
  rq: XmlElement;
  /** The qbXML version of the request set (`13.0`). */
  qbxmlVersion: string;
  /** The host clock's time when the request started. */
  now: number;
  /** The qbXML schema (element order of Ret aggregates). */
  schema: RequestSchema;
}

/** What a handler answers: a status (default `Status OK`), extra Rs attributes, and the Rs body lines. */
export interface RqResult {
  status?: QbxmlStatus;
  /** After requestID and the status triplet, e.g. retCount, iteratorRemainingCount, iteratorID. */
  attrs?: [string, string][];
  /** Already-written XML lines of the Rs children. */
  body?: string[];
}

/** Answers one request element. Throw QbxmlStatusError for an error status. */
export type RqHandler = (ctx: RqContext) => RqResult;
