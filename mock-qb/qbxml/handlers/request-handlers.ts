import type { RqHandler } from '../rq-context.js';
import { companyQuery } from './company-query.js';
import { hostQuery } from './host-query.js';
import { preferencesQuery } from './preferences-query.js';
import { VENDOR_HANDLERS } from './vendor-handlers.js';
import { ACCOUNT_HANDLERS } from './account-handlers.js';
import { CUSTOMER_HANDLERS } from './customer-handlers.js';
import { TERMS_HANDLERS } from './terms-handlers.js';
import { CLASS_HANDLERS } from './class-handlers.js';
import { ITEM_HANDLERS } from './item-handlers.js';
import { LIST_DEL_HANDLERS } from './list-del-handlers.js';
import { OTHER_LIST_HANDLERS } from './other-list-handlers.js';
import { SIMPLE_LIST_HANDLERS } from './simple-list-handlers.js';
import { BILL_HANDLERS } from './bill-handlers.js';
import { BILL_PAYMENT_HANDLERS } from './bill-payment-handlers.js';
import { CHECK_HANDLERS } from './check-handlers.js';
import { VENDOR_CREDIT_HANDLERS } from './vendor-credit-handlers.js';
import { TXN_DEL_HANDLERS } from './txn-del-handlers.js';
import { INVOICE_HANDLERS } from './invoice-handlers.js';
import { RECEIVE_PAYMENT_HANDLERS } from './receive-payment-handlers.js';
import { DATA_EXT_HANDLERS } from './data-ext-handlers.js';

/**
 * The requests the simulator answers, by request element name. A schema-valid request not listed
 * here is answered with status 1030 and journaled as unsupported (mock-qb/README.md lists them).
 */
export const REQUEST_HANDLERS: Readonly<Record<string, RqHandler>> = {
  HostQueryRq: hostQuery,
  CompanyQueryRq: companyQuery,
  PreferencesQueryRq: preferencesQuery,
  ...VENDOR_HANDLERS,
  ...ACCOUNT_HANDLERS,
  ...CUSTOMER_HANDLERS,
  ...TERMS_HANDLERS,
  ...CLASS_HANDLERS,
  ...ITEM_HANDLERS,
  ...LIST_DEL_HANDLERS,
  ...SIMPLE_LIST_HANDLERS,
  ...OTHER_LIST_HANDLERS,
  ...BILL_HANDLERS,
  ...BILL_PAYMENT_HANDLERS,
  ...CHECK_HANDLERS,
  ...VENDOR_CREDIT_HANDLERS,
  ...TXN_DEL_HANDLERS,
  ...INVOICE_HANDLERS,
  ...RECEIVE_PAYMENT_HANDLERS,
  ...DATA_EXT_HANDLERS,
};
