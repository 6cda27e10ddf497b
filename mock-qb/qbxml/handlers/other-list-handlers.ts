import { runListQuery } from '../list-query.js';
import type { RqHandler } from '../rq-context.js';

/** SalesTaxCodeQuery: the list filters; no iterator. A new US company has `Tax` and `Non` (records/company-defaults.ts). */
const salesTaxCodeQuery: RqHandler = (ctx) =>
  runListQuery(ctx, { kinds: ['SalesTaxCode'], retName: () => 'SalesTaxCodeRet', iterators: false });

/** SalesTaxCodeQuery (PaymentMethod is a simple list: simple-list-handlers.ts). */
export const OTHER_LIST_HANDLERS: Readonly<Record<string, RqHandler>> = {
  SalesTaxCodeQueryRq: salesTaxCodeQuery,
};
