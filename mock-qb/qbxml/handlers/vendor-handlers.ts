import { runListQuery } from '../list-query.js';
import { ListRecords } from '../records/list-records.js';
import { orderDoc, requestToDoc, mergeDoc } from '../request-to-doc.js';
import { formatCents, readCents } from '../request-values.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import { child, childText } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { checkNameFree, requireEditable, writeOne } from './list-write.js';
import { compareAmount } from './amount-filter.js';

/** Lists a vendor's references may point at. */
const VENDOR_REFS = {
  ClassRef: ['Class'],
  VendorTypeRef: ['VendorType'],
  TermsRef: ['StandardTerms', 'DateDrivenTerms'],
  SalesTaxCodeRef: ['SalesTaxCode'],
  PrefillAccountRef: ['Account'],
  TaxOnPurchasesAccountRef: ['Account'],
  TaxOnSalesAccountRef: ['Account'],
} as const;

/** Not simulated on vendors (their Ret shapes carry ids of their own): accepted and not stored. */
const UNSTORED = ['Contacts', 'ContactsMod', 'AdditionalNotes', 'AdditionalNotesMod', 'AdditionalContactRef'];

/** Customer, Vendor, Employee and Other Name share one name space (facts §10.1: 3100 across them). */
export const ENTITY_NAME_CLASS = 'entity';

const vendorAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'VendorAdd')!;
  const name = childText(add, 'Name')!;
  checkNameFree(ctx, ENTITY_NAME_CLASS, name);
  const fields = requestToDoc(add, {
    store: ctx.store,
    refKinds: VENDOR_REFS,
    objectType: 'Vendor',
    skip: new Set(['OpenBalance', 'OpenBalanceDate', ...UNSTORED]),
  });
  const opening = readCents(add, 'OpenBalance') ?? 0;
  const row = ListRecords.of(ctx.store).insert({
    kind: 'Vendor',
    nameClass: ENTITY_NAME_CLASS,
    name,
    fullName: name,
    isActive: fields['IsActive'] !== 'false',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    build: () =>
      orderDoc({ IsActive: 'true', ...fields, Balance: formatCents(opening) }, ctx.schema.retOrder('VendorRet')),
  });
  return { body: writeOne(ctx, row, 'VendorRet', includeRetElements(ctx.rq)) };
};

const vendorMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'VendorMod')!;
  const row = requireEditable(ctx, mod, ['Vendor'], 'vendor');
  const newName = childText(mod, 'Name');
  if (newName !== undefined && newName.toUpperCase() !== row.name.toUpperCase()) {
    checkNameFree(ctx, ENTITY_NAME_CLASS, newName);
  }
  const patch = requestToDoc(mod, {
    store: ctx.store,
    refKinds: VENDOR_REFS,
    objectType: 'Vendor',
    skip: new Set(['ListID', 'EditSequence', ...UNSTORED]),
  });
  const doc = orderDoc(mergeDoc(row.doc, patch), ctx.schema.retOrder('VendorRet'));
  const saved = ListRecords.of(ctx.store).save(
    {
      ...row,
      name: newName ?? row.name,
      fullName: newName ?? row.fullName,
      isActive: doc['IsActive'] !== 'false',
      doc,
    },
    { now: ctx.now, timeZone: ctx.host.timeZone },
  );
  return { body: writeOne(ctx, saved, 'VendorRet', includeRetElements(ctx.rq)) };
};

const vendorQuery: RqHandler = (ctx: RqContext) => {
  const balance = child(ctx.rq, 'TotalBalanceFilter');
  return runListQuery(ctx, {
    kinds: ['Vendor'],
    retName: () => 'VendorRet',
    iterators: true,
    ...(balance ? { extraFilter: (row) => compareAmount(balance, String(row.doc['Balance'] ?? '0.00')) } : {}),
  });
};

/** VendorAdd, VendorMod, VendorQuery. */
export const VENDOR_HANDLERS: Readonly<Record<string, RqHandler>> = {
  VendorAddRq: vendorAdd,
  VendorModRq: vendorMod,
  VendorQueryRq: vendorQuery,
};
