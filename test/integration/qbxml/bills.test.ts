import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import {
  ensureAccount,
  ensureDateDrivenTerms,
  ensureStandardTerms,
  ensureVendor,
  openQbxmlSession,
  qbxmlWorld,
  statusOf,
  textAt,
  type QbxmlSession,
} from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

/** A company with an A/P account, two expense accounts, Net 30 and a vendor on Net 30 with an address. */
async function billsCompany(seed: string, world?: Parameters<typeof qbxmlWorld>[0]): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed, ...(world ? { world: qbxmlWorld(world) } : {}) });
  ensureAccount(s, 'Accounts Payable', 'AccountsPayable');
  ensureAccount(s, 'Office Supplies', 'Expense');
  ensureAccount(s, 'Rent Expense', 'Expense');
  ensureStandardTerms(s, 'Net 30', 30);
  ensureVendor(
    s,
    'Acme Supply',
    '<VendorAddress><Addr1>1 Main St</Addr1><City>Springfield</City></VendorAddress><TermsRef><FullName>Net 30</FullName></TermsRef>',
  );
  ensureVendor(s, 'Beta Parts');
  return s;
}

function expenseLine(account: string, amount: string, memo?: string): string {
  return (
    `<ExpenseLineAdd><AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount>` +
    (memo ? `<Memo>${memo}</Memo>` : '') +
    `</ExpenseLineAdd>`
  );
}

function billAdd(vendor: string, body: string, requestID = ''): string {
  return `<BillAddRq requestID="${requestID}"><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef>${body}</BillAdd></BillAddRq>`;
}

function vendor(s: QbxmlSession, name: string): XmlElement {
  const [rs] = s.rs(`<VendorQueryRq><FullName>${name}</FullName></VendorQueryRq>`);
  return rs!.children[0]!;
}

const names = (rs: XmlElement | undefined, path = 'RefNumber'): (string | undefined)[] =>
  (rs?.children ?? []).map((r) => textAt(r, path));

test('BillAdd answers a BillRet in schema order: TxnCore, the vendor terms and address, AmountDue = lines, OpenAmount', async () => {
  const s = await billsCompany('bill-add');
  const before = vendor(s, 'Acme Supply');
  s.advance(60_000);
  const [rs] = s.rs(
    billAdd(
      'Acme Supply',
      `<RefNumber>INV-100</RefNumber><Memo>October</Memo>${expenseLine('Office Supplies', '100.00', 'paper')}${expenseLine('Rent Expense', '29.43')}`,
      '9',
    ),
  );
  expect(statusOf(rs!)).toEqual({ code: 0, severity: 'Info', message: 'Status OK' });
  expect(rs!.attrs['requestID']).toBe('9');
  const bill = rs!.children[0]!;
  expect(bill.children.map((c) => c.name)).toEqual([
    'TxnID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'TxnNumber',
    'VendorRef',
    'VendorAddress',
    'APAccountRef',
    'TxnDate',
    'DueDate',
    'AmountDue',
    'RefNumber',
    'TermsRef',
    'Memo',
    'IsPaid',
    'ExpenseLineRet',
    'ExpenseLineRet',
    'OpenAmount',
  ]);
  // 2014-11-10T15:01:00Z is 10:01 in New York; ids are <hex counter>-<unix seconds>, lines after their TxnID.
  const txnId = textAt(bill, 'TxnID')!;
  expect(txnId).toMatch(/^[0-9A-F]+-1415631660$/);
  expect(textAt(bill, 'TimeCreated')).toBe('2014-11-10T10:01:00-05:00');
  expect(textAt(bill, 'EditSequence')).toBe('1415631660');
  const lineIds = bill.children.filter((c) => c.name === 'ExpenseLineRet').map((l) => textAt(l, 'TxnLineID')!);
  expect(lineIds.map((id) => parseInt(id, 16))).toEqual([parseInt(txnId, 16) + 1, parseInt(txnId, 16) + 2]);
  expect(bill.children[15]!.children.map((c) => c.name)).toEqual(['TxnLineID', 'AccountRef', 'Amount', 'Memo']);
  expect(textAt(bill, 'TxnDate')).toBe('2014-11-10');
  expect(textAt(bill, 'DueDate')).toBe('2014-12-10'); // Net 30, from the vendor
  expect(textAt(bill, 'TermsRef/FullName')).toBe('Net 30');
  expect(textAt(bill, 'VendorAddress/Addr1')).toBe('1 Main St');
  expect(textAt(bill, 'APAccountRef/FullName')).toBe('Accounts Payable');
  expect(textAt(bill, 'AmountDue')).toBe('129.43');
  expect(textAt(bill, 'OpenAmount')).toBe('129.43');
  expect(textAt(bill, 'IsPaid')).toBe('false');

  // The vendor's balance rose; the vendor was not edited (same EditSequence and TimeModified).
  const after = vendor(s, 'Acme Supply');
  expect(textAt(after, 'Balance')).toBe('129.43');
  expect(textAt(after, 'EditSequence')).toBe(textAt(before, 'EditSequence'));
  expect(textAt(after, 'TimeModified')).toBe(textAt(before, 'TimeModified'));
  s.close();
});

test('DueDate: standard terms add StdDueDays, date-driven terms fall on their day, no terms = 10 days (preference)', async () => {
  const s = await billsCompany('bill-due');
  ensureStandardTerms(s, 'Net 15', 15);
  ensureDateDrivenTerms(s, '25th', 25, 5);
  const line = expenseLine('Office Supplies', '10.00');
  const [net15, driven, drivenLate, none, given] = s.rs(
    billAdd('Beta Parts', `<TxnDate>2014-01-20</TxnDate><TermsRef><FullName>Net 15</FullName></TermsRef>${line}`) +
      billAdd('Beta Parts', `<TxnDate>2014-01-10</TxnDate><TermsRef><FullName>25th</FullName></TermsRef>${line}`) +
      billAdd('Beta Parts', `<TxnDate>2014-01-21</TxnDate><TermsRef><FullName>25th</FullName></TermsRef>${line}`) +
      billAdd('Beta Parts', `<TxnDate>2014-01-25</TxnDate>${line}`) +
      billAdd('Acme Supply', `<TxnDate>2014-01-25</TxnDate><DueDate>2014-03-01</DueDate>${line}`),
  );
  expect(textAt(net15!.children[0], 'DueDate')).toBe('2014-02-04');
  expect(textAt(driven!.children[0], 'DueDate')).toBe('2014-01-25');
  expect(textAt(drivenLate!.children[0], 'DueDate')).toBe('2014-02-25'); // within 5 days of the 25th
  expect(textAt(none!.children[0], 'DueDate')).toBe('2014-02-04');
  expect(textAt(none!.children[0], 'TermsRef')).toBeUndefined();
  expect(textAt(given!.children[0], 'DueDate')).toBe('2014-03-01');
  s.close();
});

test("TxnDate defaults to the QuickBooks machine's local date, not the UTC date", async () => {
  // 03:30 UTC on Nov 11 is still Nov 10 in New York.
  const s = await billsCompany('bill-local-date', { seed: 'bill-local-date', clockStart: '2014-11-11T03:30:00Z' });
  const [rs] = s.rs(billAdd('Beta Parts', expenseLine('Office Supplies', '1.00')));
  expect(textAt(rs!.children[0], 'TxnDate')).toBe('2014-11-10');
  expect(textAt(rs!.children[0], 'TimeCreated')).toBe('2014-11-10T22:30:00-05:00');
  s.close();
});

test('item lines: Amount is Quantity × Cost; Desc and Cost default from the item', async () => {
  const s = await billsCompany('bill-items');
  ensureAccount(s, 'Cost of Goods Sold', 'CostOfGoodsSold');
  s.rs(
    `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Widget</Name><SalesAndPurchase><SalesDesc>Widget</SalesDesc>` +
      `<SalesPrice>20.00</SalesPrice><IncomeAccountRef><FullName>Office Supplies</FullName></IncomeAccountRef>` +
      `<PurchaseDesc>Widget, bought</PurchaseDesc><PurchaseCost>7.25</PurchaseCost>` +
      `<ExpenseAccountRef><FullName>Cost of Goods Sold</FullName></ExpenseAccountRef></SalesAndPurchase>` +
      `</ItemNonInventoryAdd></ItemNonInventoryAddRq>`,
  );
  const [rs] = s.rs(
    billAdd(
      'Beta Parts',
      expenseLine('Office Supplies', '5.00') +
        `<ItemLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><Quantity>4</Quantity></ItemLineAdd>` +
        `<ItemLineAdd><ItemRef><FullName>Widget</FullName></ItemRef><Quantity>3</Quantity><Cost>1.125</Cost></ItemLineAdd>`,
    ),
  );
  expect(statusOf(rs!).code).toBe(0);
  const bill = rs!.children[0]!;
  const items = bill.children.filter((c) => c.name === 'ItemLineRet');
  expect(items[0]!.children.map((c) => c.name)).toEqual(['TxnLineID', 'ItemRef', 'Desc', 'Quantity', 'Cost', 'Amount']);
  expect([textAt(items[0], 'Desc'), textAt(items[0], 'Cost'), textAt(items[0], 'Amount')]).toEqual([
    'Widget, bought',
    '7.25',
    '29.00',
  ]);
  expect([textAt(items[1], 'Cost'), textAt(items[1], 'Amount')]).toEqual(['1.125', '3.38']);
  expect(textAt(bill, 'AmountDue')).toBe('37.38');
  s.close();
});

test('3140: an unknown vendor (header) and an unknown expense account (line variant), with the facts sheet texts', async () => {
  const s = await billsCompany('bill-3140');
  const [header, line, apType] = s.rs(
    billAdd('Nobody Inc', expenseLine('Office Supplies', '1.00')) +
      billAdd('Acme Supply', expenseLine('Travel', '1.00')) +
      billAdd(
        'Acme Supply',
        `<APAccountRef><FullName>Rent Expense</FullName></APAccountRef>${expenseLine('Rent Expense', '1.00')}`,
      ),
    { onError: 'continueOnError' },
  );
  expect(statusOf(header!)).toEqual({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks Vendor "Nobody Inc" in the Bill.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(line!)).toEqual({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks Account "Travel" in the Bill line.  ${INVALID_ARGUMENT}`,
  });
  // An account that is not an A/P account cannot be the bill's A/P account.
  expect(statusOf(apType!).message).toBe(
    `There is an invalid reference to QuickBooks Account "Rent Expense" in the Bill.  ${INVALID_ARGUMENT}`,
  );
  const [q] = s.rs(`<BillQueryRq/>`);
  expect(statusOf(q!).code).toBe(1); // nothing was saved
  s.close();
});

test('a bill without lines, and a company without an active A/P account, answer 3180', async () => {
  const s = await billsCompany('bill-3180');
  const [empty] = s.rs(billAdd('Acme Supply', '<RefNumber>E</RefNumber>'));
  expect(statusOf(empty!)).toEqual({
    code: 3180,
    severity: 'Error',
    message: 'There was an error when saving a Bill.  QuickBooks error message: Transaction is empty.',
  });
  // Make every A/P account inactive (AccountMod), then enter a bill without APAccountRef.
  const [aps] = s.rs(`<AccountQueryRq><AccountType>AccountsPayable</AccountType></AccountQueryRq>`);
  for (const ap of aps!.children) {
    const [mod] = s.rs(
      `<AccountModRq><AccountMod><ListID>${textAt(ap, 'ListID')}</ListID><EditSequence>${textAt(ap, 'EditSequence')}</EditSequence>` +
        `<IsActive>false</IsActive></AccountMod></AccountModRq>`,
    );
    expect(statusOf(mod!).code).toBe(0);
  }
  const [noAp] = s.rs(billAdd('Acme Supply', expenseLine('Office Supplies', '1.00')));
  expect(statusOf(noAp!)).toEqual({
    code: 3180,
    severity: 'Error',
    message: 'There was an error when saving a Bill.  QuickBooks error message: This record has an error in it.',
  });
  s.close();
});

test('BillMod: 3120 unknown TxnID, 3200 stale EditSequence, 3175 while another user has the bill open', async () => {
  const s = await billsCompany('bill-mod-errors');
  const [add] = s.rs(billAdd('Acme Supply', expenseLine('Office Supplies', '10.00')));
  const txnId = textAt(add!.children[0], 'TxnID')!;
  const seq = textAt(add!.children[0], 'EditSequence')!;
  const mod = (id: string, es: string) =>
    `<BillModRq><BillMod><TxnID>${id}</TxnID><EditSequence>${es}</EditSequence><Memo>changed</Memo></BillMod></BillModRq>`;
  const [missing, stale] = s.rs(mod('ABC-1415631600', seq) + mod(txnId, '1415000000'), { onError: 'continueOnError' });
  expect(statusOf(missing!)).toEqual({
    code: 3120,
    severity: 'Error',
    message: `Object "ABC-1415631600" specified in the request cannot be found.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(stale!)).toEqual({
    code: 3200,
    severity: 'Error',
    message: 'The provided edit sequence "1415000000" is out-of-date. ',
  });
  s.host.lockRecord({ path: s.host.openFile!, id: txnId, machine: 'OFFICE-PC' });
  const [locked] = s.rs(mod(txnId, seq));
  expect(statusOf(locked!)).toEqual({
    code: 3175,
    severity: 'Error',
    message: `There was an error adding, modifying or deleting ${txnId} because it is already in use.  QuickBooks error message: The transaction could not be locked.  It is in use by another user.`,
  });
  s.host.unlockRecord({ path: s.host.openFile!, id: txnId });
  const [ok] = s.rs(mod(txnId, seq));
  expect(statusOf(ok!).code).toBe(0);
  expect(textAt(ok!.children[0], 'Memo')).toBe('changed');
  s.close();
});

test('BillMod lines: listed lines are changed, -1 adds one, lines not listed are deleted; amounts and the vendor follow', async () => {
  const s = await billsCompany('bill-mod-lines');
  const [add] = s.rs(
    billAdd(
      'Acme Supply',
      expenseLine('Office Supplies', '10.00', 'a') +
        expenseLine('Office Supplies', '20.00', 'b') +
        expenseLine('Rent Expense', '30.00', 'c'),
    ),
  );
  const bill = add!.children[0]!;
  const [l1, , l3] = bill.children.filter((c) => c.name === 'ExpenseLineRet').map((l) => textAt(l, 'TxnLineID')!);
  const before = vendor(s, 'Acme Supply');
  s.advance(5_000);
  const [mod] = s.rs(
    `<BillModRq><BillMod><TxnID>${textAt(bill, 'TxnID')}</TxnID><EditSequence>${textAt(bill, 'EditSequence')}</EditSequence>` +
      `<RefNumber>R-2</RefNumber>` +
      `<ExpenseLineMod><TxnLineID>${l3}</TxnLineID><Amount>35.00</Amount></ExpenseLineMod>` +
      `<ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Rent Expense</FullName></AccountRef><Amount>1.50</Amount></ExpenseLineMod>` +
      `<ExpenseLineMod><TxnLineID>${l1}</TxnLineID></ExpenseLineMod>` +
      `</BillMod></BillModRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  const ret = mod!.children[0]!;
  const lines = ret.children.filter((c) => c.name === 'ExpenseLineRet');
  expect(lines.map((l) => [textAt(l, 'Memo'), textAt(l, 'Amount')])).toEqual([
    ['c', '35.00'],
    [undefined, '1.50'],
    ['a', '10.00'],
  ]);
  expect(lines.map((l) => textAt(l, 'TxnLineID'))[0]).toBe(l3);
  expect(textAt(ret, 'AmountDue')).toBe('46.50');
  expect(textAt(ret, 'OpenAmount')).toBe('46.50');
  expect(textAt(ret, 'RefNumber')).toBe('R-2');
  expect(Number(textAt(ret, 'EditSequence'))).toBe(Number(textAt(bill, 'EditSequence')) + 5);
  expect(textAt(ret, 'TimeModified')).toBe('2014-11-10T10:00:05-05:00');
  expect(textAt(ret, 'TimeCreated')).toBe(textAt(bill, 'TimeCreated'));
  expect(textAt(vendor(s, 'Acme Supply'), 'Balance')).toBe('46.50');
  expect(textAt(vendor(s, 'Acme Supply'), 'EditSequence')).toBe(textAt(before, 'EditSequence'));

  // ClearExpenseLines, then only new lines; an old TxnLineID after clearing cannot be found.
  const cur = mod!.children[0]!;
  const clear = (extra: string) =>
    `<BillModRq><BillMod><TxnID>${textAt(cur, 'TxnID')}</TxnID><EditSequence>${textAt(cur, 'EditSequence')}</EditSequence>` +
    `<ClearExpenseLines>true</ClearExpenseLines>${extra}</BillMod></BillModRq>`;
  const [gone, emptied, cleared] = s.rs(
    clear(`<ExpenseLineMod><TxnLineID>${l1}</TxnLineID><Amount>1.00</Amount></ExpenseLineMod>`) +
      clear('') +
      clear(
        `<ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>7.00</Amount></ExpenseLineMod>`,
      ),
    { onError: 'continueOnError' },
  );
  expect(statusOf(gone!).code).toBe(3120);
  expect(statusOf(emptied!).message).toBe(
    'There was an error when saving a Bill.  QuickBooks error message: Transaction is empty.',
  );
  expect(statusOf(cleared!).code).toBe(0);
  expect(cleared!.children[0]!.children.filter((c) => c.name === 'ExpenseLineRet')).toHaveLength(1);
  expect(textAt(cleared!.children[0], 'AmountDue')).toBe('7.00');
  expect(textAt(vendor(s, 'Acme Supply'), 'Balance')).toBe('7.00');
  s.close();
});

test('BillQuery: lines only with IncludeLineItems; TxnID and RefNumber lists (500 for a missing one); no match (1)', async () => {
  const s = await billsCompany('bill-query-ids');
  const [a, b] = s.rs(
    billAdd('Acme Supply', `<RefNumber>ab-1</RefNumber>${expenseLine('Office Supplies', '1.00')}`) +
      billAdd('Beta Parts', `<RefNumber>AB-1</RefNumber>${expenseLine('Office Supplies', '2.00')}`),
  );
  const idA = textAt(a!.children[0], 'TxnID')!;
  const [plain, lines, byRef, exact, partial, none] = s.rs(
    `<BillQueryRq><TxnID>${idA}</TxnID></BillQueryRq>` +
      `<BillQueryRq><TxnID>${idA}</TxnID><IncludeLineItems>true</IncludeLineItems></BillQueryRq>` +
      `<BillQueryRq><RefNumber>AB-1</RefNumber></BillQueryRq>` +
      `<BillQueryRq><RefNumberCaseSensitive>AB-1</RefNumberCaseSensitive></BillQueryRq>` +
      `<BillQueryRq><TxnID>${idA}</TxnID><TxnID>FFFF-1415631600</TxnID></BillQueryRq>` +
      `<BillQueryRq><RefNumberFilter><MatchCriterion>Contains</MatchCriterion><RefNumber>zz</RefNumber></RefNumberFilter></BillQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(plain!.children[0]!.children.some((c) => c.name === 'ExpenseLineRet')).toBe(false);
  expect(textAt(plain!.children[0], 'OpenAmount')).toBe('1.00');
  expect(lines!.children[0]!.children.filter((c) => c.name === 'ExpenseLineRet')).toHaveLength(1);
  expect(names(byRef)).toEqual(['ab-1', 'AB-1']);
  expect(names(exact)).toEqual(['AB-1']);
  expect(textAt(exact!.children[0], 'TxnID')).toBe(textAt(b!.children[0], 'TxnID'));
  expect(statusOf(partial!)).toEqual({
    code: 500,
    severity: 'Warn',
    message:
      'The query request has not been fully completed. There was a required element ("FFFF-1415631600") that could not be found in QuickBooks.',
  });
  expect(partial!.children).toHaveLength(1);
  expect(statusOf(none!)).toEqual({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  });
  s.close();
});

test('BillQuery filters: EntityFilter, AccountFilter, RefNumberFilter, RefNumberRangeFilter, TxnDateRangeFilter, MaxReturned, metaData, IncludeRetElement', async () => {
  const s = await billsCompany('bill-query-filters');
  s.send(
    billAdd(
      'Acme Supply',
      `<TxnDate>2014-10-01</TxnDate><RefNumber>8</RefNumber>${expenseLine('Office Supplies', '1.00')}`,
    ) +
      billAdd(
        'Beta Parts',
        `<TxnDate>2014-10-15</TxnDate><RefNumber>9</RefNumber>${expenseLine('Office Supplies', '1.00')}`,
      ) +
      billAdd(
        'Acme Supply',
        `<TxnDate>2014-11-01</TxnDate><RefNumber>10</RefNumber>${expenseLine('Office Supplies', '1.00')}`,
      ) +
      billAdd(
        'Acme Supply',
        `<TxnDate>2014-11-05</TxnDate><RefNumber>X-11</RefNumber>${expenseLine('Office Supplies', '1.00')}`,
      ),
  );
  const [entity, missingEntity, account, starts, range, dates, max, meta, only] = s.rs(
    `<BillQueryRq><EntityFilter><FullName>Acme Supply</FullName></EntityFilter></BillQueryRq>` +
      `<BillQueryRq><EntityFilter><FullName>Nobody</FullName></EntityFilter></BillQueryRq>` +
      `<BillQueryRq><AccountFilter><FullName>Accounts Payable</FullName></AccountFilter></BillQueryRq>` +
      `<BillQueryRq><RefNumberFilter><MatchCriterion>StartsWith</MatchCriterion><RefNumber>x-</RefNumber></RefNumberFilter></BillQueryRq>` +
      `<BillQueryRq><RefNumberRangeFilter><FromRefNumber>9</FromRefNumber><ToRefNumber>10</ToRefNumber></RefNumberRangeFilter></BillQueryRq>` +
      `<BillQueryRq><TxnDateRangeFilter><FromTxnDate>2014-10-10</FromTxnDate><ToTxnDate>2014-11-01</ToTxnDate></TxnDateRangeFilter></BillQueryRq>` +
      `<BillQueryRq><MaxReturned>2</MaxReturned></BillQueryRq>` +
      `<BillQueryRq metaData="MetaDataOnly"><EntityFilter><FullName>Acme Supply</FullName></EntityFilter></BillQueryRq>` +
      `<BillQueryRq><RefNumber>8</RefNumber><IncludeRetElement>TxnID</IncludeRetElement><IncludeRetElement>RefNumber</IncludeRetElement></BillQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(names(entity)).toEqual(['8', '10', 'X-11']);
  expect(statusOf(missingEntity!).code).toBe(500);
  expect(missingEntity!.children).toHaveLength(0);
  expect(names(account)).toEqual(['8', '9', '10', 'X-11']);
  expect(names(starts)).toEqual(['X-11']);
  expect(names(range)).toEqual(['9', '10']); // numeric range: "10" is in 9..10, "X-11" is not a number
  expect(names(dates)).toEqual(['9', '10']); // in TxnDate order
  expect(names(max)).toEqual(['8', '9']);
  expect(meta!.attrs['retCount']).toBe('3');
  expect(meta!.children).toHaveLength(0);
  expect(only!.children[0]!.children.map((c) => c.name)).toEqual(['TxnID', 'RefNumber']);
  s.close();
});

test("DateMacro ranges are computed in the QuickBooks machine's local calendar", async () => {
  // Monday 2014-11-10 03:00 UTC is Sunday Nov 9, 22:00 in New York: "Today" is the 9th, "ThisWeek" starts that Sunday.
  const s = await billsCompany('bill-macros', { seed: 'bill-macros', clockStart: '2014-11-10T03:00:00Z' });
  const dated = ['2014-10-31', '2014-11-01', '2014-11-08', '2014-11-09', '2014-11-10', '2013-12-31'];
  s.send(
    dated
      .map((d) =>
        billAdd(
          'Beta Parts',
          `<TxnDate>${d}</TxnDate><RefNumber>${d}</RefNumber>${expenseLine('Office Supplies', '1.00')}`,
        ),
      )
      .join(''),
  );
  const macro = (m: string) =>
    `<BillQueryRq><TxnDateRangeFilter><DateMacro>${m}</DateMacro></TxnDateRangeFilter></BillQueryRq>`;
  const [today, yesterday, thisWeek, lastWeek, thisMonth, lastMonth, thisYear, lastYear] = s.rs(
    ['Today', 'Yesterday', 'ThisWeek', 'LastWeek', 'ThisMonth', 'LastMonth', 'ThisCalendarYear', 'LastCalendarYear']
      .map(macro)
      .join(''),
    { onError: 'continueOnError' },
  );
  expect(names(today)).toEqual(['2014-11-09']);
  expect(names(yesterday)).toEqual(['2014-11-08']);
  expect(names(thisWeek)).toEqual(['2014-11-09', '2014-11-10']); // Sunday 9th – Saturday 15th
  expect(names(lastWeek)).toEqual(['2014-11-08']); // Sunday 2nd – Saturday 8th
  expect(names(thisMonth)).toEqual(['2014-11-01', '2014-11-08', '2014-11-09', '2014-11-10']);
  expect(names(lastMonth)).toEqual(['2014-10-31']);
  expect(names(thisYear)).toHaveLength(5);
  expect(names(lastYear)).toEqual(['2013-12-31']);
  s.close();
});

test('ModifiedDateRangeFilter is read in local time across the end of DST; a bare ToModifiedDate covers that whole day', async () => {
  // New York leaves DST on 2014-11-02 at 02:00 EDT (06:00 UTC): 01:30 happens twice.
  const s = await billsCompany('bill-dst', { seed: 'bill-dst', clockStart: '2014-11-02T05:00:00Z' }); // 01:00 EDT
  const add = (ref: string) =>
    s.rs(billAdd('Beta Parts', `<RefNumber>${ref}</RefNumber>${expenseLine('Office Supplies', '1.00')}`));
  s.advance(40 * 60_000);
  const [edt] = add('edt'); // 05:40Z = 01:40 EDT
  s.advance(60 * 60_000);
  const [est] = add('est'); // 06:40Z = 01:40 EST (the second 01:40)
  expect(textAt(edt!.children[0], 'TimeModified')).toBe('2014-11-02T01:40:00-04:00');
  expect(textAt(est!.children[0], 'TimeModified')).toBe('2014-11-02T01:40:00-05:00');
  const range = (from: string, to?: string) =>
    `<BillQueryRq><ModifiedDateRangeFilter><FromModifiedDate>${from}</FromModifiedDate>` +
    (to ? `<ToModifiedDate>${to}</ToModifiedDate>` : '') +
    `</ModifiedDateRangeFilter></BillQueryRq>`;
  const [noOffset, withOffset, utc, wholeDay, dayBefore] = s.rs(
    // Without an offset, 01:30 is the first (EDT) 01:30: both bills are after it.
    range('2014-11-02T01:30:00') +
      range('2014-11-02T01:30:00-05:00') +
      range('2014-11-02T06:00:00Z'.replace('Z', '+00:00')) +
      range('2014-11-01', '2014-11-02') +
      range('2014-11-01', '2014-11-01'),
    { onError: 'continueOnError' },
  );
  expect(names(noOffset)).toEqual(['edt', 'est']);
  expect(names(withOffset)).toEqual(['est']);
  expect(names(utc)).toEqual(['est']);
  expect(names(wholeDay)).toEqual(['edt', 'est']);
  expect(statusOf(dayBefore!).code).toBe(1);
  const [bad] = s.rs(range('2014-11-03', '2014-11-01'));
  expect(statusOf(bad!)).toEqual({
    code: 3030,
    severity: 'Error',
    message: 'Invalid date range: From date is greater than To date.',
  });
  s.close();
});

test('iterators page through bills by keyset, count down, and end with 3391', async () => {
  const s = await billsCompany('bill-iterator');
  s.send(
    Array.from({ length: 7 }, (_, i) =>
      billAdd('Beta Parts', `<RefNumber>B${i}</RefNumber>${expenseLine('Office Supplies', '1.00')}`),
    ).join(''),
  );
  const [first] = s.rs(
    `<BillQueryRq iterator="Start" metaData="MetaDataAndResponseData"><MaxReturned>3</MaxReturned></BillQueryRq>`,
  );
  const id = first!.attrs['iteratorID']!;
  expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
  expect(first!.attrs).toMatchObject({ retCount: '3', iteratorRemainingCount: '4' });
  expect(names(first)).toEqual(['B0', 'B1', 'B2']);
  // A bill entered while iterating is not in the pages: the iterator returns what matched when it started.
  s.send(billAdd('Beta Parts', `<RefNumber>B7</RefNumber>${expenseLine('Office Supplies', '1.00')}`));
  const cont = `<BillQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>3</MaxReturned></BillQueryRq>`;
  const [second] = s.rs(cont);
  expect(names(second)).toEqual(['B3', 'B4', 'B5']);
  expect(second!.attrs['iteratorRemainingCount']).toBe('1');
  const [third] = s.rs(cont);
  expect(names(third)).toEqual(['B6']);
  expect(third!.attrs['iteratorRemainingCount']).toBe('0');
  const [gone] = s.rs(cont);
  expect(statusOf(gone!)).toEqual({ code: 3391, severity: 'Error', message: `The iteratorID "${id}" is not valid.` });
  s.close();
});

test('an iterator dies with its session (3391 after EndSession) and is not valid in another application’s session', async () => {
  const s = await billsCompany('bill-iterator-session');
  s.send(
    Array.from({ length: 4 }, (_, i) =>
      billAdd('Beta Parts', `<RefNumber>B${i}</RefNumber>${expenseLine('Office Supplies', '1.00')}`),
    ).join(''),
  );
  const [first] = s.rs(`<BillQueryRq iterator="Start"><MaxReturned>2</MaxReturned></BillQueryRq>`);
  const id = first!.attrs['iteratorID']!;
  const cont = `<BillQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>2</MaxReturned></BillQueryRq>`;
  const other = await openQbxmlSession({ seed: 'bill-iterator-session', attachTo: s, appName: 'Other App' });
  const [foreign] = other.rs(cont);
  expect(statusOf(foreign!)).toEqual({
    code: 3391,
    severity: 'Error',
    message: `The iteratorID "${id}" is not valid.`,
  });
  other.close();
  await s.reopen();
  const [ended] = s.rs(cont);
  expect(statusOf(ended!)).toEqual({ code: 3391, severity: 'Error', message: `The iteratorID "${id}" is not valid.` });
  s.close();
});

test('stopOnError: a failing BillAdd in the middle leaves the earlier bill entered and the later one unprocessed', async () => {
  const s = await billsCompany('bill-stop');
  const rs = s.rs(
    billAdd('Acme Supply', `<RefNumber>one</RefNumber>${expenseLine('Office Supplies', '5.00')}`, '1') +
      billAdd('Acme Supply', `<RefNumber>two</RefNumber>${expenseLine('Nope', '5.00')}`, '2') +
      billAdd('Acme Supply', `<RefNumber>three</RefNumber>${expenseLine('Office Supplies', '5.00')}`, '3'),
  );
  expect(rs.map((r) => [r.attrs['requestID'], r.attrs['statusCode']])).toEqual([
    ['1', '0'],
    ['2', '3140'],
  ]);
  const [q] = s.rs(`<BillQueryRq/>`);
  expect(names(q)).toEqual(['one']);
  expect(textAt(vendor(s, 'Acme Supply'), 'Balance')).toBe('5.00');
  s.close();
});

test('BillQuery with OwnerID returns the private DataExtRet after the lines (a connector’s exactly-once key)', async () => {
  const s = await billsCompany('bill-owner');
  const owner = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
  const [add] = s.rs(billAdd('Acme Supply', `<RefNumber>R1</RefNumber>${expenseLine('Office Supplies', '3.00')}`));
  const txnId = textAt(add!.children[0], 'TxnID')!;
  const [def, ext] = s.rs(
    `<DataExtDefAddRq><DataExtDefAdd><OwnerID>${owner}</OwnerID><DataExtName>CloudId</DataExtName><DataExtType>STR255TYPE</DataExtType>` +
      `<AssignToObject>Bill</AssignToObject></DataExtDefAdd></DataExtDefAddRq>` +
      `<DataExtAddRq><DataExtAdd><OwnerID>${owner}</OwnerID><DataExtName>CloudId</DataExtName><TxnDataExtType>Bill</TxnDataExtType>` +
      `<TxnID>${txnId}</TxnID><DataExtValue>bill-42</DataExtValue></DataExtAdd></DataExtAddRq>`,
  );
  expect([statusOf(def!).code, statusOf(ext!).code]).toEqual([0, 0]);
  const [withOwner, without] = s.rs(
    `<BillQueryRq><TxnID>${txnId}</TxnID><IncludeLineItems>true</IncludeLineItems><OwnerID>${owner}</OwnerID></BillQueryRq>` +
      `<BillQueryRq><TxnID>${txnId}</TxnID></BillQueryRq>`,
  );
  const ret = withOwner!.children[0]!;
  expect(ret.children.map((c) => c.name).slice(-3)).toEqual(['ExpenseLineRet', 'OpenAmount', 'DataExtRet']);
  expect(textAt(ret, 'DataExtRet/DataExtValue')).toBe('bill-42');
  expect(textAt(ret, 'DataExtRet/OwnerID')).toBe(owner);
  expect(without!.children[0]!.children.some((c) => c.name === 'DataExtRet')).toBe(false);
  s.close();
});

test('custom fields on lines are not kept: status 530 (Warn) and the bill is saved without them — never a silent OK', async () => {
  const s = await billsCompany('bill-530');
  const [rs] = s.rs(
    billAdd(
      'Acme Supply',
      `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>2.00</Amount>` +
        `<DataExt><OwnerID>0</OwnerID><DataExtName>Project</DataExtName><DataExtValue>X</DataExtValue></DataExt></ExpenseLineAdd>`,
    ),
  );
  expect(statusOf(rs!)).toEqual({
    code: 530,
    severity: 'Warn',
    message: 'The field "DataExt" is not supported by this implementation.',
  });
  expect(textAt(rs!.children[0], 'AmountDue')).toBe('2.00');
  s.close();
});
