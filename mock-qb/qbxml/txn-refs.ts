import type { CompanyStore } from '../store/company-store.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { ListRecords, type ListRow } from './records/list-records.js';
import { resolveRef } from './ref-resolver.js';
import type { RqContext } from './rq-context.js';
import type { XmlElement } from './xml-element.js';

/** Record kinds of the name lists a transaction's payee may be on. */
export const ENTITY_KINDS = ['Vendor', 'Customer', 'Employee', 'OtherName'] as const;

/** Record kinds of the Item list (the simulator keeps service, non-inventory and other-charge items). */
export const ITEM_KINDS = [
  'ItemService',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemFixedAsset',
  'ItemSubtotal',
  'ItemDiscount',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemGroup',
] as const;

const TERMS_KINDS = ['StandardTerms', 'DateDrivenTerms'] as const;
const ACCOUNT = ['Account'] as const;
const CLASS = ['Class'] as const;
const SALES_TAX_CODE = ['SalesTaxCode'] as const;

/**
 * The lists each `…Ref` of a transaction may point at. A reference to a list the simulator does not keep (currency,
 * sales rep, ship method, template, inventory site, …) can match no record: 3140, as in a company without that list.
 */
export const TXN_REF_KINDS: Readonly<Record<string, readonly string[]>> = {
  VendorRef: ['Vendor'],
  CustomerRef: ['Customer'],
  PayeeEntityRef: ENTITY_KINDS,
  APAccountRef: ACCOUNT,
  ARAccountRef: ACCOUNT,
  AccountRef: ACCOUNT,
  BankAccountRef: ACCOUNT,
  CreditCardAccountRef: ACCOUNT,
  DepositToAccountRef: ACCOUNT,
  DiscountAccountRef: ACCOUNT,
  OverrideItemAccountRef: ACCOUNT,
  TermsRef: TERMS_KINDS,
  ClassRef: CLASS,
  DiscountClassRef: CLASS,
  SalesTaxCodeRef: SALES_TAX_CODE,
  CustomerSalesTaxCodeRef: SALES_TAX_CODE,
  ItemRef: ITEM_KINDS,
  ItemGroupRef: ['ItemGroup'],
  ItemSalesTaxRef: ['ItemSalesTax', 'ItemSalesTaxGroup'],
  PaymentMethodRef: ['PaymentMethod'],
  PriceLevelRef: ['PriceLevel'],
  ShipMethodRef: ['ShipMethod'],
  CustomerMsgRef: ['CustomerMsg'],
};

/** The special accounts a transaction posts to when the request names none. */
export type DefaultAccount = 'AccountsPayable' | 'AccountsReceivable' | 'UndepositedFunds';

const defaultIds = new WeakMap<CompanyStore, Map<DefaultAccount, string>>();

/**
 * The company's default account of a kind: the oldest active account marked with that SpecialAccountType, else (A/P,
 * A/R) the oldest active account of that AccountType. Undefined when the company has none. A special account found
 * once is remembered while it stays active and special (a newer account cannot be older than it).
 */
export function defaultAccount(db: CompanyStore, special: DefaultAccount): ListRow | undefined {
  let ids = defaultIds.get(db);
  if (!ids) defaultIds.set(db, (ids = new Map()));
  const remembered = ids.get(special);
  if (remembered !== undefined) {
    const row = ListRecords.of(db).getById(remembered);
    if (row?.kind === 'Account' && row.isActive && row.doc['SpecialAccountType'] === special) return row;
    ids.delete(special);
  }
  const found = lookupDefaultAccount(db, special);
  if (found?.doc['SpecialAccountType'] === special) ids.set(special, found.listId);
  return found;
}

/**
 * The oldest active account with that special type, else the oldest active account of the same AccountType
 * (Undeposited Funds has no AccountType of its own). Accounts are few: the scan is of the chart of accounts.
 */
function lookupDefaultAccount(db: CompanyStore, special: DefaultAccount): ListRow | undefined {
  const type = special === 'UndepositedFunds' ? '(none)' : special;
  let best: ListRow | undefined;
  for (const row of db.lists.query({ kinds: ['Account'] })) {
    const isSpecial = row.doc['SpecialAccountType'] === special;
    if (!isSpecial && row.doc['AccountType'] !== type) continue;
    const bestSpecial = best?.doc['SpecialAccountType'] === special;
    if (!best || (isSpecial && !bestSpecial) || (isSpecial === bestSpecial && row.seq < best.seq)) best = row;
  }
  return best;
}

/** The AccountType of an account record. */
export function accountType(row: ListRow): string {
  return String(row.doc['AccountType'] ?? '');
}

/**
 * Resolves an account reference and checks its type: an account of another type in `APAccountRef`, `BankAccountRef`
 * or `CreditCardAccountRef` answers 3140 like a missing one (fidelity note: the code is our reading).
 */
export function resolveAccountOfType(
  ctx: RqContext,
  ref: XmlElement,
  types: readonly string[],
  txnType: string,
): ListRow {
  const row = resolveRef(ctx.store, ref, ACCOUNT, { refKind: 'Account', txnType });
  if (!types.includes(accountType(row))) {
    const name = ref.children.find((c) => c.name === 'ListID')?.text.trim() || row.fullName;
    throw QbxmlStatusError.of('invalidReference', { refKind: 'Account', name, txnType });
  }
  return row;
}

/** The account a transaction posts to: the one named (of an allowed type), else the company's default, else 3180. */
export function headerAccount(
  ctx: RqContext,
  ref: XmlElement | undefined,
  special: DefaultAccount,
  types: readonly string[],
  txnType: string,
): ListRow {
  if (ref) return resolveAccountOfType(ctx, ref, types, txnType);
  const row = defaultAccount(ctx.store, special);
  // No A/P (A/R) account in the company: QuickBooks cannot post the transaction (fidelity note: our reading).
  if (!row) throw QbxmlStatusError.of('txnRecordError', { txnType });
  return row;
}
