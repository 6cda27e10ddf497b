// Every qbXML request the connector builds, held against Intuit's qbXML 13.0 XSD with libxml2 (external truth).
import { expect, test } from 'vitest';
import { qbxmlRequests as Q } from '../../../../src/connector/qbxml-requests.js';
import { validateQbxmlDocuments } from '../../../support/xsd-validate-response.js';

const OWNER = '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}';
const GUID = '{0F1E2D3C-4B5A-5968-8776-A5B4C3D2E1F0}';

const REQUESTS: Record<string, string> = {
  companyQuery: Q.companyQuery('1', OWNER),
  dataExtDefAdd: Q.dataExtDefAdd('1', OWNER, 'CloudId', ['Vendor', 'Bill', 'BillPaymentCheck']),
  dataExtAddCompany: Q.dataExtAdd('1', OWNER, 'FileID', GUID, { company: true }),
  dataExtAddVendorByName: Q.dataExtAdd('1', OWNER, 'CloudId', 'v-1', {
    listType: 'Vendor',
    fullName: 'A & B <Supply>',
  }),
  dataExtAddBill: Q.dataExtAdd('1', OWNER, 'CloudId', 'b-1', { txnType: 'Bill', txnId: '1A-1700000000' }),
  vendorAddFull: Q.vendorAdd(
    '1',
    {
      name: 'Paper Source',
      isActive: true,
      companyName: 'Paper Source LLC',
      address: { addr1: '1 Main St', city: 'Springfield', state: 'IL', postalCode: '62701' },
      phone: '555-0100',
      email: 'ap@paper.example',
      accountNumber: 'ACCT-9',
      termsName: 'Net 30',
    },
    GUID,
  ),
  vendorAddMinimal: Q.vendorAdd('1', { name: 'X' }, GUID),
  vendorMod: Q.vendorMod('1', '80000001-1700000000', '1700000000', { email: 'new@x.example', isActive: false }),
  vendorByListId: Q.vendorByRef('1', { listId: '80000001-1700000000' }, OWNER),
  vendorByName: Q.vendorByRef('1', { fullName: 'Paper Source' }, OWNER),
  vendorsStart: Q.vendorsModifiedSince('1', '2024-11-03T01:10:00-05:00', OWNER, { iterator: 'Start' }, 100),
  vendorsContinue: Q.vendorsModifiedSince('1', undefined, OWNER, { iterator: 'Continue', iteratorId: '{a-b}' }, 100),
  accounts: Q.accountsModifiedSince('1', '2024-11-03T01:10:00-05:00', [
    'AccountsPayable',
    'Bank',
    'CreditCard',
    'Expense',
  ]),
  terms: Q.termsModifiedSince('1', undefined),
  billsStart: Q.billsModifiedSince('1', '2024-11-03T01:10:00-05:00', OWNER, { iterator: 'Start' }, 100),
  billsFirst: Q.billsModifiedSince('1', undefined, OWNER, { iterator: 'Start' }, 100),
  billsById: Q.billsById('1', ['1A-1700000000', '1B-1700000001'], OWNER),
  billById: Q.txnById('1', 'Bill', '1A-1700000000', OWNER),
  paymentById: Q.txnById('1', 'BillPaymentCheck', '1C-1700000000', OWNER),
  billsOfVendorOn: Q.txnsOfVendorOn('1', 'Bill', { listId: '80000001-1700000000' }, '2024-05-02', OWNER),
  paymentsOfVendorOn: Q.txnsOfVendorOn('1', 'BillPaymentCheck', { fullName: 'Paper Source' }, '2024-05-02', OWNER),
  checkPayments: Q.paymentsModifiedSince(
    '1',
    'BillPaymentCheck',
    '2024-01-01T00:00:00-05:00',
    { iterator: 'Start' },
    50,
  ),
  cardPayments: Q.paymentsModifiedSince('1', 'BillPaymentCreditCard', undefined, { iterator: 'Start' }, 50),
  billAdd: Q.billAdd(
    '1',
    {
      vendor: { fullName: 'Paper Source' },
      txnDate: '2024-03-04',
      dueDate: '2024-04-03',
      refNumber: 'PS-1001',
      memo: 'March supplies',
      lines: [
        { accountName: 'Office Supplies', amount: '240.00', memo: 'toner' },
        { accountName: 'Utilities', amount: '10.50' },
      ],
    },
    GUID,
  ),
  paymentWithNumber: Q.billPaymentCheckAdd(
    '1',
    {
      vendor: { listId: '80000001-1700000000' },
      txnDate: '2024-03-20',
      bankAccountName: 'Checking',
      refNumber: '5001',
      billTxnId: '1A-1700000000',
      amount: '240.00',
    },
    GUID,
  ),
  paymentToPrint: Q.billPaymentCheckAdd(
    '1',
    {
      vendor: { fullName: 'Paper Source' },
      txnDate: '2024-03-20',
      bankAccountName: 'Checking',
      billTxnId: '1A-1700000000',
      amount: '1.00',
    },
    GUID,
  ),
};

test("every request the connector sends validates against Intuit's qbXML 13.0 XSD", async () => {
  const names = Object.keys(REQUESTS);
  const results = await validateQbxmlDocuments(names.map((n) => Q.set('13.0', 'stopOnError', [REQUESTS[n]!])));
  const failures = results.flatMap((r, i) => (r.ok ? [] : [`${names[i]}: ${r.errors.join('; ')}`]));
  expect(failures).toEqual([]);
}, 60_000);

test('values are escaped', () => {
  expect(REQUESTS['dataExtAddVendorByName']).toContain('<FullName>A &amp; B &lt;Supply&gt;</FullName>');
});
