import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

function ret(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!)).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

function addAccount(s: QbxmlSession, fields: string): XmlElement {
  return ret(s.rs(`<AccountAddRq><AccountAdd>${fields}</AccountAdd></AccountAddRq>`)[0]);
}

function names(rs: XmlElement | undefined): (string | undefined)[] {
  return rs!.children.map((r) => textAt(r, 'FullName'));
}

test('AccountAdd answers an AccountRet in schema order; a sub-account is Parent:Child with Sublevel 1', async () => {
  const s = await openQbxmlSession({ seed: 'account-add' });
  const top = addAccount(
    s,
    `<Name>Telephone</Name><AccountType>Expense</AccountType><AccountNumber>6200</AccountNumber><Desc>Phones</Desc>`,
  );
  expect(top.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'IsActive',
    'Sublevel',
    'AccountType',
    'AccountNumber',
    'Desc',
    'Balance',
    'TotalBalance',
    'CashFlowClassification',
  ]);
  // The company's built-in records use their own ids: the first account an application adds is 80000001.
  expect(textAt(top, 'ListID')).toBe('80000001-1415631600');
  expect(textAt(top, 'TimeCreated')).toBe('2014-11-10T10:00:00-05:00');
  expect(textAt(top, 'Balance')).toBe('0.00');
  const sub = addAccount(
    s,
    `<Name>Cell</Name><ParentRef><FullName>telephone</FullName></ParentRef><AccountType>Expense</AccountType><OpenBalance>25.50</OpenBalance>`,
  );
  expect(sub.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'IsActive',
    'ParentRef',
    'Sublevel',
    'AccountType',
    'Balance',
    'TotalBalance',
    'CashFlowClassification',
  ]);
  expect(textAt(sub, 'FullName')).toBe('Telephone:Cell');
  expect(textAt(sub, 'ParentRef/ListID')).toBe(textAt(top, 'ListID'));
  expect(textAt(sub, 'ParentRef/FullName')).toBe('Telephone');
  expect(textAt(sub, 'Sublevel')).toBe('1');
  expect(textAt(sub, 'Balance')).toBe('25.50');
  // The parent's TotalBalance includes its sub-accounts; its own Balance and EditSequence do not move.
  const [q] = s.rs(`<AccountQueryRq><FullName>Telephone</FullName></AccountQueryRq>`);
  expect(textAt(q!.children[0], 'Balance')).toBe('0.00');
  expect(textAt(q!.children[0], 'TotalBalance')).toBe('25.50');
  expect(textAt(q!.children[0], 'EditSequence')).toBe(textAt(top, 'EditSequence'));
  s.close();
});

test('account names are unique within the chart of accounts (3100), the same name may sit under another parent', async () => {
  const s = await openQbxmlSession({ seed: 'account-3100' });
  const [dup, underParent, dupSub] = s.rs(
    `<AccountAddRq><AccountAdd><Name>UTILITIES</Name><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>` +
      `<AccountAddRq><AccountAdd><Name>Utilities</Name><ParentRef><FullName>Rent Expense</FullName></ParentRef><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>` +
      `<AccountAddRq><AccountAdd><Name>utilities</Name><ParentRef><FullName>Rent Expense</FullName></ParentRef><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "UTILITIES" of the list element is already in use.',
  });
  expect(textAt(ret(underParent), 'FullName')).toBe('Rent Expense:Utilities');
  expect(statusOf(dupSub!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "Rent Expense:utilities" of the list element is already in use.',
  });
  // A vendor may share an account's name: accounts are their own name space.
  const [vendor] = s.rs(`<VendorAddRq><VendorAdd><Name>Utilities</Name></VendorAdd></VendorAddRq>`);
  expect(statusOf(vendor!).code).toBe(0);
  s.close();
});

test('an account number already in use answers 3180 with QuickBooks inner message', async () => {
  const s = await openQbxmlSession({ seed: 'account-3180' });
  addAccount(s, `<Name>Telephone</Name><AccountType>Expense</AccountType><AccountNumber>6200</AccountNumber>`);
  const other = addAccount(
    s,
    `<Name>Postage</Name><AccountType>Expense</AccountType><AccountNumber>6300</AccountNumber>`,
  );
  const [add, mod] = s.rs(
    `<AccountAddRq><AccountAdd><Name>Internet</Name><AccountType>Expense</AccountType><AccountNumber>6200</AccountNumber></AccountAdd></AccountAddRq>` +
      `<AccountModRq><AccountMod><ListID>${textAt(other, 'ListID')}</ListID><EditSequence>${textAt(other, 'EditSequence')}</EditSequence><AccountNumber>6200</AccountNumber></AccountMod></AccountModRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(add!)).toEqual({
    code: 3180,
    severity: 'Error',
    message:
      'There was an error when saving a Account list, element "Internet".  QuickBooks error message: The account number is already in use.',
  });
  expect(statusOf(mod!)).toEqual({
    code: 3180,
    severity: 'Error',
    message:
      'There was an error when saving a Account list, element "Postage".  QuickBooks error message: The account number is already in use.',
  });
  // Keeping one's own number is not a conflict.
  const [same] = s.rs(
    `<AccountModRq><AccountMod><ListID>${textAt(other, 'ListID')}</ListID><EditSequence>${textAt(other, 'EditSequence')}</EditSequence><AccountNumber>6300</AccountNumber><Desc>Stamps</Desc></AccountMod></AccountModRq>`,
  );
  expect(textAt(ret(same), 'Desc')).toBe('Stamps');
  s.close();
});

test('a ParentRef that names no account answers 3130; a bad SalesTaxCodeRef answers 3140', async () => {
  const s = await openQbxmlSession({ seed: 'account-3130' });
  const [byName, byId, taxCode] = s.rs(
    `<AccountAddRq><AccountAdd><Name>Cell</Name><ParentRef><FullName>Telephone</FullName></ParentRef><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>` +
      `<AccountAddRq><AccountAdd><Name>Cell</Name><ParentRef><ListID>80000099-1415631600</ListID></ParentRef><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>` +
      `<AccountAddRq><AccountAdd><Name>Cell</Name><AccountType>Expense</AccountType><SalesTaxCodeRef><FullName>Exm</FullName></SalesTaxCodeRef></AccountAdd></AccountAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(byName!)).toEqual({
    code: 3130,
    severity: 'Error',
    message: `There is an invalid reference to a parent "Telephone" in the Accounts list.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(byId!).message).toBe(
    `There is an invalid reference to a parent "80000099-1415631600" in the Accounts list.  ${INVALID_ARGUMENT}`,
  );
  expect(statusOf(taxCode!)).toEqual({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks Sales Tax Code "Exm" in the Account.  ${INVALID_ARGUMENT}`,
  });
  const [none] = s.rs(
    `<AccountQueryRq><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>Cell</Name></NameFilter></AccountQueryRq>`,
  );
  expect(statusOf(none!).code).toBe(1);
  s.close();
});

test('AccountMod: 3120 for an unknown ListID, 3200 for a stale EditSequence, 3170 while another user has it open', async () => {
  const s = await openQbxmlSession({ seed: 'account-mod-errors' });
  const acct = addAccount(s, `<Name>Telephone</Name><AccountType>Expense</AccountType>`);
  const id = textAt(acct, 'ListID')!;
  const seq = textAt(acct, 'EditSequence')!;
  const [missing, stale] = s.rs(
    `<AccountModRq><AccountMod><ListID>80000099-1415631600</ListID><EditSequence>${seq}</EditSequence><Desc>x</Desc></AccountMod></AccountModRq>` +
      `<AccountModRq><AccountMod><ListID>${id}</ListID><EditSequence>1</EditSequence><Desc>x</Desc></AccountMod></AccountModRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(missing!)).toEqual({
    code: 3120,
    severity: 'Error',
    message: `Object "80000099-1415631600" specified in the request cannot be found.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(stale!)).toEqual({
    code: 3200,
    severity: 'Error',
    message: 'The provided edit sequence "1" is out-of-date. ',
  });
  s.host.lockRecord({ path: s.host.openFile!, id, machine: 'OFFICE-PC' });
  const [locked] = s.rs(
    `<AccountModRq><AccountMod><ListID>${id}</ListID><EditSequence>${seq}</EditSequence><Desc>x</Desc></AccountMod></AccountModRq>`,
  );
  expect(statusOf(locked!)).toEqual({
    code: 3170,
    severity: 'Error',
    message:
      'There was an error when modifying a account named "Telephone".  QuickBooks error message: This list has been modified by another user.',
  });
  s.close();
});

test('AccountMod renames a parent: sub-accounts follow (FullName, ParentRef) without a new EditSequence; a move carries the TotalBalance', async () => {
  const s = await openQbxmlSession({ seed: 'account-rename' });
  const phone = addAccount(s, `<Name>Telephone</Name><AccountType>Expense</AccountType>`);
  const cell = addAccount(
    s,
    `<Name>Cell</Name><ParentRef><FullName>Telephone</FullName></ParentRef><AccountType>Expense</AccountType><OpenBalance>40.00</OpenBalance>`,
  );
  s.advance(60_000);
  const [mod] = s.rs(
    `<AccountModRq><AccountMod><ListID>${textAt(phone, 'ListID')}</ListID><EditSequence>${textAt(phone, 'EditSequence')}</EditSequence><Name>Phone</Name></AccountMod></AccountModRq>`,
  );
  expect(textAt(ret(mod), 'FullName')).toBe('Phone');
  expect(textAt(ret(mod), 'EditSequence')).toBe('1415631660');
  const [child] = s.rs(`<AccountQueryRq><ListID>${textAt(cell, 'ListID')}</ListID></AccountQueryRq>`);
  const c = ret(child);
  expect(textAt(c, 'FullName')).toBe('Phone:Cell');
  expect(textAt(c, 'ParentRef/FullName')).toBe('Phone');
  expect(textAt(c, 'EditSequence')).toBe(textAt(cell, 'EditSequence'));
  // Move Cell under Utilities: the 40.00 leaves Phone's TotalBalance and joins Utilities'.
  const [moved] = s.rs(
    `<AccountModRq><AccountMod><ListID>${textAt(cell, 'ListID')}</ListID><EditSequence>${textAt(cell, 'EditSequence')}</EditSequence><ParentRef><FullName>Utilities</FullName></ParentRef></AccountMod></AccountModRq>`,
  );
  expect(textAt(ret(moved), 'FullName')).toBe('Utilities:Cell');
  const [q] = s.rs(`<AccountQueryRq><FullName>Phone</FullName><FullName>Utilities</FullName></AccountQueryRq>`);
  expect(q!.children.map((r) => [textAt(r, 'FullName'), textAt(r, 'TotalBalance')])).toEqual([
    ['Phone', '0.00'],
    ['Utilities', '40.00'],
  ]);
  // An account cannot move below itself.
  const [loop] = s.rs(
    `<AccountModRq><AccountMod><ListID>${textAt(phone, 'ListID')}</ListID><EditSequence>1415631660</EditSequence><ParentRef><ListID>${textAt(phone, 'ListID')}</ListID></ParentRef></AccountMod></AccountModRq>`,
  );
  expect(statusOf(loop!).code).toBe(3130);
  s.close();
});

test('AccountQuery: AccountType filter, chart-of-accounts order with sub-accounts under their parent, 500 and 1', async () => {
  const s = await openQbxmlSession({ seed: 'account-query' });
  addAccount(s, `<Name>Advertising</Name><AccountType>Expense</AccountType>`);
  addAccount(
    s,
    `<Name>Online</Name><ParentRef><FullName>Advertising</FullName></ParentRef><AccountType>Expense</AccountType>`,
  );
  addAccount(s, `<Name>Advertising Agency</Name><AccountType>Expense</AccountType>`);
  addAccount(s, `<Name>Savings</Name><AccountType>Bank</AccountType>`);
  const [expenses, banksAndAp, byName, none, all, currency] = s.rs(
    `<AccountQueryRq requestID="1"><AccountType>Expense</AccountType></AccountQueryRq>` +
      `<AccountQueryRq requestID="2"><AccountType>AccountsPayable</AccountType><AccountType>Bank</AccountType></AccountQueryRq>` +
      `<AccountQueryRq requestID="3"><FullName>Advertising:Online</FullName><FullName>Nowhere</FullName></AccountQueryRq>` +
      `<AccountQueryRq requestID="4"><AccountType>CreditCard</AccountType></AccountQueryRq>` +
      `<AccountQueryRq requestID="5" metaData="MetaDataAndResponseData"><MaxReturned>3</MaxReturned></AccountQueryRq>` +
      `<AccountQueryRq requestID="6"><CurrencyFilter><FullName>Euro</FullName></CurrencyFilter></AccountQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(names(expenses)).toEqual([
    'Advertising',
    'Advertising:Online',
    'Advertising Agency',
    'Office Supplies',
    'Rent Expense',
    'Utilities',
  ]);
  expect(names(banksAndAp)).toEqual(['Checking', 'Savings', 'Accounts Payable']);
  expect(textAt(banksAndAp!.children[2], 'SpecialAccountType')).toBe('AccountsPayable');
  expect(statusOf(byName!)).toEqual({
    code: 500,
    severity: 'Warn',
    message:
      'The query request has not been fully completed. There was a required element ("Nowhere") that could not be found in QuickBooks.',
  });
  expect(names(byName)).toEqual(['Advertising:Online']);
  expect(statusOf(none!)).toEqual({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  });
  expect(all!.attrs['retCount']).toBe('3');
  expect(names(all)).toEqual(['Checking', 'Savings', 'Accounts Receivable']);
  expect(statusOf(currency!)).toMatchObject({ code: 500, severity: 'Warn' });
  s.close();
});

test('AccountQuery has no iterator: iterator="Start" is a schema error (ProcessRequest fails with 0x80040400)', async () => {
  const s = await openQbxmlSession({ seed: 'account-no-iterator' });
  expect(() => s.send(`<AccountQueryRq iterator="Start"><MaxReturned>2</MaxReturned></AccountQueryRq>`)).toThrow(
    expect.objectContaining({ hresult: '0x80040400' }),
  );
  s.close();
});
