import { runListQuery } from '../list-query.js';
import type { ListRow } from '../records/list-records.js';
import type { RqHandler } from '../rq-context.js';
import { childrenNamed } from '../xml-element.js';

/** SalesTaxCodeQuery: the list filters; no iterator. A new US company has `Tax` and `Non` (records/company-defaults.ts). */
const salesTaxCodeQuery: RqHandler = (ctx) =>
  runListQuery(ctx, { kinds: ['SalesTaxCode'], retName: () => 'SalesTaxCodeRet', iterators: false });

/** PaymentMethodQuery: the list filters plus `PaymentMethodType*`; no iterator. */
const paymentMethodQuery: RqHandler = (ctx) => {
  const types = new Set(childrenNamed(ctx.rq, 'PaymentMethodType').map((e) => e.text));
  return runListQuery(ctx, {
    kinds: ['PaymentMethod'],
    retName: () => 'PaymentMethodRet',
    iterators: false,
    ...(types.size ? { extraFilter: (row: ListRow) => types.has(String(row.doc['PaymentMethodType'])) } : {}),
  });
};

/**
 * SalesTaxCodeQuery and PaymentMethodQuery. Their Add messages are not in the simulated set (the schema table does
 * not hold them), so they are answered 1030 and journaled as unsupported, like every known request not simulated.
 */
export const OTHER_LIST_HANDLERS: Readonly<Record<string, RqHandler>> = {
  SalesTaxCodeQueryRq: salesTaxCodeQuery,
  PaymentMethodQueryRq: paymentMethodQuery,
};
