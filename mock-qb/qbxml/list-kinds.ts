import { ENTITY_NAME_CLASS } from './handlers/vendor-handlers.js';

/**
 * How QuickBooks names each simulated list in its messages, and which records share a name space.
 *
 * - `nameClass`: records of one class cannot share a full name (3100). Customer, Vendor, Employee and Other Name
 *   share one (facts §10.1); all item types share one; standard and date-driven terms share one.
 * - `listName`: the list in the 3130 text ("… a parent "X" in the Customers list." — real capture for customers;
 *   the plural form for the other lists follows it).
 * - `saveListName`: the list in the 3180 list text ("There was an error when saving a Customer list, element …" —
 *   real capture for customers; QuickBooks fills its template without article agreement).
 * - `objectDescription`: the record in the 3170 text ("… when modifying a vendor named …" — real for vendors).
 * - `retName`: the Ret aggregate of a record of that kind.
 */
export interface ListKind {
  readonly nameClass: string;
  readonly retName: string;
  readonly listName: string;
  readonly saveListName: string;
  readonly objectDescription: string;
}

/** The list kinds the simulator keeps, by record kind (the kind is also the qbXML `ListDelType` value). */
export const LIST_KINDS: Readonly<Record<string, ListKind>> = {
  Vendor: {
    nameClass: ENTITY_NAME_CLASS,
    retName: 'VendorRet',
    listName: 'Vendors',
    saveListName: 'Vendor',
    objectDescription: 'vendor',
  },
  Customer: {
    nameClass: ENTITY_NAME_CLASS,
    retName: 'CustomerRet',
    listName: 'Customers',
    saveListName: 'Customer',
    objectDescription: 'customer',
  },
  Account: {
    nameClass: 'account',
    retName: 'AccountRet',
    listName: 'Accounts',
    saveListName: 'Account',
    objectDescription: 'account',
  },
  Class: {
    nameClass: 'class',
    retName: 'ClassRet',
    listName: 'Classes',
    saveListName: 'Class',
    objectDescription: 'class',
  },
  StandardTerms: {
    nameClass: 'terms',
    retName: 'StandardTermsRet',
    listName: 'Terms',
    saveListName: 'Terms',
    objectDescription: 'terms',
  },
  DateDrivenTerms: {
    nameClass: 'terms',
    retName: 'DateDrivenTermsRet',
    listName: 'Terms',
    saveListName: 'Terms',
    objectDescription: 'terms',
  },
  ItemService: {
    nameClass: 'item',
    retName: 'ItemServiceRet',
    listName: 'Items',
    saveListName: 'Item',
    objectDescription: 'item',
  },
  ItemNonInventory: {
    nameClass: 'item',
    retName: 'ItemNonInventoryRet',
    listName: 'Items',
    saveListName: 'Item',
    objectDescription: 'item',
  },
  ItemOtherCharge: {
    nameClass: 'item',
    retName: 'ItemOtherChargeRet',
    listName: 'Items',
    saveListName: 'Item',
    objectDescription: 'item',
  },
  SalesTaxCode: {
    nameClass: 'salesTaxCode',
    retName: 'SalesTaxCodeRet',
    listName: 'Sales Tax Codes',
    saveListName: 'Sales Tax Code',
    objectDescription: 'sales tax code',
  },
  PaymentMethod: {
    nameClass: 'paymentMethod',
    retName: 'PaymentMethodRet',
    listName: 'Payment Methods',
    saveListName: 'Payment Method',
    objectDescription: 'payment method',
  },
  CustomerType: simple('CustomerType', 'customerType', 'Customer Types', 'Customer Type', 'customer type'),
  VendorType: simple('VendorType', 'vendorType', 'Vendor Types', 'Vendor Type', 'vendor type'),
  JobType: simple('JobType', 'jobType', 'Job Types', 'Job Type', 'job type'),
  ShipMethod: simple('ShipMethod', 'shipMethod', 'Ship Via', 'Ship Via', 'shipping method'),
  CustomerMsg: simple('CustomerMsg', 'customerMsg', 'Customer Messages', 'Customer Message', 'customer message'),
  Vehicle: simple('Vehicle', 'vehicle', 'Vehicles', 'Vehicle', 'vehicle'),
  OtherName: simple('OtherName', ENTITY_NAME_CLASS, 'Other Names', 'Other Name', 'other name'),
};

/** A list kind of the simple lists (their list names in 3130/3180 texts follow the template: inferred). */
function simple(kind: string, nameClass: string, listName: string, saveListName: string, objectDescription: string) {
  return { nameClass, retName: `${kind}Ret`, listName, saveListName, objectDescription };
}

/** The kind's entry; a kind missing from the table is a bug in the simulator. */
export function listKind(kind: string): ListKind {
  const k = LIST_KINDS[kind];
  if (!k) throw new Error(`qbd-sim has no list kind "${kind}" in LIST_KINDS`);
  return k;
}
