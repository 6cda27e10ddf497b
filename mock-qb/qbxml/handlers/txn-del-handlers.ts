import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const TXN_DEL_HANDLERS: Readonly<Record<string, RqHandler>> = {};
