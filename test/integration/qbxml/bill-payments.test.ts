import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { ensureAccount, ensureVendor, openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Accounts Payable', 'AccountsPayable');
  ensureAccount(s, 'Checking', 'Bank');
  ensureAccount(s, 'Company Visa', 'CreditCard');
  ensureAccount(s, 'Office Supplies', 'Expense');
  ensureVendor(
    s,
    'Acme Supply',
    '<VendorAddress><Addr1>Acme Supply</Addr1><Addr2>1 Main St</Addr2><City>Springfield</City><State>IL</State><PostalCode>62701</PostalCode></VendorAddress>',
  );
  ensureVendor(s, 'Beta Parts');
  return s;
}

/** Enters a bill and returns its BillRet. */
function bill(s: QbxmlSession, vendor: string, amount: string, ref: string): XmlElement {
  const [rs] = s.rs(
    `<BillAddRq><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><TxnDate>2014-11-01</TxnDate><RefNumber>${ref}</RefNumber>` +
      `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>${amount}</Amount></ExpenseLineAdd>` +
      `</BillAdd></BillAddRq>`,
  );
  expect(statusOf(rs!).code).toBe(0);
  return rs!.children[0]!;
}

function pay(vendor: string, applied: string, opts: { bank?: string; ref?: string } = {}): string {
  return (
    `<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>${vendor}</FullName></PayeeEntityRef>` +
    `<TxnDate>2014-11-12</TxnDate><BankAccountRef><FullName>${opts.bank ?? 'Checking'}</FullName></BankAccountRef>` +
    `<RefNumber>${opts.ref ?? '1001'}</RefNumber>${applied}</BillPaymentCheckAdd></BillPaymentCheckAddRq>`
  );
}

function applied(txnId: string, amount: string, extra = ''): string {
  return `<AppliedToTxnAdd><TxnID>${txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount>${extra}</AppliedToTxnAdd>`;
}

function billById(s: QbxmlSession, txnId: string, extra = ''): XmlElement {
  const [rs] = s.rs(`<BillQueryRq><TxnID>${txnId}</TxnID>${extra}</BillQueryRq>`);
  return rs!.children[0]!;
}

function vendorBalance(s: QbxmlSession, name: string): string | undefined {
  const [rs] = s.rs(`<VendorQueryRq><FullName>${name}</FullName></VendorQueryRq>`);
  return textAt(rs!.children[0], 'Balance');
}

test('BillPaymentCheckAdd: partial then full payment lowers OpenAmount, sets IsPaid, links both sides, lowers the vendor balance', async () => {
  const s = await company('bpc-add');
  const b = bill(s, 'Acme Supply', '129.43', 'INV-7');
  const txnId = textAt(b, 'TxnID')!;
  expect(vendorBalance(s, 'Acme Supply')).toBe('129.43');
  s.advance(60_000);
  const [first] = s.rs(pay('Acme Supply', applied(txnId, '100.00'), { ref: '1001' }));
  expect(statusOf(first!).code).toBe(0);
  const payment = first!.children[0]!;
  expect(payment.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'PayeeEntityRef',
    'APAccountRef',
    'TxnDate',
    'BankAccountRef',
    'Amount',
    'RefNumber',
    'Address',
    'AddressBlock',
    'IsToBePrinted',
    'AppliedToTxnRet',
  ]);
  expect(textAt(payment, 'Amount')).toBe('100.00');
  expect(textAt(payment, 'AddressBlock/Addr3')).toBe('Springfield, IL 62701');
  const app = payment.children.find((c) => c.name === 'AppliedToTxnRet')!;
  expect(app.children.map((c) => [c.name, c.text])).toEqual([
    ['TxnID', txnId],
    ['TxnType', 'Bill'],
    ['TxnDate', '2014-11-01'],
    ['RefNumber', 'INV-7'],
    ['BalanceRemaining', '29.43'],
    ['Amount', '100.00'],
  ]);
  let after = billById(s, txnId);
  expect([textAt(after, 'OpenAmount'), textAt(after, 'IsPaid'), textAt(after, 'AmountDue')]).toEqual([
    '29.43',
    'false',
    '129.43',
  ]);
  // Paying a bill does not edit it: its EditSequence and TimeModified stay (a BillMod with it still works).
  expect(textAt(after, 'EditSequence')).toBe(textAt(b, 'EditSequence'));
  expect(textAt(after, 'TimeModified')).toBe(textAt(b, 'TimeModified'));
  expect(vendorBalance(s, 'Acme Supply')).toBe('29.43');

  const [second] = s.rs(pay('Acme Supply', applied(txnId, '29.43'), { ref: '1002' }));
  expect(statusOf(second!).code).toBe(0);
  after = billById(s, txnId, '<IncludeLinkedTxns>true</IncludeLinkedTxns>');
  expect([textAt(after, 'OpenAmount'), textAt(after, 'IsPaid')]).toEqual(['0.00', 'true']);
  const links = after.children.filter((c) => c.name === 'LinkedTxn');
  expect(links.map((l) => l.children.map((c) => c.text))).toEqual([
    [textAt(payment, 'TxnID'), 'BillPaymentCheck', '2014-11-12', '1001', 'AMTTYPE', '-100.00'],
    [textAt(second!.children[0], 'TxnID'), 'BillPaymentCheck', '2014-11-12', '1002', 'AMTTYPE', '-29.43'],
  ]);
  // LinkedTxn sits before the lines, in schema order.
  const order = after.children.map((c) => c.name);
  expect(order.indexOf('LinkedTxn')).toBeGreaterThan(order.indexOf('IsPaid'));
  expect(order.indexOf('LinkedTxn')).toBeLessThan(order.indexOf('OpenAmount'));
  expect(vendorBalance(s, 'Acme Supply')).toBe('0.00');

  // The first payment now reports the bill's current balance.
  const [q] = s.rs(
    `<BillPaymentCheckQueryRq><TxnID>${textAt(payment, 'TxnID')}</TxnID><IncludeLineItems>true</IncludeLineItems></BillPaymentCheckQueryRq>`,
  );
  expect(textAt(q!.children[0], 'AppliedToTxnRet/BalanceRemaining')).toBe('0.00');
  // Without IncludeLineItems a payment comes without its AppliedToTxnRet.
  const [bare] = s.rs(`<BillPaymentCheckQueryRq><TxnID>${textAt(payment, 'TxnID')}</TxnID></BillPaymentCheckQueryRq>`);
  expect(bare!.children[0]!.children.some((c) => c.name === 'AppliedToTxnRet')).toBe(false);

  // PaidStatus.
  bill(s, 'Acme Supply', '5.00', 'INV-8');
  const [paid, open] = s.rs(
    `<BillQueryRq><PaidStatus>PaidOnly</PaidStatus></BillQueryRq><BillQueryRq><PaidStatus>NotPaidOnly</PaidStatus></BillQueryRq>`,
  );
  expect(paid!.children.map((r) => textAt(r, 'RefNumber'))).toEqual(['INV-7']);
  expect(open!.children.map((r) => textAt(r, 'RefNumber'))).toEqual(['INV-8']);
  s.close();
});

test('paying more than the amount due answers 3210 with the facts sheet text (severity Error) and saves nothing', async () => {
  const s = await company('bpc-3210');
  const b = bill(s, 'Acme Supply', '100.00', 'INV-1');
  const [over] = s.rs(pay('Acme Supply', applied(textAt(b, 'TxnID')!, '129.43')));
  expect(statusOf(over!)).toEqual({
    code: 3210,
    severity: 'Error',
    message:
      'The "AppliedToTxnAdd payment amount" field has an invalid value "129.43".  QuickBooks error message: You cannot pay more than the amount due.',
  });
  expect(textAt(billById(s, textAt(b, 'TxnID')!), 'OpenAmount')).toBe('100.00');
  const [none] = s.rs(`<BillPaymentCheckQueryRq/>`);
  expect(statusOf(none!).code).toBe(1);
  s.close();
});

test("a bill of another vendor, a paid bill and a bill in another A/P account cannot be found (3120); the pay-from account's type is checked (3140)", async () => {
  const s = await company('bpc-3120');
  ensureAccount(s, 'A/P - Other', 'AccountsPayable');
  const beta = bill(s, 'Beta Parts', '10.00', 'B-1');
  const acme = bill(s, 'Acme Supply', '10.00', 'A-1');
  s.send(pay('Acme Supply', applied(textAt(acme, 'TxnID')!, '10.00')));
  const [other, paidOff, otherAp, wrongBank, wrongCard] = s.rs(
    pay('Acme Supply', applied(textAt(beta, 'TxnID')!, '1.00')) +
      pay('Acme Supply', applied(textAt(acme, 'TxnID')!, '1.00')) +
      `<BillPaymentCheckAddRq><BillPaymentCheckAdd><PayeeEntityRef><FullName>Beta Parts</FullName></PayeeEntityRef>` +
      `<APAccountRef><FullName>A/P - Other</FullName></APAccountRef><BankAccountRef><FullName>Checking</FullName></BankAccountRef><IsToBePrinted>true</IsToBePrinted>` +
      `${applied(textAt(beta, 'TxnID')!, '1.00')}</BillPaymentCheckAdd></BillPaymentCheckAddRq>` +
      pay('Beta Parts', applied(textAt(beta, 'TxnID')!, '1.00'), { bank: 'Company Visa' }) +
      `<BillPaymentCreditCardAddRq><BillPaymentCreditCardAdd><PayeeEntityRef><FullName>Beta Parts</FullName></PayeeEntityRef>` +
      `<CreditCardAccountRef><FullName>Checking</FullName></CreditCardAccountRef>${applied(textAt(beta, 'TxnID')!, '1.00')}` +
      `</BillPaymentCreditCardAdd></BillPaymentCreditCardAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(other!)).toEqual({
    code: 3120,
    severity: 'Error',
    message: `Object "${textAt(beta, 'TxnID')}" specified in the request cannot be found.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(paidOff!).message).toBe(
    `Object "${textAt(acme, 'TxnID')}" specified in the request cannot be found.  ${INVALID_ARGUMENT}`,
  );
  expect(statusOf(otherAp!).code).toBe(3120);
  expect(statusOf(wrongBank!).message).toBe(
    `There is an invalid reference to QuickBooks Account "Company Visa" in the BillPaymentCheck.  ${INVALID_ARGUMENT}`,
  );
  expect(statusOf(wrongCard!).message).toBe(
    `There is an invalid reference to QuickBooks Account "Checking" in the BillPaymentCreditCard.  ${INVALID_ARGUMENT}`,
  );
  expect(vendorBalance(s, 'Beta Parts')).toBe('10.00');
  s.close();
});

test('an application with nothing to apply is empty (3180); a bill another user has open cannot be paid (3175)', async () => {
  const s = await company('bpc-empty-locked');
  const b = bill(s, 'Acme Supply', '10.00', 'A-1');
  const txnId = textAt(b, 'TxnID')!;
  const [empty] = s.rs(pay('Acme Supply', `<AppliedToTxnAdd><TxnID>${txnId}</TxnID></AppliedToTxnAdd>`));
  expect(statusOf(empty!)).toEqual({
    code: 3180,
    severity: 'Error',
    message: 'There was an error when saving a BillPaymentCheck.  QuickBooks error message: Transaction is empty.',
  });
  s.host.lockRecord({ path: s.host.openFile!, id: txnId, machine: 'OFFICE-PC' });
  const [locked] = s.rs(pay('Acme Supply', applied(txnId, '1.00')));
  expect(statusOf(locked!).code).toBe(3175);
  expect(statusOf(locked!).message).toContain(txnId);
  s.close();
});

test('discounts and vendor credits (SetCredit) close a bill; the credit is used up and linked to the bill', async () => {
  const s = await company('bpc-credit');
  const b = bill(s, 'Acme Supply', '100.00', 'INV-1');
  const [vc] = s.rs(
    `<VendorCreditAddRq><VendorCreditAdd><VendorRef><FullName>Acme Supply</FullName></VendorRef><RefNumber>CR-1</RefNumber>` +
      `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>30.00</Amount></ExpenseLineAdd>` +
      `</VendorCreditAdd></VendorCreditAddRq>`,
  );
  const creditId = textAt(vc!.children[0], 'TxnID')!;
  expect(vendorBalance(s, 'Acme Supply')).toBe('70.00');
  const [over] = s.rs(
    pay(
      'Acme Supply',
      applied(
        textAt(b, 'TxnID')!,
        '10.00',
        `<SetCredit><CreditTxnID>${creditId}</CreditTxnID><AppliedAmount>31.00</AppliedAmount></SetCredit>`,
      ),
    ),
  );
  expect(statusOf(over!)).toMatchObject({ code: 3210, severity: 'Error' });
  const [rs] = s.rs(
    pay(
      'Acme Supply',
      applied(
        textAt(b, 'TxnID')!,
        '68.00',
        `<SetCredit><CreditTxnID>${creditId}</CreditTxnID><AppliedAmount>30.00</AppliedAmount></SetCredit>` +
          `<DiscountAmount>2.00</DiscountAmount><DiscountAccountRef><FullName>Office Supplies</FullName></DiscountAccountRef>`,
      ),
    ),
  );
  expect(statusOf(rs!).code).toBe(0);
  const app = rs!.children[0]!.children.find((c) => c.name === 'AppliedToTxnRet')!;
  expect(app.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TxnType',
    'TxnDate',
    'RefNumber',
    'BalanceRemaining',
    'Amount',
    'DiscountAmount',
    'DiscountAccountRef',
    'LinkedTxn',
  ]);
  expect(textAt(app, 'BalanceRemaining')).toBe('0.00');
  expect(textAt(app, 'LinkedTxn/TxnType')).toBe('VendorCredit');
  expect(textAt(app, 'LinkedTxn/Amount')).toBe('-30.00');
  const after = billById(s, textAt(b, 'TxnID')!, '<IncludeLinkedTxns>true</IncludeLinkedTxns>');
  expect([textAt(after, 'OpenAmount'), textAt(after, 'IsPaid')]).toEqual(['0.00', 'true']);
  expect(
    after.children.filter((c) => c.name === 'LinkedTxn').map((l) => [textAt(l, 'TxnType'), textAt(l, 'Amount')]),
  ).toEqual([
    ['BillPaymentCheck', '-70.00'],
    ['VendorCredit', '-30.00'],
  ]);
  const [credit] = s.rs(
    `<VendorCreditQueryRq><TxnID>${creditId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></VendorCreditQueryRq>`,
  );
  expect(textAt(credit!.children[0], 'OpenAmount')).toBe('0.00');
  expect(textAt(credit!.children[0], 'LinkedTxn/TxnID')).toBe(textAt(b, 'TxnID'));
  // 100 billed − 30 credit − 68 paid − 2 discount.
  expect(vendorBalance(s, 'Acme Supply')).toBe('0.00');
  s.close();
});

test('BillPaymentCreditCardAdd pays from a credit card account; BillPaymentCreditCardQuery finds it', async () => {
  const s = await company('bpcc');
  const b = bill(s, 'Beta Parts', '40.00', 'B-1');
  const [rs] = s.rs(
    `<BillPaymentCreditCardAddRq><BillPaymentCreditCardAdd><PayeeEntityRef><FullName>Beta Parts</FullName></PayeeEntityRef>` +
      `<CreditCardAccountRef><FullName>Company Visa</FullName></CreditCardAccountRef><RefNumber>V-1</RefNumber>` +
      `${applied(textAt(b, 'TxnID')!, '40.00')}</BillPaymentCreditCardAdd></BillPaymentCreditCardAddRq>`,
  );
  expect(statusOf(rs!).code).toBe(0);
  expect(rs!.children[0]!.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'PayeeEntityRef',
    'APAccountRef',
    'TxnDate',
    'CreditCardAccountRef',
    'Amount',
    'RefNumber',
    'AppliedToTxnRet',
  ]);
  const [q] = s.rs(
    `<BillPaymentCreditCardQueryRq><EntityFilter><FullName>Beta Parts</FullName></EntityFilter></BillPaymentCreditCardQueryRq>`,
  );
  expect(q!.children.map((r) => textAt(r, 'RefNumber'))).toEqual(['V-1']);
  expect(textAt(billById(s, textAt(b, 'TxnID')!), 'IsPaid')).toBe('true');
  s.close();
});

test('BillPaymentCheckMod replaces the applications (3200 on a stale EditSequence); bills and the vendor follow', async () => {
  const s = await company('bpc-mod');
  const b1 = bill(s, 'Acme Supply', '50.00', 'A-1');
  const b2 = bill(s, 'Acme Supply', '30.00', 'A-2');
  const [add] = s.rs(pay('Acme Supply', applied(textAt(b1, 'TxnID')!, '50.00')));
  const p = add!.children[0]!;
  const mod = (es: string, body: string) =>
    `<BillPaymentCheckModRq><BillPaymentCheckMod><TxnID>${textAt(p, 'TxnID')}</TxnID><EditSequence>${es}</EditSequence>${body}` +
    `</BillPaymentCheckMod></BillPaymentCheckModRq>`;
  const [stale] = s.rs(mod('1', '<Memo>x</Memo>'));
  expect(statusOf(stale!).code).toBe(3200);
  s.advance(1_000);
  const [ok] = s.rs(
    mod(
      textAt(p, 'EditSequence')!,
      `<Memo>moved</Memo><AppliedToTxnMod><TxnID>${textAt(b1, 'TxnID')}</TxnID><PaymentAmount>20.00</PaymentAmount></AppliedToTxnMod>` +
        `<AppliedToTxnMod><TxnID>${textAt(b2, 'TxnID')}</TxnID><PaymentAmount>30.00</PaymentAmount></AppliedToTxnMod>`,
    ),
  );
  expect(statusOf(ok!).code).toBe(0);
  expect(textAt(ok!.children[0], 'Amount')).toBe('50.00');
  expect(textAt(ok!.children[0], 'Memo')).toBe('moved');
  expect(Number(textAt(ok!.children[0], 'EditSequence'))).toBe(Number(textAt(p, 'EditSequence')) + 1);
  expect(textAt(billById(s, textAt(b1, 'TxnID')!), 'OpenAmount')).toBe('30.00');
  expect(textAt(billById(s, textAt(b2, 'TxnID')!), 'IsPaid')).toBe('true');
  expect(vendorBalance(s, 'Acme Supply')).toBe('30.00');
  s.close();
});
