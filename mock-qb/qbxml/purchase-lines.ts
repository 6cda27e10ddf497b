import { QbxmlStatusError } from './qbxml-status-error.js';
import { requestToDoc } from './request-to-doc.js';
import { readBool } from './request-values.js';
import type { RetDoc } from './ret-doc.js';
import type { RqContext } from './rq-context.js';
import {
  expenseLineDraft,
  finishLines,
  itemLineDraft,
  linesOf,
  linesTotal,
  modLines,
  type LineDraft,
  type LineSite,
} from './txn-lines.js';
import { TXN_REF_KINDS } from './txn-refs.js';
import { childrenNamed, childText, type XmlElement } from './xml-element.js';

/**
 * The lines of purchase transactions (bills, checks, vendor credits): expense lines, then item lines. Item groups are
 * not kept by the simulator, so an `ItemGroupLineAdd` names an item that cannot be found (3140, line variant).
 */

/** The request elements of an Add's lines. */
export const PURCHASE_LINE_ADDS = ['ExpenseLineAdd', 'ItemLineAdd', 'ItemGroupLineAdd'];
/** The request elements of a Mod's lines. */
export const PURCHASE_LINE_MODS = [
  'ClearExpenseLines',
  'ExpenseLineMod',
  'ClearItemLines',
  'ItemLineMod',
  'ItemGroupLineMod',
];

/** Converts an Add's lines (in request order; refs resolved, amounts computed), before they have TxnLineIDs. */
export function purchaseLineDrafts(ctx: RqContext, add: XmlElement, site: LineSite): LineDraft[] {
  const drafts: LineDraft[] = [];
  for (const el of add.children) {
    if (el.name === 'ExpenseLineAdd') drafts.push(expenseLineDraft(ctx, el, site));
    else if (el.name === 'ItemLineAdd') drafts.push(itemLineDraft(ctx, el, site));
    else if (el.name === 'ItemGroupLineAdd') refuseItemGroup(ctx, el, site);
  }
  return drafts;
}

function refuseItemGroup(ctx: RqContext, el: XmlElement, site: LineSite): never {
  // Resolving the ItemGroupRef against the (empty) item-group list answers 3140 "… in the Bill line".
  requestToDoc(el, { store: ctx.store, refKinds: TXN_REF_KINDS, objectType: site.txnType, line: true });
  throw new Error('unreachable: an item group was resolved');
}

/** An Add's lines with their TxnLineIDs, as Ret fields (`ExpenseLineRet`, `ItemLineRet`), and their total. */
export function finishPurchaseLines(
  ctx: RqContext,
  drafts: readonly LineDraft[],
  site: LineSite,
): { fields: RetDoc; cents: number } {
  const grouped = finishLines(ctx, drafts, site);
  const fields: RetDoc = {};
  let cents = 0;
  for (const key of ['ExpenseLineRet', 'ItemLineRet'] as const) {
    const lines = grouped[key];
    if (lines?.length) {
      fields[key] = lines;
      cents += linesTotal(lines);
    }
  }
  return { fields, cents };
}

/**
 * A Mod's lines applied to a stored doc (QuickBooks' semantics, see txn-lines.ts `modLines`): the new doc's line
 * fields and their total.
 */
export function modPurchaseLines(
  ctx: RqContext,
  stored: RetDoc,
  mod: XmlElement,
  site: LineSite,
): { fields: RetDoc; cents: number; changed: boolean } {
  for (const g of childrenNamed(mod, 'ItemGroupLineMod')) {
    if (childText(g, 'TxnLineID')?.trim() === '-1') refuseItemGroup(ctx, g, site);
    throw QbxmlStatusError.of('objectNotFound', { id: childText(g, 'TxnLineID')?.trim() ?? '' });
  }
  const expense = modLines(
    ctx,
    linesOf(stored, 'ExpenseLineRet'),
    childrenNamed(mod, 'ExpenseLineMod'),
    readBool(mod, 'ClearExpenseLines') ?? false,
    { ret: 'ExpenseLineRet', draft: expenseLineDraft },
    site,
  );
  const item = modLines(
    ctx,
    linesOf(stored, 'ItemLineRet'),
    childrenNamed(mod, 'ItemLineMod'),
    readBool(mod, 'ClearItemLines') ?? false,
    { ret: 'ItemLineRet', draft: itemLineDraft },
    site,
  );
  const fields: RetDoc = {};
  const expenseLines = expense ?? linesOf(stored, 'ExpenseLineRet');
  const itemLines = item ?? linesOf(stored, 'ItemLineRet');
  if (expenseLines.length) fields['ExpenseLineRet'] = expenseLines;
  if (itemLines.length) fields['ItemLineRet'] = itemLines;
  return {
    fields,
    cents: linesTotal(expenseLines) + linesTotal(itemLines),
    changed: expense !== undefined || item !== undefined,
  };
}

/** The doc with its line fields replaced by `lines` (kept in the doc's place, in schema order by the caller). */
export function replaceLines(doc: RetDoc, lines: RetDoc): RetDoc {
  const out: RetDoc = {};
  for (const k in doc) if (k !== 'ExpenseLineRet' && k !== 'ItemLineRet') out[k] = doc[k]!;
  return { ...out, ...lines };
}
