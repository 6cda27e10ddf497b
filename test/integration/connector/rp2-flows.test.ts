// Flows A, B and C of flows.md with the reference connector over RP2 (the QBXMLRP2 bridge of the fake QuickBooks),
// the AP cloud in process (msw), and the connector as a library object.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { textAt } from '../../../src/connector/qbxml-response.js';
import {
  ACME,
  APP,
  BETA,
  OWNER_ID,
  authorizeAlways,
  cloudState,
  connectorWorld,
  expectInOrder,
  grantOf,
  qbQuery,
  rets,
  startCloud,
  startConnector,
  startMock,
  waitForDialog,
  waitForStatus,
} from './support.js';

const INTUIT = (
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../../../shared/data/qbxmlrp2-hresults.json'), 'utf8'),
  ) as { messages: Record<string, string> }
).messages;

test('flows B and C over RP2: no token, Get New Key, first launch authorizes, sync both ways', async () => {
  await using mock = await startMock(connectorWorld('rp2-flows-bc'));
  await using cloud = startCloud('rp2-flows-bc');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
  });

  // No token yet: the connector asks for one and does not touch QuickBooks.
  await waitForStatus(t, ACME, 'Token required');
  expect(await grantOf(mock, ACME, APP)).toBeUndefined();

  // Flow C: Get New Key in the cloud, enter it. Flow B: QuickBooks shows the certificate dialog to the Admin.
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  const cycle = t.connector.setToken(ACME, tokenKey);
  await authorizeAlways(mock);
  expect(await cycle).toEqual(['ok']);
  expect(t.statuses(ACME)).toEqual([
    'Connecting',
    'Token required',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);
  expect(await grantOf(mock, ACME, APP)).toMatchObject({
    allowAccess: true,
    autoLogin: true,
    loginAs: 'Admin',
    personalData: true,
  });
  // The token is bound to this file's identity: its path and the FileID stamped on the Company.
  const stamped = qbQuery(mock, ACME, [`<CompanyQueryRq><OwnerID>${OWNER_ID}</OwnerID></CompanyQueryRq>`]);
  const fileId = textAt(rets(stamped, 'CompanyRet')[0], 'DataExtRet/DataExtValue');
  expect(fileId).toMatch(/^\{[0-9A-F-]{36}\}$/);
  let state = await cloudState(cloud, companyId);
  expect(state.boundTo).toEqual({ path: ACME, fileId });
  expect(state.qb.accounts.map((a) => a.fullName)).toEqual(
    expect.arrayContaining(['Checking', 'Accounts Payable', 'Office Supplies']),
  );
  expect(state.qb.terms.map((x) => x.name)).toContain('Net 30');
  expect(state.lastHeartbeat?.status).toBe('Connected to Server');
  // The token key is nowhere in what the connector printed or logged.
  expect([...t.lines, ...t.logs].join('\n')).not.toContain(tokenKey);

  // Flow B step 5: back to multi-user; the connector syncs unattended. Cloud → QuickBooks: a vendor and a bill.
  await mock.ui.switchMode('multi-user');
  const vendor = await cloud.admin.createVendor(companyId, { name: 'Paper Source', email: 'ap@paper.example' });
  const bill = await cloud.admin.createBill(companyId, {
    vendorCloudId: vendor.cloudId,
    refNumber: 'PS-1001',
    txnDate: '2024-03-04',
    lines: [{ accountName: 'Office Supplies', amount: '240.00', memo: 'toner' }],
  });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  state = await cloudState(cloud, companyId);
  const v = state.vendors.find((x) => x.cloudId === vendor.cloudId)!;
  const b = state.bills.find((x) => x.cloudId === bill.cloudId)!;
  expect(v.qbListId).toBeDefined();
  expect(b).toMatchObject({ status: 'entered' });
  const qbBills = rets(
    qbQuery(mock, ACME, [`<BillQueryRq><TxnID>${b.qbTxnId}</TxnID><OwnerID>${OWNER_ID}</OwnerID></BillQueryRq>`]),
    'BillRet',
  );
  expect(qbBills).toHaveLength(1);
  expect(textAt(qbBills[0], 'RefNumber')).toBe('PS-1001');
  expect(textAt(qbBills[0], 'VendorRef/ListID')).toBe(v.qbListId);
  expect(textAt(qbBills[0], 'DataExtRet/DataExtValue')).toBe(bill.cloudId);
  expect(textAt(qbBills[0], 'IsPaid')).toBe('false');

  // A payment made in the cloud: a bill payment applied to that bill; the bill's paid status goes back up.
  const payment = await cloud.admin.createPayment(companyId, {
    billCloudId: bill.cloudId,
    amount: '240.00',
    date: '2024-03-20',
    refNumber: '5001',
  });
  expect(await t.connector.syncNow()).toEqual(['ok']);
  state = await cloudState(cloud, companyId);
  expect(state.payments.find((p) => p.cloudId === payment.cloudId)).toMatchObject({ status: 'recorded' });
  const paid = rets(qbQuery(mock, ACME, [`<BillQueryRq><TxnID>${b.qbTxnId}</TxnID></BillQueryRq>`]), 'BillRet');
  expect(textAt(paid[0], 'IsPaid')).toBe('true');
  // The payment is uploaded on the next cycle's pull (payments change bills without modifying them).
  await t.connector.syncNow();
  state = await cloudState(cloud, companyId);
  expect(state.qb.bills.find((x) => x.txnId === b.qbTxnId)).toMatchObject({
    isPaid: true,
    openAmount: '0.00',
    cloudId: bill.cloudId,
  });
  expect(t.statuses(ACME).slice(-2)).toEqual(['Synchronizing with QuickBooks', 'Connected to Server']);
});

test('flow A over RP2: removed from Integrated Applications → Unable to open QuickBooks file (0x80040418) → flow B again', async () => {
  await using mock = await startMock(connectorWorld('rp2-flow-a'));
  await using cloud = startCloud('rp2-flow-a');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  const stateDir = mkdtempSync(path.join(tmpdir(), 'ap-connector-flow-a-'));
  const opts = {
    transport: 'rp2' as const,
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
    stateDir,
    runOnStart: false,
  };
  try {
    {
      await using first = await startConnector(opts);
      const cycle = first.connector.setToken(ACME, tokenKey);
      await authorizeAlways(mock);
      expect(await cycle).toEqual(['ok']);
      await mock.ui.switchMode('multi-user');
      expect(await first.connector.syncNow()).toEqual(['ok']);
      // Flow A step 1: exit the connector (disposing stops it cleanly).
    }
    // Flow A steps 2–5: Admin in single-user, Edit › Preferences › Integrated Applications › Remove, close.
    await mock.ui.switchMode('single-user');
    await mock.ui.openPreferences();
    await mock.ui.removeApp(APP);
    await mock.ui.closePreferences();
    expect(await grantOf(mock, ACME, APP)).toBeUndefined();
    // The office went back to multi-user before anyone authorized the connector again.
    await mock.ui.switchMode('multi-user');

    // Flow A step 6: start the connector again. QuickBooks refuses the session: the tray shows the generic text,
    // the detail the HRESULT.
    await using second = await startConnector(opts);
    expect(await second.connector.syncNow()).toEqual(['unable-to-open']);
    expect(second.statuses(ACME)).toEqual(['Connecting', 'Unable to open QuickBooks file']);
    expect(second.records(ACME)[1]!.detail).toEqual({
      hresult: '0x80040418',
      message: INTUIT['0x80040418'],
      reason: 'BeginSession failed',
    });

    // Flow B: the Admin in single-user mode; the next cycle brings up the certificate dialog; then multi-user.
    await mock.ui.switchMode('single-user');
    const cycle = second.connector.syncNow();
    await authorizeAlways(mock);
    expect(await cycle).toEqual(['ok']);
    await mock.ui.switchMode('multi-user');
    expect(await second.connector.syncNow()).toEqual(['ok']);
    expect(second.statuses(ACME)).toEqual([
      'Connecting',
      'Unable to open QuickBooks file',
      'Synchronizing with QuickBooks',
      'Connected to Server',
      'Synchronizing with QuickBooks',
      'Connected to Server',
    ]);
    expect(await grantOf(mock, ACME, APP)).toMatchObject({ allowAccess: true, autoLogin: true, loginAs: 'Admin' });
    // The file keeps its identity across the removal: the same FileID, the same binding.
    expect((await cloudState(cloud, companyId)).boundTo?.path).toBe(ACME);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});

test('the HRESULTs behind "Unable to open QuickBooks file" over RP2', async () => {
  await using mock = await startMock(connectorWorld('rp2-hresults', { withBeta: true }));
  await using cloud = startCloud('rp2-hresults');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  await using t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
    runOnStart: false,
  });
  const unable = () =>
    t
      .records(ACME)
      .filter((r) => r.status === 'Unable to open QuickBooks file')
      .at(-1)!.detail;
  const expectHresult = (hresult: string) =>
    expect(unable()).toEqual({ hresult, message: INTUIT[hresult], reason: 'BeginSession failed' });

  // The Admin answers "No" in the certificate dialog: 0x80040420; the app stays listed with access off: 0x8004041A.
  const denied = t.connector.setToken(ACME, tokenKey);
  await waitForDialog(mock, 'certificate');
  await mock.ui.answerCertificateDialog({ choice: 'no', done: true });
  expect(await denied).toEqual(['unable-to-open']);
  expectHresult('0x80040420');
  expect(await t.connector.syncNow()).toEqual(['unable-to-open']);
  expectHresult('0x8004041A');

  // Access allowed "whenever the file is open"; then a modal window is up: 0x80040414.
  await mock.ui.openPreferences();
  await mock.ui.editAppProperties(APP, { allowAccess: true });
  expect(await t.connector.syncNow()).toEqual(['unable-to-open']);
  expectHresult('0x80040414');
  await mock.ui.closePreferences();
  expect(await t.connector.syncNow()).toEqual(['ok']);

  // Another company file is open: 0x8004040A.
  await mock.ui.closeCompany();
  await mock.ui.openCompany({ path: BETA, mode: 'multi-user', user: 'Admin', password: 'admin' });
  expect(await t.connector.syncNow()).toEqual(['unable-to-open']);
  expectHresult('0x8004040A');

  // QuickBooks closed, and the grant does not allow logging in automatically: 0x8004041D.
  await mock.ui.exit();
  expect(await t.connector.syncNow()).toEqual(['unable-to-open']);
  expectHresult('0x8004041D');

  expectInOrder(t.statuses(ACME), [
    'Connecting',
    'Unable to open QuickBooks file',
    'Unable to open QuickBooks file',
    'Unable to open QuickBooks file',
    'Synchronizing with QuickBooks',
    'Connected to Server',
    'Unable to open QuickBooks file',
    'Unable to open QuickBooks file',
  ]);
  // Every status line is on the output and in the state directory's status file, one JSON record per change.
  const fromFile = readFileSync(path.join(t.stateDir, 'status.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as unknown);
  expect(fromFile).toEqual(t.lines.map((l) => JSON.parse(l) as unknown));
  for (const r of t.records(ACME)) expect(Object.keys(r)).toEqual(['ts', 'company', 'status', 'detail']);
});

test('token semantics over RP2: revoked → Token rejected and no QuickBooks writes; a new key → Connected', async () => {
  await using mock = await startMock(connectorWorld('rp2-tokens'));
  await using cloud = startCloud('rp2-tokens');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  const first = await cloud.admin.getNewKey(companyId);
  await using t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME],
    runOnStart: false,
  });
  const cycle = t.connector.setToken(ACME, first.tokenKey);
  await authorizeAlways(mock);
  expect(await cycle).toEqual(['ok']);

  // Work waits in the cloud, but the key was revoked: refused, and nothing is written to QuickBooks.
  await cloud.admin.createVendor(companyId, { name: 'Harbor Freight Lines' });
  await cloud.admin.revokeKey(first.tokenKey);
  expect(await t.connector.syncNow()).toEqual(['token-rejected']);
  expect(t.records(ACME).at(-1)).toMatchObject({ status: 'Token rejected', detail: { reason: 'token_revoked' } });
  const none = qbQuery(mock, ACME, ['<VendorQueryRq><FullName>Harbor Freight Lines</FullName></VendorQueryRq>']);
  expect(rets(none, 'VendorRet')).toHaveLength(0);

  // Get New Key, entered: Synchronizing with QuickBooks → Connected to Server, and the vendor is written.
  const second = await cloud.admin.getNewKey(companyId);
  expect(await t.connector.setToken(ACME, second.tokenKey)).toEqual(['ok']);
  expect(t.statuses(ACME).slice(-3)).toEqual([
    'Token rejected',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);
  const added = qbQuery(mock, ACME, ['<VendorQueryRq><FullName>Harbor Freight Lines</FullName></VendorQueryRq>']);
  expect(rets(added, 'VendorRet')).toHaveLength(1);
  // Token keys live in the state directory with mode 0600 and nowhere in the output.
  expect(statSync(path.join(t.stateDir, 'tokens.json')).mode & 0o777).toBe(0o600);
  expect([...t.lines, ...t.logs].join('\n')).not.toMatch(/apk-/);
});

test('two company files over RP2, each with its own token: a token used from the wrong file is refused', async () => {
  await using mock = await startMock(connectorWorld('rp2-two-files', { withBeta: true }));
  await using cloud = startCloud('rp2-two-files');
  const acme = await cloud.admin.createCompany('Acme Supplies');
  const beta = await cloud.admin.createCompany('Beta Traders');
  const keyA = (await cloud.admin.getNewKey(acme.companyId)).tokenKey;
  const keyB = (await cloud.admin.getNewKey(beta.companyId)).tokenKey;
  await using t = await startConnector({
    transport: 'rp2',
    bridgeUrl: mock.handle.url,
    cloudUrl: cloud.origin,
    companies: [ACME, BETA],
    runOnStart: false,
  });

  // Flow C step 4: authorize each file in single-user mode, one at a time, with its own key.
  const a = t.connector.setToken(ACME, keyA);
  await authorizeAlways(mock);
  expect(await a).toEqual(['ok']);
  await mock.ui.closeCompany();
  await mock.ui.openCompany({ path: BETA, mode: 'single-user', user: 'Admin', password: 'admin' });
  // Acme's key entered for Beta by mistake: the cloud refuses it from Beta; Beta gets no writes (no FileID stamp).
  const wrong = t.connector.setToken(BETA, keyA);
  await authorizeAlways(mock);
  expect(await wrong).toEqual(['token-rejected']);
  expect(t.records(BETA).at(-1)).toMatchObject({
    status: 'Token rejected',
    detail: { reason: 'token_bound_to_other_file' },
  });
  const unstamped = qbQuery(mock, BETA, [`<CompanyQueryRq><OwnerID>${OWNER_ID}</OwnerID></CompanyQueryRq>`]);
  expect(textAt(rets(unstamped, 'CompanyRet')[0], 'DataExtRet/DataExtValue')).toBeUndefined();
  expect(await t.connector.setToken(BETA, keyB)).toEqual(['ok']);
  expect(t.statuses(BETA)).toEqual([
    'Connecting',
    'Token rejected',
    'Synchronizing with QuickBooks',
    'Connected to Server',
  ]);

  // QuickBooks closed: both files sync unattended ("Yes, always"), each bound to its own identity.
  await mock.ui.exit();
  expect(await t.connector.syncNow()).toEqual(['ok', 'ok']);
  const [sa, sb] = [await cloudState(cloud, acme.companyId), await cloudState(cloud, beta.companyId)];
  expect(sa.boundTo?.path).toBe(ACME);
  expect(sb.boundTo?.path).toBe(BETA);
  expect(sa.boundTo?.fileId).not.toBe(sb.boundTo?.fileId);
  expect(await grantOf(mock, BETA, APP)).toMatchObject({ allowAccess: true, autoLogin: true });
});
