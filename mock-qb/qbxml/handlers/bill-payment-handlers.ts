import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const BILL_PAYMENT_HANDLERS: Readonly<Record<string, RqHandler>> = {};
