import { qbxmlStatus, type QbxmlStatus } from '../../src/protocol/qbxml-status.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { TxnRecords, type TxnRow } from './records/txn-records.js';
import { formatCents } from './request-values.js';
import { writeRetDoc, type DocValue, type RetDoc } from './ret-doc.js';
import type { RqContext } from './rq-context.js';
import { localToday, readTxnDate } from './txn-dates.js';
import { childText, type XmlElement } from './xml-element.js';

/** How a transaction's Ret is asked for: with its lines (IncludeLineItems) and links (IncludeLinkedTxns). */
export interface RenderOptions {
  lines: boolean;
  linked: boolean;
}

/** Turns a stored transaction into the Ret doc of an answer. */
export type TxnRender = (ctx: RqContext, row: TxnRow, opts: RenderOptions) => RetDoc;

/** The Ret elements that are lines (left out unless IncludeLineItems is true). */
const LINE_ELEMENTS = new Set([
  'ExpenseLineRet',
  'ItemLineRet',
  'ItemGroupLineRet',
  'InvoiceLineRet',
  'InvoiceLineGroupRet',
  'DiscountLineRet',
  'SalesTaxLineRet',
  'ShippingLineRet',
  'AppliedToTxnRet',
]);

/** The transaction a request names by TxnID, of one of these kinds: 3120 when there is none. */
export function requireTxn(ctx: RqContext, txnId: string, kinds: readonly string[]): TxnRow {
  const row = TxnRecords.of(ctx.store).getById(txnId);
  if (!row || !kinds.includes(row.kind)) throw QbxmlStatusError.of('objectNotFound', { id: txnId });
  return row;
}

/** 3175 when another user has the transaction open (facts §10.2 text, with the TxnID). */
export function requireUnlocked(ctx: RqContext, row: TxnRow): void {
  if (ctx.host.recordLock(ctx.session.filePath, row.txnId)) {
    throw QbxmlStatusError.of('txnLocked', { txnId: row.txnId });
  }
}

/**
 * The transaction a Mod names, checked the way QuickBooks checks it: it must exist (3120), its EditSequence must be
 * the current one (3200), and no other user may have it open (3175).
 */
export function requireTxnEditable(ctx: RqContext, mod: XmlElement, kinds: readonly string[]): TxnRow {
  const row = requireTxn(ctx, childText(mod, 'TxnID')!.trim(), kinds);
  const editSequence = childText(mod, 'EditSequence') ?? '';
  if (editSequence !== row.editSequence) throw QbxmlStatusError.of('staleEditSequence', { editSequence });
  requireUnlocked(ctx, row);
  return row;
}

/** `TxnDate` of an Add, or today in the QuickBooks machine's local time. */
export function txnDateOf(ctx: RqContext, add: XmlElement): string {
  return readTxnDate(add, 'TxnDate') ?? localToday(ctx.now, ctx.host.timeZone);
}

/**
 * The transactions linked to this one, as `LinkedTxn` aggregates: payments and credits applied to a bill or invoice,
 * the bills a credit was applied to. The Amount is what the link takes off this transaction's open amount, written
 * negative (fidelity note). Computed at answer time, so a linked transaction's later date or RefNumber shows.
 */
export function linkedTxns(ctx: RqContext, row: TxnRow): RetDoc[] {
  const records = TxnRecords.of(ctx.store);
  const out: RetDoc[] = [];
  const links = [
    ...records.linksTo(row.txnId).map((l) => ({ other: l.from, cents: l.cents })),
    ...records.linksFrom(row.txnId).map((l) => ({ other: l.to, cents: l.cents })),
  ];
  for (const { other, cents } of links) {
    const o = records.getById(other);
    if (!o) continue;
    out.push({
      TxnID: o.txnId,
      TxnType: o.kind,
      TxnDate: o.txnDate,
      ...(o.refNumber !== null ? { RefNumber: o.refNumber } : {}),
      LinkType: 'AMTTYPE',
      Amount: formatCents(-cents),
    });
  }
  return out;
}

/** The doc with `value` under `key`, placed where the schema order puts it. */
export function insertField(doc: RetDoc, key: string, value: DocValue, order: readonly string[]): RetDoc {
  const at = order.indexOf(key);
  const out: RetDoc = {};
  let placed = false;
  for (const k in doc) {
    if (!placed && order.indexOf(k) > at) {
      out[key] = value;
      placed = true;
    }
    if (k !== key) out[k] = doc[k]!;
  }
  if (!placed) out[key] = value;
  return out;
}

/** The doc without its lines (a query without IncludeLineItems). */
export function withoutLines(doc: RetDoc): RetDoc {
  const out: RetDoc = {};
  for (const k in doc) if (!LINE_ELEMENTS.has(k)) out[k] = doc[k]!;
  return out;
}

/** The common render: lines when asked, LinkedTxn when asked and present. */
export function renderWithLinks(retName: string): TxnRender {
  return (ctx, row, opts) => {
    let doc = opts.lines ? row.doc : withoutLines(row.doc);
    if (opts.linked) {
      const linked = linkedTxns(ctx, row);
      if (linked.length) doc = insertField(doc, 'LinkedTxn', linked, ctx.schema.retOrder(retName));
    }
    return doc;
  };
}

/** Writes an Add/Mod answer's Ret (trimmed by the request's IncludeRetElement). */
export function writeTxnRet(retName: string, doc: RetDoc, include?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  writeRetDoc(retName, doc, out, include);
  return out;
}

/**
 * Status 530 (Warn, the rest saved) for the first field the simulator accepts but does not keep — a path under the
 * request aggregate such as `ExpenseLineAdd/DataExt` (custom fields on lines) — so it is never a silent OK.
 */
export function notKept(el: XmlElement, paths: readonly string[]): QbxmlStatus | undefined {
  for (const path of paths) {
    const [first, second] = path.split('/');
    const hit = el.children.some(
      (c) => c.name === first && (second === undefined || c.children.some((g) => g.name === second)),
    );
    if (hit) return qbxmlStatus('fieldNotSupported', { fieldName: second ?? first! });
  }
  return undefined;
}
