/**
 * The qbXML requests the simulator models. The generated schema table holds their full content models and those of
 * their responses (`…Rq` → `…Rs`), and everything they reference; every other request of qbXML 13.0 is known by
 * name only. Change this list, then run `npx tsx scripts/generate-qbxml-schema-table.ts`.
 */
export const SUPPORTED_REQUESTS = [
  'HostQueryRq',
  'CompanyQueryRq',
  'PreferencesQueryRq',
  'AccountAddRq',
  'AccountModRq',
  'AccountQueryRq',
  'VendorAddRq',
  'VendorModRq',
  'VendorQueryRq',
  'CustomerAddRq',
  'CustomerModRq',
  'CustomerQueryRq',
  'StandardTermsAddRq',
  'StandardTermsQueryRq',
  'DateDrivenTermsAddRq',
  'DateDrivenTermsQueryRq',
  'TermsQueryRq',
  'ClassAddRq',
  'ClassModRq',
  'ClassQueryRq',
  'ItemServiceAddRq',
  'ItemServiceModRq',
  'ItemServiceQueryRq',
  'ItemNonInventoryAddRq',
  'ItemNonInventoryModRq',
  'ItemNonInventoryQueryRq',
  'ItemOtherChargeAddRq',
  'ItemOtherChargeModRq',
  'ItemOtherChargeQueryRq',
  'ItemQueryRq',
  'BillAddRq',
  'BillModRq',
  'BillQueryRq',
  'BillPaymentCheckAddRq',
  'BillPaymentCheckModRq',
  'BillPaymentCheckQueryRq',
  'BillPaymentCreditCardAddRq',
  // No BillPaymentCreditCardModRq: qbXML 13.0 has none (a credit-card bill payment cannot be modified through the SDK).
  'BillPaymentCreditCardQueryRq',
  'CheckAddRq',
  'CheckModRq',
  'CheckQueryRq',
  'VendorCreditAddRq',
  'VendorCreditModRq',
  'VendorCreditQueryRq',
  'InvoiceAddRq',
  'InvoiceModRq',
  'InvoiceQueryRq',
  'ReceivePaymentAddRq',
  'ReceivePaymentModRq',
  'ReceivePaymentQueryRq',
  'TxnDelRq',
  'ListDelRq',
  'TxnDeletedQueryRq',
  'ListDeletedQueryRq',
  'DataExtDefAddRq',
  'DataExtDefModRq',
  'DataExtDefDelRq',
  'DataExtDefQueryRq',
  'DataExtAddRq',
  'DataExtModRq',
  'DataExtDelRq',
  'SalesTaxCodeQueryRq',
  'PaymentMethodQueryRq',
] as const;

export type SupportedRequestName = (typeof SUPPORTED_REQUESTS)[number];

/** The response element of a request (`BillAddRq` → `BillAddRs`). */
export function responseNameOf(requestName: string): string {
  return requestName.replace(/Rq$/, 'Rs');
}
