import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { addressBlock } from '../address-block.js';
import { runListQuery } from '../list-query.js';
import type { ListRow } from '../records/list-records.js';
import { refFilter, type RefFilter } from '../ref-filter.js';
import { formatCents, readCents } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { child } from '../xml-element.js';
import { compareAmount } from './amount-filter.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, modListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

/** Lists a customer's references may point at (lists the simulator does not keep get 3140 on any reference). */
const CUSTOMER_REFS = {
  ClassRef: ['Class'],
  CustomerTypeRef: ['CustomerType'],
  TermsRef: ['StandardTerms', 'DateDrivenTerms'],
  SalesRepRef: ['SalesRep'],
  SalesTaxCodeRef: ['SalesTaxCode'],
  ItemSalesTaxRef: ['ItemSalesTax'],
  PreferredPaymentMethodRef: ['PaymentMethod'],
  JobTypeRef: ['JobType'],
  PriceLevelRef: ['PriceLevel'],
} as const;

/** Not simulated on customers (their Ret shapes carry ids of their own): accepted and not stored. */
const UNSTORED = ['Contacts', 'ContactsMod', 'AdditionalNotes', 'AdditionalNotesMod', 'AdditionalContactRef'];

/** Customers and their jobs: a job is a customer record below its customer (`Customer:Job`, Sublevel 1). */
const CUSTOMER: ListWriteSpec = {
  kind: 'Customer',
  parentKinds: ['Customer'],
  objectType: 'Customer',
  refKinds: CUSTOMER_REFS,
  skip: ['OpenBalance', 'OpenBalanceDate', ...UNSTORED],
};

/**
 * The fields QuickBooks computes on a customer: the address blocks of its bill and ship addresses, and JobStatus
 * `None` unless one was set (real CustomerRet captures always carry it).
 */
function computed(doc: RetDoc): RetDoc {
  const out: RetDoc = { ...doc, JobStatus: doc['JobStatus'] ?? 'None' };
  for (const [address, block] of [
    ['BillAddress', 'BillAddressBlock'],
    ['ShipAddress', 'ShipAddressBlock'],
  ] as const) {
    const b = addressBlock(doc[address]);
    if (b) out[block] = b;
    else delete out[block];
  }
  return out;
}

const customerAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'CustomerAdd')!;
  const opening = formatCents(readCents(add, 'OpenBalance') ?? 0);
  const row = addListRecord(ctx, add, CUSTOMER, (doc) => computed({ ...doc, Balance: opening, TotalBalance: opening }));
  return { body: writeOne(ctx, row, 'CustomerRet', includeRetElements(ctx.rq)) };
};

const customerMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'CustomerMod')!;
  const row = modListRecord(ctx, mod, CUSTOMER, computed);
  return { body: writeOne(ctx, row, 'CustomerRet', includeRetElements(ctx.rq)) };
};

/** CustomerQuery: the list filters plus `TotalBalanceFilter`, `CurrencyFilter`, `ClassFilter`; iterators allowed. */
const customerQuery: RqHandler = (ctx) => {
  const balance = child(ctx.rq, 'TotalBalanceFilter');
  const filters: RefFilter[] = [];
  const classFilter = child(ctx.rq, 'ClassFilter');
  if (classFilter) filters.push(refFilter(ctx.store, classFilter, ['Class'], 'ClassRef'));
  const currency = child(ctx.rq, 'CurrencyFilter');
  // Currencies are not kept (multicurrency is off): a currency filter names nothing QuickBooks can find.
  if (currency) filters.push(refFilter(ctx.store, currency, ['Currency'], 'CurrencyRef'));
  const tests: ((row: ListRow) => boolean)[] = [];
  if (balance) tests.push((row) => compareAmount(balance, String(row.doc['TotalBalance'] ?? '0.00')));
  for (const f of filters) {
    if (f.missing !== undefined) return { status: qbxmlStatus('queryIncomplete', { value: f.missing }) };
    tests.push(f.match);
  }
  return runListQuery(ctx, {
    kinds: ['Customer'],
    retName: () => 'CustomerRet',
    iterators: true,
    ...(tests.length ? { extraFilter: (row: ListRow) => tests.every((t) => t(row)) } : {}),
  });
};

/** CustomerAdd, CustomerMod, CustomerQuery. */
export const CUSTOMER_HANDLERS: Readonly<Record<string, RqHandler>> = {
  CustomerAddRq: customerAdd,
  CustomerModRq: customerMod,
  CustomerQueryRq: customerQuery,
};
