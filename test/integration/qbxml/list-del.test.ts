import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { COMPANY_PATH, openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

function ret(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!)).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

function del(s: QbxmlSession, type: string, listId: string): XmlElement {
  return s.rs(`<ListDelRq><ListDelType>${type}</ListDelType><ListID>${listId}</ListID></ListDelRq>`)[0]!;
}

/** A transaction that uses list records, stored the way the transaction handlers store one (a Bill). */
function recordBill(s: QbxmlSession, vendorId: string, doc: Record<string, unknown>): void {
  s.host
    .companyStore(COMPANY_PATH)
    .db.prepare(
      `INSERT INTO qbx_txn (txn_id, kind, txn_number, txn_date, entity_id, account_id, time_created, time_modified, edit_sequence, doc)
       VALUES ('1-1415631600', 'Bill', 1, '2014-11-10', ?, NULL, 0, 0, '0', ?)`,
    )
    .run(vendorId, JSON.stringify(doc));
}

test('ListDel deletes a record and answers ListDelType, ListID, TimeDeleted, FullName; ListDeletedQuery remembers it', async () => {
  const s = await openQbxmlSession({ seed: 'list-del' });
  const [vendor] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const id = textAt(ret(vendor), 'ListID')!;
  s.advance(3_600_000);
  const rs = del(s, 'Vendor', id);
  expect(statusOf(rs).code).toBe(0);
  expect(rs.children.map((c) => [c.name, c.text])).toEqual([
    ['ListDelType', 'Vendor'],
    ['ListID', id],
    ['TimeDeleted', '2014-11-10T11:00:00-05:00'],
    ['FullName', 'Acme'],
  ]);
  const [gone, deleted] = s.rs(
    `<VendorQueryRq><ListID>${id}</ListID></VendorQueryRq>` +
      `<ListDeletedQueryRq metaData="MetaDataAndResponseData"><ListDelType>Vendor</ListDelType><ListDelType>Customer</ListDelType></ListDeletedQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(gone!).code).toBe(500);
  expect(deleted!.attrs['retCount']).toBe('1');
  expect(deleted!.children.map((r) => r.children.map((c) => [c.name, c.text]))).toEqual([
    [
      ['ListDelType', 'Vendor'],
      ['ListID', id],
      ['TimeCreated', '2014-11-10T10:00:00-05:00'],
      ['TimeDeleted', '2014-11-10T11:00:00-05:00'],
      ['FullName', 'Acme'],
    ],
  ]);
  // The name is free again.
  const [again] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  expect(statusOf(again!).code).toBe(0);
  s.close();
});

test('ListDel of an unknown ListID, or of a ListID of another list type, answers 3120', async () => {
  const s = await openQbxmlSession({ seed: 'list-del-3120' });
  const [vendor] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const id = textAt(ret(vendor), 'ListID')!;
  expect(statusOf(del(s, 'Vendor', '80000099-1415631600'))).toEqual({
    code: 3120,
    severity: 'Error',
    message:
      'Object "80000099-1415631600" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
  });
  expect(statusOf(del(s, 'Customer', id)).code).toBe(3120);
  s.close();
});

test('ListDel is refused while the record has sub-records, is used by a transaction or by another record (3180)', async () => {
  const s = await openQbxmlSession({ seed: 'list-del-in-use' });
  const [acme, job, vendor, account] = s.rs(
    `<CustomerAddRq><CustomerAdd><Name>Acme</Name></CustomerAdd></CustomerAddRq>` +
      `<CustomerAddRq><CustomerAdd><Name>Kitchen</Name><ParentRef><FullName>Acme</FullName></ParentRef></CustomerAdd></CustomerAddRq>` +
      `<VendorAddRq><VendorAdd><Name>Paper Co</Name><TermsRef><FullName>Net 15</FullName></TermsRef></VendorAdd></VendorAddRq>` +
      `<AccountAddRq><AccountAdd><Name>Printing</Name><AccountType>Expense</AccountType></AccountAdd></AccountAddRq>`,
  );
  const acmeId = textAt(ret(acme), 'ListID')!;
  const vendorId = textAt(ret(vendor), 'ListID')!;
  const accountId = textAt(ret(account), 'ListID')!;
  expect(statusOf(del(s, 'Customer', acmeId))).toEqual({
    code: 3180,
    severity: 'Error',
    message:
      'There was an error when saving a Customer list, element "Acme".  QuickBooks error message: The list element is in use.',
  });
  // Terms used by a vendor.
  const net15 = textAt(
    ret(s.rs(`<StandardTermsQueryRq><FullName>Net 15</FullName></StandardTermsQueryRq>`)[0]),
    'ListID',
  )!;
  expect(statusOf(del(s, 'StandardTerms', net15)).message).toBe(
    'There was an error when saving a Terms list, element "Net 15".  QuickBooks error message: The list element is in use.',
  );
  // A bill for the vendor, with an expense line on the account.
  recordBill(s, vendorId, {
    TxnID: '1-1415631600',
    VendorRef: { ListID: vendorId, FullName: 'Paper Co' },
    ExpenseLineRet: [
      { TxnLineID: '2-1415631600', AccountRef: { ListID: accountId, FullName: 'Printing' }, Amount: '10.00' },
    ],
  });
  expect(statusOf(del(s, 'Vendor', vendorId)).message).toBe(
    'There was an error when saving a Vendor list, element "Paper Co".  QuickBooks error message: The list element is in use.',
  );
  expect(statusOf(del(s, 'Account', accountId)).message).toBe(
    'There was an error when saving a Account list, element "Printing".  QuickBooks error message: The list element is in use.',
  );
  // Nothing was deleted; the job itself is free to go, then its customer.
  const [q] = s.rs(
    `<ListDeletedQueryRq><ListDelType>Customer</ListDelType><ListDelType>Vendor</ListDelType></ListDeletedQueryRq>`,
  );
  expect(statusOf(q!).code).toBe(1);
  expect(statusOf(del(s, 'Customer', textAt(ret(job), 'ListID')!)).code).toBe(0);
  const gone = del(s, 'Customer', acmeId);
  expect(textAt(gone, 'FullName')).toBe('Acme');
  s.close();
});

test('ListDel of a record another user has open answers 3170', async () => {
  const s = await openQbxmlSession({ seed: 'list-del-3170' });
  const [cls] = s.rs(`<ClassAddRq><ClassAdd><Name>East</Name></ClassAdd></ClassAddRq>`);
  const id = textAt(ret(cls), 'ListID')!;
  s.host.lockRecord({ path: s.host.openFile!, id, machine: 'OFFICE-PC' });
  expect(statusOf(del(s, 'Class', id))).toEqual({
    code: 3170,
    severity: 'Error',
    message:
      'There was an error when modifying a class named "East".  QuickBooks error message: This list has been modified by another user.',
  });
  s.host.unlockRecord({ path: s.host.openFile!, id });
  expect(statusOf(del(s, 'Class', id)).code).toBe(0);
  s.close();
});

test("ListDeletedQuery: DeletedDateRangeFilter in the QuickBooks machine's local time, 3030 for a reversed range, 1 for none", async () => {
  const s = await openQbxmlSession({ seed: 'list-deleted-query' });
  const ids = s
    .rs(
      ['Net 15', 'Net 60']
        .map((n) => `<StandardTermsQueryRq><FullName>${n}</FullName></StandardTermsQueryRq>`)
        .join(''),
    )
    .map((rs) => textAt(ret(rs), 'ListID')!);
  del(s, 'StandardTerms', ids[0]!); // 10:00 New York
  s.advance(2 * 3_600_000);
  del(s, 'StandardTerms', ids[1]!); // 12:00 New York
  const [local, utc, reversed, none, trimmed] = s.rs(
    `<ListDeletedQueryRq><ListDelType>StandardTerms</ListDelType><DeletedDateRangeFilter><FromDeletedDate>2014-11-10T11:00:00</FromDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>` +
      `<ListDeletedQueryRq><ListDelType>StandardTerms</ListDelType><DeletedDateRangeFilter><ToDeletedDate>2014-11-10T15:30:00+00:00</ToDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>` +
      `<ListDeletedQueryRq><ListDelType>StandardTerms</ListDelType><DeletedDateRangeFilter><FromDeletedDate>2014-11-11</FromDeletedDate><ToDeletedDate>2014-11-10</ToDeletedDate></DeletedDateRangeFilter></ListDeletedQueryRq>` +
      `<ListDeletedQueryRq><ListDelType>DateDrivenTerms</ListDelType></ListDeletedQueryRq>` +
      `<ListDeletedQueryRq><ListDelType>StandardTerms</ListDelType><IncludeRetElement>FullName</IncludeRetElement></ListDeletedQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(local!.children.map((r) => textAt(r, 'FullName'))).toEqual(['Net 60']);
  expect(utc!.children.map((r) => textAt(r, 'FullName'))).toEqual(['Net 15']);
  expect(statusOf(reversed!)).toEqual({
    code: 3030,
    severity: 'Error',
    message: 'Invalid date range: From date is greater than To date.',
  });
  expect(statusOf(none!)).toEqual({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  });
  expect(trimmed!.children.map((r) => r.children.map((c) => c.name))).toEqual([['FullName'], ['FullName']]);
  s.close();
});
