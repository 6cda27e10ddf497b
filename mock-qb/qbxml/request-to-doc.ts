import type { CompanyStore } from '../store/company-store.js';
import { refDoc, resolveRef, type RefSite } from './ref-resolver.js';
import { formatCents, readCents } from './request-values.js';
import type { DocValue, RetDoc } from './ret-doc.js';
import type { XmlElement } from './xml-element.js';

/** Amount-like fields (AMTTYPE / PRICETYPE): stored and written as QuickBooks writes amounts (`12.50`). */
const AMOUNT_FIELDS = new Set([
  'Amount',
  'CreditLimit',
  'OpenBalance',
  'Balance',
  'TotalBalance',
  'AmountDue',
  'OpenAmount',
  'TaxAmount',
  'PaymentAmount',
  'DiscountAmount',
  'AppliedAmount',
  'BalanceRemaining',
  'Cost',
  'SalesPrice',
  'PurchaseCost',
  'Price',
  'Subtotal',
  'SalesTaxTotal',
  'TotalAmount',
  'UnusedPayment',
  'UnusedCredits',
  'CreditRemaining',
]);

/** How request fields become stored Ret fields. */
export interface ConvertOptions {
  store: CompanyStore;
  /** Record kinds each `…Ref` may point at (`TermsRef: ['StandardTerms', 'DateDrivenTerms']`). */
  refKinds: Readonly<Record<string, readonly string[]>>;
  /** For the 3140 text: what is being saved (`Vendor`, `Bill`). */
  objectType: string;
  /** Request field → Ret field (`Contacts` → `ContactsRet`). */
  rename?: Readonly<Record<string, string>>;
  /** Request fields not stored as Ret fields (handled by the caller, e.g. `OpenBalance`). */
  skip?: ReadonlySet<string>;
  /** Within a line aggregate (3140 "… in the Bill line"). */
  line?: boolean;
}

/** What QuickBooks calls a referenced list in 3140 texts. */
const REF_KIND_NAMES: Readonly<Record<string, string>> = {
  VendorRef: 'Vendor',
  PayeeEntityRef: 'Entity',
  CustomerRef: 'Customer',
  AccountRef: 'Account',
  APAccountRef: 'Account',
  ARAccountRef: 'Account',
  BankAccountRef: 'Account',
  CreditCardAccountRef: 'Account',
  DepositToAccountRef: 'Account',
  PrefillAccountRef: 'Account',
  IncomeAccountRef: 'Account',
  ExpenseAccountRef: 'Account',
  ParentRef: 'Parent',
  TermsRef: 'Terms',
  ClassRef: 'Class',
  ItemRef: 'Item',
  SalesTaxCodeRef: 'Sales Tax Code',
  VendorTypeRef: 'Vendor Type',
  CustomerTypeRef: 'Customer Type',
  CurrencyRef: 'Currency',
  PaymentMethodRef: 'Payment Method',
  SalesRepRef: 'Sales Rep',
  ItemSalesTaxRef: 'Item Sales Tax',
  PreferredPaymentMethodRef: 'Payment Method',
  PurchaseTaxCodeRef: 'Sales Tax Code',
  PrefVendorRef: 'Vendor',
  JobTypeRef: 'Job Type',
  PriceLevelRef: 'Price Level',
  UnitOfMeasureSetRef: 'Unit Of Measure Set',
  // Transaction references (bills, checks, payments, invoices).
  DiscountAccountRef: 'Account',
  OverrideItemAccountRef: 'Account',
  DiscountClassRef: 'Class',
  CustomerSalesTaxCodeRef: 'Sales Tax Code',
  ItemGroupRef: 'Item',
  ShipMethodRef: 'Ship Method',
  CustomerMsgRef: 'Customer Message',
  TemplateRef: 'Template',
  InventorySiteRef: 'Inventory Site',
  InventorySiteLocationRef: 'Inventory Site Location',
  OverrideUOMSetRef: 'Unit Of Measure Set',
};

/**
 * Turns the fields of an Add/Mod aggregate into stored Ret fields: references resolved to
 * `ListID` + `FullName` (3140 on a miss), amounts normalized, booleans written `true`/`false`,
 * nested aggregates converted, repeated fields collected. Field order is the request's (already
 * schema order); callers put the result in Ret order with {@link orderDoc}.
 */
export function requestToDoc(el: XmlElement, opts: ConvertOptions): RetDoc {
  const doc: RetDoc = {};
  for (const c of el.children) {
    if (opts.skip?.has(c.name)) continue;
    const key = opts.rename?.[c.name] ?? c.name;
    const value = convertValue(c, opts);
    const prev = doc[key];
    if (prev === undefined) doc[key] = value;
    else doc[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return doc;
}

function convertValue(c: XmlElement, opts: ConvertOptions): DocValue {
  if (c.name.endsWith('Ref') && c.children.some((g) => g.name === 'ListID' || g.name === 'FullName')) {
    const kinds = opts.refKinds[c.name];
    const site: RefSite = {
      refKind: REF_KIND_NAMES[c.name] ?? c.name.replace(/Ref$/, ''),
      txnType: opts.objectType,
      ...(opts.line ? { line: true } : {}),
    };
    if (!kinds) {
      // A list the simulator does not keep (currency, sales rep, ...): no record can match.
      return resolveRef(opts.store, c, [], site) as never;
    }
    return refDoc(resolveRef(opts.store, c, kinds, site));
  }
  if (c.children.length) return requestToDoc(c, { ...opts, skip: undefined, rename: undefined });
  if (AMOUNT_FIELDS.has(c.name)) {
    const parent: XmlElement = { name: '', attrs: {}, children: [c], text: '' };
    return formatCents(readCents(parent, c.name)!);
  }
  if (c.name.startsWith('Is') && (c.text === '1' || c.text === '0')) return c.text === '1' ? 'true' : 'false';
  return c.text;
}

/** The doc's fields in schema order (`order` from the schema's retOrder/childOrder); unknown keys are dropped. */
export function orderDoc(doc: RetDoc, order: readonly string[]): RetDoc {
  const out: RetDoc = {};
  for (const key of order) {
    const v = doc[key];
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/**
 * A Mod applied to a stored doc: fields present in the patch replace the stored ones; a nested
 * aggregate (an address) is merged field by field, so sub-fields not sent are kept.
 */
export function mergeDoc(stored: RetDoc, patch: RetDoc): RetDoc {
  const out: RetDoc = { ...stored };
  for (const [k, v] of Object.entries(patch)) {
    const prev = out[k];
    if (isAggregate(v) && isAggregate(prev) && !('ListID' in v)) out[k] = mergeDoc(prev, v);
    else out[k] = v;
  }
  return out;
}

function isAggregate(v: DocValue | undefined): v is RetDoc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
