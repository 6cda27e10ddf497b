import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const DATA_EXT_HANDLERS: Readonly<Record<string, RqHandler>> = {};
