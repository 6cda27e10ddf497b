import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const ITEM_HANDLERS: Readonly<Record<string, RqHandler>> = {};
