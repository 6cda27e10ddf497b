// The sync engine end to end over RP2: incremental pulls by FromModifiedDate across the QuickBooks machine's DST
// change, iterators for large lists, and a vendor edit that conflicts with one made in QuickBooks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { textAt } from '../../../src/connector/qbxml-response.js';
import { stateFiles } from '../../../src/connector/state-files.js';
import {
  ACME,
  APP,
  HOST,
  authorizeAlways,
  cloudState,
  connectorWorld,
  qbQuery,
  rets,
  startCloud,
  startAuthorizedRp2Connector,
  startConnector,
  startMock,
  type Mock,
} from './support.js';

function addVendors(mock: Mock, names: string[]): void {
  const rs = qbQuery(
    mock,
    ACME,
    names.map((n) => `<VendorAddRq><VendorAdd><Name>${n}</Name></VendorAdd></VendorAddRq>`),
  );
  expect(rs.map((r) => r.statusCode)).toEqual(names.map(() => 0));
}

/** The qbXML requests the connector sent (the mock's journal). */
async function connectorRequests(mock: Mock): Promise<string[]> {
  const entries = await mock.control.journal({ host: HOST, actor: 'qbxml', limit: 100_000 });
  return entries
    .filter((e) => e.kind === 'qbxml.exchange' && e.data?.['appName'] === APP)
    .map((e) => String(e.data?.['request'] ?? ''));
}

test('watermarks: QuickBooks TimeModified with its offset, across the fall-back hour of the QuickBooks machine', async () => {
  // 2024-11-03 in New York: 01:00–02:00 happens twice (EDT, -04:00, then EST, -05:00).
  await using mock = await startMock(connectorWorld('sync-dst', { clockStart: '2024-11-03T05:20:00Z' }));
  await using cloud = startCloud('sync-dst');
  await using t = await startAuthorizedRp2Connector(mock, cloud);
  const { companyId } = t;

  await mock.control.advanceClock(HOST, 10 * 60_000); // 05:30Z = 01:30 EDT
  addVendors(mock, ['Early Bird Co']);
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const statePath = path.join(t.stateDir, 'companies', stateFiles.companyKey(ACME), 'state.json');
  const watermarks = () =>
    (JSON.parse(readFileSync(statePath, 'utf8')) as { watermarks: Record<string, string> }).watermarks;
  expect(watermarks()['vendors']).toBe('2024-11-03T01:30:00-04:00');

  // 40 minutes later it is 01:10 again on the wall clock — but EST: a later instant with an earlier-looking text.
  await mock.control.advanceClock(HOST, 40 * 60_000); // 06:10Z = 01:10 EST
  addVendors(mock, ['Night Owl Ltd']);
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const names = (await cloudState(cloud, companyId)).qb.vendors.map((v) => v.name);
  expect(names).toEqual(expect.arrayContaining(['Early Bird Co', 'Night Owl Ltd']));
  expect(watermarks()['vendors']).toBe('2024-11-03T01:10:00-05:00');
  // The watermark went back to QuickBooks verbatim, offset and all (never as UTC without an offset).
  const requests = await connectorRequests(mock);
  expect(requests.some((r) => r.includes('<FromModifiedDate>2024-11-03T01:30:00-04:00</FromModifiedDate>'))).toBe(true);
  expect(requests.some((r) => r.includes('<FromModifiedDate>2024-11-03T01:10:00-05:00</FromModifiedDate>'))).toBe(
    false,
  );
  await t.connector.syncNow();
  expect(
    (await connectorRequests(mock)).some((r) =>
      r.includes('<FromModifiedDate>2024-11-03T01:10:00-05:00</FromModifiedDate>'),
    ),
  ).toBe(true);
});

test('iterators: a vendor list larger than a page comes up whole, page by page', async () => {
  await using mock = await startMock(connectorWorld('sync-iterators'));
  await using cloud = startCloud('sync-iterators');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  const names = Array.from({ length: 120 }, (_, i) => `Vendor ${String(i + 1).padStart(3, '0')}`);
  addVendors(mock, names);
  await using t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
    runOnStart: false,
    pageSize: 50,
  });
  const first = t.connector.setToken(ACME, (await cloud.admin.getNewKey(companyId)).tokenKey);
  await authorizeAlways(mock);
  expect(await first).toEqual(['ok']);
  const uploaded = (await cloudState(cloud, companyId)).qb.vendors.map((v) => v.name).sort();
  expect(uploaded).toEqual(names);
  const vendorQueries = (await connectorRequests(mock)).filter((r) => r.includes('<VendorQueryRq'));
  expect(vendorQueries.filter((r) => r.includes('iterator="Start"'))).toHaveLength(1);
  expect(vendorQueries.filter((r) => r.includes('iterator="Continue"'))).toHaveLength(2);
});

test('a vendor edited in QuickBooks and in the cloud: 3200, re-read, reported as a conflict, never overwritten', async () => {
  await using mock = await startMock(connectorWorld('sync-conflict', { clockStart: '2024-03-01T15:00:00Z' }));
  await using cloud = startCloud('sync-conflict');
  await using t = await startAuthorizedRp2Connector(mock, cloud);
  const { companyId } = t;
  const { cloudId } = await cloud.admin.createVendor(companyId, {
    name: 'Contested Goods',
    email: 'old@contested.example',
  });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const listId = (await cloudState(cloud, companyId)).vendors[0]!.qbListId!;

  // Someone edits the vendor in QuickBooks (a second later: a new EditSequence) …
  await mock.control.advanceClock(HOST, 5_000);
  const current = rets(
    qbQuery(mock, ACME, [`<VendorQueryRq><ListID>${listId}</ListID></VendorQueryRq>`]),
    'VendorRet',
  )[0];
  const edited = qbQuery(mock, ACME, [
    `<VendorModRq><VendorMod><ListID>${listId}</ListID><EditSequence>${textAt(current, 'EditSequence')}</EditSequence><Phone>555-0100</Phone></VendorMod></VendorModRq>`,
  ]);
  expect(edited[0]!.statusCode).toBe(0);
  // … and in the cloud, against the version the cloud saw.
  await cloud.admin.editVendor(companyId, cloudId, { email: 'new@contested.example' });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  let vendor = (await cloudState(cloud, companyId)).vendors[0]!;
  expect(vendor.conflict).toMatch(/^The provided edit sequence ".+" is out-of-date\. $/);
  let inQb = rets(qbQuery(mock, ACME, [`<VendorQueryRq><ListID>${listId}</ListID></VendorQueryRq>`]), 'VendorRet')[0];
  expect(textAt(inQb, 'Phone')).toBe('555-0100');
  expect(textAt(inQb, 'Email')).toBe('old@contested.example');
  expect(vendor.qbEditSequence).toBe(textAt(inQb, 'EditSequence'));
  expect(t.statuses(ACME).at(-1)).toBe('Connected to Server');

  // The cloud user resolves it (an edit against QuickBooks' current version): applied, QuickBooks' phone kept.
  await mock.control.advanceClock(HOST, 5_000);
  await cloud.admin.editVendor(companyId, cloudId, { email: 'new@contested.example' });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  vendor = (await cloudState(cloud, companyId)).vendors[0]!;
  expect(vendor).toMatchObject({ pending: false });
  expect(vendor.conflict).toBeUndefined();
  inQb = rets(qbQuery(mock, ACME, [`<VendorQueryRq><ListID>${listId}</ListID></VendorQueryRq>`]), 'VendorRet')[0];
  expect(textAt(inQb, 'Phone')).toBe('555-0100');
  expect(textAt(inQb, 'Email')).toBe('new@contested.example');
});
