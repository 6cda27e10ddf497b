import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const ACCOUNT_HANDLERS: Readonly<Record<string, RqHandler>> = {};
