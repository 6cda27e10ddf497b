import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const CHECK_HANDLERS: Readonly<Record<string, RqHandler>> = {};
