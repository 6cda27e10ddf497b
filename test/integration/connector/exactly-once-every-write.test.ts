// Exactly once, for every write the reference connector makes: VendorAdd (with its CloudId DataExtAdd in the same
// set), VendorMod, BillAdd, BillPaymentCheckAdd, the CloudId DataExtAdd on a bill and DataExtDefAdd. For each one the
// answer is lost twice — first before QuickBooks commits, then after — and after the next cycles QuickBooks holds the
// record exactly once (with its CloudId) and the cloud knows it. The mock's faults make the windows deterministic.
import { expect, test } from 'vitest';
import { externalGuidFor } from '../../../src/connector/index.js';
import { textAt } from '../../../src/connector/qbxml-response.js';
import {
  ACME,
  HOST,
  OWNER_ID,
  cloudState,
  connectorWorld,
  qbQuery,
  rets,
  startAuthorizedRp2Connector,
  startCloud,
  startMock,
  type Mock,
} from './support.js';

type Connector = Awaited<ReturnType<typeof startAuthorizedRp2Connector>>;
type Cloud = ReturnType<typeof startCloud>;
type Phase = 'drop-before-commit' | 'commit-then-drop';
const PHASES: Phase[] = ['drop-before-commit', 'commit-then-drop'];

const query = (mock: Mock, rq: string, ret: string) => rets(qbQuery(mock, ACME, [rq]), ret);
const vendorsNamed = (mock: Mock, name: string) =>
  query(mock, `<VendorQueryRq><FullName>${name}</FullName><OwnerID>${OWNER_ID}</OwnerID></VendorQueryRq>`, 'VendorRet');
const billsOf = (mock: Mock, vendor: string) =>
  query(
    mock,
    `<BillQueryRq><EntityFilter><FullName>${vendor}</FullName></EntityFilter><OwnerID>${OWNER_ID}</OwnerID></BillQueryRq>`,
    'BillRet',
  );
const paymentsOf = (mock: Mock, vendor: string) =>
  query(
    mock,
    `<BillPaymentCheckQueryRq><EntityFilter><FullName>${vendor}</FullName></EntityFilter><OwnerID>${OWNER_ID}</OwnerID></BillPaymentCheckQueryRq>`,
    'BillPaymentCheckRet',
  );

/** Arms the fault, syncs (the connection is lost), syncs again (ok): the fault fired once, on `match`. */
async function loseOneAnswer(mock: Mock, t: Connector, phase: Phase, match: string): Promise<void> {
  const since = (await mock.control.journal({ host: HOST, actor: 'fault' })).length;
  await mock.control.armFault(HOST, { kind: phase, match });
  expect(await t.connector.syncNow()).toEqual(['connection-lost']);
  const fired = (await mock.control.journal({ host: HOST, actor: 'fault' })).slice(since).map((e) => e.summary);
  expect(fired).toEqual([expect.stringContaining(`fault ${phase} fired on ProcessRequest`)]);
  expect(await t.connector.syncNow()).toEqual(['ok']);
  expect(await mock.control.faults(HOST)).toEqual([]);
}

async function bench(seed: string) {
  const mock = await startMock(connectorWorld(seed));
  const cloud = startCloud(seed);
  const t = await startAuthorizedRp2Connector(mock, cloud);
  return {
    mock,
    cloud,
    t,
    async [Symbol.asyncDispose]() {
      await t[Symbol.asyncDispose]();
      await cloud[Symbol.asyncDispose]();
      await mock[Symbol.asyncDispose]();
    },
  };
}

async function vendorWithBill(cloud: Cloud, companyId: string, name: string, amount: string) {
  const vendor = await cloud.admin.createVendor(companyId, { name });
  const bill = await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    txnDate: '2024-05-02',
    lines: [{ accountName: 'Office Supplies', amount }],
  });
  return { vendor, bill };
}

test('VendorAdd (and its CloudId DataExtAdd in the same set), answer lost before and after commit: one vendor each', async () => {
  await using b = await bench('once-every-vendor-add');
  const { mock, cloud, t } = b;
  for (const phase of PHASES) {
    const name = `Lost ${phase}`;
    const vendor = await cloud.admin.createVendor(t.companyId, { name });
    await loseOneAnswer(mock, t, phase, 'VendorAdd');
    const vendors = vendorsNamed(mock, name);
    expect(vendors, phase).toHaveLength(1);
    expect(textAt(vendors[0], 'DataExtRet/DataExtValue')).toBe(vendor.cloudId);
    const inCloud = (await cloudState(cloud, t.companyId)).vendors.find((v) => v.cloudId === vendor.cloudId);
    expect(inCloud).toMatchObject({ pending: false, qbListId: textAt(vendors[0], 'ListID') });
  }
});

test('VendorMod, answer lost before and after commit: the edit applied once, EditSequence moved once', async () => {
  await using b = await bench('once-every-vendor-mod');
  const { mock, cloud, t } = b;
  const vendor = await cloud.admin.createVendor(t.companyId, { name: 'Edited Twice Ltd' });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  for (const [i, phase] of PHASES.entries()) {
    const before = textAt(vendorsNamed(mock, 'Edited Twice Ltd')[0], 'EditSequence');
    const phone = `555-010${i}`;
    await cloud.admin.editVendor(t.companyId, vendor.cloudId, { phone });
    await loseOneAnswer(mock, t, phase, 'VendorMod');
    const [after] = vendorsNamed(mock, 'Edited Twice Ltd');
    expect(textAt(after, 'Phone'), phase).toBe(phone);
    expect(Number(textAt(after, 'EditSequence')), phase).toBeGreaterThan(Number(before));
    expect(vendorsNamed(mock, 'Edited Twice Ltd')).toHaveLength(1);
    const inCloud = (await cloudState(cloud, t.companyId)).vendors.find((v) => v.cloudId === vendor.cloudId);
    expect(inCloud).toMatchObject({ pending: false });
  }
  const mods = (await mock.control.journal({ host: HOST, actor: 'qbxml' })).filter((e) =>
    /VendorModRq → 0/.test(e.summary),
  );
  expect(mods, 'each edit is committed exactly once').toHaveLength(2);
});

for (const [match, what] of [
  ['BillAdd', 'BillAdd'],
  ['DataExtAdd', "the bill's CloudId DataExtAdd"],
] as const) {
  test(`${what}, answer lost before and after commit: one bill each, with its CloudId, entered in the cloud`, async () => {
    await using b = await bench(`once-every-${match}`);
    const { mock, cloud, t } = b;
    for (const phase of PHASES) {
      const name = `Bill ${match} ${phase}`;
      await cloud.admin.createVendor(t.companyId, { name });
      expect(await t.connector.syncNow()).toEqual(['ok']); // the vendor first: the fault is for the bill's set
      const vendor = (await cloudState(cloud, t.companyId)).vendors.find((v) => v.name === name)!;
      const bill = await cloud.admin.createBill(t.companyId, {
        vendorCloudId: vendor.cloudId,
        txnDate: '2024-05-02',
        lines: [{ accountName: 'Office Supplies', amount: '75.00' }],
      });
      await loseOneAnswer(mock, t, phase, match);
      const bills = billsOf(mock, name);
      expect(bills, phase).toHaveLength(1);
      expect(textAt(bills[0], 'ExternalGUID')).toBe(externalGuidFor(OWNER_ID, 'bill', bill.cloudId));
      expect(textAt(bills[0], 'DataExtRet/DataExtValue')).toBe(bill.cloudId);
      const inCloud = (await cloudState(cloud, t.companyId)).bills.find((x) => x.cloudId === bill.cloudId);
      expect(inCloud).toMatchObject({ status: 'entered', qbTxnId: textAt(bills[0], 'TxnID') });
    }
  });
}

test('BillPaymentCheckAdd, answer lost before and after commit: one payment each, recorded in the cloud', async () => {
  await using b = await bench('once-every-payment');
  const { mock, cloud, t } = b;
  for (const phase of PHASES) {
    const name = `Paid ${phase}`;
    const { bill } = await vendorWithBill(cloud, t.companyId, name, '100.00');
    expect(await t.connector.syncNow()).toEqual(['ok']);
    const payment = await cloud.admin.createPayment(t.companyId, {
      billCloudId: bill.cloudId,
      amount: '40.00',
      date: '2024-05-10',
    });
    await loseOneAnswer(mock, t, phase, 'BillPaymentCheckAdd');
    const payments = paymentsOf(mock, name);
    expect(payments, `${phase}: payments in QuickBooks`).toHaveLength(1);
    expect(textAt(payments[0], 'ExternalGUID')).toBe(externalGuidFor(OWNER_ID, 'payment', payment.cloudId));
    const inCloud = (await cloudState(cloud, t.companyId)).payments.find((p) => p.cloudId === payment.cloudId);
    expect(inCloud).toMatchObject({ status: 'recorded', qbTxnId: textAt(payments[0], 'TxnID') });
  }
});
