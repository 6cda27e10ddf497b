import { adjustEntityBalance } from '../entity-balance.js';
import {
  finishPurchaseLines,
  modPurchaseLines,
  PURCHASE_LINE_ADDS,
  PURCHASE_LINE_MODS,
  purchaseLineDrafts,
  replaceLines,
} from '../purchase-lines.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { ListRecords, type ListRow } from '../records/list-records.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef, type RefDoc } from '../ref-resolver.js';
import { mergeDoc, orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import { runTxnQuery } from '../txn-query.js';
import { centsOf } from '../txn-amounts.js';
import { dueDateFromTerms, readTxnDate } from '../txn-dates.js';
import { linesTotal } from '../txn-lines.js';
import { headerAccount, resolveAccountOfType, TXN_REF_KINDS } from '../txn-refs.js';
import { notKept, renderWithLinks, requireTxnEditable, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { DAYS_BILLS_ARE_DUE } from './preferences-query.js';

const SITE = { retName: 'BillRet', txnType: 'Bill' };
const AP_TYPES = ['AccountsPayable'];

/** Header fields handled apart from the generic conversion. */
const HEADER_SKIP = ['VendorRef', 'APAccountRef', 'TxnDate', 'DueDate', 'ExchangeRate', 'LinkToTxnID'];

/** The terms record a TermsRef points at (a vendor's terms may have been deleted since). */
function termsOf(ctx: RqContext, ref: RetDoc[string] | undefined): ListRow | undefined {
  const listId = (ref as RefDoc | undefined)?.ListID;
  return listId ? ListRecords.of(ctx.store).getById(listId) : undefined;
}

/**
 * BillAdd: `VendorRef`; `APAccountRef` defaults to the company's A/P account (none → 3180); `TxnDate` to today in the
 * QuickBooks machine's local date; `TermsRef` and `VendorAddress` to the vendor's; `DueDate` from the terms
 * (`StdDueDays` / `DayOfMonthDue`), or the "bills are due" preference (10 days) without terms. `AmountDue` is the
 * sum of the lines, `OpenAmount` starts there, `IsPaid` is false (true for a zero bill). The vendor's `Balance`
 * rises by the amount without editing the vendor. `LinkToTxnID` names a purchase order or item receipt the simulator
 * does not keep (3120). Custom fields on lines (`DataExt` in a line) are not kept: status 530 (Warn), the bill saved.
 */
const billAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'BillAdd')!;
  const db = ctx.store;
  const vendor = resolveRef(db, child(add, 'VendorRef')!, ['Vendor'], { refKind: 'Vendor', txnType: 'Bill' });
  const fields = requestToDoc(add, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'Bill',
    skip: new Set([...HEADER_SKIP, ...PURCHASE_LINE_ADDS]),
  });
  const apAccount = headerAccount(ctx, child(add, 'APAccountRef'), 'AccountsPayable', AP_TYPES, 'Bill');
  const link = childrenNamed(add, 'LinkToTxnID')[0];
  if (link) throw QbxmlStatusError.of('objectNotFound', { id: link.text.trim() });
  const drafts = purchaseLineDrafts(ctx, add, SITE);
  if (!drafts.length) throw QbxmlStatusError.of('txnEmpty', { txnType: 'Bill' });

  const txnDate = txnDateOf(ctx, add);
  const termsRef = fields['TermsRef'] ?? vendor.doc['TermsRef'];
  const terms = termsOf(ctx, termsRef);
  const dueDate = readTxnDate(add, 'DueDate') ?? dueDateFromTerms(terms, txnDate, terms ? 0 : DAYS_BILLS_ARE_DUE);
  const vendorAddress = fields['VendorAddress'] ?? vendor.doc['VendorAddress'];
  const refNumber = childText(add, 'RefNumber') ?? null;
  const cents = linesTotal(drafts.map((d) => d.doc));

  const row = TxnRecords.of(db).insert({
    kind: 'Bill',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    columns: { refNumber, txnDate, entityId: vendor.listId, accountId: apAccount.listId, isPaid: cents === 0 },
    build: () => {
      const lines = finishPurchaseLines(ctx, drafts, SITE);
      const amount = formatCents(cents);
      return orderDoc(
        {
          ...fields,
          VendorRef: refDoc(vendor),
          ...(vendorAddress !== undefined ? { VendorAddress: vendorAddress } : {}),
          APAccountRef: refDoc(apAccount),
          TxnDate: txnDate,
          DueDate: dueDate,
          AmountDue: amount,
          ...(terms ? { TermsRef: refDoc(terms) } : {}),
          IsPaid: String(cents === 0),
          ...lines.fields,
          OpenAmount: amount,
        },
        ctx.schema.retOrder('BillRet'),
      );
    },
  });
  adjustEntityBalance(ctx, vendor.listId, cents);
  const status = notKept(add, ['ExpenseLineAdd/DataExt', 'ItemLineAdd/DataExt']);
  return { ...(status ? { status } : {}), body: writeTxnRet('BillRet', row.doc, includeRetElements(ctx.rq)) };
};

/**
 * BillMod: TxnID + EditSequence (3120 / 3200 / 3175 when another user has the bill open); header fields replace the
 * stored ones; `ClearExpenseLines` / `ExpenseLineMod` (TxnLineID `-1` adds a line; lines not listed are deleted) and
 * the item-line equivalents. AmountDue follows the lines, OpenAmount keeps what was paid, the vendor's balance moves
 * by the difference. A change of vendor or A/P account under applied payments, or an amount below what was paid,
 * answers 3180 (fidelity note). DueDate follows a new TxnDate or TermsRef unless given.
 */
const billMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'BillMod')!;
  const db = ctx.store;
  const records = TxnRecords.of(db);
  const row = requireTxnEditable(ctx, mod, ['Bill']);
  const patch = requestToDoc(mod, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'Bill',
    skip: new Set(['TxnID', 'EditSequence', ...HEADER_SKIP, ...PURCHASE_LINE_MODS]),
  });
  const vendorEl = child(mod, 'VendorRef');
  const vendor = vendorEl
    ? resolveRef(db, vendorEl, ['Vendor'], { refKind: 'Vendor', txnType: 'Bill' })
    : ListRecords.of(db).getById(row.entityId ?? '');
  const apEl = child(mod, 'APAccountRef');
  const apAccountRef = apEl
    ? refDoc(resolveAccountOfType(ctx, apEl, AP_TYPES, 'Bill'))
    : (row.doc['APAccountRef'] as RefDoc);
  const vendorId = vendor?.listId ?? row.entityId;
  const vendorChanged = vendorId !== row.entityId;
  const accountChanged = apAccountRef.ListID !== row.accountId;
  const linked = records.isLinked(row.txnId);
  if ((vendorChanged || accountChanged) && linked) throw QbxmlStatusError.of('txnRecordError', { txnType: 'Bill' });

  const lines = modPurchaseLines(ctx, row.doc, mod, SITE);
  if (!lines.fields['ExpenseLineRet'] && !lines.fields['ItemLineRet']) {
    throw QbxmlStatusError.of('txnEmpty', { txnType: 'Bill' });
  }
  const oldDue = centsOf(row.doc['AmountDue']);
  const oldOpen = centsOf(row.doc['OpenAmount']);
  const paid = oldDue - oldOpen;
  const newOpen = lines.cents - paid;
  if (newOpen < 0) throw QbxmlStatusError.of('txnRecordError', { txnType: 'Bill' });

  let doc = mergeDoc(row.doc, patch);
  if (vendorChanged && vendor) {
    doc['VendorRef'] = refDoc(vendor);
    if (patch['VendorAddress'] === undefined) {
      delete doc['VendorAddress'];
      if (vendor.doc['VendorAddress'] !== undefined) doc['VendorAddress'] = vendor.doc['VendorAddress'];
    }
  }
  doc['APAccountRef'] = apAccountRef;
  const txnDate = readTxnDate(mod, 'TxnDate') ?? row.txnDate;
  doc['TxnDate'] = txnDate;
  const dueDate = readTxnDate(mod, 'DueDate');
  if (dueDate !== undefined) doc['DueDate'] = dueDate;
  else if (child(mod, 'TxnDate') || child(mod, 'TermsRef')) {
    const terms = termsOf(ctx, doc['TermsRef']);
    doc['DueDate'] = dueDateFromTerms(terms, txnDate, terms ? 0 : DAYS_BILLS_ARE_DUE);
  }
  doc = replaceLines(doc, lines.fields);
  doc['AmountDue'] = formatCents(lines.cents);
  doc['OpenAmount'] = formatCents(newOpen);
  doc['IsPaid'] = String(newOpen === 0);
  doc = orderDoc(doc, ctx.schema.retOrder('BillRet'));

  const saved = records.save(
    {
      ...row,
      refNumber: typeof doc['RefNumber'] === 'string' ? doc['RefNumber'] : null,
      txnDate,
      entityId: vendorId,
      accountId: apAccountRef.ListID,
      isPaid: newOpen === 0,
      doc,
    },
    { now: ctx.now, timeZone: ctx.host.timeZone },
  );
  if (vendorChanged) {
    adjustEntityBalance(ctx, row.entityId, -oldOpen);
    adjustEntityBalance(ctx, vendorId, newOpen);
  } else adjustEntityBalance(ctx, vendorId, newOpen - oldOpen);
  const out = renderBill(ctx, saved, { lines: true, linked: true });
  return { body: writeTxnRet('BillRet', out, includeRetElements(ctx.rq)) };
};

/** A BillRet: lines with IncludeLineItems, LinkedTxn (payments, credits) with IncludeLinkedTxns. */
export const renderBill = renderWithLinks('BillRet');

/** BillQuery: the generic transaction query plus `PaidStatus`; lines only with IncludeLineItems. */
const billQuery: RqHandler = (ctx) => runTxnQuery(ctx, { kind: 'Bill', retName: 'BillRet', render: renderBill });

/** BillAdd, BillMod, BillQuery. */
export const BILL_HANDLERS: Readonly<Record<string, RqHandler>> = {
  BillAddRq: billAdd,
  BillModRq: billMod,
  BillQueryRq: billQuery,
};
