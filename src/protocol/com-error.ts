import { hresultText, type Hresult } from './hresult.js';

/**
 * A COM failure exactly as QBXMLRP2 raises it: the HRESULT and Intuit's description.
 * This is simulated QuickBooks behaviour, never a bug of the simulator (see {@link QbdSimError}).
 */
export class ComError extends Error {
  override readonly name = 'ComError';
  constructor(
    readonly hresult: Hresult,
    message: string = hresultText(hresult),
  ) {
    super(message);
  }

  /** The JSON body the RP2 bridge answers with (HTTP 422). */
  toJSON(): { hresult: Hresult; message: string } {
    return { hresult: this.hresult, message: this.message };
  }
}

/** True for a {@link ComError}, also across module copies. */
export function isComError(error: unknown): error is ComError {
  return error instanceof Error && error.name === 'ComError' && 'hresult' in error;
}
