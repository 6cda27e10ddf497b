// Exactly once: a write whose answer was lost is not applied twice. The mock's faults make the window deterministic:
// "commit the next request, then drop the answer" and "drop before commit", on the RP2 bridge (the connection breaks)
// and in the fake Web Connector (the update dies before receiveResponseXML).
import { http, HttpResponse } from 'msw';
import { expect, test } from 'vitest';
import { externalGuidFor } from '../../../src/connector/index.js';
import { textAt } from '../../../src/connector/qbxml-response.js';
import {
  ACME,
  HOST,
  OWNER_ID,
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

/** Every bill of a vendor in QuickBooks (qbXML), with the connector's data extensions. */
function billsOf(mock: Mock, vendorName: string) {
  return rets(
    qbQuery(mock, ACME, [
      `<BillQueryRq><EntityFilter><FullName>${vendorName}</FullName></EntityFilter><OwnerID>${OWNER_ID}</OwnerID></BillQueryRq>`,
    ]),
    'BillRet',
  );
}

async function faultsFired(mock: Mock): Promise<string[]> {
  return (await mock.control.journal({ host: HOST, actor: 'fault' })).map((e) => e.summary);
}

test('RP2: QuickBooks commits the BillAdd, the answer is lost; the next cycle finds the bill instead of adding it again', async () => {
  await using mock = await startMock(connectorWorld('once-rp2-commit'));
  await using cloud = startCloud('once-rp2-commit');
  await using t = await startAuthorizedRp2Connector(mock, cloud);
  const { companyId } = t;
  await mock.ui.switchMode('multi-user');

  const vendor = await cloud.admin.createVendor(companyId, { name: 'Lost Answer Supply' });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const bill = await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    txnDate: '2024-05-02',
    lines: [{ accountName: 'Office Supplies', amount: '75.00' }],
  });
  await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'BillAdd' });
  expect(await t.connector.syncNow()).toEqual(['connection-lost']);
  expect(t.records(ACME).at(-1)).toMatchObject({
    status: 'Unable to open QuickBooks file',
    detail: { reason: 'connection-lost' },
  });
  expect(await faultsFired(mock)).toEqual([
    expect.stringContaining('fault commit-then-drop fired on ProcessRequest (BillAddRq)'),
  ]);
  // QuickBooks has the bill (with the connector's ExternalGUID, not yet its CloudId data extension); the cloud does not know.
  expect(billsOf(mock, 'Lost Answer Supply')).toHaveLength(1);
  expect((await cloudState(cloud, companyId)).bills[0]).toMatchObject({ status: 'pending' });

  // Next cycle: the outbox says the BillAdd went out without an answer, so the connector looks first, and finds it.
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const bills = billsOf(mock, 'Lost Answer Supply');
  expect(bills).toHaveLength(1);
  expect(textAt(bills[0], 'ExternalGUID')).toBe(externalGuidFor(OWNER_ID, 'bill', bill.cloudId));
  expect(textAt(bills[0], 'DataExtRet/DataExtValue')).toBe(bill.cloudId);
  expect((await cloudState(cloud, companyId)).bills[0]).toMatchObject({
    status: 'entered',
    qbTxnId: textAt(bills[0], 'TxnID'),
  });
  expect(t.connector.report()[0]!.outbox).toBe(0);
});

test('RP2: a VendorAdd committed without an answer, and a BillAdd dropped before commit, are each written once', async () => {
  await using mock = await startMock(connectorWorld('once-rp2-vendor'));
  await using cloud = startCloud('once-rp2-vendor');
  await using t = await startAuthorizedRp2Connector(mock, cloud);
  const { companyId } = t;

  const vendor = await cloud.admin.createVendor(companyId, { name: 'Twice Told Tales' });
  await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'VendorAdd' });
  expect(await t.connector.syncNow()).toEqual(['connection-lost']);
  expect(await t.connector.syncNow()).toEqual(['ok']);
  const vendors = rets(
    qbQuery(mock, ACME, [
      `<VendorQueryRq><FullName>Twice Told Tales</FullName><OwnerID>${OWNER_ID}</OwnerID></VendorQueryRq>`,
    ]),
    'VendorRet',
  );
  expect(vendors).toHaveLength(1);
  const cloudVendor = (await cloudState(cloud, companyId)).vendors.find((v) => v.cloudId === vendor.cloudId)!;
  expect(cloudVendor).toMatchObject({ pending: false, qbListId: textAt(vendors[0], 'ListID') });
  expect(textAt(vendors[0], 'DataExtRet/DataExtValue')).toBe(vendor.cloudId);

  // Dropped before QuickBooks saw it: the look finds nothing, and the bill is written (once) on the next cycle.
  await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    txnDate: '2024-05-03',
    lines: [{ accountName: 'Utilities', amount: '12.34' }],
  });
  await mock.control.armFault(HOST, { kind: 'drop-before-commit', match: 'BillAdd' });
  expect(await t.connector.syncNow()).toEqual(['connection-lost']);
  expect(billsOf(mock, 'Twice Told Tales')).toHaveLength(0);
  expect(await t.connector.syncNow()).toEqual(['ok']);
  expect(billsOf(mock, 'Twice Told Tales')).toHaveLength(1);
  expect(await mock.control.faults(HOST)).toEqual([]);
});

test('QBWC: the update dies between QuickBooks committing the BillAdd and receiveResponseXML; one bill in the end', async () => {
  await using mock = await startMock(connectorWorld('once-qbwc'));
  await using cloud = startCloud('once-qbwc');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: cloud.origin, companies: [ACME] });
  const app = t.connector.qbwcApp(ACME);
  const wc = mock.control.webConnector(HOST);
  const adding = wc.addApplication(app.qwcXml);
  await authorizeAlways(mock);
  await adding;
  await wc.setPassword(app.appName, app.password);
  await t.connector.setToken(ACME, (await cloud.admin.getNewKey(companyId)).tokenKey);
  expect((await wc.update(app.appName)).outcome).toBe('ok');

  const vendor = await cloud.admin.createVendor(companyId, { name: 'Dropped Update Ltd' });
  const bill = await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    txnDate: '2024-06-01',
    lines: [{ accountName: 'Rent Expense', amount: '1500.00' }],
  });
  await mock.control.armFault(HOST, { kind: 'commit-then-drop', match: 'BillAdd' });
  const died = await wc.update(app.appName);
  expect(died).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1042' });
  expect(died.calls.at(-1)!.operation).toBe('sendRequestXML'); // receiveResponseXML never came
  expect(billsOf(mock, 'Dropped Update Ltd')).toHaveLength(1);

  // The next update (QBWC's schedule, or Update Selected) gives up the old session and looks before writing.
  expect((await wc.update(app.appName)).outcome).toBe('ok');
  const bills = billsOf(mock, 'Dropped Update Ltd');
  expect(bills).toHaveLength(1);
  expect(textAt(bills[0], 'DataExtRet/DataExtValue')).toBe(bill.cloudId);
  const state = await cloudState(cloud, companyId);
  expect(state.bills[0]).toMatchObject({ status: 'entered', qbTxnId: textAt(bills[0], 'TxnID') });
  expect(
    t
      .records(ACME)
      .slice(-3)
      .map((r) => [r.status, r.detail.reason]),
  ).toEqual([
    ['Unable to open QuickBooks file', 'connection-lost'],
    ['Synchronizing with QuickBooks', undefined],
    ['Connected to Server', undefined],
  ]);
});

test('the results are lost on the way to the cloud: the next cycle posts them again without writing again', async () => {
  await using mock = await startMock(connectorWorld('once-results-lost'));
  await using cloud = startCloud('once-results-lost');
  await using t = await startAuthorizedRp2Connector(mock, cloud);
  const { companyId } = t;

  await cloud.admin.createBill(companyId, {
    vendorName: 'Unreachable Cloud Co',
    txnDate: '2024-05-09',
    lines: [{ accountName: 'Utilities', amount: '20.00' }],
  });
  const vendor = await cloud.admin.createVendor(companyId, { name: 'Unreachable Cloud Co' });
  cloud.server.use(
    http.post(`${cloud.origin}/api/v1/results`, () => HttpResponse.json({ error: 'unavailable' }, { status: 503 }), {
      once: true,
    }),
  );
  expect(await t.connector.syncNow()).toEqual(['cloud-unavailable']);
  expect(t.records(ACME).at(-1)).toMatchObject({ status: 'Connecting', detail: { reason: 'cloud-unreachable' } });
  expect(
    rets(
      qbQuery(mock, ACME, ['<VendorQueryRq><FullName>Unreachable Cloud Co</FullName></VendorQueryRq>']),
      'VendorRet',
    ),
  ).toHaveLength(1);
  expect(billsOf(mock, 'Unreachable Cloud Co')).toHaveLength(1);
  expect(t.connector.report()[0]!.outbox).toBe(2);

  expect(await t.connector.syncNow()).toEqual(['ok']);
  expect(
    rets(
      qbQuery(mock, ACME, ['<VendorQueryRq><FullName>Unreachable Cloud Co</FullName></VendorQueryRq>']),
      'VendorRet',
    ),
  ).toHaveLength(1);
  expect(billsOf(mock, 'Unreachable Cloud Co')).toHaveLength(1);
  const state = await cloudState(cloud, companyId);
  expect(state.vendors.find((v) => v.cloudId === vendor.cloudId)).toMatchObject({ pending: false });
  expect(state.bills[0]).toMatchObject({ status: 'entered' });
  expect(t.connector.report()[0]!.outbox).toBe(0);
});
