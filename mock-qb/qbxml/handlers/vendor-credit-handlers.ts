import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const VENDOR_CREDIT_HANDLERS: Readonly<Record<string, RqHandler>> = {};
