import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { formatPercent } from '../format-percent.js';
import { listKind } from '../list-kinds.js';
import { runListQuery } from '../list-query.js';
import type { ListRow } from '../records/list-records.js';
import { refFilter } from '../ref-filter.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { child, childText, type XmlElement } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, modListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

/** The item types the simulator keeps (all share one name space: an item name is unique across types). */
export const ITEM_KINDS = ['ItemService', 'ItemNonInventory', 'ItemOtherCharge'] as const;

/** Lists an item's references may point at; `SalesOrPurchase`/`SalesAndPurchase` accounts must be accounts (3140). */
const ITEM_REFS = {
  ClassRef: ['Class'],
  UnitOfMeasureSetRef: ['UnitOfMeasureSet'],
  SalesTaxCodeRef: ['SalesTaxCode'],
  AccountRef: ['Account'],
  IncomeAccountRef: ['Account'],
  ExpenseAccountRef: ['Account'],
  PurchaseTaxCodeRef: ['SalesTaxCode'],
  PrefVendorRef: ['Vendor'],
} as const;

function itemSpec(kind: (typeof ITEM_KINDS)[number]): ListWriteSpec {
  return {
    kind,
    // A sub-item is of its parent's type (QuickBooks offers only items of the same type as "Subitem of").
    parentKinds: [kind],
    objectType: kind,
    refKinds: ITEM_REFS,
    // BarCode (an aggregate in requests) comes back as BarCodeValue; ForceUOMChange is an instruction, not a field.
    skip: ['BarCode', 'ForceUOMChange'],
    rename: { SalesOrPurchaseMod: 'SalesOrPurchase', SalesAndPurchaseMod: 'SalesAndPurchase' },
  };
}

function aggregate(v: RetDoc[string] | undefined): RetDoc | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}

/** What QuickBooks stores from the request's BarCode and percent fields. */
function computed(doc: RetDoc, el: XmlElement): RetDoc {
  const out: RetDoc = { ...doc };
  const barCode = child(el, 'BarCode');
  const value = barCode && childText(barCode, 'BarCodeValue');
  if (value !== undefined) out['BarCodeValue'] = value;
  const sop = aggregate(out['SalesOrPurchase']);
  if (sop && typeof sop['PricePercent'] === 'string') {
    out['SalesOrPurchase'] = { ...sop, PricePercent: formatPercent(sop['PricePercent']) };
  }
  return out;
}

const itemAdd =
  (kind: (typeof ITEM_KINDS)[number]): RqHandler =>
  (ctx) => {
    const add = child(ctx.rq, `${kind}Add`)!;
    const row = addListRecord(ctx, add, itemSpec(kind), (doc) => computed(doc, add));
    return { body: writeOne(ctx, row, listKind(kind).retName, includeRetElements(ctx.rq)) };
  };

/**
 * An item Mod: `SalesOrPurchaseMod` / `SalesAndPurchaseMod` change the stored aggregate field by field; a new
 * `Price` replaces a `PricePercent` and the other way round; sending the other aggregate switches the item between
 * one account (SalesOrPurchase) and separate income and expense accounts (SalesAndPurchase).
 */
const itemMod =
  (kind: (typeof ITEM_KINDS)[number]): RqHandler =>
  (ctx) => {
    const mod = child(ctx.rq, `${kind}Mod`)!;
    const row = modListRecord(ctx, mod, itemSpec(kind), (doc) => {
      const out = computed(doc, mod);
      const sopMod = child(mod, 'SalesOrPurchaseMod');
      const sapMod = child(mod, 'SalesAndPurchaseMod');
      const sop = aggregate(out['SalesOrPurchase']);
      if (sopMod && sop) {
        const next = { ...sop };
        if (child(sopMod, 'Price')) delete next['PricePercent'];
        if (child(sopMod, 'PricePercent')) delete next['Price'];
        out['SalesOrPurchase'] = next;
      }
      if (sopMod && !sapMod) delete out['SalesAndPurchase'];
      if (sapMod && !sopMod) delete out['SalesOrPurchase'];
      return out;
    });
    return { body: writeOne(ctx, row, listKind(kind).retName, includeRetElements(ctx.rq)) };
  };

/** An item query over `kinds`, iterators allowed; `ClassFilter` where the message has it. */
const itemQuery =
  (kinds: readonly string[]): RqHandler =>
  (ctx) => {
    const classFilter = child(ctx.rq, 'ClassFilter');
    const byClass = classFilter && refFilter(ctx.store, classFilter, ['Class'], 'ClassRef');
    if (byClass?.missing !== undefined) return { status: qbxmlStatus('queryIncomplete', { value: byClass.missing }) };
    return runListQuery(ctx, {
      kinds,
      retName: (row) => listKind(row.kind).retName,
      iterators: true,
      ...(byClass ? { extraFilter: (row: ListRow) => byClass.match(row) } : {}),
    });
  };

/** ItemService/ItemNonInventory/ItemOtherCharge Add, Mod and Query, and ItemQuery (every kept item type). */
export const ITEM_HANDLERS: Readonly<Record<string, RqHandler>> = {
  ItemServiceAddRq: itemAdd('ItemService'),
  ItemServiceModRq: itemMod('ItemService'),
  ItemServiceQueryRq: itemQuery(['ItemService']),
  ItemNonInventoryAddRq: itemAdd('ItemNonInventory'),
  ItemNonInventoryModRq: itemMod('ItemNonInventory'),
  ItemNonInventoryQueryRq: itemQuery(['ItemNonInventory']),
  ItemOtherChargeAddRq: itemAdd('ItemOtherCharge'),
  ItemOtherChargeModRq: itemMod('ItemOtherCharge'),
  ItemOtherChargeQueryRq: itemQuery(['ItemOtherCharge']),
  ItemQueryRq: itemQuery(ITEM_KINDS),
};
