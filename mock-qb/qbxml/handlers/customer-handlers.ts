import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const CUSTOMER_HANDLERS: Readonly<Record<string, RqHandler>> = {};
