import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

const LISTS =
  `<AccountQueryRq requestID="accounts"/><TermsQueryRq requestID="terms"/>` +
  `<SalesTaxCodeQueryRq requestID="tax"/><PaymentMethodQueryRq requestID="methods"/>`;

function rows(rs: XmlElement | undefined, ...fields: string[]): string[][] {
  return rs!.children.map((r) => fields.map((f) => textAt(r, f) ?? ''));
}

test('a new company has the default US lists: accounts, terms, sales tax codes, payment methods', async () => {
  const s = await openQbxmlSession({ seed: 'defaults-lists' });
  const [accounts, terms, tax, methods] = s.rs(LISTS);
  expect(rows(accounts, 'Name', 'AccountType', 'SpecialAccountType', 'Balance', 'CashFlowClassification')).toEqual([
    ['Checking', 'Bank', '', '0.00', 'NotApplicable'],
    ['Accounts Receivable', 'AccountsReceivable', 'AccountsReceivable', '0.00', 'Operating'],
    ['Undeposited Funds', 'OtherCurrentAsset', 'UndepositedFunds', '0.00', 'Operating'],
    ['Accounts Payable', 'AccountsPayable', 'AccountsPayable', '0.00', 'Operating'],
    ['Opening Balance Equity', 'Equity', 'OpeningBalanceEquity', '0.00', 'Financing'],
    ['Retained Earnings', 'Equity', 'RetainedEarnings', '0.00', 'Financing'],
    ['Office Supplies', 'Expense', '', '0.00', 'NotApplicable'],
    ['Rent Expense', 'Expense', '', '0.00', 'NotApplicable'],
    ['Utilities', 'Expense', '', '0.00', 'NotApplicable'],
  ]);
  expect(rows(terms, 'Name', 'StdDueDays', 'StdDiscountDays', 'DiscountPct')).toEqual([
    ['1% 10 Net 30', '30', '10', '1.00'],
    ['Due on receipt', '0', '0', '0.00'],
    ['Net 15', '15', '0', '0.00'],
    ['Net 30', '30', '0', '0.00'],
    ['Net 60', '60', '0', '0.00'],
  ]);
  expect(rows(tax, 'Name', 'IsTaxable', 'Desc')).toEqual([
    ['Non', 'false', 'Non-Taxable Sales'],
    ['Tax', 'true', 'Taxable Sales'],
  ]);
  expect(rows(methods, 'Name', 'PaymentMethodType')).toEqual([
    ['American Express', 'AmericanExpress'],
    ['Cash', 'Cash'],
    ['Check', 'Check'],
    ['Discover', 'Discover'],
    ['MasterCard', 'MasterCard'],
    ['Visa', 'Visa'],
  ]);
  const [visa] = s.rs(`<PaymentMethodQueryRq><PaymentMethodType>Visa</PaymentMethodType></PaymentMethodQueryRq>`);
  expect(rows(visa, 'Name')).toEqual([['Visa']]);
  s.close();
});

test("the defaults get built-in ids and the time of the company's first request; application records start at 80000001", async () => {
  const s = await openQbxmlSession({ seed: 'defaults-ids' });
  s.advance(90 * 60_000); // the first request comes at 11:30 New York
  const [host] = s.rs(`<HostQueryRq/>`);
  expect(statusOf(host!).code).toBe(0);
  s.advance(60_000);
  const [accounts, terms, vendor] = s.rs(
    `<AccountQueryRq><FullName>Checking</FullName><FullName>Utilities</FullName></AccountQueryRq>` +
      `<StandardTermsQueryRq><FullName>Net 15</FullName></StandardTermsQueryRq>` +
      `<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`,
  );
  expect(rows(accounts, 'ListID', 'TimeCreated', 'TimeModified', 'EditSequence')).toEqual([
    ['10000-1415637000', '2014-11-10T11:30:00-05:00', '2014-11-10T11:30:00-05:00', '1415637000'],
    ['90000-1415637000', '2014-11-10T11:30:00-05:00', '2014-11-10T11:30:00-05:00', '1415637000'],
  ]);
  expect(rows(terms, 'ListID')).toEqual([['A0000-1415637000']]);
  expect(textAt(vendor!.children[0], 'ListID')).toBe('80000001-1415637060');
  s.close();
});

test('the defaults are created once per company file: not again on later requests, not again after a ListDel', async () => {
  const s = await openQbxmlSession({ seed: 'defaults-once' });
  const [before] = s.rs(`<TermsQueryRq metaData="MetaDataOnly"/>`);
  expect(before!.attrs['retCount']).toBe('5');
  const [net60] = s.rs(`<StandardTermsQueryRq><FullName>Net 60</FullName></StandardTermsQueryRq>`);
  s.advance(24 * 3_600_000);
  s.send(
    `<ListDelRq><ListDelType>StandardTerms</ListDelType><ListID>${textAt(net60!.children[0], 'ListID')}</ListID></ListDelRq>`,
  );
  s.advance(24 * 3_600_000);
  const [after, accounts] = s.rs(`<TermsQueryRq metaData="MetaDataOnly"/><AccountQueryRq metaData="MetaDataOnly"/>`);
  expect(after!.attrs['retCount']).toBe('4');
  expect(accounts!.attrs['retCount']).toBe('9');
  s.close();
});

test('a default name is taken like any other (3100), and a seed reproduces the defaults exactly', async () => {
  const a = await openQbxmlSession({ seed: 'defaults-seed' });
  const b = await openQbxmlSession({ seed: 'defaults-seed' });
  expect(a.send(LISTS)).toBe(b.send(LISTS));
  const [dup] = a.rs(
    `<AccountAddRq><AccountAdd><Name>Accounts Payable</Name><AccountType>AccountsPayable</AccountType></AccountAdd></AccountAddRq>`,
  );
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "Accounts Payable" of the list element is already in use.',
  });
  a.close();
  b.close();
});
