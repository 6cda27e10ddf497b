import { runListQuery } from '../list-query.js';
import type { ListRow } from '../records/list-records.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import type { RequestSchema } from '../schema/request-schema.js';
import { child, childrenNamed } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, modListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

/**
 * The lists whose records QuickBooks stores as sent (no balances, no computed fields beyond ListCore, FullName and
 * Sublevel): one spec each, the rest from the schema. Whether a list is hierarchical (`ParentRef`, `FullName`,
 * `Sublevel`) is read from its Ret's content model; request fields the Ret does not have are not kept (orderDocDeep
 * drops them), so every answer is the Ret of the schema. Add, Mod (where qbXML 13.0 has it) and Query answer.
 */
export interface SimpleListSpec {
  /** The record kind, also its `ListDelType` and the prefix of its messages (`CustomerType`). */
  kind: string;
  /** Whether qbXML 13.0 has a `…ModRq` for it. */
  mod: boolean;
  /** Record kinds each `…Ref` may point at. */
  refKinds?: Readonly<Record<string, readonly string[]>>;
  /** Query elements beyond the list filters, as a filter on the stored Ret field of the same name. */
  queryFields?: readonly string[];
}

/** The simple lists of qbXML 13.0 the engine answers (mock-qb/qbxml/README.md). */
export const SIMPLE_LISTS: readonly SimpleListSpec[] = [
  { kind: 'CustomerType', mod: false },
  { kind: 'VendorType', mod: false },
  { kind: 'JobType', mod: false },
  { kind: 'ShipMethod', mod: false },
  { kind: 'CustomerMsg', mod: false },
  { kind: 'PaymentMethod', mod: false, queryFields: ['PaymentMethodType'] },
  { kind: 'Vehicle', mod: true },
  { kind: 'OtherName', mod: true },
];

function writeSpec(spec: SimpleListSpec, schema: RequestSchema): ListWriteSpec {
  const ret = schema.childOrder(`${spec.kind}Ret`);
  const hierarchical = ret.includes('ParentRef') && ret.includes('Sublevel');
  return {
    kind: spec.kind,
    objectType: spec.kind,
    refKinds: spec.refKinds ?? {},
    ...(hierarchical ? { parentKinds: [spec.kind] } : {}),
  };
}

/** The request handlers of one simple list. */
function handlersOf(spec: SimpleListSpec): Record<string, RqHandler> {
  const retName = `${spec.kind}Ret`;
  let cached: ListWriteSpec | undefined;
  const write = (ctx: RqContext) => (cached ??= writeSpec(spec, ctx.schema));
  const handlers: Record<string, RqHandler> = {
    [`${spec.kind}AddRq`]: (ctx) => {
      const row = addListRecord(ctx, child(ctx.rq, `${spec.kind}Add`)!, write(ctx));
      return { body: writeOne(ctx, row, retName, includeRetElements(ctx.rq)) };
    },
    [`${spec.kind}QueryRq`]: (ctx) => {
      const wanted = (spec.queryFields ?? [])
        .map((f) => ({ f, values: new Set(childrenNamed(ctx.rq, f).map((e) => e.text)) }))
        .filter((w) => w.values.size > 0);
      return runListQuery(ctx, {
        kinds: [spec.kind],
        retName: () => retName,
        iterators: false, // no simple list query of qbXML 13.0 has iterators
        ...(wanted.length
          ? { extraFilter: (row: ListRow) => wanted.every((w) => w.values.has(String(row.doc[w.f] ?? ''))) }
          : {}),
      });
    },
  };
  if (spec.mod) {
    handlers[`${spec.kind}ModRq`] = (ctx) => {
      const row = modListRecord(ctx, child(ctx.rq, `${spec.kind}Mod`)!, write(ctx));
      return { body: writeOne(ctx, row, retName, includeRetElements(ctx.rq)) };
    };
  }
  return handlers;
}

/** Add, Mod and Query of every {@link SIMPLE_LISTS} list. */
export const SIMPLE_LIST_HANDLERS: Readonly<Record<string, RqHandler>> = Object.assign(
  {},
  ...SIMPLE_LISTS.map(handlersOf),
);
