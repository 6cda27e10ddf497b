import { adjustEntityBalance } from '../entity-balance.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef } from '../ref-resolver.js';
import { orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents, readBool, readCents } from '../request-values.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import {
  appliedToTxnDoc,
  carryOut,
  openCents,
  readApplications,
  renderPayment,
  type Application,
} from '../txn-apply.js';
import { runTxnQuery } from '../txn-query.js';
import { defaultAccount, headerAccount, TXN_REF_KINDS } from '../txn-refs.js';
import { notKept, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

/**
 * Applies a payment to the customer's open invoices, oldest first (TxnDate, then entry order), as `IsAutoApply` asks.
 */
function autoApply(ctx: RqContext, customerId: string, arAccountId: string, cents: number): Application[] {
  const records = TxnRecords.of(ctx.store);
  const open = records.query(
    { kind: 'Invoice', entityIds: [customerId], accountIds: [arAccountId], paid: 'NotPaidOnly' },
    'date',
  );
  const apps: Application[] = [];
  let left = cents;
  for (const invoice of open) {
    if (left <= 0) break;
    const pay = Math.min(left, openCents(invoice));
    if (pay <= 0) continue;
    apps.push({ target: invoice, paymentCents: pay, discountCents: 0, credits: [] });
    left -= pay;
  }
  return apps;
}

/**
 * ReceivePaymentAdd: `CustomerRef`, `ARAccountRef` (default: the A/R account), `TxnDate`, `RefNumber`, `TotalAmount`
 * (default: the sum applied), `PaymentMethodRef`, `Memo`, `DepositToAccountRef` (default: Undeposited Funds),
 * `IsAutoApply` (oldest open invoices first) or `AppliedToTxnAdd*` (each an open invoice of that customer: 3120
 * otherwise; not beyond its balance: 3210 with QuickBooks' text; not beyond TotalAmount: 3210). Invoices'
 * BalanceRemaining, AppliedAmount and IsPaid follow; what is not applied is `UnusedPayment`. The customer's balance
 * falls by the whole payment and the discounts. Card details (`CreditCardTxnInfo`) are not stored: status 530 (Warn),
 * the payment saved.
 */
const receivePaymentAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'ReceivePaymentAdd')!;
  const db = ctx.store;
  const customer = resolveRef(db, child(add, 'CustomerRef')!, ['Customer'], {
    refKind: 'Customer',
    txnType: 'ReceivePayment',
  });
  const fields = requestToDoc(add, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'ReceivePayment',
    skip: new Set([
      'CustomerRef',
      'ARAccountRef',
      'TxnDate',
      'TotalAmount',
      'ExchangeRate',
      'CreditCardTxnInfo',
      'IsAutoApply',
      'AppliedToTxnAdd',
    ]),
  });
  const arAccount = headerAccount(
    ctx,
    child(add, 'ARAccountRef'),
    'AccountsReceivable',
    ['AccountsReceivable'],
    'ReceivePayment',
  );
  const depositTo =
    fields['DepositToAccountRef'] ??
    (() => {
      const row = defaultAccount(db, 'UndepositedFunds');
      return row && refDoc(row);
    })();
  const txnDate = txnDateOf(ctx, add);
  const given = readCents(add, 'TotalAmount');
  const appliedEls = childrenNamed(add, 'AppliedToTxnAdd');
  const apps = appliedEls.length
    ? readApplications(ctx, appliedEls, {
        entityId: customer.listId,
        accountId: arAccount.listId,
        targetKind: 'Invoice',
        creditKind: 'CreditMemo',
        txnType: 'ReceivePayment',
      })
    : readBool(add, 'IsAutoApply') && given
      ? autoApply(ctx, customer.listId, arAccount.listId, given)
      : [];
  const applied = apps.reduce((s, a) => s + a.paymentCents, 0);
  const total = given ?? applied;
  if (applied > total) {
    throw QbxmlStatusError.of('paymentOverApplied', {
      fieldDescription: 'AppliedToTxnAdd payment amount',
      value: formatCents(applied),
    });
  }
  const row = TxnRecords.of(db).insert({
    kind: 'ReceivePayment',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    columns: {
      refNumber: childText(add, 'RefNumber') ?? null,
      txnDate,
      entityId: customer.listId,
      accountId: arAccount.listId,
      isPaid: null,
    },
    build: () =>
      orderDoc(
        {
          ...fields,
          CustomerRef: refDoc(customer),
          ARAccountRef: refDoc(arAccount),
          TxnDate: txnDate,
          TotalAmount: formatCents(total),
          ...(depositTo !== undefined ? { DepositToAccountRef: depositTo } : {}),
          UnusedPayment: formatCents(total - applied),
          UnusedCredits: '0.00',
          ...(apps.length ? { AppliedToTxnRet: apps.map(appliedToTxnDoc) } : {}),
        },
        ctx.schema.retOrder('ReceivePaymentRet'),
      ),
  });
  carryOut(ctx, row.txnId, customer.listId, apps);
  adjustEntityBalance(ctx, customer.listId, -(total - applied));
  const doc = renderPayment(ctx, TxnRecords.of(db).getById(row.txnId)!, { lines: true, linked: false });
  const status = notKept(add, ['CreditCardTxnInfo']);
  return { ...(status ? { status } : {}), body: writeTxnRet('ReceivePaymentRet', doc, includeRetElements(ctx.rq)) };
};

/** ReceivePaymentQuery: `AppliedToTxnRet` only with IncludeLineItems. */
const receivePaymentQuery: RqHandler = (ctx) =>
  runTxnQuery(ctx, { kind: 'ReceivePayment', retName: 'ReceivePaymentRet', render: renderPayment });

/** ReceivePaymentAdd, ReceivePaymentQuery (ReceivePaymentMod is not simulated yet: status 1030). */
export const RECEIVE_PAYMENT_HANDLERS: Readonly<Record<string, RqHandler>> = {
  ReceivePaymentAddRq: receivePaymentAdd,
  ReceivePaymentQueryRq: receivePaymentQuery,
};
