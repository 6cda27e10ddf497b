import { qbxmlStatus, type QbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { addressBlock } from '../address-block.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef, type RefDoc } from '../ref-resolver.js';
import { mergeDoc, orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents, readBool, readCents } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { centsOf } from '../txn-amounts.js';
import {
  appliedToTxnDoc,
  carryOut,
  readApplications,
  renderPayment,
  undoApplications,
  type Application,
  type ApplySite,
} from '../txn-apply.js';
import { readTxnDate } from '../txn-dates.js';
import { runTxnQuery } from '../txn-query.js';
import { ENTITY_KINDS, headerAccount, resolveAccountOfType, TXN_REF_KINDS } from '../txn-refs.js';
import { requireTxnEditable, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

type PaymentKind = 'BillPaymentCheck' | 'BillPaymentCreditCard';

/** Where each kind pays from: the account element and the account types it accepts. */
const PAY_FROM: Readonly<Record<PaymentKind, { ref: string; types: readonly string[] }>> = {
  BillPaymentCheck: { ref: 'BankAccountRef', types: ['Bank'] },
  BillPaymentCreditCard: { ref: 'CreditCardAccountRef', types: ['CreditCard'] },
};

const AP_TYPES = ['AccountsPayable'];

function site(kind: PaymentKind, entityId: string, accountId: string): ApplySite {
  return { entityId, accountId, targetKind: 'Bill', creditKind: 'VendorCredit', txnType: kind };
}

function totalPaid(apps: readonly Application[]): number {
  return apps.reduce((s, a) => s + a.paymentCents, 0);
}

/**
 * BillPaymentCheckAdd / BillPaymentCreditCardAdd: `PayeeEntityRef` (the vendor), `APAccountRef` (default: the A/P
 * account), `BankAccountRef` (a Bank account) or `CreditCardAccountRef` (a CreditCard account) — another type answers
 * 3140 —, `AppliedToTxnAdd+`: each bill must be an open bill of that vendor in that A/P account (3120 otherwise) and
 * not be paid beyond its open amount (3210, QuickBooks' text), with `DiscountAmount` and vendor credits (`SetCredit`).
 * The payment's `Amount` is the sum of the payment amounts. Bills' OpenAmount and IsPaid follow, both sides show the
 * link, the vendor's balance falls by payments and discounts. A check payment's `Address` is the vendor's address.
 */
function billPaymentAdd(kind: PaymentKind): RqHandler {
  return (ctx) => {
    const add = child(ctx.rq, `${kind}Add`)!;
    const db = ctx.store;
    const payee = resolveRef(db, child(add, 'PayeeEntityRef')!, ENTITY_KINDS, { refKind: 'Entity', txnType: kind });
    const fields = requestToDoc(add, {
      store: db,
      refKinds: TXN_REF_KINDS,
      objectType: kind,
      skip: new Set([
        'PayeeEntityRef',
        'APAccountRef',
        'TxnDate',
        'ExchangeRate',
        'AppliedToTxnAdd',
        PAY_FROM[kind].ref,
      ]),
    });
    const apAccount = headerAccount(ctx, child(add, 'APAccountRef'), 'AccountsPayable', AP_TYPES, kind);
    const from = resolveAccountOfType(ctx, child(add, PAY_FROM[kind].ref)!, PAY_FROM[kind].types, kind);
    const txnDate = txnDateOf(ctx, add);
    const apps = readApplications(
      ctx,
      childrenNamed(add, 'AppliedToTxnAdd'),
      site(kind, payee.listId, apAccount.listId),
    );
    const amount = totalPaid(apps);
    const address = kind === 'BillPaymentCheck' ? payee.doc['VendorAddress'] : undefined;
    const block = addressBlock(address);
    const row = TxnRecords.of(db).insert({
      kind,
      now: ctx.now,
      timeZone: ctx.host.timeZone,
      columns: {
        refNumber: childText(add, 'RefNumber') ?? null,
        txnDate,
        entityId: payee.listId,
        accountId: from.listId,
        isPaid: null,
      },
      build: () =>
        orderDoc(
          {
            ...fields,
            PayeeEntityRef: refDoc(payee),
            APAccountRef: refDoc(apAccount),
            TxnDate: txnDate,
            [PAY_FROM[kind].ref]: refDoc(from),
            Amount: formatCents(amount),
            ...(address !== undefined ? { Address: address } : {}),
            ...(block ? { AddressBlock: block } : {}),
            ...(kind === 'BillPaymentCheck' ? { IsToBePrinted: String(readBool(add, 'IsToBePrinted') ?? false) } : {}),
            ...(apps.length ? { AppliedToTxnRet: apps.map(appliedToTxnDoc) } : {}),
          },
          ctx.schema.retOrder(`${kind}Ret`),
        ),
    });
    carryOut(ctx, row.txnId, payee.listId, apps);
    const doc = renderPayment(ctx, TxnRecords.of(db).getById(row.txnId)!, { lines: true, linked: false });
    return { body: writeTxnRet(`${kind}Ret`, doc, includeRetElements(ctx.rq)) };
  };
}

/**
 * BillPaymentCheckMod ("where simple"): TxnDate, BankAccountRef, IsToBePrinted, RefNumber, Memo, and
 * `AppliedToTxnMod`: when present, the payment's applications are replaced by those listed (what it paid goes back
 * to the bills first), while vendor credits already applied stay applied — as QuickBooks does. `Amount` follows the
 * applications; a different `Amount` is not simulated (an unapplied amount would be a credit): status 530, the rest
 * saved.
 */
const billPaymentCheckMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'BillPaymentCheckMod')!;
  const db = ctx.store;
  const records = TxnRecords.of(db);
  const row = requireTxnEditable(ctx, mod, ['BillPaymentCheck']);
  const patch = requestToDoc(mod, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'BillPaymentCheck',
    skip: new Set(['TxnID', 'EditSequence', 'TxnDate', 'BankAccountRef', 'Amount', 'ExchangeRate', 'AppliedToTxnMod']),
  });
  const bankEl = child(mod, 'BankAccountRef');
  const bank = bankEl ? refDoc(resolveAccountOfType(ctx, bankEl, ['Bank'], 'BillPaymentCheck')) : undefined;
  const txnDate = readTxnDate(mod, 'TxnDate') ?? row.txnDate;
  const mods = childrenNamed(mod, 'AppliedToTxnMod');
  let applied = row.doc['AppliedToTxnRet'];
  let amount = centsOf(row.doc['Amount']);
  let apps: Application[] = [];
  if (mods.length) {
    undoApplications(ctx, row, { credits: false });
    apps = readApplications(
      ctx,
      mods,
      site('BillPaymentCheck', row.entityId!, String((row.doc['APAccountRef'] as RefDoc).ListID)),
    );
    applied = keepCredits(asList(applied), apps.map(appliedToTxnDoc));
    amount = totalPaid(apps);
  }
  let status: QbxmlStatus | undefined;
  const amountGiven = readCents(mod, 'Amount');
  if (amountGiven !== undefined && amountGiven !== amount)
    status = qbxmlStatus('fieldNotSupported', { fieldName: 'Amount' });
  let doc = mergeDoc(row.doc, patch);
  doc['TxnDate'] = txnDate;
  if (bank) doc['BankAccountRef'] = bank;
  doc['Amount'] = formatCents(amount);
  if (applied !== undefined) doc['AppliedToTxnRet'] = applied;
  // A check given a number is no longer waiting to be printed.
  if (childText(mod, 'RefNumber') !== undefined && !child(mod, 'IsToBePrinted')) doc['IsToBePrinted'] = 'false';
  doc = orderDoc(doc, ctx.schema.retOrder('BillPaymentCheckRet'));
  const saved = records.save(
    {
      ...row,
      refNumber: typeof doc['RefNumber'] === 'string' ? doc['RefNumber'] : null,
      txnDate,
      accountId: bank ? bank.ListID : row.accountId,
      doc,
    },
    { now: ctx.now, timeZone: ctx.host.timeZone },
  );
  if (mods.length) carryOut(ctx, row.txnId, row.entityId!, apps);
  const out = renderPayment(ctx, records.getById(saved.txnId)!, { lines: true, linked: false });
  return { ...(status ? { status } : {}), body: writeTxnRet('BillPaymentCheckRet', out, includeRetElements(ctx.rq)) };
};

function asList(v: RetDoc[string] | undefined): RetDoc[] {
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]) as RetDoc[];
}

/**
 * New applications, keeping the vendor credits the old ones applied: a bill applied again carries its credits, a
 * bill no longer paid keeps an entry with no payment and its credits (they stay applied to it).
 */
function keepCredits(old: readonly RetDoc[], fresh: RetDoc[]): RetDoc[] {
  const out = fresh.map((a) => ({ ...a }));
  for (const o of old) {
    if (o['LinkedTxn'] === undefined) continue;
    const same = out.find((a) => a['TxnID'] === o['TxnID']);
    if (same) same['LinkedTxn'] = [...asList(o['LinkedTxn']), ...asList(same['LinkedTxn'])];
    else {
      const { TxnID, TxnType, TxnDate, RefNumber, BalanceRemaining, LinkedTxn } = o;
      out.push({
        TxnID: TxnID!,
        TxnType: TxnType!,
        TxnDate: TxnDate!,
        ...(RefNumber !== undefined ? { RefNumber } : {}),
        BalanceRemaining: BalanceRemaining!,
        Amount: '0.00',
        LinkedTxn: LinkedTxn!,
      });
    }
  }
  return out;
}

function billPaymentQuery(kind: PaymentKind): RqHandler {
  return (ctx) => runTxnQuery(ctx, { kind, retName: `${kind}Ret`, render: renderPayment });
}

/** BillPaymentCheckAdd/Mod/Query, BillPaymentCreditCardAdd/Query (qbXML 13.0 has no BillPaymentCreditCardMod). */
export const BILL_PAYMENT_HANDLERS: Readonly<Record<string, RqHandler>> = {
  BillPaymentCheckAddRq: billPaymentAdd('BillPaymentCheck'),
  BillPaymentCheckModRq: billPaymentCheckMod,
  BillPaymentCheckQueryRq: billPaymentQuery('BillPaymentCheck'),
  BillPaymentCreditCardAddRq: billPaymentAdd('BillPaymentCreditCard'),
  BillPaymentCreditCardQueryRq: billPaymentQuery('BillPaymentCreditCard'),
};
