/**
 * The tray statuses of the connector (flows.md): the user's only diagnostic. A status record is one line of the
 * status channel: `{"ts", "company", "status", "detail"}`.
 */
export const CONNECTOR_STATUSES = [
  'Connecting',
  'Synchronizing with QuickBooks',
  'Connected to Server',
  'Unable to open QuickBooks file',
  'Token required',
  'Token rejected',
] as const;

/** Exactly one of {@link CONNECTOR_STATUSES}. */
export type ConnectorStatus = (typeof CONNECTOR_STATUSES)[number];

/** What stands behind a status: the HRESULT and QuickBooks' text behind `Unable to open QuickBooks file`, a reason. */
export interface StatusDetail {
  /** The QBXMLRP2 HRESULT (`0x80040418`) when QuickBooks refused the session. */
  hresult?: string;
  /** QuickBooks' (or the cloud's) message. Never a token key. */
  message?: string;
  /** A short machine-readable reason (`no-token`, `token_revoked`, `connection-lost`, ...). */
  reason?: string;
}

/** One line of the status channel (stdout and the status file in the state directory). */
export interface StatusRecord {
  /** ISO-8601, the connector's own clock. */
  ts: string;
  /** The company file's path as configured. */
  company: string;
  status: ConnectorStatus;
  detail: StatusDetail;
}
