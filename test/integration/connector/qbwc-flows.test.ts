// Flows A, B and C of flows.md with the reference connector in QBWC mode: the connector serves the Web Connector
// SOAP service and writes a .qwc per company file; the fake QuickBooks Web Connector adds it and runs the updates.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import type { UpdateResult } from '../../../mock-qb/index.js';
import { parseQwc } from '../../../src/protocol/qwc-file.js';
import { textAt } from '../../../src/connector/qbxml-response.js';
import {
  ACME,
  BETA,
  HOST,
  OWNER_ID,
  authorizeAlways,
  cloudState,
  connectorWorld,
  grantOf,
  qbQuery,
  rets,
  startCloud,
  startConnector,
  startMock,
  type Mock,
  type TestConnector,
} from './support.js';

const INTUIT = (
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../../../shared/data/qbxmlrp2-hresults.json'), 'utf8'),
  ) as { messages: Record<string, string> }
).messages;

/** Adds the company file's .qwc to the fake Web Connector (answering the certificate dialog) and enters its password. */
async function addToWebConnector(mock: Mock, t: TestConnector, company: string): Promise<string> {
  const app = t.connector.qbwcApp(company);
  const wc = mock.control.webConnector(HOST);
  const adding = wc.addApplication(app.qwcXml);
  await authorizeAlways(mock);
  const added = await adding;
  expect(added.companyFile).toBe(company);
  await wc.setPassword(app.appName, app.password);
  return app.appName;
}

function update(mock: Mock, appName: string): Promise<UpdateResult> {
  return mock.control.webConnector(HOST).update(appName);
}

test('flows B and C over QBWC: the .qwc, no token (none), Get New Key, sync both ways, nvu', async () => {
  await using mock = await startMock(connectorWorld('qbwc-flows-bc'));
  await using cloud = startCloud('qbwc-flows-bc');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: cloud.origin, companies: [ACME] });

  // The .qwc: one OwnerID for the product, a FileID for the file, the connector's SOAP endpoint.
  const app = t.connector.qbwcApp(ACME);
  const qwc = parseQwc(readFileSync(app.qwcFile, 'utf8'));
  expect(qwc).toMatchObject({ OwnerID: OWNER_ID, FileID: app.fileId, UserName: app.userName, QBType: 'QBFS' });
  expect(qwc.AppURL).toBe(`http://localhost:${new URL(t.connector.qbwcUrl!).port}/qbwc`);

  // Flow B through QBWC: adding the application is its first QuickBooks session (the certificate dialog).
  const appName = await addToWebConnector(mock, t, ACME);
  expect(await grantOf(mock, ACME, appName)).toMatchObject({ allowAccess: true, autoLogin: true, loginAs: 'Admin' });

  // No token: authenticate answers `none` (QBWC: "No data exchange required").
  expect((await update(mock, appName)).outcome).toBe('no-data');
  expect(t.statuses(ACME)).toEqual(['Connecting', 'Token required']);

  // Flow C: Get New Key, entered; the next update synchronizes.
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  await t.connector.setToken(ACME, tokenKey);
  const synced = await update(mock, appName);
  expect(synced).toMatchObject({ outcome: 'ok', companyFile: ACME, percentDone: 100 });
  expect(t.statuses(ACME)).toEqual([
    'Connecting',
    'Token required',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);
  let state = await cloudState(cloud, companyId);
  expect(state.boundTo).toEqual({ path: ACME, fileId: app.fileId });
  expect(state.qb.accounts.length).toBeGreaterThan(0);

  // Back to multi-user; cloud work goes to QuickBooks on the next update.
  await mock.ui.switchMode('multi-user');
  const vendor = await cloud.admin.createVendor(companyId, { name: 'Paper Source', termsName: 'Net 30' });
  const bill = await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    refNumber: 'PS-2001',
    txnDate: '2024-03-04',
    lines: [{ accountName: 'Office Supplies', amount: '99.95' }],
  });
  expect((await update(mock, appName)).outcome).toBe('ok');
  const payment = await cloud.admin.createPayment(companyId, {
    billCloudId: bill.cloudId,
    amount: '99.95',
    date: '2024-03-10',
  });
  expect((await update(mock, appName)).outcome).toBe('ok');
  state = await cloudState(cloud, companyId);
  const b = state.bills.find((x) => x.cloudId === bill.cloudId)!;
  expect(b.status).toBe('entered');
  expect(state.payments.find((p) => p.cloudId === payment.cloudId)).toMatchObject({ status: 'recorded' });
  const inQb = rets(
    qbQuery(mock, ACME, [`<BillQueryRq><TxnID>${b.qbTxnId}</TxnID><OwnerID>${OWNER_ID}</OwnerID></BillQueryRq>`]),
    'BillRet',
  );
  expect(textAt(inQb[0], 'IsPaid')).toBe('true');
  expect(textAt(inQb[0], 'DataExtRet/DataExtValue')).toBe(bill.cloudId);

  // Nothing due and no work: `none`.
  expect((await update(mock, appName)).outcome).toBe('no-data');
  // A wrong password: `nvu`.
  await mock.control.webConnector(HOST).setPassword(appName, 'not-the-password');
  const nvu = await update(mock, appName);
  expect(nvu).toMatchObject({ outcome: 'invalid-user', status: `Invalid password for user: ${app.userName}` });
  expect([...t.lines, ...t.logs].join('\n')).not.toContain(tokenKey);
  expect([...t.lines, ...t.logs].join('\n')).not.toContain(app.password);
});

test('flow A over QBWC: removed → connectionError → Unable to open QuickBooks file (0x80040418) → flow B again', async () => {
  await using mock = await startMock(connectorWorld('qbwc-flow-a', { withBeta: true }));
  await using cloud = startCloud('qbwc-flow-a');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: cloud.origin, companies: [ACME] });
  const appName = await addToWebConnector(mock, t, ACME);
  await t.connector.setToken(ACME, (await cloud.admin.getNewKey(companyId)).tokenKey);
  expect((await update(mock, appName)).outcome).toBe('ok');

  // Flow A: the Admin removes the application in single-user mode; the office goes back to multi-user.
  await mock.ui.openPreferences();
  await mock.ui.removeApp(appName);
  await mock.ui.closePreferences();
  await mock.ui.switchMode('multi-user');
  await t.connector.syncNow(ACME);
  const refused = await update(mock, appName);
  expect(refused).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1013' });
  expect(t.records(ACME).at(-1)).toEqual({
    ts: expect.any(String),
    company: ACME,
    status: 'Unable to open QuickBooks file',
    detail: { hresult: '0x80040418', message: INTUIT['0x80040418'], reason: 'BeginSession failed' },
  });

  // Flow B: single-user, the update brings up the certificate dialog; the Admin authorizes; multi-user again.
  await mock.ui.switchMode('single-user');
  await t.connector.syncNow(ACME);
  const again = update(mock, appName);
  await authorizeAlways(mock);
  expect((await again).outcome).toBe('ok');
  expect(t.statuses(ACME).slice(-3)).toEqual([
    'Unable to open QuickBooks file',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);

  // Another company file open in QuickBooks: BeginSession on Acme's path fails with 0x8004040A.
  await mock.ui.closeCompany();
  await mock.ui.openCompany({ path: BETA, mode: 'multi-user', user: 'Admin', password: 'admin' });
  await t.connector.syncNow(ACME);
  expect((await update(mock, appName)).outcome).toBe('error');
  expect(t.records(ACME).at(-1)!.detail).toEqual({
    hresult: '0x8004040A',
    message: INTUIT['0x8004040A'],
    reason: 'BeginSession failed',
  });
});

test('QBWC answering "" (the open file): the HCP FileID tells a wrong file from the right one', async () => {
  await using mock = await startMock(connectorWorld('qbwc-open-file', { withBeta: true }));
  await using cloud = startCloud('qbwc-open-file');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({
    transport: 'qbwc',
    cloudUrl: cloud.origin,
    companies: [ACME],
    qbwc: { companyAnswer: 'open-file' },
  });
  const appName = await addToWebConnector(mock, t, ACME);
  await t.connector.setToken(ACME, (await cloud.admin.getNewKey(companyId)).tokenKey);
  expect((await update(mock, appName)).outcome).toBe('ok');

  // Beta is open; QBWC opens "whatever is open" — the Beta file, which does not carry this application's FileID.
  await mock.ui.closeCompany();
  await mock.ui.openCompany({ path: BETA, mode: 'single-user', user: 'Admin', password: 'admin' });
  await t.connector.syncNow(ACME);
  const wrong = update(mock, appName);
  await authorizeAlways(mock); // the application is new to Beta
  const result = await wrong;
  expect(result).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1031' });
  expect(t.records(ACME).at(-1)).toMatchObject({
    status: 'Unable to open QuickBooks file',
    detail: { reason: 'file-id-mismatch' },
  });
  // Nothing was written to Beta.
  expect(rets(qbQuery(mock, BETA, ['<VendorQueryRq/>']), 'VendorRet')).toHaveLength(0);
});

test('two company files over QBWC, each with its own token: a token used from the wrong file is refused', async () => {
  await using mock = await startMock(connectorWorld('qbwc-two-files', { withBeta: true }));
  await using cloud = startCloud('qbwc-two-files');
  const acme = await cloud.admin.createCompany('Acme Supplies');
  const beta = await cloud.admin.createCompany('Beta Traders');
  const keyA = (await cloud.admin.getNewKey(acme.companyId)).tokenKey;
  const keyB = (await cloud.admin.getNewKey(beta.companyId)).tokenKey;
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: cloud.origin, companies: [ACME, BETA] });

  // Each file's .qwc is added with that file open as the Admin in single-user mode.
  const appA = await addToWebConnector(mock, t, ACME);
  await mock.ui.closeCompany();
  await mock.ui.openCompany({ path: BETA, mode: 'single-user', user: 'Admin', password: 'admin' });
  const appB = await addToWebConnector(mock, t, BETA);
  expect(appA).not.toBe(appB);
  expect(t.connector.qbwcApp(ACME).fileId).not.toBe(t.connector.qbwcApp(BETA).fileId);
  // QuickBooks closed: the Web Connector opens each file unattended ("Yes, always").
  await mock.ui.exit();

  await t.connector.setToken(ACME, keyA);
  expect((await update(mock, appA)).outcome).toBe('ok');
  await t.connector.setToken(BETA, keyA);
  expect((await update(mock, appB)).outcome).toBe('no-data');
  expect(t.records(BETA).at(-1)).toMatchObject({
    status: 'Token rejected',
    detail: { reason: 'token_bound_to_other_file' },
  });
  await t.connector.setToken(BETA, keyB);
  expect((await update(mock, appB)).outcome).toBe('ok');
  expect(t.statuses(BETA)).toEqual([
    'Connecting',
    'Token rejected',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);
  expect((await cloudState(cloud, beta.companyId)).boundTo).toEqual({
    path: BETA,
    fileId: t.connector.qbwcApp(BETA).fileId,
  });
  expect((await cloudState(cloud, acme.companyId)).boundTo).toEqual({
    path: ACME,
    fileId: t.connector.qbwcApp(ACME).fileId,
  });
});
