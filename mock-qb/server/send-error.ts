import type { ErrorRequestHandler } from 'express';
import { isComError } from '../../src/protocol/com-error.js';
import { isQbdSimError, QbdSimError, type QbdSimErrorCode } from '../../src/protocol/qbd-sim-error.js';
import { isUiRefusal } from '../engine/ui-refusal.js';
import { StoreError } from '../store/store-error.js';

const STATUS: Partial<Record<QbdSimErrorCode, number>> = {
  QBDSIM_ERR_BAD_REQUEST: 400,
  QBDSIM_ERR_UNAUTHORIZED: 401,
  QBDSIM_ERR_TOO_LARGE: 413,
  QBDSIM_ERR_UNKNOWN_HOST: 404,
  QBDSIM_ERR_UNKNOWN_PROCESSOR: 404,
  QBDSIM_ERR_UNKNOWN_FILE: 404,
  QBDSIM_ERR_UNKNOWN_USER: 404,
  QBDSIM_ERR_UNKNOWN_APP: 404,
  QBDSIM_ERR_UNKNOWN_DIALOG: 404,
  QBDSIM_ERR_UNKNOWN_SNAPSHOT: 404,
  QBDSIM_ERR_DUPLICATE: 409,
  QBDSIM_ERR_CLOCK: 400,
  QBDSIM_ERR_NOT_SIMULATED: 501,
};

/**
 * One mapping from errors to HTTP for every app of the mock:
 * ComError → 422 `{hresult, message}` (simulated QuickBooks), UiRefusal → 409 `{refused, message}`
 * (simulated QuickBooks UI), QbdSimError → 4xx/501 `{code, message}` (the simulator's own), anything
 * else → 500 QBDSIM_ERR_INTERNAL (a bug: the message says so, never dressed up as QuickBooks).
 */
export const sendError: ErrorRequestHandler = (error: unknown, _req, res, next) => {
  if (res.headersSent) return next(error);
  if (isComError(error)) return void res.status(422).json({ hresult: error.hresult, message: error.message });
  if (isUiRefusal(error)) return void res.status(409).json({ refused: true, message: error.message });
  if (isQbdSimError(error)) return void res.status(STATUS[error.code] ?? 500).json(error.toJSON());
  if (error instanceof StoreError && error.code === 'DUPLICATE') {
    return void res.status(409).json(new QbdSimError('QBDSIM_ERR_DUPLICATE', error.message).toJSON());
  }
  const e = error as { type?: string; status?: number; message?: string; limit?: number; length?: number };
  if (e?.type === 'entity.too.large') {
    return void res
      .status(413)
      .json(
        new QbdSimError(
          'QBDSIM_ERR_TOO_LARGE',
          `the request body (${e.length ?? '?'} bytes) is over qbd-sim's limit of ${e.limit ?? '?'} bytes for this route`,
          { limitBytes: e.limit ?? null, bytes: e.length ?? null },
        ).toJSON(),
      );
  }
  if (e?.type === 'entity.parse.failed' || e?.status === 400) {
    return void res
      .status(e.status ?? 400)
      .json(
        new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `the request body is not valid JSON: ${e.message ?? ''}`).toJSON(),
      );
  }
  res
    .status(500)
    .json(
      new QbdSimError(
        'QBDSIM_ERR_INTERNAL',
        `qbd-sim failed internally (a bug in qbd-sim): ${String((error as Error)?.message ?? error)}`,
      ).toJSON(),
    );
};
