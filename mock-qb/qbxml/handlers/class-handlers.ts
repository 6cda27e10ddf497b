import type { RqHandler } from '../rq-context.js';

/** (being built) */
export const CLASS_HANDLERS: Readonly<Record<string, RqHandler>> = {};
