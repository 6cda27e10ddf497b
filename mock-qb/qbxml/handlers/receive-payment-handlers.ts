import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const RECEIVE_PAYMENT_HANDLERS: Readonly<Record<string, RqHandler>> = {};
