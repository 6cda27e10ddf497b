import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const BILL_HANDLERS: Readonly<Record<string, RqHandler>> = {};
