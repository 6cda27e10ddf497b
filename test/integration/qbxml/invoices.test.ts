import { expect, test } from 'vitest';
import {
  ensureAccount,
  ensureCustomer,
  ensureServiceItem,
  ensureStandardTerms,
  openQbxmlSession,
  statusOf,
  textAt,
  type QbxmlSession,
} from './qbxml-harness.js';

async function company(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  ensureAccount(s, 'Accounts Receivable', 'AccountsReceivable');
  ensureServiceItem(s, 'Consulting', '75.00', 'Consulting Income');
  ensureStandardTerms(s, 'Net 15', 15);
  ensureCustomer(s, 'Kim Corp');
  ensureCustomer(s, 'Kim Corp:Website');
  return s;
}

const line = (qty: string, extra = '') =>
  `<InvoiceLineAdd><ItemRef><FullName>Consulting</FullName></ItemRef><Quantity>${qty}</Quantity>${extra}</InvoiceLineAdd>`;

function customer(s: QbxmlSession, name: string): { balance?: string; total?: string } {
  const [rs] = s.rs(`<CustomerQueryRq><FullName>${name}</FullName></CustomerQueryRq>`);
  return { balance: textAt(rs!.children[0], 'Balance'), total: textAt(rs!.children[0], 'TotalBalance') };
}

test('InvoiceAdd: Rate from the item, Amount = Quantity × Rate, next invoice number, schema order; balances rise up the job tree', async () => {
  const s = await company('inv-add');
  const [rs] = s.rs(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp:Website</FullName></CustomerRef><TxnDate>2014-11-03</TxnDate>` +
      `<TermsRef><FullName>Net 15</FullName></TermsRef>` +
      `${line('2')}${line('1.5', '<Rate>100.00</Rate>')}` +
      `<InvoiceLineAdd><Desc>Thank you</Desc></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`,
  );
  expect(statusOf(rs!).code).toBe(0);
  const inv = rs!.children[0]!;
  expect(inv.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'CustomerRef',
    'ARAccountRef',
    'TxnDate',
    'RefNumber',
    'IsPending',
    'IsFinanceCharge',
    'TermsRef',
    'DueDate',
    'Subtotal',
    'SalesTaxPercentage',
    'SalesTaxTotal',
    'AppliedAmount',
    'BalanceRemaining',
    'IsPaid',
    'IsToBePrinted',
    'IsToBeEmailed',
    'InvoiceLineRet',
    'InvoiceLineRet',
    'InvoiceLineRet',
  ]);
  expect(textAt(inv, 'RefNumber')).toBe('1');
  expect(textAt(inv, 'DueDate')).toBe('2014-11-18');
  const lines = inv.children.filter((c) => c.name === 'InvoiceLineRet');
  expect(lines.map((l) => [textAt(l, 'Quantity'), textAt(l, 'Rate'), textAt(l, 'Amount')])).toEqual([
    ['2', '75.00', '150.00'],
    ['1.5', '100.00', '150.00'],
    [undefined, undefined, undefined],
  ]);
  expect(textAt(lines[2], 'Desc')).toBe('Thank you');
  expect([textAt(inv, 'Subtotal'), textAt(inv, 'BalanceRemaining'), textAt(inv, 'IsPaid')]).toEqual([
    '300.00',
    '300.00',
    'false',
  ]);
  expect(customer(s, 'Kim Corp:Website')).toEqual({ balance: '300.00', total: '300.00' });
  expect(customer(s, 'Kim Corp')).toEqual({ balance: '0.00', total: '300.00' });

  const [second, third] = s.rs(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp</FullName></CustomerRef><RefNumber>INV-0099</RefNumber>${line('1')}</InvoiceAdd></InvoiceAddRq>` +
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp</FullName></CustomerRef>${line('1')}</InvoiceAdd></InvoiceAddRq>`,
  );
  expect(textAt(second!.children[0], 'RefNumber')).toBe('INV-0099');
  expect(textAt(third!.children[0], 'RefNumber')).toBe('INV-0100');
  s.close();
});

test('InvoiceAdd: 3140 for an unknown customer and an unknown item (line variant); no lines → 3180', async () => {
  const s = await company('inv-errors');
  const [cust, item, empty] = s.rs(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Nobody</FullName></CustomerRef>${line('1')}</InvoiceAdd></InvoiceAddRq>` +
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp</FullName></CustomerRef>` +
      `<InvoiceLineAdd><ItemRef><FullName>Gizmo</FullName></ItemRef></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>` +
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp</FullName></CustomerRef></InvoiceAdd></InvoiceAddRq>`,
    { onError: 'continueOnError' },
  );
  const tail = 'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';
  expect(statusOf(cust!).message).toBe(
    `There is an invalid reference to QuickBooks Customer "Nobody" in the Invoice.  ${tail}`,
  );
  expect(statusOf(item!).message).toBe(
    `There is an invalid reference to QuickBooks Item "Gizmo" in the Invoice line.  ${tail}`,
  );
  expect(statusOf(empty!).code).toBe(3180);
  s.close();
});

test('InvoiceQuery: by customer with children, PaidStatus, lines only with IncludeLineItems', async () => {
  const s = await company('inv-query');
  s.send(
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp</FullName></CustomerRef><RefNumber>P-1</RefNumber>${line('1')}</InvoiceAdd></InvoiceAddRq>` +
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><FullName>Kim Corp:Website</FullName></CustomerRef><RefNumber>J-1</RefNumber>${line('1')}</InvoiceAdd></InvoiceAddRq>`,
  );
  const [parentOnly, withJobs, open, lines] = s.rs(
    `<InvoiceQueryRq><EntityFilter><FullName>Kim Corp</FullName></EntityFilter></InvoiceQueryRq>` +
      `<InvoiceQueryRq><EntityFilter><FullNameWithChildren>Kim Corp</FullNameWithChildren></EntityFilter></InvoiceQueryRq>` +
      `<InvoiceQueryRq><PaidStatus>NotPaidOnly</PaidStatus></InvoiceQueryRq>` +
      `<InvoiceQueryRq><RefNumber>J-1</RefNumber><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq>`,
  );
  expect(parentOnly!.children.map((c) => textAt(c, 'RefNumber'))).toEqual(['P-1']);
  expect(withJobs!.children.map((c) => textAt(c, 'RefNumber'))).toEqual(['P-1', 'J-1']);
  expect(open!.children).toHaveLength(2);
  expect(open!.children[0]!.children.some((c) => c.name === 'InvoiceLineRet')).toBe(false);
  expect(textAt(lines!.children[0], 'InvoiceLineRet/Amount')).toBe('75.00');
  s.close();
});
