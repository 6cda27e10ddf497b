import { expect, test } from 'vitest';
import { openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

test('VendorAdd answers a VendorRet with QuickBooks ids, local times and EditSequence, in schema order', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-add' });
  const [rs] = s.rs(
    `<VendorAddRq requestID="7"><VendorAdd><Name>Acme &amp; Co</Name><CompanyName>Acme</CompanyName>` +
      `<VendorAddress><Addr1>1 Main St</Addr1><City>Springfield</City></VendorAddress><CreditLimit>1000.00</CreditLimit>` +
      `<OpenBalance>12.50</OpenBalance></VendorAdd></VendorAddRq>`,
  );
  expect(rs!.attrs).toMatchObject({
    requestID: '7',
    statusCode: '0',
    statusSeverity: 'Info',
    statusMessage: 'Status OK',
  });
  const ret = rs!.children[0]!;
  expect(ret.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'IsActive',
    'CompanyName',
    'VendorAddress',
    'CreditLimit',
    'Balance',
  ]);
  // 2014-11-10T15:00:00Z is 10:00 in New York (EST, -05:00); ids are <hex counter>-<unix seconds>.
  expect(textAt(ret, 'ListID')).toBe('80000001-1415631600');
  expect(textAt(ret, 'TimeCreated')).toBe('2014-11-10T10:00:00-05:00');
  expect(textAt(ret, 'EditSequence')).toBe('1415631600');
  expect(textAt(ret, 'Balance')).toBe('12.50');
  s.close();
});

test('names are unique across the name lists, case-insensitively (3100)', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-3100' });
  const [ok, dup] = s.rs(
    `<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq><VendorAddRq requestID="2"><VendorAdd><Name>ACME</Name></VendorAdd></VendorAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(ok!).code).toBe(0);
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "ACME" of the list element is already in use.',
  });
  s.close();
});

test('VendorMod checks the EditSequence (3200) and bumps it', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-mod' });
  const [add] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const listId = textAt(add!.children[0], 'ListID')!;
  const seq = textAt(add!.children[0], 'EditSequence')!;
  s.advance(90_000);
  const [stale] = s.rs(
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>123</EditSequence><Name>X</Name></VendorMod></VendorModRq>`,
  );
  expect(statusOf(stale!)).toEqual({
    code: 3200,
    severity: 'Error',
    message: 'The provided edit sequence "123" is out-of-date. ',
  });
  const [mod] = s.rs(
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Name>Acme Supply</Name></VendorMod></VendorModRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  expect(textAt(mod!.children[0], 'Name')).toBe('Acme Supply');
  expect(Number(textAt(mod!.children[0], 'EditSequence'))).toBe(Number(seq) + 90);
  expect(textAt(mod!.children[0], 'TimeModified')).toBe('2014-11-10T10:01:30-05:00');
  s.close();
});

test('VendorMod of a record another user has open answers 3170 with the facts sheet text', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-3170' });
  const [add] = s.rs(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const listId = textAt(add!.children[0], 'ListID')!;
  const seq = textAt(add!.children[0], 'EditSequence')!;
  s.host.lockRecord({ path: s.host.openFile!, id: listId, machine: 'OFFICE-PC' });
  const [locked] = s.rs(
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Notes>x</Notes></VendorMod></VendorModRq>`,
  );
  expect(statusOf(locked!)).toEqual({
    code: 3170,
    severity: 'Error',
    message:
      'There was an error when modifying a vendor named "Acme".  QuickBooks error message: This list has been modified by another user.',
  });
  s.host.unlockRecord({ path: s.host.openFile!, id: listId });
  const [mod] = s.rs(
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><Notes>x</Notes></VendorMod></VendorModRq>`,
  );
  expect(statusOf(mod!).code).toBe(0);
  s.close();
});

test('VendorQuery: by FullName (500 for a missing one), name filters, ActiveStatus and no match (1)', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-query' });
  s.send(
    ['Acme', 'Beta Supply', 'Cobalt']
      .map((n) => `<VendorAddRq><VendorAdd><Name>${n}</Name></VendorAdd></VendorAddRq>`)
      .join('') + `<VendorAddRq><VendorAdd><Name>Dormant</Name><IsActive>false</IsActive></VendorAdd></VendorAddRq>`,
  );
  const [byName, starts, all, none] = s.rs(
    `<VendorQueryRq requestID="1"><FullName>cobalt</FullName><FullName>Nobody</FullName></VendorQueryRq>` +
      `<VendorQueryRq requestID="2"><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>b</Name></NameFilter></VendorQueryRq>` +
      `<VendorQueryRq requestID="3" metaData="MetaDataAndResponseData"><ActiveStatus>All</ActiveStatus></VendorQueryRq>` +
      `<VendorQueryRq requestID="4"><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>zzz</Name></NameFilter></VendorQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(byName!)).toMatchObject({ code: 500, severity: 'Warn' });
  expect(statusOf(byName!).message).toBe(
    'The query request has not been fully completed. There was a required element ("Nobody") that could not be found in QuickBooks.',
  );
  expect(byName!.children.map((r) => textAt(r, 'Name'))).toEqual(['Cobalt']);
  expect(starts!.children.map((r) => textAt(r, 'Name'))).toEqual(['Beta Supply']);
  expect(all!.attrs['retCount']).toBe('4');
  expect(all!.children.map((r) => textAt(r, 'Name'))).toEqual(['Acme', 'Beta Supply', 'Cobalt', 'Dormant']);
  expect(statusOf(none!)).toEqual({
    code: 1,
    severity: 'Info',
    message: 'A query request did not find a matching object in QuickBooks',
  });
  s.close();
});

test("FromModifiedDate without an offset is read in the QuickBooks machine's local time", async () => {
  const s = await openQbxmlSession({ seed: 'vendor-watermark' });
  s.send(`<VendorAddRq><VendorAdd><Name>Early</Name></VendorAdd></VendorAddRq>`); // 10:00 New York
  s.advance(60 * 60_000);
  s.send(`<VendorAddRq><VendorAdd><Name>Late</Name></VendorAdd></VendorAddRq>`); // 11:00 New York
  // A watermark of 10:30 written in UTC (15:30Z) vs the same digits without an offset (10:30 local).
  const [utc, local] = s.rs(
    `<VendorQueryRq><FromModifiedDate>2014-11-10T15:30:00+00:00</FromModifiedDate></VendorQueryRq>` +
      `<VendorQueryRq><FromModifiedDate>2014-11-10T15:30:00</FromModifiedDate></VendorQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(utc!.children.map((r) => textAt(r, 'Name'))).toEqual(['Late']);
  expect(statusOf(local!).code).toBe(1); // 15:30 local is after both changes: the connector's UTC watermark skipped them
  s.close();
});

test('iterators page through vendors and expire with the session (3391)', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-iterator' });
  s.send(
    Array.from({ length: 7 }, (_, i) => `<VendorAddRq><VendorAdd><Name>V${i}</Name></VendorAdd></VendorAddRq>`).join(
      '',
    ),
  );
  const [first] = s.rs(`<VendorQueryRq iterator="Start"><MaxReturned>3</MaxReturned></VendorQueryRq>`);
  const id = first!.attrs['iteratorID']!;
  expect(id).toMatch(/^\{[0-9a-f-]{36}\}$/);
  expect(first!.attrs['iteratorRemainingCount']).toBe('4');
  const [second] = s.rs(
    `<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>3</MaxReturned></VendorQueryRq>`,
  );
  expect(second!.children.map((r) => textAt(r, 'Name'))).toEqual(['V3', 'V4', 'V5']);
  expect(second!.attrs['iteratorRemainingCount']).toBe('1');
  const [third] = s.rs(
    `<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>3</MaxReturned></VendorQueryRq>`,
  );
  expect(third!.children.map((r) => textAt(r, 'Name'))).toEqual(['V6']);
  expect(third!.attrs['iteratorRemainingCount']).toBe('0');
  const [gone] = s.rs(
    `<VendorQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>3</MaxReturned></VendorQueryRq>`,
  );
  expect(statusOf(gone!)).toEqual({ code: 3391, severity: 'Error', message: `The iteratorID "${id}" is not valid.` });
  s.close();
});

test('stopOnError: a failed request in the middle leaves the earlier ones applied and the later ones unprocessed', async () => {
  const s = await openQbxmlSession({ seed: 'vendor-stop' });
  const rs = s.rs(
    `<VendorAddRq requestID="1"><VendorAdd><Name>One</Name></VendorAdd></VendorAddRq>` +
      `<VendorAddRq requestID="2"><VendorAdd><Name>one</Name></VendorAdd></VendorAddRq>` +
      `<VendorAddRq requestID="3"><VendorAdd><Name>Three</Name></VendorAdd></VendorAddRq>`,
  );
  expect(rs.map((r) => [r.attrs['requestID'], r.attrs['statusCode']])).toEqual([
    ['1', '0'],
    ['2', '3100'],
  ]);
  const [q] = s.rs(`<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>`);
  expect(q!.children.map((r) => textAt(r, 'Name'))).toEqual(['One']);
  const cont = s.rs(
    `<VendorAddRq requestID="1"><VendorAdd><Name>one</Name></VendorAdd></VendorAddRq><VendorAddRq requestID="2"><VendorAdd><Name>Two</Name></VendorAdd></VendorAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(cont.map((r) => r.attrs['statusCode'])).toEqual(['3100', '0']);
  s.close();
});
