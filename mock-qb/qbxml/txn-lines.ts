import { QbxmlStatusError } from './qbxml-status-error.js';
import { idFactory } from './records/id-factory.js';
import { ListRecords, type ListRow } from './records/list-records.js';
import type { RefDoc } from './ref-resolver.js';
import { mergeDoc, orderDoc, requestToDoc } from './request-to-doc.js';
import { formatCents, readCents } from './request-values.js';
import type { DocValue, RetDoc } from './ret-doc.js';
import type { RqContext } from './rq-context.js';
import { centsOf, formatPrice, formatQuantity, readDecimal, roundCents } from './txn-amounts.js';
import { TXN_REF_KINDS } from './txn-refs.js';
import { child, childText, type XmlElement } from './xml-element.js';

/**
 * Transaction lines: expense lines (`ExpenseLineAdd` → `ExpenseLineRet`), item lines of purchases (`ItemLineAdd` →
 * `ItemLineRet`) and invoice lines (`InvoiceLineAdd` → `InvoiceLineRet`), and QuickBooks' Mod semantics for them.
 */

/** Where lines are written: the transaction's Ret (`BillRet`) and its qbXML type for 3140 texts (`Bill`). */
export interface LineSite {
  retName: string;
  txnType: string;
}

/** The line kinds: the Ret element each becomes. */
export type LineRetName = 'ExpenseLineRet' | 'ItemLineRet' | 'InvoiceLineRet';

/** A line converted from a request, before it has its TxnLineID. */
export interface LineDraft {
  ret: LineRetName;
  doc: RetDoc;
}

/** Not simulated on lines: line-level custom fields, and price-rule options. Accepted and not stored. */
const LINE_UNSTORED = ['DataExt', 'OptionForPriceRuleConflict'];

/** A decimal of a stored doc (Quantity, Cost, Rate). */
function decimalOf(v: DocValue | undefined): number | undefined {
  return typeof v === 'string' && v !== '' ? Number(v) : undefined;
}

/** A nested field of an item's doc (`SalesOrPurchase/Price`). */
function itemField(item: ListRow | undefined, ...paths: string[]): string | undefined {
  if (!item) return undefined;
  for (const path of paths) {
    let cur: DocValue | undefined = item.doc;
    for (const part of path.split('/')) {
      cur = cur && typeof cur === 'object' && !Array.isArray(cur) ? cur[part] : undefined;
    }
    if (typeof cur === 'string') return cur;
  }
  return undefined;
}

function itemOf(ctx: RqContext, doc: RetDoc): ListRow | undefined {
  const ref = doc['ItemRef'] as RefDoc | undefined;
  return ref ? ListRecords.of(ctx.store).getById(ref.ListID) : undefined;
}

/** A line linking to a purchase order or sales order: the simulator keeps none, so the TxnID cannot be found. */
function refuseLinkToTxn(el: XmlElement): void {
  const link = child(el, 'LinkToTxn');
  if (link) throw QbxmlStatusError.of('objectNotFound', { id: childText(link, 'TxnID')?.trim() ?? '' });
}

function convert(ctx: RqContext, el: XmlElement, site: LineSite, skip: readonly string[]): RetDoc {
  return requestToDoc(el, {
    store: ctx.store,
    refKinds: TXN_REF_KINDS,
    objectType: site.txnType,
    line: true,
    skip: new Set([...LINE_UNSTORED, 'TxnLineID', ...skip]),
  });
}

/** `ExpenseLineAdd` → an expense line; `Amount` defaults to 0.00. */
export function expenseLineDraft(ctx: RqContext, el: XmlElement, site: LineSite): LineDraft {
  const doc = convert(ctx, el, site, []);
  doc['Amount'] ??= '0.00';
  return { ret: 'ExpenseLineRet', doc };
}

/**
 * `ItemLineAdd` of a purchase → an item line: `Cost` defaults to the item's purchase cost, `Desc` to its purchase
 * description; `Amount` is Quantity × Cost unless given (then Cost is Amount ÷ Quantity when not given).
 */
export function itemLineDraft(ctx: RqContext, el: XmlElement, site: LineSite): LineDraft {
  refuseLinkToTxn(el);
  const doc = convert(ctx, el, site, ['Quantity', 'Cost', 'Amount', 'LinkToTxn']);
  const item = itemOf(ctx, doc);
  const qty = readDecimal(el, 'Quantity');
  let cost = readDecimal(el, 'Cost');
  let amount = readCents(el, 'Amount');
  if (cost === undefined && amount === undefined) {
    const c = itemField(item, 'SalesAndPurchase/PurchaseCost', 'SalesOrPurchase/Price', 'PurchaseCost');
    if (c !== undefined) cost = Number(c);
  }
  if (amount === undefined) amount = roundCents((qty ?? 1) * (cost ?? 0));
  else if (cost === undefined && qty) cost = amount / 100 / qty;
  doc['Desc'] ??= itemField(item, 'SalesAndPurchase/PurchaseDesc', 'SalesOrPurchase/Desc') ?? '';
  if (doc['Desc'] === '') delete doc['Desc'];
  if (qty !== undefined) doc['Quantity'] = formatQuantity(qty);
  if (cost !== undefined) doc['Cost'] = formatPrice(cost);
  doc['Amount'] = formatCents(amount);
  return { ret: 'ItemLineRet', doc };
}

/**
 * `InvoiceLineAdd` → an invoice line: `Rate` defaults to the item's sales price, `Desc` to its sales description;
 * `Amount` is Quantity × Rate (the Rate alone without a Quantity) unless given. A line without an item is a
 * description line.
 */
export function invoiceLineDraft(ctx: RqContext, el: XmlElement, site: LineSite): LineDraft {
  refuseLinkToTxn(el);
  const doc = convert(ctx, el, site, ['Quantity', 'Rate', 'Amount', 'LinkToTxn', 'OverrideItemAccountRef']);
  const item = itemOf(ctx, doc);
  const qty = readDecimal(el, 'Quantity');
  let rate = readDecimal(el, 'Rate');
  let amount = readCents(el, 'Amount');
  if (item) {
    if (rate === undefined && amount === undefined && child(el, 'RatePercent') === undefined) {
      const p = itemField(item, 'SalesAndPurchase/SalesPrice', 'SalesOrPurchase/Price');
      if (p !== undefined) rate = Number(p);
    }
    if (amount === undefined) amount = roundCents((qty ?? 1) * (rate ?? 0));
    else if (rate === undefined && qty) rate = amount / 100 / qty;
    doc['Desc'] ??= itemField(item, 'SalesAndPurchase/SalesDesc', 'SalesOrPurchase/Desc') ?? '';
    if (doc['Desc'] === '') delete doc['Desc'];
  }
  if (qty !== undefined) doc['Quantity'] = formatQuantity(qty);
  if (rate !== undefined) doc['Rate'] = formatPrice(rate);
  if (amount !== undefined) doc['Amount'] = formatCents(amount);
  return { ret: 'InvoiceLineRet', doc };
}

/** The line's stored doc in the Ret's order, with its new TxnLineID (made after the TxnID, as in QuickBooks). */
export function finishLine(ctx: RqContext, draft: LineDraft, site: LineSite, txnLineId?: string): RetDoc {
  const id = txnLineId ?? idFactory.txnLineId(ctx.store, ctx.now);
  return orderDoc({ TxnLineID: id, ...draft.doc }, ctx.schema.childOrder(`${site.retName}/${draft.ret}`));
}

/** Lines grouped by Ret element, each with a TxnLineID. */
export function finishLines(
  ctx: RqContext,
  drafts: readonly LineDraft[],
  site: LineSite,
): Partial<Record<LineRetName, RetDoc[]>> {
  const out: Partial<Record<LineRetName, RetDoc[]>> = {};
  const ids = idFactory.txnLineIds(ctx.store, ctx.now, drafts.length);
  drafts.forEach((d, i) => (out[d.ret] ??= []).push(finishLine(ctx, d, site, ids[i])));
  return out;
}

/** The lines of a stored doc under one Ret element. */
export function linesOf(doc: RetDoc, ret: LineRetName): RetDoc[] {
  const v = doc[ret];
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]) as RetDoc[];
}

/** The sum of the Amounts of lines. */
export function linesTotal(lines: readonly RetDoc[]): number {
  let total = 0;
  for (const l of lines) total += centsOf(l['Amount']);
  return total;
}

/** How one kind of line is added and changed in a Mod. */
export interface LineModSpec {
  ret: LineRetName;
  /** `ExpenseLineMod` with TxnLineID -1 (the fields of an Add). */
  draft: (ctx: RqContext, el: XmlElement, site: LineSite) => LineDraft;
}

/**
 * QuickBooks' Mod semantics for one kind of line (`ClearExpenseLines` + `ExpenseLineMod*`): without either, the lines
 * stay (undefined is returned). With `ExpenseLineMod`s the lines become exactly those listed, in that order: an
 * existing TxnLineID is changed field by field, `-1` adds a line, and every line not listed is deleted. The clear
 * flag deletes all lines first (then only `-1` lines can follow; an old TxnLineID answers 3120).
 */
export function modLines(
  ctx: RqContext,
  existing: readonly RetDoc[],
  mods: readonly XmlElement[],
  clear: boolean,
  spec: LineModSpec,
  site: LineSite,
): RetDoc[] | undefined {
  if (!clear && mods.length === 0) return undefined;
  const base = clear ? [] : existing;
  const out: RetDoc[] = [];
  for (const mod of mods) {
    const id = childText(mod, 'TxnLineID')?.trim() ?? '';
    if (id === '-1') {
      out.push(finishLine(ctx, spec.draft(ctx, mod, site), site));
      continue;
    }
    const line = base.find((l) => l['TxnLineID'] === id);
    if (!line) throw QbxmlStatusError.of('objectNotFound', { id });
    out.push(orderDoc(patchLine(ctx, line, mod, spec.ret, site), ctx.schema.childOrder(`${site.retName}/${spec.ret}`)));
  }
  return out;
}

/** An existing line changed by a `…LineMod`: amounts follow a changed quantity, cost or rate. */
function patchLine(ctx: RqContext, line: RetDoc, mod: XmlElement, ret: LineRetName, site: LineSite): RetDoc {
  if (ret === 'ExpenseLineRet') return mergeDoc(line, convert(ctx, mod, site, []));
  refuseLinkToTxn(mod);
  const priceField = ret === 'ItemLineRet' ? 'Cost' : 'Rate';
  const patch = convert(ctx, mod, site, ['Quantity', priceField, 'Amount', 'LinkToTxn', 'OverrideItemAccountRef']);
  const out = mergeDoc(line, patch);
  const qtyGiven = readDecimal(mod, 'Quantity');
  const priceGiven = readDecimal(mod, priceField);
  const amountGiven = readCents(mod, 'Amount');
  if (qtyGiven !== undefined) out['Quantity'] = formatQuantity(qtyGiven);
  if (priceGiven !== undefined) out[priceField] = formatPrice(priceGiven);
  if (amountGiven !== undefined) out['Amount'] = formatCents(amountGiven);
  else if (qtyGiven !== undefined || priceGiven !== undefined) {
    const qty = decimalOf(out['Quantity']) ?? 1;
    const price = decimalOf(out[priceField]) ?? 0;
    out['Amount'] = formatCents(roundCents(qty * price));
  }
  return out;
}
