import type { CompanyStore } from '../../store/company-store.js';
import { addressBlock } from '../address-block.js';
import { adjustEntityBalance } from '../entity-balance.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { ListRecords } from '../records/list-records.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc, resolveRef, type RefDoc } from '../ref-resolver.js';
import { orderDoc, requestToDoc } from '../request-to-doc.js';
import { formatCents, readBool } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import { dueDateFromTerms, readTxnDate } from '../txn-dates.js';
import { finishLines, invoiceLineDraft, linesTotal, type LineDraft } from '../txn-lines.js';
import { runTxnQuery } from '../txn-query.js';
import { headerAccount, TXN_REF_KINDS } from '../txn-refs.js';
import { notKept, renderWithLinks, txnDateOf, writeTxnRet } from '../txn-write.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

const SITE = { retName: 'InvoiceRet', txnType: 'Invoice' };

/** Invoice lines the simulator does not keep (UK/CA discount, sales-tax and shipping lines): 530, the rest saved. */
const UNSIMULATED_LINES = ['DiscountLineAdd', 'SalesTaxLineAdd', 'ShippingLineAdd'];

const HEADER_SKIP = [
  'CustomerRef',
  'ARAccountRef',
  'TxnDate',
  'DueDate',
  'ExchangeRate',
  'LinkToTxnID',
  'SetCredit',
  'InvoiceLineAdd',
  'InvoiceLineGroupAdd',
  ...UNSIMULATED_LINES,
];

const META_KEY = 'txn.lastInvoiceRefNumber';

/**
 * Invoice numbers as QuickBooks makes them when the request gives none: the last invoice number entered, its
 * trailing digits plus one (zero padding kept: `INV-0099` → `INV-0100`); `1` for the first invoice.
 */
function nextInvoiceNumber(db: CompanyStore, given: string | undefined): string {
  const meta = db.recordMeta;
  let ref = given;
  if (ref === undefined) {
    const last = meta.get(META_KEY);
    const m = last === undefined ? undefined : /^(.*?)(\d+)$/.exec(last);
    ref = !m
      ? last === undefined
        ? '1'
        : `${last}1`
      : `${m[1]}${String(Number(m[2]) + 1).padStart(m[2]!.length, '0')}`;
    ref = ref.slice(0, 11);
  }
  meta.set(META_KEY, ref);
  return ref;
}

/**
 * InvoiceAdd: `CustomerRef` (a customer or job), `ARAccountRef` (default: the A/R account), `TxnDate` (default
 * today, local), `RefNumber` (default: the next invoice number), `TermsRef` (default: the customer's) and `DueDate`
 * from it, `BillAddress`/`ShipAddress` (default: the customer's, with their `…AddressBlock`), `InvoiceLineAdd+`
 * (ItemRef, Quantity, Rate → Amount). `Subtotal` is the lines' sum; no sales tax is computed (SalesTaxTotal 0.00);
 * `BalanceRemaining` starts at the subtotal. The customer's Balance and TotalBalance (and its parents') rise by it.
 */
const invoiceAdd: RqHandler = (ctx: RqContext) => {
  const add = child(ctx.rq, 'InvoiceAdd')!;
  const db = ctx.store;
  const customer = resolveRef(db, child(add, 'CustomerRef')!, ['Customer'], {
    refKind: 'Customer',
    txnType: 'Invoice',
  });
  const fields = requestToDoc(add, {
    store: db,
    refKinds: TXN_REF_KINDS,
    objectType: 'Invoice',
    skip: new Set(HEADER_SKIP),
  });
  const arAccount = headerAccount(
    ctx,
    child(add, 'ARAccountRef'),
    'AccountsReceivable',
    ['AccountsReceivable'],
    'Invoice',
  );
  const link = childrenNamed(add, 'LinkToTxnID')[0];
  if (link) throw QbxmlStatusError.of('objectNotFound', { id: link.text.trim() });
  const credit = child(add, 'SetCredit');
  // No credit memos are kept: a credit to apply cannot be found.
  if (credit) throw QbxmlStatusError.of('objectNotFound', { id: childText(credit, 'CreditTxnID')?.trim() ?? '' });
  const drafts: LineDraft[] = [];
  for (const el of add.children) {
    if (el.name === 'InvoiceLineAdd') drafts.push(invoiceLineDraft(ctx, el, SITE));
    else if (el.name === 'InvoiceLineGroupAdd') {
      requestToDoc(el, { store: db, refKinds: TXN_REF_KINDS, objectType: 'Invoice', line: true });
    }
  }
  if (!drafts.length) throw QbxmlStatusError.of('txnEmpty', { txnType: 'Invoice' });
  const status = notKept(add, [...UNSIMULATED_LINES, 'InvoiceLineAdd/DataExt']);

  const txnDate = txnDateOf(ctx, add);
  const termsRef = (fields['TermsRef'] ?? customer.doc['TermsRef']) as RefDoc | undefined;
  const terms = termsRef ? ListRecords.of(db).getById(termsRef.ListID) : undefined;
  const dueDate = readTxnDate(add, 'DueDate') ?? dueDateFromTerms(terms, txnDate, 0);
  const refNumber = nextInvoiceNumber(db, childText(add, 'RefNumber'));
  const billAddress = fields['BillAddress'] ?? customer.doc['BillAddress'];
  const shipAddress = fields['ShipAddress'] ?? customer.doc['ShipAddress'];
  const billBlock = addressBlock(billAddress);
  const shipBlock = addressBlock(shipAddress);
  const cents = linesTotal(drafts.map((d) => d.doc));
  const amount = formatCents(cents);

  const row = TxnRecords.of(db).insert({
    kind: 'Invoice',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    columns: { refNumber, txnDate, entityId: customer.listId, accountId: arAccount.listId, isPaid: cents === 0 },
    build: () => {
      const doc: RetDoc = {
        ...fields,
        CustomerRef: refDoc(customer),
        ARAccountRef: refDoc(arAccount),
        TxnDate: txnDate,
        RefNumber: refNumber,
        ...(billAddress !== undefined ? { BillAddress: billAddress } : {}),
        ...(billBlock ? { BillAddressBlock: billBlock } : {}),
        ...(shipAddress !== undefined ? { ShipAddress: shipAddress } : {}),
        ...(shipBlock ? { ShipAddressBlock: shipBlock } : {}),
        IsPending: String(readBool(add, 'IsPending') ?? false),
        IsFinanceCharge: String(readBool(add, 'IsFinanceCharge') ?? false),
        ...(terms ? { TermsRef: refDoc(terms) } : {}),
        DueDate: dueDate,
        Subtotal: amount,
        SalesTaxPercentage: '0.00',
        SalesTaxTotal: '0.00',
        AppliedAmount: '0.00',
        BalanceRemaining: amount,
        IsPaid: String(cents === 0),
        IsToBePrinted: String(readBool(add, 'IsToBePrinted') ?? false),
        IsToBeEmailed: String(readBool(add, 'IsToBeEmailed') ?? false),
        ...finishLines(ctx, drafts, SITE),
      };
      return orderDoc(doc, ctx.schema.retOrder('InvoiceRet'));
    },
  });
  adjustEntityBalance(ctx, customer.listId, cents);
  return { ...(status ? { status } : {}), body: writeTxnRet('InvoiceRet', row.doc, includeRetElements(ctx.rq)) };
};

/** An InvoiceRet: lines with IncludeLineItems, LinkedTxn (payments received) with IncludeLinkedTxns. */
export const renderInvoice = renderWithLinks('InvoiceRet');

/** InvoiceQuery: the generic transaction query plus `PaidStatus`. */
const invoiceQuery: RqHandler = (ctx) =>
  runTxnQuery(ctx, { kind: 'Invoice', retName: 'InvoiceRet', render: renderInvoice });

/** InvoiceAdd, InvoiceQuery (InvoiceMod is not simulated yet: status 1030). */
export const INVOICE_HANDLERS: Readonly<Record<string, RqHandler>> = {
  InvoiceAddRq: invoiceAdd,
  InvoiceQueryRq: invoiceQuery,
};
