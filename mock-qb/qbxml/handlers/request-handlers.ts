import type { RqHandler } from '../rq-context.js';
import { companyQuery } from './company-query.js';
import { hostQuery } from './host-query.js';
import { preferencesQuery } from './preferences-query.js';

/**
 * The requests the simulator answers, by request element name. A schema-valid request not listed
 * here is answered with status 1030 and journaled as unsupported (mock-qb/README.md lists them).
 */
export const REQUEST_HANDLERS: Readonly<Record<string, RqHandler>> = {
  HostQueryRq: hostQuery,
  CompanyQueryRq: companyQuery,
  PreferencesQueryRq: preferencesQuery,
};
