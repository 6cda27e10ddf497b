import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const OTHER_LIST_HANDLERS: Readonly<Record<string, RqHandler>> = {};
