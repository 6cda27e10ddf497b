import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const TERMS_HANDLERS: Readonly<Record<string, RqHandler>> = {};
