import { qbxmlStatus, type QbxmlStatus, type QbxmlStatusKey } from '../../src/protocol/qbxml-status.js';

/**
 * Thrown by a request handler to answer with an error status (the request's transaction is rolled
 * back). Simulated QuickBooks behaviour: it becomes the Rs element's status triplet.
 */
export class QbxmlStatusError extends Error {
  override readonly name = 'QbxmlStatusError';
  readonly status: QbxmlStatus;
  /** Extra Rs content (e.g. the Ret that could not be saved is never returned; ErrorRecovery may be). */
  constructor(status: QbxmlStatus) {
    super(status.statusMessage);
    this.status = status;
  }

  static of(key: QbxmlStatusKey, vars?: Record<string, string | number>): QbxmlStatusError {
    return new QbxmlStatusError(qbxmlStatus(key, vars));
  }
}
