import type { DocValue, RetDoc } from './ret-doc.js';
import type { RequestSchema } from './schema/request-schema.js';

/**
 * A stored doc in schema order at every level: the top-level fields in the order of `path` (`CustomerRet`), each
 * nested aggregate (an address, `SalesOrPurchase`, a reference) in the order of `path/field`. Fields the schema does
 * not have at that place are dropped. Needed after a Mod merged fields into an aggregate.
 */
export function orderDocDeep(doc: RetDoc, schema: RequestSchema, path: string): RetDoc {
  const out: RetDoc = {};
  for (const key of schema.childOrder(path)) {
    const v = doc[key];
    if (v !== undefined) out[key] = orderValue(v, schema, `${path}/${key}`);
  }
  return out;
}

function orderValue(v: DocValue, schema: RequestSchema, path: string): DocValue {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => orderValue(x, schema, path));
  return orderDocDeep(v, schema, path);
}
