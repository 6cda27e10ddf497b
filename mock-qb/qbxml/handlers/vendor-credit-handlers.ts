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
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef, type RefDoc } from '../ref-resolver.js';
import { mergeDoc, orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents } from '../request-values.js';
import type { RqHandler } from '../rq-context.js';
import { centsOf } from '../txn-amounts.js';
import { linesTotal } from '../txn-lines.js';
import { readTxnDate } from '../txn-dates.js';
import { runTxnQuery } from '../txn-query.js';
import { headerAccount, resolveAccountOfType, TXN_REF_KINDS } from '../txn-refs.js';
import { notKept, renderWithLinks, requireTxnEditable, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

const SITE = { retName: 'VendorCreditRet', txnType: 'VendorCredit' };
const AP_TYPES = ['AccountsPayable'];

/**
 * VendorCreditAdd: `VendorRef`, `APAccountRef` (default: the A/P account), lines (none → 3180); `CreditAmount` and
 * `OpenAmount` are their sum. The vendor's balance falls by it. The credit is used through `SetCredit` in a bill
 * payment, which lowers its OpenAmount and links it to the bill.
 */
const vendorCreditAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'VendorCreditAdd')!;
  const db = ctx.store;
  const vendor = resolveRef(db, child(add, 'VendorRef')!, ['Vendor'], { refKind: 'Vendor', txnType: 'VendorCredit' });
  const fields = requestToDoc(add, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'VendorCredit',
    skip: new Set(['VendorRef', 'APAccountRef', 'TxnDate', 'ExchangeRate', ...PURCHASE_LINE_ADDS]),
  });
  const apAccount = headerAccount(ctx, child(add, 'APAccountRef'), 'AccountsPayable', AP_TYPES, 'VendorCredit');
  const drafts = purchaseLineDrafts(ctx, add, SITE);
  if (!drafts.length) throw QbxmlStatusError.of('txnEmpty', { txnType: 'VendorCredit' });
  const txnDate = txnDateOf(ctx, add);
  const cents = linesTotal(drafts.map((d) => d.doc));
  const row = TxnRecords.of(db).insert({
    kind: 'VendorCredit',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    columns: {
      refNumber: typeof fields['RefNumber'] === 'string' ? fields['RefNumber'] : null,
      txnDate,
      entityId: vendor.listId,
      accountId: apAccount.listId,
      isPaid: null,
    },
    build: () =>
      orderDoc(
        {
          ...fields,
          VendorRef: refDoc(vendor),
          APAccountRef: refDoc(apAccount),
          TxnDate: txnDate,
          CreditAmount: formatCents(cents),
          ...finishPurchaseLines(ctx, drafts, SITE).fields,
          OpenAmount: formatCents(cents),
        },
        ctx.schema.retOrder('VendorCreditRet'),
      ),
  });
  adjustEntityBalance(ctx, vendor.listId, -cents);
  const status = notKept(add, ['ExpenseLineAdd/DataExt', 'ItemLineAdd/DataExt']);
  return { ...(status ? { status } : {}), body: writeTxnRet('VendorCreditRet', row.doc, includeRetElements(ctx.rq)) };
};

/**
 * VendorCreditMod: like BillMod — the credit's amount follows its lines, what was already used stays used (an amount
 * below it, or a new vendor or A/P account once used, answers 3180), the vendor's balance moves by the difference.
 */
const vendorCreditMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'VendorCreditMod')!;
  const db = ctx.store;
  const records = TxnRecords.of(db);
  const row = requireTxnEditable(ctx, mod, ['VendorCredit']);
  const patch = requestToDoc(mod, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'VendorCredit',
    skip: new Set([
      'TxnID',
      'EditSequence',
      'VendorRef',
      'APAccountRef',
      'TxnDate',
      'ExchangeRate',
      ...PURCHASE_LINE_MODS,
    ]),
  });
  const vendorEl = child(mod, 'VendorRef');
  const vendor = vendorEl
    ? resolveRef(db, vendorEl, ['Vendor'], { refKind: 'Vendor', txnType: 'VendorCredit' })
    : undefined;
  const apEl = child(mod, 'APAccountRef');
  const ap = apEl
    ? refDoc(resolveAccountOfType(ctx, apEl, AP_TYPES, 'VendorCredit'))
    : (row.doc['APAccountRef'] as RefDoc);
  const vendorId = vendor?.listId ?? row.entityId!;
  const moved = vendorId !== row.entityId || ap.ListID !== row.accountId;
  if (moved && records.isLinked(row.txnId)) throw QbxmlStatusError.of('txnRecordError', { txnType: 'VendorCredit' });
  const lines = modPurchaseLines(ctx, row.doc, mod, SITE);
  if (!lines.fields['ExpenseLineRet'] && !lines.fields['ItemLineRet']) {
    throw QbxmlStatusError.of('txnEmpty', { txnType: 'VendorCredit' });
  }
  const oldOpen = centsOf(row.doc['OpenAmount']);
  const used = centsOf(row.doc['CreditAmount']) - oldOpen;
  const newOpen = lines.cents - used;
  if (newOpen < 0) throw QbxmlStatusError.of('txnRecordError', { txnType: 'VendorCredit' });
  let doc = mergeDoc(row.doc, patch);
  if (vendor) doc['VendorRef'] = refDoc(vendor);
  doc['APAccountRef'] = ap;
  const txnDate = readTxnDate(mod, 'TxnDate') ?? row.txnDate;
  doc['TxnDate'] = txnDate;
  doc = replaceLines(doc, lines.fields);
  doc['CreditAmount'] = formatCents(lines.cents);
  doc['OpenAmount'] = formatCents(newOpen);
  doc = orderDoc(doc, ctx.schema.retOrder('VendorCreditRet'));
  const saved = records.save(
    {
      ...row,
      refNumber: typeof doc['RefNumber'] === 'string' ? doc['RefNumber'] : null,
      txnDate,
      entityId: vendorId,
      accountId: ap.ListID,
      doc,
    },
    { now: ctx.now, timeZone: ctx.host.timeZone },
  );
  if (vendorId !== row.entityId) {
    adjustEntityBalance(ctx, row.entityId, oldOpen);
    adjustEntityBalance(ctx, vendorId, -newOpen);
  } else adjustEntityBalance(ctx, vendorId, oldOpen - newOpen);
  const out = renderVendorCredit(ctx, saved, { lines: true, linked: true });
  return { body: writeTxnRet('VendorCreditRet', out, includeRetElements(ctx.rq)) };
};

/** A VendorCreditRet: lines with IncludeLineItems, LinkedTxn (the bills it was applied to) with IncludeLinkedTxns. */
const renderVendorCredit = renderWithLinks('VendorCreditRet');

const vendorCreditQuery: RqHandler = (ctx) =>
  runTxnQuery(ctx, { kind: 'VendorCredit', retName: 'VendorCreditRet', render: renderVendorCredit });

/** VendorCreditAdd, VendorCreditMod, VendorCreditQuery. */
export const VENDOR_CREDIT_HANDLERS: Readonly<Record<string, RqHandler>> = {
  VendorCreditAddRq: vendorCreditAdd,
  VendorCreditModRq: vendorCreditMod,
  VendorCreditQueryRq: vendorCreditQuery,
};
