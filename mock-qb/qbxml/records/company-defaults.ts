import type { CompanyStore } from '../../store/company-store.js';
import { editSequenceAt } from './id-factory.js';
import { cashFlowClassification } from '../cash-flow-classification.js';
import { listKind } from '../list-kinds.js';
import { orderDocDeep } from '../order-doc-deep.js';
import type { RetDoc } from '../ret-doc.js';
import type { RequestSchema } from '../schema/request-schema.js';
import { ListRecords } from './list-records.js';

/** One built-in list record of a new company: its kind, name and the fields after ListCore/Name. */
export interface DefaultListRecord {
  readonly kind: string;
  readonly name: string;
  readonly fields: Readonly<RetDoc>;
}

function account(name: string, type: string, special?: string, desc?: string): DefaultListRecord {
  return {
    kind: 'Account',
    name,
    fields: {
      FullName: name,
      IsActive: 'true',
      Sublevel: '0',
      AccountType: type,
      ...(special ? { SpecialAccountType: special } : {}),
      ...(desc ? { Desc: desc } : {}),
      Balance: '0.00',
      TotalBalance: '0.00',
      CashFlowClassification: cashFlowClassification(type),
    },
  };
}

function terms(name: string, dueDays: number, discountDays = 0, discountPct = '0.00'): DefaultListRecord {
  return {
    kind: 'StandardTerms',
    name,
    fields: {
      IsActive: 'true',
      StdDueDays: String(dueDays),
      StdDiscountDays: String(discountDays),
      DiscountPct: discountPct,
    },
  };
}

function paymentMethod(name: string, type: string): DefaultListRecord {
  return { kind: 'PaymentMethod', name, fields: { IsActive: 'true', PaymentMethodType: type } };
}

/**
 * What a new QuickBooks US company holds before anyone adds a record (a connector's first AccountQuery, TermsQuery or
 * SalesTaxCodeQuery never comes back empty), in the order the records are created:
 *
 * - Accounts (chart of accounts): `Checking` (Bank); `Accounts Receivable` (AccountsReceivable, special
 *   AccountsReceivable); `Undeposited Funds` (OtherCurrentAsset, special UndepositedFunds); `Accounts Payable`
 *   (AccountsPayable, special AccountsPayable); `Opening Balance Equity` (Equity, special OpeningBalanceEquity);
 *   `Retained Earnings` (Equity, special RetainedEarnings); `Office Supplies`, `Rent Expense`, `Utilities`
 *   (Expense). Balances 0.00; the special accounts carry QuickBooks' descriptions.
 * - Standard terms: `Net 15`, `Net 30`, `Net 60`, `1% 10 Net 30`, `Due on receipt`.
 * - Sales tax codes: `Tax` (taxable, "Taxable Sales"), `Non` (non-taxable, "Non-Taxable Sales").
 * - Payment methods: `Cash`, `Check`, `Visa`, `MasterCard`, `American Express`, `Discover` (with their
 *   PaymentMethodType).
 */
export const COMPANY_DEFAULTS: readonly DefaultListRecord[] = [
  account('Checking', 'Bank'),
  account(
    'Accounts Receivable',
    'AccountsReceivable',
    'AccountsReceivable',
    'Unpaid or unapplied customer invoices and credits',
  ),
  account(
    'Undeposited Funds',
    'OtherCurrentAsset',
    'UndepositedFunds',
    'Funds received, but not yet deposited to a bank account',
  ),
  account('Accounts Payable', 'AccountsPayable', 'AccountsPayable', 'Unpaid or unapplied vendor bills or credits'),
  account(
    'Opening Balance Equity',
    'Equity',
    'OpeningBalanceEquity',
    'Opening balances during setup post to this account. The balance of this account should be zero after completing your setup',
  ),
  account('Retained Earnings', 'Equity', 'RetainedEarnings', 'Undistributed earnings of the business'),
  account('Office Supplies', 'Expense'),
  account('Rent Expense', 'Expense'),
  account('Utilities', 'Expense'),
  terms('Net 15', 15),
  terms('Net 30', 30),
  terms('Net 60', 60),
  terms('1% 10 Net 30', 30, 10, '1.00'),
  terms('Due on receipt', 0),
  { kind: 'SalesTaxCode', name: 'Tax', fields: { IsActive: 'true', IsTaxable: 'true', Desc: 'Taxable Sales' } },
  { kind: 'SalesTaxCode', name: 'Non', fields: { IsActive: 'true', IsTaxable: 'false', Desc: 'Non-Taxable Sales' } },
  paymentMethod('Cash', 'Cash'),
  paymentMethod('Check', 'Check'),
  paymentMethod('Visa', 'Visa'),
  paymentMethod('MasterCard', 'MasterCard'),
  paymentMethod('American Express', 'AmericanExpress'),
  paymentMethod('Discover', 'Discover'),
];

/** Marks a company whose defaults were created (so a default deleted later is not created again). */
const META_KEY = 'company_defaults';
/** Built-in records' ids: `10000-…`, `20000-…`, … (the shape of QuickBooks' built-in list ids, e.g. `20000-1211065841` for `Non`). */
const BUILTIN_COUNTER = 'builtinList';
const BUILTIN_STEP = 0x10000;

const ready = new WeakSet<object>();

/**
 * Creates the default lists of a new company ({@link COMPANY_DEFAULTS}) once per company file, the first time the
 * qbXML tables are used for it: the request processor calls this before the first request of a ProcessRequest.
 * Ids and times come from the company file and the host clock of that moment, so a seeded world reproduces them:
 * `TimeCreated`/`TimeModified` = `now` in the QuickBooks machine's zone, `EditSequence` = its Unix seconds, ListIDs
 * from the company's built-in counter (`10000-<secs>`, `20000-<secs>`, … — QuickBooks gives the records it creates
 * itself small ids, while records users and applications add start at `80000001-…`, facts §6.4). A name already in
 * use (a company generated or restored with its own lists) is left alone. Cheap after the first call for a handle.
 */
export function ensureCompanyDefaults(store: CompanyStore, schema: RequestSchema, now: number, timeZone: string) {
  // Per handle: a company replaced by a snapshot is another database and is checked again.
  const handle = store.recordMeta;
  if (ready.has(handle)) return;
  const meta = store.recordMeta;
  if (meta.get(META_KEY) === undefined) {
    store.transaction(() => {
      const records = ListRecords.of(store);
      const secs = editSequenceAt(now);
      for (const d of COMPANY_DEFAULTS) {
        const kind = listKind(d.kind);
        if (records.getByClassName(kind.nameClass, d.name)) continue;
        const next = (meta.counter(BUILTIN_COUNTER) ?? 0) + BUILTIN_STEP;
        meta.setCounter(BUILTIN_COUNTER, next);
        records.insert({
          kind: d.kind,
          nameClass: kind.nameClass,
          name: d.name,
          fullName: d.name,
          isActive: true,
          now,
          timeZone,
          listId: `${next.toString(16).toUpperCase()}-${secs}`,
          build: () => orderDocDeep({ Name: d.name, ...d.fields }, schema, kind.retName),
        });
      }
      meta.set(META_KEY, '1');
    });
  }
  ready.add(handle);
}
