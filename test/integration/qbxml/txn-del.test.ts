import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { ensureAccount, ensureVendor, openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Accounts Payable', 'AccountsPayable');
  ensureAccount(s, 'Checking', 'Bank');
  ensureAccount(s, 'Office Supplies', 'Expense');
  ensureVendor(s, 'Acme Supply');
  return s;
}

function bill(s: QbxmlSession, amount: string, ref: string): XmlElement {
  const [rs] = s.rs(
    `<BillAddRq><BillAdd><VendorRef><FullName>Acme Supply</FullName></VendorRef><RefNumber>${ref}</RefNumber>` +
      `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>${amount}</Amount></ExpenseLineAdd>` +
      `</BillAdd></BillAddRq>`,
  );
  return rs!.children[0]!;
}

const del = (type: string, txnId: string, requestID = '') =>
  `<TxnDelRq requestID="${requestID}"><TxnDelType>${type}</TxnDelType><TxnID>${txnId}</TxnID></TxnDelRq>`;

function balance(s: QbxmlSession): string | undefined {
  const [rs] = s.rs(`<VendorQueryRq><FullName>Acme Supply</FullName></VendorQueryRq>`);
  return textAt(rs!.children[0], 'Balance');
}

test('TxnDel of a bill answers TxnDelType, TxnID, TimeDeleted, RefNumber; the bill is gone and the vendor balance falls', async () => {
  const s = await company('del-bill');
  const b = bill(s, '40.00', 'INV-1');
  bill(s, '2.00', 'INV-2');
  expect(balance(s)).toBe('42.00');
  s.advance(3_600_000);
  const [rs] = s.rs(del('Bill', textAt(b, 'TxnID')!, '4'));
  expect(statusOf(rs!)).toEqual({ code: 0, severity: 'Info', message: 'Status OK' });
  expect(rs!.children.map((c) => [c.name, c.text])).toEqual([
    ['TxnDelType', 'Bill'],
    ['TxnID', textAt(b, 'TxnID')],
    ['TimeDeleted', '2014-11-10T11:00:00-05:00'],
    ['RefNumber', 'INV-1'],
  ]);
  expect(balance(s)).toBe('2.00');
  const [q] = s.rs(`<BillQueryRq><TxnID>${textAt(b, 'TxnID')}</TxnID></BillQueryRq>`);
  expect(statusOf(q!).code).toBe(500);
  s.close();
});

test('TxnDel: 3120 for an unknown TxnID or the wrong TxnDelType, 3175 while another user has it open', async () => {
  const s = await company('del-errors');
  const b = bill(s, '40.00', 'INV-1');
  const txnId = textAt(b, 'TxnID')!;
  const [unknown, wrongType] = s.rs(del('Bill', '999-1415631600') + del('Check', txnId), {
    onError: 'continueOnError',
  });
  expect(statusOf(unknown!)).toEqual({
    code: 3120,
    severity: 'Error',
    message:
      'Object "999-1415631600" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
  });
  expect(statusOf(wrongType!).code).toBe(3120);
  s.host.lockRecord({ path: s.host.openFile!, id: txnId, machine: 'OFFICE-PC' });
  const [locked] = s.rs(del('Bill', txnId));
  expect(statusOf(locked!)).toEqual({
    code: 3175,
    severity: 'Error',
    message: `There was an error adding, modifying or deleting ${txnId} because it is already in use.  QuickBooks error message: The transaction could not be locked.  It is in use by another user.`,
  });
  s.close();
});

test('a bill with a payment applied cannot be deleted (3180); deleting the payment reopens the bill, then the bill can go', async () => {
  const s = await company('del-linked');
  const b = bill(s, '40.00', 'INV-1');
  const [payRs] = s.rs(
    `<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Acme Supply</FullName></PayeeEntityRef>` +
      `<BankAccountRef><FullName>Checking</FullName></BankAccountRef><RefNumber>77</RefNumber>` +
      `<AppliedToTxnAdd><TxnID>${textAt(b, 'TxnID')}</TxnID><PaymentAmount>40.00</PaymentAmount></AppliedToTxnAdd>` +
      `</BillPaymentCheckAdd></BillPaymentCheckAddRq>`,
  );
  const paymentId = textAt(payRs!.children[0], 'TxnID')!;
  expect(balance(s)).toBe('0.00');
  const [refused] = s.rs(del('Bill', textAt(b, 'TxnID')!));
  expect(statusOf(refused!)).toEqual({
    code: 3180,
    severity: 'Error',
    message:
      'There was an error when saving a Bill.  QuickBooks error message: This transaction is linked to other transactions and cannot be deleted.',
  });
  const [delPay] = s.rs(del('BillPaymentCheck', paymentId));
  expect(statusOf(delPay!).code).toBe(0);
  const [reopened] = s.rs(
    `<BillQueryRq><TxnID>${textAt(b, 'TxnID')}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></BillQueryRq>`,
  );
  const after = reopened!.children[0]!;
  expect([textAt(after, 'OpenAmount'), textAt(after, 'IsPaid'), textAt(after, 'LinkedTxn')]).toEqual([
    '40.00',
    'false',
    undefined,
  ]);
  expect(balance(s)).toBe('40.00');
  const [delBill] = s.rs(del('Bill', textAt(b, 'TxnID')!));
  expect(statusOf(delBill!).code).toBe(0);
  expect(balance(s)).toBe('0.00');
  s.close();
});

test('TxnDeletedQuery lists deleted transactions by type and deletion time (local), none → 1', async () => {
  const s = await company('del-query');
  const b1 = bill(s, '1.00', 'A');
  const b2 = bill(s, '2.00', 'B');
  s.advance(60_000);
  s.send(del('Bill', textAt(b1, 'TxnID')!));
  s.advance(24 * 3_600_000);
  s.send(del('Bill', textAt(b2, 'TxnID')!));
  const [all, dayOne, checks] = s.rs(
    `<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><TxnDelType>BillPaymentCheck</TxnDelType></TxnDeletedQueryRq>` +
      `<TxnDeletedQueryRq><TxnDelType>Bill</TxnDelType><DeletedDateRangeFilter><FromDeletedDate>2014-11-10</FromDeletedDate>` +
      `<ToDeletedDate>2014-11-10</ToDeletedDate></DeletedDateRangeFilter></TxnDeletedQueryRq>` +
      `<TxnDeletedQueryRq><TxnDelType>Check</TxnDelType></TxnDeletedQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(all!.children.map((r) => r.children.map((c) => c.name))).toEqual([
    ['TxnDelType', 'TxnID', 'TimeCreated', 'TimeDeleted', 'RefNumber'],
    ['TxnDelType', 'TxnID', 'TimeCreated', 'TimeDeleted', 'RefNumber'],
  ]);
  expect(all!.children.map((r) => [textAt(r, 'RefNumber'), textAt(r, 'TimeDeleted')])).toEqual([
    ['A', '2014-11-10T10:01:00-05:00'],
    ['B', '2014-11-11T10:01:00-05:00'],
  ]);
  expect(dayOne!.children.map((r) => textAt(r, 'RefNumber'))).toEqual(['A']);
  expect(statusOf(checks!).code).toBe(1);
  s.close();
});
