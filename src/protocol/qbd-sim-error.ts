/**
 * Stable codes for the simulator's own errors: misuse, bad input, limits. These are never
 * QuickBooks answers; a test or a user can match on `code`. Keep in step with the table in
 * mock-qb/README.md (a unit test checks).
 */
export const QBDSIM_ERRORS = {
  QBDSIM_ERR_BAD_REQUEST: 'The request to qbd-sim is malformed.',
  QBDSIM_ERR_UNKNOWN_HOST: 'No QuickBooks host has that id.',
  QBDSIM_ERR_UNKNOWN_PROCESSOR: 'No request processor has that id (it was released or never created).',
  QBDSIM_ERR_UNKNOWN_FILE: 'No company file is defined at that path on this host.',
  QBDSIM_ERR_UNKNOWN_USER: 'The company file has no user by that name.',
  QBDSIM_ERR_UNKNOWN_APP: 'The Integrated Applications list has no application by that name.',
  QBDSIM_ERR_UNKNOWN_DIALOG: 'No dialog with that id is showing.',
  QBDSIM_ERR_UNKNOWN_SNAPSHOT: 'No snapshot has that id.',
  QBDSIM_ERR_DUPLICATE: 'Something with that name or path already exists.',
  QBDSIM_ERR_CLOCK: 'The clock cannot do that (it is the system clock, or time would go backwards).',
  QBDSIM_ERR_NOT_SIMULATED: 'qbd-sim does not simulate this yet.',
  QBDSIM_ERR_UNAUTHORIZED:
    'The control token is missing or wrong: send Authorization: Bearer <token> (the --control-token or QBDSIM_CONTROL_TOKEN of qbd-sim serve).',
  QBDSIM_ERR_TOO_LARGE: "The qbXML document is over qbd-sim's size or nesting limit (not a QuickBooks answer).",
  QBDSIM_ERR_INTERNAL: 'qbd-sim failed internally; this is a bug in qbd-sim, please report it.',
} as const;

/** A code from {@link QBDSIM_ERRORS}. */
export type QbdSimErrorCode = keyof typeof QBDSIM_ERRORS;

/** The simulator's own failure (misuse, bad input, a limit) — never a simulated QuickBooks answer. */
export class QbdSimError extends Error {
  override readonly name = 'QbdSimError';
  constructor(
    readonly code: QbdSimErrorCode,
    message: string = QBDSIM_ERRORS[code],
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  toJSON(): { code: QbdSimErrorCode; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** True for a {@link QbdSimError}, also across module copies. */
export function isQbdSimError(error: unknown): error is QbdSimError {
  return error instanceof Error && error.name === 'QbdSimError' && 'code' in error;
}
