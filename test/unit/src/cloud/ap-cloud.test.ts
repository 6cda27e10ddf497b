import { expect, test } from 'vitest';
import { ApCloud } from '../../../../src/cloud/ap-cloud.js';
import { ManualCloudClock } from '../../../../src/cloud/cloud-clock.js';
import type { CompanyFileIdentity, HelloRequest } from '../../../../src/protocol/ap-cloud-contract.js';

const FILE: CompanyFileIdentity = {
  path: 'C:\\Company Files\\Acme.QBW',
  fileId: '{0D3C1E4B-2F6A-4B8C-9D0E-1F2A3B4C5D6E}',
};
const OTHER: CompanyFileIdentity = {
  path: 'C:\\Company Files\\Bayside.QBW',
  fileId: '{7A3D9F20-1C4B-4E8A-9B1D-2F6C8E0A4B13}',
};

function helloFrom(companyFile: CompanyFileIdentity): HelloRequest {
  return { companyFile, connector: { name: 'ap-connector', version: '0.1.0', transport: 'qbwc' } };
}

/** A cloud with one company whose key said hello from FILE. */
function connected(seed = 'unit') {
  const cloud = new ApCloud({ seed, clock: new ManualCloudClock('2026-03-02T09:30:00Z') });
  const { companyId } = cloud.createCompany('Acme Supplies');
  const { tokenKey } = cloud.getNewKey(companyId);
  cloud.hello(tokenKey, helloFrom(FILE));
  return { cloud, companyId, tokenKey };
}

const line = [{ accountName: 'Office Supplies', amount: '10.00' }];

test('a seed makes keys and ids reproducible; without one they are random', () => {
  const issue = (cloud: ApCloud) => {
    const { companyId } = cloud.createCompany('Acme');
    return [companyId, cloud.getNewKey(companyId).tokenKey, cloud.getNewKey(companyId).tokenKey];
  };
  const a = issue(new ApCloud({ seed: 's1' }));
  expect(issue(new ApCloud({ seed: 's1' }))).toEqual(a);
  expect(issue(new ApCloud({ seed: 's2' }))).not.toEqual(a);
  expect(issue(new ApCloud())).not.toEqual(issue(new ApCloud()));
  expect(a[1]).toMatch(/^apk-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  expect(a[0]).toMatch(/^co-[0-9a-f]{16}$/);
});

test('Get New Key revokes the previous key; the new key is unbound until its first hello', () => {
  const { cloud, companyId, tokenKey } = connected();
  const { tokenKey: next } = cloud.getNewKey(companyId);
  expect(() => cloud.hello(tokenKey, helloFrom(FILE))).toThrow(
    expect.objectContaining({ code: 'token_revoked', status: 401 }),
  );
  expect(cloud.companyState(companyId)).toMatchObject({ activeKey: true, boundTo: null });
  // A new key may be bound to another file (the company file moved); the old binding went with the old key.
  expect(cloud.hello(next, helloFrom(OTHER)).boundTo).toEqual(OTHER);
  expect(JSON.stringify(cloud.state())).not.toContain(next);
  expect(JSON.stringify(cloud.snapshot().tokens)).not.toContain(next);
});

test('identity: a Windows path and a file id compare without case; the identity headers must agree with hello', () => {
  const { cloud, tokenKey } = connected();
  const shouted = { path: FILE.path.toUpperCase(), fileId: FILE.fileId.toLowerCase() };
  expect(cloud.hello(tokenKey, helloFrom(shouted)).boundTo).toEqual(FILE);
  expect(cloud.authenticate(tokenKey, shouted).boundTo).toEqual(FILE);
  expect(() => cloud.hello(tokenKey, helloFrom(FILE), { path: OTHER.path, fileId: FILE.fileId })).toThrow(
    expect.objectContaining({ code: 'bad_request' }),
  );
  expect(() => cloud.authenticate(tokenKey, { path: FILE.path })).toThrow(
    expect.objectContaining({ code: 'bad_request' }),
  );
  expect(() => cloud.authenticate(tokenKey, OTHER)).toThrow(
    expect.objectContaining({ code: 'token_bound_to_other_file', status: 403, boundTo: FILE }),
  );
});

test('a key that never said hello cannot fetch work', () => {
  const cloud = new ApCloud({ seed: 'x' });
  const { companyId } = cloud.createCompany('Acme');
  const { tokenKey } = cloud.getNewKey(companyId);
  expect(() => cloud.authenticate(tokenKey, FILE)).toThrow(expect.objectContaining({ code: 'bad_request' }));
});

test('key checks come first: missing, unknown, revoked', () => {
  const { cloud, tokenKey } = connected();
  expect(() => cloud.checkToken(undefined)).toThrow(expect.objectContaining({ code: 'token_missing' }));
  expect(() => cloud.checkToken('')).toThrow(expect.objectContaining({ code: 'token_missing' }));
  expect(() => cloud.checkToken('apk-nope')).toThrow(expect.objectContaining({ code: 'token_unknown' }));
  cloud.revokeKey(tokenKey);
  // Revoked wins over a wrong file: the user needs a new key either way.
  expect(() => cloud.authenticate(tokenKey, OTHER)).toThrow(expect.objectContaining({ code: 'token_revoked' }));
});

test('a results batch is checked whole before anything is applied', () => {
  const { cloud, companyId } = connected();
  const bill = cloud.createBill(companyId, { vendorName: 'Office Depot', txnDate: '2026-03-01', lines: line });
  expect(() =>
    cloud.postResults(companyId, [
      { kind: 'bill', cloudId: bill.cloudId, ok: true, qbId: 'T1' },
      { kind: 'payment', cloudId: 'p-none', ok: true, qbId: 'T2' },
    ]),
  ).toThrow(expect.objectContaining({ code: 'not_found' }));
  expect(() => cloud.postResults(companyId, [{ kind: 'bill', cloudId: bill.cloudId, ok: true }])).toThrow(
    expect.objectContaining({ code: 'bad_request' }),
  );
  expect(cloud.work(companyId).bills).toHaveLength(1);
});

test('a late ok for a bill marked failed records it (QuickBooks has it after all); entered is final', () => {
  const { cloud, companyId } = connected();
  const { cloudId } = cloud.createBill(companyId, { vendorName: 'Office Depot', txnDate: '2026-03-01', lines: line });
  cloud.postResults(companyId, [{ kind: 'bill', cloudId, ok: false, error: { message: 'timeout' } }]);
  expect(cloud.companyState(companyId).bills[0]).toMatchObject({ status: 'failed', error: 'timeout' });
  cloud.postResults(companyId, [{ kind: 'bill', cloudId, ok: true, qbId: 'T1', alreadyPresent: true }]);
  cloud.postResults(companyId, [{ kind: 'bill', cloudId, ok: false, error: { message: 'stale' } }]);
  const state = cloud.companyState(companyId).bills[0]!;
  expect(state).toMatchObject({ status: 'entered', qbTxnId: 'T1' });
  expect(state.error).toBeUndefined();
});

test('a vendor write that fails without a conflict stops being work until an admin edit', () => {
  const { cloud, companyId } = connected();
  const { cloudId } = cloud.createVendor(companyId, { name: 'Office Depot' });
  cloud.postResults(companyId, [
    {
      kind: 'vendor',
      cloudId,
      ok: false,
      error: { statusCode: 3100, message: 'The name "Office Depot" is already in use.' },
    },
  ]);
  expect(cloud.work(companyId).vendors).toEqual([]);
  expect(cloud.companyState(companyId).vendors[0]).toMatchObject({
    pending: false,
    error: '3100: The name "Office Depot" is already in use.',
  });
  cloud.editVendor(companyId, cloudId, { name: 'Office Depot Inc' });
  expect(cloud.work(companyId).vendors).toEqual([{ cloudId, op: 'add', fields: { name: 'Office Depot Inc' } }]);
  expect(cloud.companyState(companyId).vendors[0]?.error).toBeUndefined();
});

test('a repeated vendor result after it was applied changes nothing', () => {
  const { cloud, companyId } = connected();
  const { cloudId } = cloud.createVendor(companyId, { name: 'Office Depot' });
  const ok = { kind: 'vendor' as const, cloudId, ok: true, qbId: 'L1', qbEditSequence: 'S1' };
  expect(cloud.postResults(companyId, [ok, { ...ok, qbEditSequence: 'S9' }])).toEqual({ accepted: 2 });
  expect(cloud.companyState(companyId).vendors[0]).toMatchObject({
    qbListId: 'L1',
    qbEditSequence: 'S1',
    pending: false,
  });
});

test('admin input is checked: unknown vendor of a bill, a bill without vendor or lines, unknown companies', () => {
  const { cloud, companyId } = connected();
  expect(() => cloud.createBill(companyId, { vendorCloudId: 'v-none', txnDate: '2026-03-01', lines: line })).toThrow(
    expect.objectContaining({ code: 'not_found' }),
  );
  expect(() => cloud.createBill(companyId, { txnDate: '2026-03-01', lines: line })).toThrow(
    expect.objectContaining({ code: 'bad_request' }),
  );
  expect(() => cloud.createBill(companyId, { vendorName: 'X', txnDate: '2026-03-01', lines: [] })).toThrow(
    expect.objectContaining({ code: 'bad_request' }),
  );
  expect(() => cloud.createCompany(' ')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  expect(() => cloud.work('co-none')).toThrow(expect.objectContaining({ code: 'not_found', status: 404 }));
  expect(() => cloud.editVendor(companyId, 'v-none', { phone: '1' })).toThrow(
    expect.objectContaining({ code: 'not_found' }),
  );
});

test('the heartbeat time comes from the injected clock', () => {
  const clock = new ManualCloudClock('2026-03-02T09:30:00Z');
  const cloud = new ApCloud({ seed: 'hb', clock });
  const { companyId } = cloud.createCompany('Acme');
  cloud.heartbeat(companyId, { status: 'Connecting' });
  clock.advance(90_000);
  cloud.heartbeat(companyId, { status: 'Connected to Server' });
  expect(cloud.companyState(companyId).lastHeartbeat).toEqual({
    at: '2026-03-02T09:31:30.000Z',
    status: 'Connected to Server',
  });
});

test('snapshot and restore bring back companies, keys and work; reset forgets everything', () => {
  const { cloud, companyId, tokenKey } = connected();
  const snapshot = cloud.snapshot();
  const { cloudId } = cloud.createBill(companyId, { vendorName: 'Office Depot', txnDate: '2026-03-01', lines: line });
  cloud.revokeKey(tokenKey);
  cloud.restore(snapshot);
  expect(cloud.companyState(companyId).bills.map((b) => b.cloudId)).not.toContain(cloudId);
  expect(cloud.authenticate(tokenKey, FILE).companyId).toBe(companyId);
  cloud.reset();
  expect(cloud.state()).toEqual({ companies: [] });
  expect(() => cloud.checkToken(tokenKey)).toThrow(expect.objectContaining({ code: 'token_unknown' }));
});

test('state is a copy: changing it does not change the cloud', () => {
  const { cloud, companyId } = connected();
  cloud.createVendor(companyId, { name: 'Office Depot', address: { city: 'Boca Raton' } });
  const state = cloud.companyState(companyId);
  state.vendors[0]!.address!.city = 'Elsewhere';
  expect(cloud.work(companyId).vendors[0]?.fields.address).toEqual({ city: 'Boca Raton' });
});
