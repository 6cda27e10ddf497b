import { addressBlock } from '../address-block.js';
import {
  finishPurchaseLines,
  modPurchaseLines,
  PURCHASE_LINE_ADDS,
  PURCHASE_LINE_MODS,
  purchaseLineDrafts,
  replaceLines,
} from '../purchase-lines.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import type { ListRow } from '../records/list-records.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef } from '../ref-resolver.js';
import { mergeDoc, orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents, readBool } from '../request-values.js';
import type { DocValue } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { linesTotal } from '../txn-lines.js';
import { readTxnDate } from '../txn-dates.js';
import { runTxnQuery } from '../txn-query.js';
import { ENTITY_KINDS, resolveAccountOfType, TXN_REF_KINDS } from '../txn-refs.js';
import { notKept, renderWithLinks, requireTxnEditable, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

const SITE = { retName: 'CheckRet', txnType: 'Check' };
const BANK_TYPES = ['Bank'];

/** The address a check is printed with: the payee's own (vendor, customer billing, employee, other name). */
function payeeAddress(payee: ListRow | undefined): DocValue | undefined {
  if (!payee) return undefined;
  const field = { Vendor: 'VendorAddress', Customer: 'BillAddress', Employee: 'EmployeeAddress' }[payee.kind];
  return payee.doc[field ?? 'OtherNameAddress'];
}

/**
 * CheckAdd: `AccountRef` (a Bank account; another type answers 3140), `PayeeEntityRef` (any name), expense and item
 * lines (none → 3180 "Transaction is empty."); `Amount` is their sum; `Address` defaults to the payee's. Writing a
 * check does not touch any bill (use BillPaymentCheck for that): `ApplyCheckToTxnAdd` is not simulated — status 530
 * (Warn) and the check is saved without it.
 */
const checkAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'CheckAdd')!;
  const db = ctx.store;
  const bank = resolveAccountOfType(ctx, child(add, 'AccountRef')!, BANK_TYPES, 'Check');
  const payeeEl = child(add, 'PayeeEntityRef');
  const payee = payeeEl ? resolveRef(db, payeeEl, ENTITY_KINDS, { refKind: 'Entity', txnType: 'Check' }) : undefined;
  const fields = requestToDoc(add, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'Check',
    skip: new Set([
      'AccountRef',
      'PayeeEntityRef',
      'TxnDate',
      'ExchangeRate',
      'ApplyCheckToTxnAdd',
      ...PURCHASE_LINE_ADDS,
    ]),
  });
  const drafts = purchaseLineDrafts(ctx, add, SITE);
  if (!drafts.length) throw QbxmlStatusError.of('txnEmpty', { txnType: 'Check' });
  const txnDate = txnDateOf(ctx, add);
  const cents = linesTotal(drafts.map((d) => d.doc));
  const address = fields['Address'] ?? payeeAddress(payee);
  const block = addressBlock(address);
  const row = TxnRecords.of(db).insert({
    kind: 'Check',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    columns: {
      refNumber: typeof fields['RefNumber'] === 'string' ? fields['RefNumber'] : null,
      txnDate,
      entityId: payee?.listId ?? null,
      accountId: bank.listId,
      isPaid: null,
    },
    build: () =>
      orderDoc(
        {
          ...fields,
          AccountRef: refDoc(bank),
          ...(payee ? { PayeeEntityRef: refDoc(payee) } : {}),
          TxnDate: txnDate,
          Amount: formatCents(cents),
          ...(address !== undefined ? { Address: address } : {}),
          ...(block ? { AddressBlock: block } : {}),
          IsToBePrinted: String(readBool(add, 'IsToBePrinted') ?? false),
          ...finishPurchaseLines(ctx, drafts, SITE).fields,
        },
        ctx.schema.retOrder('CheckRet'),
      ),
  });
  const status = notKept(add, ['ApplyCheckToTxnAdd', 'ExpenseLineAdd/DataExt', 'ItemLineAdd/DataExt']);
  return { ...(status ? { status } : {}), body: writeTxnRet('CheckRet', row.doc, includeRetElements(ctx.rq)) };
};

/**
 * CheckMod: TxnID + EditSequence (3120 / 3200 / 3175); header fields replace the stored ones (a new payee brings its
 * address unless one is given); lines with QuickBooks' Mod semantics (lines not listed are deleted, `-1` adds);
 * `Amount` follows the lines. `ApplyCheckToTxnMod` is not simulated (530, the rest saved).
 */
const checkMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'CheckMod')!;
  const db = ctx.store;
  const row = requireTxnEditable(ctx, mod, ['Check']);
  const bankEl = child(mod, 'AccountRef');
  const bank = bankEl ? resolveAccountOfType(ctx, bankEl, BANK_TYPES, 'Check') : undefined;
  const payeeEl = child(mod, 'PayeeEntityRef');
  const payee = payeeEl ? resolveRef(db, payeeEl, ENTITY_KINDS, { refKind: 'Entity', txnType: 'Check' }) : undefined;
  const patch = requestToDoc(mod, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'Check',
    skip: new Set([
      'TxnID',
      'EditSequence',
      'AccountRef',
      'PayeeEntityRef',
      'TxnDate',
      'ExchangeRate',
      'ApplyCheckToTxnMod',
      ...PURCHASE_LINE_MODS,
    ]),
  });
  const lines = modPurchaseLines(ctx, row.doc, mod, SITE);
  if (!lines.fields['ExpenseLineRet'] && !lines.fields['ItemLineRet']) {
    throw QbxmlStatusError.of('txnEmpty', { txnType: 'Check' });
  }
  let doc = mergeDoc(row.doc, patch);
  if (bank) doc['AccountRef'] = refDoc(bank);
  if (payee) {
    doc['PayeeEntityRef'] = refDoc(payee);
    if (patch['Address'] === undefined) {
      delete doc['Address'];
      const address = payeeAddress(payee);
      if (address !== undefined) doc['Address'] = address;
    }
  }
  delete doc['AddressBlock'];
  const block = addressBlock(doc['Address']);
  if (block) doc['AddressBlock'] = block;
  const txnDate = readTxnDate(mod, 'TxnDate') ?? row.txnDate;
  doc['TxnDate'] = txnDate;
  doc = replaceLines(doc, lines.fields);
  doc['Amount'] = formatCents(lines.cents);
  doc = orderDoc(doc, ctx.schema.retOrder('CheckRet'));
  const saved = TxnRecords.of(db).save(
    {
      ...row,
      refNumber: typeof doc['RefNumber'] === 'string' ? doc['RefNumber'] : null,
      txnDate,
      entityId: payee?.listId ?? row.entityId,
      accountId: bank?.listId ?? row.accountId,
      doc,
    },
    { now: ctx.now, timeZone: ctx.host.timeZone },
  );
  const status = notKept(mod, ['ApplyCheckToTxnMod']);
  const out = renderCheck(ctx, saved, { lines: true, linked: true });
  return { ...(status ? { status } : {}), body: writeTxnRet('CheckRet', out, includeRetElements(ctx.rq)) };
};

/** A CheckRet: lines with IncludeLineItems, LinkedTxn with IncludeLinkedTxns. */
const renderCheck = renderWithLinks('CheckRet');

const checkQuery: RqHandler = (ctx) => runTxnQuery(ctx, { kind: 'Check', retName: 'CheckRet', render: renderCheck });

/** CheckAdd, CheckMod, CheckQuery. */
export const CHECK_HANDLERS: Readonly<Record<string, RqHandler>> = {
  CheckAddRq: checkAdd,
  CheckModRq: checkMod,
  CheckQueryRq: checkQuery,
};
