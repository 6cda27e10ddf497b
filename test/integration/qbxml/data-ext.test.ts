import { expect, test } from 'vitest';
import { openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';

/** A Web Connector application's OwnerID, written lower-case as some .qwc files do. */
const OWNER = '{87edaaf8-637e-4203-867f-4ba79c2f8998}';
const OWNER_UPPER = OWNER.toUpperCase();
const OTHER_OWNER = '{11111111-2222-3333-4444-555555555555}';

function defAdd(owner: string, name: string, type: string, objects: string[], requestID = ''): string {
  return (
    `<DataExtDefAddRq requestID="${requestID}"><DataExtDefAdd><OwnerID>${owner}</OwnerID><DataExtName>${name}</DataExtName>` +
    `<DataExtType>${type}</DataExtType>${objects.map((o) => `<AssignToObject>${o}</AssignToObject>`).join('')}` +
    `</DataExtDefAdd></DataExtDefAddRq>`
  );
}

function companyExt(op: 'Add' | 'Mod', owner: string, name: string, value: string): string {
  return (
    `<DataExt${op}Rq><DataExt${op}><OwnerID>${owner}</OwnerID><DataExtName>${name}</DataExtName>` +
    `<OtherDataExtType>Company</OtherDataExtType><DataExtValue>${value}</DataExtValue></DataExt${op}></DataExt${op}Rq>`
  );
}

function vendorExt(op: 'Add' | 'Mod', owner: string, name: string, ref: string, value: string): string {
  return (
    `<DataExt${op}Rq><DataExt${op}><OwnerID>${owner}</OwnerID><DataExtName>${name}</DataExtName>` +
    `<ListDataExtType>Vendor</ListDataExtType><ListObjRef>${ref}</ListObjRef>` +
    `<DataExtValue>${value}</DataExtValue></DataExt${op}></DataExt${op}Rq>`
  );
}

function extsOf(ret: XmlElement | undefined): { owner?: string; name?: string; type?: string; value?: string }[] {
  return (ret?.children ?? [])
    .filter((c) => c.name === 'DataExtRet')
    .map((d) => ({
      ...(textAt(d, 'OwnerID') !== undefined ? { owner: textAt(d, 'OwnerID')! } : {}),
      name: textAt(d, 'DataExtName')!,
      type: textAt(d, 'DataExtType')!,
      value: textAt(d, 'DataExtValue')!,
    }));
}

async function withCompanyDefs(seed: string): Promise<QbxmlSession> {
  const s = await openQbxmlSession({ seed });
  const rs = s.rs(
    defAdd(OWNER, 'FileID', 'STR255TYPE', ['Company']) + defAdd(OWNER, 'AppLock', 'STR255TYPE', ['Company']),
  );
  expect(rs.map((r) => statusOf(r).code)).toEqual([0, 0]);
  return s;
}

test("the Web Connector's FileID and AppLock: private Company data, returned only to a CompanyQuery naming the OwnerID", async () => {
  const s = await openQbxmlSession({ seed: 'dataext-qbwc' });
  // Adding the application: QBWC defines and stamps FileID (and AppLock) on the Company under the app's OwnerID.
  const [def, add, lock] = s.rs(
    defAdd(OWNER, 'FileID', 'STR255TYPE', ['Company'], '1') +
      companyExt('Add', OWNER, 'FileID', '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}') +
      defAdd(OWNER, 'AppLock', 'STR255TYPE', ['Company']) +
      companyExt('Add', OWNER, 'AppLock', 'UNLOCKED:OFFICE-PC'),
  );
  expect(statusOf(def!)).toEqual({ code: 0, severity: 'Info', message: 'Status OK' });
  expect(def!.children[0]!.children.map((c) => c.name)).toEqual([
    'OwnerID',
    'DataExtID',
    'DataExtName',
    'DataExtType',
    'AssignToObject',
    'DataExtListRequire',
    'DataExtTxnRequire',
    'DataExtFormatString',
  ]);
  expect(textAt(def!.children[0], 'OwnerID')).toBe(OWNER_UPPER); // owners come back upper-case
  expect(statusOf(add!).code).toBe(0);
  expect(extsOf(add)).toEqual([
    { owner: OWNER_UPPER, name: 'FileID', type: 'STR255TYPE', value: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}' },
  ]);
  expect(statusOf(lock!).code).toBe(0);

  // Each update: AppLock set to LOCKED with DataExtMod, read back with the OwnerID, then UNLOCKED (facts §10.3).
  const [locked] = s.rs(companyExt('Mod', OWNER, 'AppLock', 'LOCKED:OFFICE-PC:635289565906618390'));
  expect(extsOf(locked)).toEqual([
    { owner: OWNER_UPPER, name: 'AppLock', type: 'STR255TYPE', value: 'LOCKED:OFFICE-PC:635289565906618390' },
  ]);
  const [withOwner, without, otherOwner] = s.rs(
    `<CompanyQueryRq requestID="1"><OwnerID>${OWNER}</OwnerID></CompanyQueryRq>` +
      `<CompanyQueryRq requestID="2"></CompanyQueryRq>` +
      `<CompanyQueryRq requestID="3"><OwnerID>${OTHER_OWNER}</OwnerID></CompanyQueryRq>`,
  );
  expect(extsOf(withOwner!.children[0])).toEqual([
    { owner: OWNER_UPPER, name: 'FileID', type: 'STR255TYPE', value: '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}' },
    { owner: OWNER_UPPER, name: 'AppLock', type: 'STR255TYPE', value: 'LOCKED:OFFICE-PC:635289565906618390' },
  ]);
  expect(extsOf(without!.children[0])).toEqual([]);
  expect(extsOf(otherOwner!.children[0])).toEqual([]);
  const [unlocked] = s.rs(companyExt('Mod', OWNER_UPPER, 'applock', 'UNLOCKED:OFFICE-PC'));
  expect(statusOf(unlocked!).code).toBe(0);
  expect(textAt(unlocked!.children[0], 'DataExtName')).toBe('AppLock'); // the definition's spelling
  s.close();
});

test('a value needs a definition for its owner and object type, even private data (3120 naming the DataExtName)', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-nodef' });
  const [noDef, , wrongObject] = s.rs(
    companyExt('Add', OWNER, 'FileID', '{CA1C3EB8-1B61-4747-A743-8D5B438B83AC}') +
      defAdd(OWNER, 'VendorKey', 'STR255TYPE', ['Vendor']) +
      companyExt('Add', OWNER, 'VendorKey', 'x'),
    { onError: 'continueOnError' },
  );
  const text = (id: string) =>
    `Object "${id}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.`;
  expect(statusOf(noDef!)).toEqual({ code: 3120, severity: 'Error', message: text('FileID') });
  expect(statusOf(wrongObject!)).toEqual({ code: 3120, severity: 'Error', message: text('VendorKey') });
  s.close();
});

test('unknown objects answer 3120 with the ListID, FullName or TxnID given', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-3120' });
  s.send(defAdd(OWNER, 'Key', 'STR255TYPE', ['Vendor', 'Bill']));
  const rs = s.rs(
    vendorExt('Add', OWNER, 'Key', '<ListID>80000099-1415631600</ListID>', 'x') +
      vendorExt('Add', OWNER, 'Key', '<FullName>Nobody Inc</FullName>', 'x') +
      `<DataExtAddRq><DataExtAdd><OwnerID>${OWNER}</OwnerID><DataExtName>Key</DataExtName><TxnDataExtType>Bill</TxnDataExtType>` +
      `<TxnID>1F-1415631600</TxnID><DataExtValue>x</DataExtValue></DataExtAdd></DataExtAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(rs.map((r) => [statusOf(r).code, statusOf(r).message.split('"')[1]])).toEqual([
    [3120, '80000099-1415631600'],
    [3120, 'Nobody Inc'],
    [3120, '1F-1415631600'],
  ]);
  s.close();
});

test('DataExtAdd of a value already set: 3100; DataExtMod and DataExtDel of one not set: 3120', async () => {
  const s = await withCompanyDefs('dataext-exists');
  const [first, again, modMissing, delMissing] = s.rs(
    companyExt('Add', OWNER, 'FileID', '{A}') +
      companyExt('Add', OWNER, 'FileID', '{B}') +
      companyExt('Mod', OWNER, 'AppLock', 'LOCKED:X:1') +
      `<DataExtDelRq><DataExtDel><OwnerID>${OWNER}</OwnerID><DataExtName>AppLock</DataExtName>` +
      `<OtherDataExtType>Company</OtherDataExtType></DataExtDel></DataExtDelRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(first!).code).toBe(0);
  expect(statusOf(again!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "FileID" of the list element is already in use.',
  });
  expect(statusOf(modMissing!).code).toBe(3120);
  expect(statusOf(modMissing!).message).toMatch(/^Object "AppLock" specified in the request cannot be found\./);
  expect(statusOf(delMissing!).code).toBe(3120);
  s.close();
});

test('DataExtDel answers DataExtDelRet and the value is gone', async () => {
  const s = await withCompanyDefs('dataext-del');
  s.send(companyExt('Add', OWNER, 'FileID', '{A}'));
  s.advance(60_000);
  const [del, query] = s.rs(
    `<DataExtDelRq requestID="9"><DataExtDel><OwnerID>${OWNER}</OwnerID><DataExtName>fileid</DataExtName>` +
      `<OtherDataExtType>Company</OtherDataExtType></DataExtDel></DataExtDelRq>` +
      `<CompanyQueryRq><OwnerID>${OWNER}</OwnerID></CompanyQueryRq>`,
  );
  expect(statusOf(del!).code).toBe(0);
  const ret = del!.children[0]!;
  expect(ret.name).toBe('DataExtDelRet');
  expect(ret.children.map((c) => [c.name, c.text])).toEqual([
    ['OwnerID', OWNER_UPPER],
    ['DataExtName', 'FileID'],
    ['OtherDataExtType', 'Company'],
    ['TimeDeleted', '2014-11-10T10:01:00-05:00'],
  ]);
  expect(extsOf(query!.children[0])).toEqual([]);
  s.close();
});

test('values are checked against the definition type (3210); amounts are kept to the cent', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-types' });
  s.send(
    defAdd(OWNER, 'Count', 'INTTYPE', ['Company']) +
      defAdd(OWNER, 'Limit', 'AMTTYPE', ['Company']) +
      defAdd(OWNER, 'Short', 'STR255TYPE', ['Company']) +
      defAdd(OWNER, 'Seen', 'DATETIMETYPE', ['Company']),
  );
  const rs = s.rs(
    companyExt('Add', OWNER, 'Count', 'abc') +
      companyExt('Add', OWNER, 'Count', '42') +
      companyExt('Add', OWNER, 'Limit', '12.5') +
      companyExt('Add', OWNER, 'Short', 'x'.repeat(256)) +
      companyExt('Add', OWNER, 'Seen', '2014-13-40T10:00:00') +
      companyExt('Add', OWNER, 'Seen', '2014-11-10T10:00:00-05:00') +
      companyExt('Add', OWNER, 'Short', '   '),
    { onError: 'continueOnError' },
  );
  expect(rs.map((r) => statusOf(r).code)).toEqual([3210, 0, 0, 3210, 3210, 0, 3210]);
  expect(statusOf(rs[0]!).message).toBe(
    'The "DataExtValue" field has an invalid value "abc".  QuickBooks error message: The value is not a valid INTTYPE value.',
  );
  expect(textAt(rs[2]!.children[0], 'DataExtValue')).toBe('12.50');
  expect(statusOf(rs[6]!).message).toBe(
    'The "DataExtValue" field has an invalid value "".  QuickBooks error message: A data extension cannot be set to blank; DataExtDel clears it.',
  );
  s.close();
});

test('custom fields (OwnerID 0) are STR255TYPE on customers, employees, items or vendors', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-custom' });
  const [amount, onBill, ok] = s.rs(
    defAdd('0', 'Region', 'AMTTYPE', ['Vendor']) +
      defAdd('0', 'Region', 'STR255TYPE', ['Bill']) +
      defAdd('0', 'Region', 'STR255TYPE', ['Vendor', 'Customer']),
    { onError: 'continueOnError' },
  );
  expect(statusOf(amount!)).toEqual({
    code: 3210,
    severity: 'Error',
    message:
      'The "DataExtType" field has an invalid value "AMTTYPE".  QuickBooks error message: A custom field (OwnerID 0) is STR255TYPE and belongs to customers, employees, items or vendors.',
  });
  expect(statusOf(onBill!).code).toBe(3210);
  expect(statusOf(onBill!).message).toMatch(/^The "AssignToObject" field has an invalid value "Bill"\./);
  expect(statusOf(ok!).code).toBe(0);
  const [dup] = s.rs(defAdd('0', 'REGION', 'STR255TYPE', ['Vendor']));
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "REGION" of the list element is already in use.',
  });
  s.close();
});

test("a value on a vendor moves the vendor's TimeModified and EditSequence and shows in VendorQuery with the OwnerID", async () => {
  const s = await openQbxmlSession({ seed: 'dataext-vendor' });
  const [add] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const listId = textAt(add!.children[0], 'ListID')!;
  const seq = textAt(add!.children[0], 'EditSequence')!;
  s.send(defAdd('0', 'Region', 'STR255TYPE', ['Vendor']) + defAdd(OWNER, 'CloudId', 'STR255TYPE', ['Vendor']));
  s.advance(120_000);
  const [custom, priv] = s.rs(
    vendorExt('Add', '0', 'Region', '<FullName>acme</FullName>', 'North') +
      vendorExt('Add', OWNER, 'CloudId', `<ListID>${listId}</ListID>`, 'v-123'),
  );
  // A real DataExtModRs writes <OwnerID>0</OwnerID> for a custom field.
  expect(extsOf(custom)).toEqual([{ owner: '0', name: 'Region', type: 'STR255TYPE', value: 'North' }]);
  expect(statusOf(priv!).code).toBe(0);
  const [publicOnly, both] = s.rs(
    `<VendorQueryRq><ListID>${listId}</ListID><OwnerID>0</OwnerID></VendorQueryRq>` +
      `<VendorQueryRq><ListID>${listId}</ListID><OwnerID>0</OwnerID><OwnerID>${OWNER}</OwnerID></VendorQueryRq>`,
  );
  expect(extsOf(publicOnly!.children[0]).map((e) => e.name)).toEqual(['Region']);
  expect(extsOf(both!.children[0]).map((e) => [e.name, e.value])).toEqual([
    ['Region', 'North'],
    ['CloudId', 'v-123'],
  ]);
  const ret = both!.children[0]!;
  expect(textAt(ret, 'TimeModified')).toBe('2014-11-10T10:02:00-05:00');
  // Two changes of the vendor in the same second (Region, then CloudId): the second moves one ahead, so no two
  // changes share an EditSequence (issue 10: no lost update; qbxml/README.md fidelity notes).
  expect(Number(textAt(ret, 'EditSequence'))).toBe(Number(seq) + 121);
  const [stale] = s.rs(
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Notes>x</Notes></VendorMod></VendorModRq>`,
  );
  expect(statusOf(stale!).code).toBe(3200);
  s.close();
});

test('a value on a vendor another user has open answers 3170', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-3170' });
  const [add] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const listId = textAt(add!.children[0], 'ListID')!;
  s.send(defAdd(OWNER, 'CloudId', 'STR255TYPE', ['Vendor']));
  s.host.lockRecord({ path: s.host.openFile!, id: listId, machine: 'OFFICE-PC' });
  const [locked] = s.rs(vendorExt('Add', OWNER, 'CloudId', `<ListID>${listId}</ListID>`, 'v-1'));
  expect(statusOf(locked!)).toEqual({
    code: 3170,
    severity: 'Error',
    message:
      'There was an error when modifying a vendor named "Acme".  QuickBooks error message: This list has been modified by another user.',
  });
  s.close();
});

test('private data on one object is limited to 4096 bytes across all applications (3210)', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-4096' });
  s.send(
    defAdd(OWNER, 'A', 'STR1024TYPE', ['Company']) +
      defAdd(OWNER, 'B', 'STR1024TYPE', ['Company']) +
      defAdd(OWNER, 'C', 'STR1024TYPE', ['Company']) +
      defAdd(OTHER_OWNER, 'D', 'STR1024TYPE', ['Company']) +
      defAdd(OTHER_OWNER, 'E', 'STR1024TYPE', ['Company']),
  );
  const k = 'k'.repeat(1024);
  const rs = s.rs(
    companyExt('Add', OWNER, 'A', k) +
      companyExt('Add', OWNER, 'B', k) +
      companyExt('Add', OWNER, 'C', k) +
      companyExt('Add', OTHER_OWNER, 'D', k) +
      companyExt('Add', OTHER_OWNER, 'E', 'x') +
      companyExt('Mod', OWNER, 'A', 'short') +
      companyExt('Add', OTHER_OWNER, 'E', 'x'),
    { onError: 'continueOnError' },
  );
  expect(rs.map((r) => statusOf(r).code)).toEqual([0, 0, 0, 0, 3210, 0, 0]);
  expect(statusOf(rs[4]!).message).toBe(
    'The "DataExtValue" field has an invalid value "x".  QuickBooks error message: An object holds at most 4096 bytes of private data.',
  );
  s.close();
});

test('DataExtDefQuery: custom fields by default, private definitions only for their OwnerID, no match is status 1', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-defquery' });
  s.send(
    defAdd('0', 'Region', 'STR255TYPE', ['Vendor']) +
      defAdd('0', 'Segment', 'STR255TYPE', ['Customer']) +
      defAdd(OWNER, 'FileID', 'STR255TYPE', ['Company']),
  );
  const [all, vendors, mine, counted, none] = s.rs(
    `<DataExtDefQueryRq></DataExtDefQueryRq>` +
      `<DataExtDefQueryRq><AssignToObject>Vendor</AssignToObject></DataExtDefQueryRq>` +
      `<DataExtDefQueryRq><OwnerID>${OWNER}</OwnerID><IncludeRetElement>DataExtName</IncludeRetElement></DataExtDefQueryRq>` +
      `<DataExtDefQueryRq metaData="MetaDataOnly"><OwnerID>0</OwnerID></DataExtDefQueryRq>` +
      `<DataExtDefQueryRq><OwnerID>${OTHER_OWNER}</OwnerID></DataExtDefQueryRq>`,
    { onError: 'continueOnError' },
  );
  const names = (rs: XmlElement | undefined) => rs!.children.map((d) => textAt(d, 'DataExtName'));
  expect(names(all)).toEqual(['Region', 'Segment']);
  expect(names(vendors)).toEqual(['Region']);
  // IncludeRetElement keeps the elements the schema requires.
  expect(mine!.children[0]!.children.map((c) => c.name)).toEqual([
    'DataExtID',
    'DataExtName',
    'DataExtListRequire',
    'DataExtTxnRequire',
    'DataExtFormatString',
  ]);
  expect(counted!.attrs['retCount']).toBe('2');
  expect(counted!.children).toEqual([]);
  expect(statusOf(none!)).toEqual({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  });
  s.close();
});

test('DataExtDefMod renames values with their definition and RemoveFromObject drops them; DataExtDefDel removes both', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-defmod' });
  const [vendor] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const listId = textAt(vendor!.children[0], 'ListID')!;
  s.send(
    defAdd(OWNER, 'Key', 'STR255TYPE', ['Company', 'Vendor']) +
      companyExt('Add', OWNER, 'Key', 'company-key') +
      vendorExt('Add', OWNER, 'Key', `<ListID>${listId}</ListID>`, 'vendor-key'),
  );
  const [mod, company, vendorQ] = s.rs(
    `<DataExtDefModRq><DataExtDefMod><OwnerID>${OWNER}</OwnerID><DataExtName>Key</DataExtName>` +
      `<DataExtNewName>ExternalKey</DataExtNewName><RemoveFromObject>Vendor</RemoveFromObject></DataExtDefMod></DataExtDefModRq>` +
      `<CompanyQueryRq><OwnerID>${OWNER}</OwnerID></CompanyQueryRq>` +
      `<VendorQueryRq><ListID>${listId}</ListID><OwnerID>${OWNER}</OwnerID></VendorQueryRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  expect(textAt(mod!.children[0], 'DataExtName')).toBe('ExternalKey');
  expect(mod!.children[0]!.children.filter((c) => c.name === 'AssignToObject').map((c) => c.text)).toEqual(['Company']);
  expect(extsOf(company!.children[0])).toEqual([
    { owner: OWNER_UPPER, name: 'ExternalKey', type: 'STR255TYPE', value: 'company-key' },
  ]);
  expect(extsOf(vendorQ!.children[0])).toEqual([]);
  const [missing, del, after] = s.rs(
    `<DataExtDefDelRq><OwnerID>${OWNER}</OwnerID><DataExtName>Key</DataExtName></DataExtDefDelRq>` +
      `<DataExtDefDelRq><OwnerID>${OWNER}</OwnerID><DataExtName>externalkey</DataExtName></DataExtDefDelRq>` +
      `<CompanyQueryRq><OwnerID>${OWNER}</OwnerID></CompanyQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(missing!).code).toBe(3120);
  expect(statusOf(del!).code).toBe(0);
  expect(del!.children[0]!.children.map((c) => c.name)).toEqual(['OwnerID', 'DataExtName', 'TimeDeleted']);
  expect(extsOf(after!.children[0])).toEqual([]);
  s.close();
});

test('values on transactions need a transaction of that type; line values and macros are not simulated (1030)', async () => {
  const s = await openQbxmlSession({ seed: 'dataext-txn' });
  s.send(defAdd(OWNER, 'CloudId', 'STR255TYPE', ['Bill', 'Check']));
  // No transaction messages are needed to reach the table: a bill row as the processor stores it.
  s.host
    .companyStore(s.host.openFile!)
    .db.prepare(
      `INSERT INTO qbx_txn (txn_id, kind, txn_number, txn_date, time_created, time_modified, edit_sequence, doc)
       VALUES ('C5-1415631600', 'Bill', 1, '2014-11-10', 0, 0, '1415631600',
       '{"TxnID":"C5-1415631600","TimeCreated":"2014-11-10T10:00:00-05:00","TimeModified":"2014-11-10T10:00:00-05:00","EditSequence":"1415631600","TxnNumber":"1"}')`,
    )
    .run();
  const txnExt = (type: string, extra = '', macro = '') =>
    `<DataExtAddRq><DataExtAdd><OwnerID>${OWNER}</OwnerID><DataExtName>CloudId</DataExtName><TxnDataExtType>${type}</TxnDataExtType>` +
    `<TxnID${macro}>C5-1415631600</TxnID>${extra}<DataExtValue>b-1</DataExtValue></DataExtAdd></DataExtAddRq>`;
  const [asCheck, line, macro, ok] = s.rs(
    txnExt('Check') +
      txnExt('Bill', '<TxnLineID>C6-1415631600</TxnLineID>') +
      txnExt('Bill', '', ' useMacro="TxnID:Bill1"') +
      txnExt('Bill'),
    { onError: 'continueOnError' },
  );
  expect(statusOf(asCheck!).code).toBe(3120);
  expect(statusOf(line!).code).toBe(1030);
  expect(statusOf(macro!).code).toBe(1030);
  expect(statusOf(ok!).code).toBe(0);
  expect(s.world.journal.list().some((e) => e.kind === 'qbxml.unsupported' && /TxnLineID/.test(e.summary))).toBe(true);
  s.close();
});
