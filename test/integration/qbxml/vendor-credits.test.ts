import { expect, test } from 'vitest';
import { ensureAccount, ensureVendor, openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Accounts Payable', 'AccountsPayable');
  ensureAccount(s, 'Office Supplies', 'Expense');
  ensureVendor(s, 'Acme Supply');
  return s;
}

const creditAdd = (amount: string, ref = 'CR-1') =>
  `<VendorCreditAddRq><VendorCreditAdd><VendorRef><FullName>Acme Supply</FullName></VendorRef><TxnDate>2014-11-05</TxnDate>` +
  `<RefNumber>${ref}</RefNumber><ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef>` +
  `<Amount>${amount}</Amount></ExpenseLineAdd></VendorCreditAdd></VendorCreditAddRq>`;

function balance(s: QbxmlSession): string | undefined {
  const [rs] = s.rs(`<VendorQueryRq><FullName>Acme Supply</FullName></VendorQueryRq>`);
  return textAt(rs!.children[0], 'Balance');
}

test('VendorCreditAdd: CreditAmount and OpenAmount are the lines, schema order, the vendor balance falls', async () => {
  const s = await company('vc-add');
  const [rs] = s.rs(creditAdd('25.00'));
  expect(statusOf(rs!).code).toBe(0);
  const credit = rs!.children[0]!;
  expect(credit.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'VendorRef',
    'APAccountRef',
    'TxnDate',
    'CreditAmount',
    'RefNumber',
    'ExpenseLineRet',
    'OpenAmount',
  ]);
  expect([textAt(credit, 'CreditAmount'), textAt(credit, 'OpenAmount')]).toEqual(['25.00', '25.00']);
  expect(balance(s)).toBe('-25.00');
  s.close();
});

test('VendorCreditQuery: by vendor, by RefNumber, lines with IncludeLineItems; VendorCreditMod moves the balance', async () => {
  const s = await company('vc-query');
  const [a] = s.rs(creditAdd('25.00', 'CR-1') + creditAdd('5.00', 'CR-2'));
  const [byVendor, byRef] = s.rs(
    `<VendorCreditQueryRq><EntityFilter><FullName>Acme Supply</FullName></EntityFilter></VendorCreditQueryRq>` +
      `<VendorCreditQueryRq><RefNumber>cr-2</RefNumber><IncludeLineItems>true</IncludeLineItems></VendorCreditQueryRq>`,
  );
  expect(byVendor!.children.map((c) => textAt(c, 'RefNumber'))).toEqual(['CR-1', 'CR-2']);
  expect(byVendor!.children[0]!.children.some((c) => c.name === 'ExpenseLineRet')).toBe(false);
  expect(textAt(byRef!.children[0], 'ExpenseLineRet/Amount')).toBe('5.00');
  const credit = a!.children[0]!;
  const line = credit.children.find((c) => c.name === 'ExpenseLineRet')!;
  const [mod] = s.rs(
    `<VendorCreditModRq><VendorCreditMod><TxnID>${textAt(credit, 'TxnID')}</TxnID><EditSequence>${textAt(credit, 'EditSequence')}</EditSequence>` +
      `<ExpenseLineMod><TxnLineID>${textAt(line, 'TxnLineID')}</TxnLineID><Amount>40.00</Amount></ExpenseLineMod>` +
      `</VendorCreditMod></VendorCreditModRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  expect(textAt(mod!.children[0], 'OpenAmount')).toBe('40.00');
  expect(balance(s)).toBe('-45.00');
  s.close();
});
