import { expect, test } from 'vitest';
import {
  ensureAccount,
  ensureServiceItem,
  ensureVendor,
  openQbxmlSession,
  statusOf,
  textAt,
  type QbxmlSession,
} from './qbxml-harness.js';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Checking', 'Bank');
  ensureAccount(s, 'Office Supplies', 'Expense');
  ensureAccount(s, 'Rent Expense', 'Expense');
  ensureServiceItem(s, 'Consulting', '75.00', 'Consulting Income');
  ensureVendor(s, 'Landlord LLC', '<VendorAddress><Addr1>Landlord LLC</Addr1><Addr2>9 Elm St</Addr2></VendorAddress>');
  return s;
}

const checkAdd = (body: string) =>
  `<CheckAddRq><CheckAdd><AccountRef><FullName>Checking</FullName></AccountRef>${body}</CheckAdd></CheckAddRq>`;

test('CheckAdd with expense and item lines: Amount is their sum, Address comes from the payee, lines in schema order', async () => {
  const s = await company('check-add');
  const [rs] = s.rs(
    checkAdd(
      `<PayeeEntityRef><FullName>Landlord LLC</FullName></PayeeEntityRef><RefNumber>5001</RefNumber><TxnDate>2014-11-03</TxnDate>` +
        `<Memo>November</Memo>` +
        `<ExpenseLineAdd><AccountRef><FullName>Rent Expense</FullName></AccountRef><Amount>1200.00</Amount></ExpenseLineAdd>` +
        `<ItemLineAdd><ItemRef><FullName>Consulting</FullName></ItemRef><Quantity>2</Quantity><Cost>50.00</Cost></ItemLineAdd>`,
    ),
  );
  expect(statusOf(rs!).code).toBe(0);
  const check = rs!.children[0]!;
  expect(check.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'AccountRef',
    'PayeeEntityRef',
    'RefNumber',
    'TxnDate',
    'Amount',
    'Memo',
    'Address',
    'AddressBlock',
    'IsToBePrinted',
    'ExpenseLineRet',
    'ItemLineRet',
  ]);
  expect(textAt(check, 'Amount')).toBe('1300.00');
  expect(textAt(check, 'Address/Addr2')).toBe('9 Elm St');
  expect(textAt(check, 'ItemLineRet/Amount')).toBe('100.00');
  expect(textAt(check, 'IsToBePrinted')).toBe('false');
  s.close();
});

test('CheckAdd: a non-bank account answers 3140; ApplyCheckToTxnAdd is not simulated (530, the check saved)', async () => {
  const s = await company('check-errors');
  const [wrong, apply] = s.rs(
    `<CheckAddRq><CheckAdd><AccountRef><FullName>Rent Expense</FullName></AccountRef>` +
      `<ExpenseLineAdd><AccountRef><FullName>Rent Expense</FullName></AccountRef><Amount>1.00</Amount></ExpenseLineAdd></CheckAdd></CheckAddRq>` +
      checkAdd(
        `<ApplyCheckToTxnAdd><TxnID>1-1415631600</TxnID><Amount>1.00</Amount></ApplyCheckToTxnAdd>` +
          `<ExpenseLineAdd><AccountRef><FullName>Rent Expense</FullName></AccountRef><Amount>1.00</Amount></ExpenseLineAdd>`,
      ),
    { onError: 'continueOnError' },
  );
  expect(statusOf(wrong!)).toEqual({
    code: 3140,
    severity: 'Error',
    message:
      'There is an invalid reference to QuickBooks Account "Rent Expense" in the Check.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
  });
  expect(statusOf(apply!)).toEqual({
    code: 530,
    severity: 'Warn',
    message: 'The field "ApplyCheckToTxnAdd" is not supported by this implementation.',
  });
  expect(textAt(apply!.children[0], 'Amount')).toBe('1.00');
  s.close();
});

test('CheckMod replaces lines (QuickBooks semantics) and bumps the EditSequence; CheckQuery filters by payee and account', async () => {
  const s = await company('check-mod');
  const [add] = s.rs(
    checkAdd(
      `<PayeeEntityRef><FullName>Landlord LLC</FullName></PayeeEntityRef><RefNumber>5001</RefNumber>` +
        `<ExpenseLineAdd><AccountRef><FullName>Rent Expense</FullName></AccountRef><Amount>1200.00</Amount></ExpenseLineAdd>` +
        `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>20.00</Amount></ExpenseLineAdd>`,
    ),
  );
  const check = add!.children[0]!;
  const line = check.children.find((c) => c.name === 'ExpenseLineRet')!;
  s.advance(2_000);
  const [mod] = s.rs(
    `<CheckModRq><CheckMod><TxnID>${textAt(check, 'TxnID')}</TxnID><EditSequence>${textAt(check, 'EditSequence')}</EditSequence>` +
      `<RefNumber>5002</RefNumber><ExpenseLineMod><TxnLineID>${textAt(line, 'TxnLineID')}</TxnLineID><Amount>1250.00</Amount></ExpenseLineMod>` +
      `</CheckMod></CheckModRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  expect(textAt(mod!.children[0], 'Amount')).toBe('1250.00');
  expect(mod!.children[0]!.children.filter((c) => c.name === 'ExpenseLineRet')).toHaveLength(1);
  expect(Number(textAt(mod!.children[0], 'EditSequence'))).toBe(Number(textAt(check, 'EditSequence')) + 2);
  s.rs(
    checkAdd(
      `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>3.00</Amount></ExpenseLineAdd>`,
    ),
  );
  const [byPayee, byAccount, lines] = s.rs(
    `<CheckQueryRq><EntityFilter><FullName>Landlord LLC</FullName></EntityFilter></CheckQueryRq>` +
      `<CheckQueryRq><AccountFilter><FullName>Checking</FullName></AccountFilter></CheckQueryRq>` +
      `<CheckQueryRq><RefNumber>5002</RefNumber><IncludeLineItems>true</IncludeLineItems></CheckQueryRq>`,
  );
  expect(byPayee!.children.map((c) => textAt(c, 'RefNumber'))).toEqual(['5002']);
  expect(byAccount!.children).toHaveLength(2);
  expect(lines!.children[0]!.children.filter((c) => c.name === 'ExpenseLineRet')).toHaveLength(1);
  s.close();
});
