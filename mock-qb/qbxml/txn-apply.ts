import { adjustEntityBalance } from './entity-balance.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { TxnRecords, type TxnRow } from './records/txn-records.js';
import { refDoc, resolveRef, type RefDoc } from './ref-resolver.js';
import { formatCents, readCents } from './request-values.js';
import type { RetDoc } from './ret-doc.js';
import type { RqContext } from './rq-context.js';
import { centsOf } from './txn-amounts.js';
import { TXN_REF_KINDS } from './txn-refs.js';
import { requireUnlocked, withoutLines, type TxnRender } from './txn-write.js';
import { child, childrenNamed, childText, type XmlElement } from './xml-element.js';

/**
 * Payments applied to open transactions: bill payments to bills (with vendor credits through `SetCredit`), payments
 * received to invoices. An application takes its payment, discount and credits off the target's open amount (a bill's
 * `OpenAmount`, an invoice's `BalanceRemaining`), marks it paid at zero, and links the two transactions (`qbx_txn_link`)
 * so both show it; the payee's balance moves by the payment and discount. Applying does not edit the target: its
 * TimeModified and EditSequence stay (fidelity note).
 */

/** The open-amount fields of the transactions payments and credits are applied to. */
const OPEN_FIELD: Readonly<Record<string, string>> = {
  Bill: 'OpenAmount',
  VendorCredit: 'OpenAmount',
  Invoice: 'BalanceRemaining',
};

/** What is still open on a transaction. */
export function openCents(row: TxnRow): number {
  return centsOf(row.doc[OPEN_FIELD[row.kind] ?? 'OpenAmount']);
}

/**
 * Takes `cents` off a transaction's open amount (negative: gives it back) and saves it without touching it: IsPaid
 * follows for bills and invoices, an invoice's AppliedAmount (written negative) grows.
 */
export function reduceOpen(ctx: RqContext, row: TxnRow, cents: number): TxnRow {
  const field = OPEN_FIELD[row.kind] ?? 'OpenAmount';
  const open = centsOf(row.doc[field]) - cents;
  const doc: RetDoc = { ...row.doc, [field]: formatCents(open) };
  if (row.kind === 'Invoice') doc['AppliedAmount'] = formatCents(centsOf(doc['AppliedAmount']) - cents);
  let isPaid = row.isPaid;
  if (row.kind === 'Bill' || row.kind === 'Invoice') {
    isPaid = open === 0;
    doc['IsPaid'] = String(isPaid);
  }
  return TxnRecords.of(ctx.store).save(
    { ...row, isPaid, doc },
    { now: ctx.now, timeZone: ctx.host.timeZone, touch: false },
  );
}

/** One `AppliedToTxnAdd` (or `AppliedToTxnMod`), checked against the payee's open transactions. */
export interface Application {
  target: TxnRow;
  paymentCents: number;
  discountCents: number;
  discountAccount?: RefDoc;
  discountClass?: RefDoc;
  credits: { credit: TxnRow; cents: number }[];
}

/** Where applications go: the payee, the A/P or A/R account, the kinds involved and the paying transaction's type. */
export interface ApplySite {
  entityId: string;
  accountId: string;
  targetKind: 'Bill' | 'Invoice';
  creditKind: 'VendorCredit' | 'CreditMemo';
  txnType: string;
}

/**
 * Reads the applications of a payment, in request order. Each target must be an open transaction of the payee in the
 * same A/P (A/R) account — another vendor's bill, a paid bill or a bill in another A/P account cannot be found (3120,
 * fidelity note) —, not open by another user (3175), and must not be paid beyond its open amount (3210 with QuickBooks'
 * text). `pending` carries what earlier applications of the same request already take off.
 */
export function readApplications(ctx: RqContext, els: readonly XmlElement[], site: ApplySite): Application[] {
  const records = TxnRecords.of(ctx.store);
  const pending = new Map<string, number>();
  const out: Application[] = [];
  for (const el of els) {
    const txnId = childText(el, 'TxnID')?.trim() ?? '';
    const target = records.getById(txnId);
    const taken = pending.get(txnId) ?? 0;
    if (
      !target ||
      target.kind !== site.targetKind ||
      target.entityId !== site.entityId ||
      target.accountId !== site.accountId ||
      openCents(target) - taken <= 0
    ) {
      throw QbxmlStatusError.of('objectNotFound', { id: txnId });
    }
    requireUnlocked(ctx, target);
    const paymentCents = readCents(el, 'PaymentAmount') ?? 0;
    const discountCents = readCents(el, 'DiscountAmount') ?? 0;
    const credits: Application['credits'] = [];
    for (const sc of childrenNamed(el, 'SetCredit')) {
      const creditId = childText(sc, 'CreditTxnID')?.trim() ?? '';
      const credit = records.getById(creditId);
      const creditTaken = pending.get(creditId) ?? 0;
      if (!credit || credit.kind !== site.creditKind || credit.entityId !== site.entityId) {
        throw QbxmlStatusError.of('objectNotFound', { id: creditId });
      }
      requireUnlocked(ctx, credit);
      const cents = readCents(sc, 'AppliedAmount') ?? 0;
      if (cents > openCents(credit) - creditTaken || cents < 0) {
        throw QbxmlStatusError.of('creditOverApplied', {
          fieldDescription: 'SetCredit applied amount',
          value: formatCents(cents),
        });
      }
      pending.set(creditId, creditTaken + cents);
      credits.push({ credit, cents });
    }
    const total = paymentCents + discountCents + credits.reduce((s, c) => s + c.cents, 0);
    if (total === 0 && credits.length === 0) throw QbxmlStatusError.of('txnEmpty', { txnType: site.txnType });
    if (total > openCents(target) - taken || paymentCents < 0 || discountCents < 0) {
      throw QbxmlStatusError.of('overpayment', {
        fieldDescription: `${el.name} payment amount`,
        value: formatCents(paymentCents),
      });
    }
    pending.set(txnId, taken + total);
    const app: Application = { target, paymentCents, discountCents, credits };
    const discountAccount = child(el, 'DiscountAccountRef');
    const discountClass = child(el, 'DiscountClassRef');
    const refSite = { txnType: site.txnType };
    if (discountAccount) {
      app.discountAccount = refDoc(
        resolveRef(ctx.store, discountAccount, TXN_REF_KINDS['DiscountAccountRef']!, {
          ...refSite,
          refKind: 'Account',
        }),
      );
    }
    if (discountClass) {
      app.discountClass = refDoc(
        resolveRef(ctx.store, discountClass, TXN_REF_KINDS['DiscountClassRef']!, { ...refSite, refKind: 'Class' }),
      );
    }
    out.push(app);
  }
  return out;
}

/** The stored `AppliedToTxnRet` of an application (dates, ref numbers and balances are refreshed when answering). */
export function appliedToTxnDoc(app: Application): RetDoc {
  const t = app.target;
  return {
    TxnID: t.txnId,
    TxnType: t.kind,
    TxnDate: t.txnDate,
    ...(t.refNumber !== null ? { RefNumber: t.refNumber } : {}),
    BalanceRemaining: formatCents(openCents(t)),
    Amount: formatCents(app.paymentCents),
    ...(app.discountCents ? { DiscountAmount: formatCents(app.discountCents) } : {}),
    ...(app.discountAccount ? { DiscountAccountRef: app.discountAccount } : {}),
    ...(app.discountClass ? { DiscountClassRef: app.discountClass } : {}),
    ...(app.credits.length
      ? {
          LinkedTxn: app.credits.map((c) => ({
            TxnID: c.credit.txnId,
            TxnType: c.credit.kind,
            TxnDate: c.credit.txnDate,
            ...(c.credit.refNumber !== null ? { RefNumber: c.credit.refNumber } : {}),
            LinkType: 'AMTTYPE',
            Amount: formatCents(-c.cents),
          })),
        }
      : {}),
  };
}

/**
 * Carries out applications a payment (already saved) makes: targets and credits reduced, links recorded, the payee's
 * balance lowered by the payments and discounts (credits lowered it when they were entered).
 */
export function carryOut(ctx: RqContext, paymentTxnId: string, entityId: string, apps: readonly Application[]): void {
  const records = TxnRecords.of(ctx.store);
  let balance = 0;
  for (const app of apps) {
    const paid = app.paymentCents + app.discountCents;
    let target = records.getById(app.target.txnId)!;
    if (paid) {
      target = reduceOpen(ctx, target, paid);
      records.addLink(paymentTxnId, target.txnId, paid);
    }
    for (const c of app.credits) {
      if (!c.cents) continue;
      reduceOpen(ctx, records.getById(c.credit.txnId)!, c.cents);
      target = reduceOpen(ctx, records.getById(target.txnId)!, c.cents);
      records.addLink(c.credit.txnId, target.txnId, c.cents);
    }
    balance += paid;
  }
  adjustEntityBalance(ctx, entityId, -balance);
}

/**
 * Undoes what a payment applied (it is being deleted, or its applications replaced): each target gets back the
 * payment and discount; with `credits`, the credits applied through it are given back too. The payee's balance rises
 * by the payments and discounts. Targets open by another user answer 3175.
 */
export function undoApplications(ctx: RqContext, payment: TxnRow, opts: { credits: boolean }): void {
  const records = TxnRecords.of(ctx.store);
  const applied = payment.doc['AppliedToTxnRet'];
  const list = (applied === undefined ? [] : Array.isArray(applied) ? applied : [applied]) as RetDoc[];
  let balance = 0;
  for (const a of list) {
    const targetId = String(a['TxnID']);
    const target = records.getById(targetId);
    if (!target) continue;
    requireUnlocked(ctx, target);
    const paid = centsOf(a['Amount']) + centsOf(a['DiscountAmount']);
    if (paid) {
      reduceOpen(ctx, target, -paid);
      records.addLink(payment.txnId, targetId, -paid);
    }
    balance += paid;
    if (!opts.credits) continue;
    const credits = a['LinkedTxn'];
    for (const c of (credits === undefined ? [] : Array.isArray(credits) ? credits : [credits]) as RetDoc[]) {
      const cents = -centsOf(c['Amount']);
      const credit = records.getById(String(c['TxnID']));
      if (!credit || !cents) continue;
      requireUnlocked(ctx, credit);
      reduceOpen(ctx, credit, -cents);
      reduceOpen(ctx, records.getById(targetId)!, -cents);
      records.addLink(credit.txnId, targetId, -cents);
    }
  }
  adjustEntityBalance(ctx, payment.entityId, balance);
}

/** A payment's stored applications refreshed for an answer: each target's date, RefNumber and balance as they are now. */
export function refreshApplied(ctx: RqContext, doc: RetDoc): RetDoc {
  const applied = doc['AppliedToTxnRet'];
  if (applied === undefined) return doc;
  const records = TxnRecords.of(ctx.store);
  const list = (Array.isArray(applied) ? applied : [applied]) as RetDoc[];
  const fresh = list.map((a): RetDoc => {
    const t = records.getById(String(a['TxnID']));
    if (!t) return a;
    const { TxnID, TxnType, Amount, DiscountAmount, DiscountAccountRef, DiscountClassRef, LinkedTxn } = a;
    return {
      TxnID: TxnID!,
      TxnType: TxnType!,
      TxnDate: t.txnDate,
      ...(t.refNumber !== null ? { RefNumber: t.refNumber } : {}),
      BalanceRemaining: formatCents(openCents(t)),
      Amount: Amount!,
      ...(DiscountAmount !== undefined ? { DiscountAmount } : {}),
      ...(DiscountAccountRef !== undefined ? { DiscountAccountRef } : {}),
      ...(DiscountClassRef !== undefined ? { DiscountClassRef } : {}),
      ...(LinkedTxn !== undefined ? { LinkedTxn: refreshLinked(records, LinkedTxn as RetDoc | RetDoc[]) } : {}),
    };
  });
  return { ...doc, AppliedToTxnRet: fresh };
}

function refreshLinked(records: TxnRecords, linked: RetDoc | RetDoc[]): RetDoc[] {
  return (Array.isArray(linked) ? linked : [linked]).map((l) => {
    const t = records.getById(String(l['TxnID']));
    if (!t) return l;
    return {
      TxnID: t.txnId,
      TxnType: t.kind,
      TxnDate: t.txnDate,
      ...(t.refNumber !== null ? { RefNumber: t.refNumber } : {}),
      LinkType: 'AMTTYPE',
      Amount: l['Amount']!,
    };
  });
}

/**
 * The Ret of a payment (bill payment, payment received): `AppliedToTxnRet` only with IncludeLineItems (they are its
 * lines: fidelity note), with each target's date, RefNumber and balance as they are now.
 */
export const renderPayment: TxnRender = (ctx, row, opts) =>
  opts.lines ? refreshApplied(ctx, row.doc) : withoutLines(row.doc);
