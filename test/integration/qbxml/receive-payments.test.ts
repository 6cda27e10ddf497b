import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import {
  ensureAccount,
  ensureCustomer,
  ensureServiceItem,
  openQbxmlSession,
  statusOf,
  textAt,
  type QbxmlSession,
} from './qbxml-harness.js';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Accounts Receivable', 'AccountsReceivable');
  ensureServiceItem(s, 'Consulting', '100.00', 'Consulting Income');
  ensureCustomer(s, 'Kim Corp');
  ensureCustomer(s, 'Lee Ltd');
  return s;
}

function invoice(s: QbxmlSession, customer: string, qty: string, date: string): XmlElement {
  const [rs] = s.rs(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>${customer}</FullName></CustomerRef><TxnDate>${date}</TxnDate>` +
      `<InvoiceLineAdd><ItemRef><FullName>Consulting</FullName></ItemRef><Quantity>${qty}</Quantity></InvoiceLineAdd>` +
      `</InvoiceAdd></InvoiceAddRq>`,
  );
  expect(statusOf(rs!).code).toBe(0);
  return rs!.children[0]!;
}

const receive = (customer: string, body: string) =>
  `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><FullName>${customer}</FullName></CustomerRef>` +
  `<TxnDate>2014-11-20</TxnDate>${body}</ReceivePaymentAdd></ReceivePaymentAddRq>`;

const apply = (txnId: string, amount: string) =>
  `<AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd>`;

function invoiceById(s: QbxmlSession, txnId: string): XmlElement {
  const [rs] = s.rs(
    `<InvoiceQueryRq><TxnID>${txnId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`,
  );
  return rs!.children[0]!;
}

function balance(s: QbxmlSession, name: string): string | undefined {
  const [rs] = s.rs(`<CustomerQueryRq><FullName>${name}</FullName></CustomerQueryRq>`);
  return textAt(rs!.children[0], 'Balance');
}

test('ReceivePaymentAdd applied to an invoice: BalanceRemaining, AppliedAmount, IsPaid, LinkedTxn, UnusedPayment, customer balance', async () => {
  const s = await company('rp-add');
  const inv = invoice(s, 'Kim Corp', '3', '2014-11-01');
  const txnId = textAt(inv, 'TxnID')!;
  const [rs] = s.rs(
    receive(
      'Kim Corp',
      `<RefNumber>CHK-9</RefNumber><TotalAmount>350.00</TotalAmount><Memo>thanks</Memo>${apply(txnId, '300.00')}`,
    ),
  );
  expect(statusOf(rs!).code).toBe(0);
  const payment = rs!.children[0]!;
  expect(payment.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'CustomerRef',
    'ARAccountRef',
    'TxnDate',
    'RefNumber',
    'TotalAmount',
    'Memo',
    'DepositToAccountRef',
    'UnusedPayment',
    'UnusedCredits',
    'AppliedToTxnRet',
  ]);
  expect(textAt(payment, 'DepositToAccountRef/FullName')).toBe('Undeposited Funds');
  expect([textAt(payment, 'UnusedPayment'), textAt(payment, 'AppliedToTxnRet/BalanceRemaining')]).toEqual([
    '50.00',
    '0.00',
  ]);
  const after = invoiceById(s, txnId);
  expect([textAt(after, 'BalanceRemaining'), textAt(after, 'AppliedAmount'), textAt(after, 'IsPaid')]).toEqual([
    '0.00',
    '-300.00',
    'true',
  ]);
  expect([textAt(after, 'LinkedTxn/TxnType'), textAt(after, 'LinkedTxn/Amount')]).toEqual([
    'ReceivePayment',
    '-300.00',
  ]);
  expect(textAt(after, 'EditSequence')).toBe(textAt(inv, 'EditSequence'));
  expect(balance(s, 'Kim Corp')).toBe('-50.00'); // 300 invoiced − 350 received
  const [q, bare] = s.rs(
    `<ReceivePaymentQueryRq><EntityFilter><FullName>Kim Corp</FullName></EntityFilter><IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>` +
      `<ReceivePaymentQueryRq><RefNumber>CHK-9</RefNumber></ReceivePaymentQueryRq>`,
  );
  expect(textAt(q!.children[0], 'AppliedToTxnRet/TxnID')).toBe(txnId);
  expect(bare!.children[0]!.children.some((c) => c.name === 'AppliedToTxnRet')).toBe(false);
  s.close();
});

test('ReceivePaymentAdd: overpaying an invoice → 3210; applying more than TotalAmount → 3210; another customer’s invoice → 3120', async () => {
  const s = await company('rp-errors');
  const inv = invoice(s, 'Kim Corp', '1', '2014-11-01');
  const txnId = textAt(inv, 'TxnID')!;
  const [over, beyondTotal, other] = s.rs(
    receive('Kim Corp', apply(txnId, '129.43')) +
      receive('Kim Corp', `<TotalAmount>50.00</TotalAmount>${apply(txnId, '60.00')}`) +
      receive('Lee Ltd', apply(txnId, '10.00')),
    { onError: 'continueOnError' },
  );
  expect(statusOf(over!)).toEqual({
    code: 3210,
    severity: 'Error',
    message:
      'The "AppliedToTxnAdd payment amount" field has an invalid value "129.43".  QuickBooks error message: You cannot pay more than the amount due.',
  });
  expect(statusOf(beyondTotal!)).toMatchObject({ code: 3210, severity: 'Error' });
  expect(statusOf(other!).code).toBe(3120);
  expect(textAt(invoiceById(s, txnId), 'BalanceRemaining')).toBe('100.00');
  s.close();
});

test('IsAutoApply pays the oldest open invoices first; TxnDel of the payment gives the invoices back', async () => {
  const s = await company('rp-auto');
  const newer = invoice(s, 'Kim Corp', '1', '2014-11-05');
  const older = invoice(s, 'Kim Corp', '1', '2014-10-01');
  const [rs] = s.rs(receive('Kim Corp', `<TotalAmount>150.00</TotalAmount><IsAutoApply>true</IsAutoApply>`));
  expect(statusOf(rs!).code).toBe(0);
  const applied = rs!.children[0]!.children.filter((c) => c.name === 'AppliedToTxnRet');
  expect(applied.map((a) => [textAt(a, 'TxnID'), textAt(a, 'Amount')])).toEqual([
    [textAt(older, 'TxnID'), '100.00'],
    [textAt(newer, 'TxnID'), '50.00'],
  ]);
  expect(textAt(invoiceById(s, textAt(newer, 'TxnID')!), 'BalanceRemaining')).toBe('50.00');
  expect(balance(s, 'Kim Corp')).toBe('50.00');
  const [del] = s.rs(
    `<TxnDelRq><TxnDelType>ReceivePayment</TxnDelType><TxnID>${textAt(rs!.children[0], 'TxnID')}</TxnID></TxnDelRq>`,
  );
  expect(statusOf(del!).code).toBe(0);
  expect(textAt(invoiceById(s, textAt(older, 'TxnID')!), 'BalanceRemaining')).toBe('100.00');
  expect(balance(s, 'Kim Corp')).toBe('200.00');
  s.close();
});
