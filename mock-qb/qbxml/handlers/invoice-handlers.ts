import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const INVOICE_HANDLERS: Readonly<Record<string, RqHandler>> = {};
