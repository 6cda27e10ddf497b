// One table of cloud behaviours, run against the cloud in process (msw setupServer) and served over HTTP (express +
// @mswjs/http-middleware): same handlers, same assertions, only the base URL differs. Everything goes through HTTP
// as a connector (plain fetch with the contract's headers) and an admin (CloudAdminClient) would use it.
import { expect } from 'vitest';
import { CloudError, type CloudAdminClient } from '../../../src/cloud/index.js';
import {
  CLOUD_API_PREFIX,
  CLOUD_HEADERS,
  type CloudErrorBody,
  type CompanyFileIdentity,
  type HelloResponse,
  type WorkResponse,
  type WorkResult,
} from '../../../src/protocol/ap-cloud-contract.js';

/** Where the cloud answers, and its admin client. */
export interface CloudTarget {
  baseUrl: string;
  admin: CloudAdminClient;
}

/** The heartbeat time the targets' manual clocks show. */
export const TABLE_CLOCK_START = '2026-03-02T09:30:00.000Z';

export interface CloudCase {
  name: string;
  run(target: CloudTarget): Promise<void>;
}

const FILE_A: CompanyFileIdentity = {
  path: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW',
  fileId: '{0D3C1E4B-2F6A-4B8C-9D0E-1F2A3B4C5D6E}',
};
const FILE_B: CompanyFileIdentity = {
  path: 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Bayside Plumbing.QBW',
  fileId: '{7A3D9F20-1C4B-4E8A-9B1D-2F6C8E0A4B13}',
};

interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** A connector-API call as the reference connector makes it. */
async function call<T = unknown>(
  target: CloudTarget,
  method: 'GET' | 'POST',
  path: string,
  opts: { token?: string; identity?: CompanyFileIdentity; body?: unknown } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.identity) {
    // As the connector sends it: printable ASCII as is, anything else percent-encoded (header values are bytes).
    const path = opts.identity.path;
    headers[CLOUD_HEADERS.filePath] = /^[\x20-\x7e]*$/.test(path) ? path : encodeURI(path);
    headers[CLOUD_HEADERS.fileId] = opts.identity.fileId;
  }
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${target.baseUrl}${CLOUD_API_PREFIX}${path}`, {
    method,
    headers,
    ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

function hello(target: CloudTarget, token: string | undefined, identity: CompanyFileIdentity) {
  return call<HelloResponse & CloudErrorBody>(target, 'POST', '/hello', {
    ...(token !== undefined ? { token } : {}),
    identity,
    body: { companyFile: identity, connector: { name: 'ap-connector', version: '0.1.0', transport: 'rp2' } },
  });
}

async function work(target: CloudTarget, token: string, identity: CompanyFileIdentity): Promise<WorkResponse> {
  const answer = await call<WorkResponse>(target, 'GET', '/work', { token, identity });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function results(target: CloudTarget, token: string, identity: CompanyFileIdentity, list: WorkResult[]) {
  return call<{ accepted: number } & CloudErrorBody>(target, 'POST', '/results', {
    token,
    identity,
    body: { results: list },
  });
}

/** A company with a key, said hello from `identity`. */
async function connectedCompany(target: CloudTarget, name: string, identity: CompanyFileIdentity = FILE_A) {
  const { companyId } = await target.admin.createCompany(name);
  const { tokenKey } = await target.admin.getNewKey(companyId);
  expect((await hello(target, tokenKey, identity)).status).toBe(200);
  return { companyId, token: tokenKey, identity };
}

async function expectRefusal(answer: Promise<Answer<unknown>>, status: number, code: string): Promise<CloudErrorBody> {
  const { status: got, body } = await answer;
  expect({ status: got, error: (body as CloudErrorBody).error }).toEqual({ status, error: code });
  return body as CloudErrorBody;
}

export const CLOUD_CASES: CloudCase[] = [
  {
    name: 'Get New Key issues a key for the company and revokes the previous one',
    async run(target) {
      const { companyId } = await target.admin.createCompany('Acme Supplies');
      expect((await target.admin.companyState(companyId)).activeKey).toBe(false);
      const first = (await target.admin.getNewKey(companyId)).tokenKey;
      const ok = await hello(target, first, FILE_A);
      expect(ok.status).toBe(200);
      expect(ok.body).toEqual({ companyId, companyName: 'Acme Supplies', boundTo: FILE_A });

      const second = (await target.admin.getNewKey(companyId)).tokenKey;
      expect(second).not.toBe(first);
      await expectRefusal(hello(target, first, FILE_A), 401, 'token_revoked');
      expect((await hello(target, second, FILE_A)).status).toBe(200);

      const state = await target.admin.companyState(companyId);
      expect(state).toMatchObject({ activeKey: true, boundTo: FILE_A });
      const everything = JSON.stringify(await target.admin.state());
      expect(everything).not.toContain(first);
      expect(everything).not.toContain(second);
    },
  },
  {
    name: 'the first hello binds the key to its company file; from another file it is refused (403)',
    async run(target) {
      const { companyId } = await target.admin.createCompany('Acme Supplies');
      const { tokenKey } = await target.admin.getNewKey(companyId);
      expect((await target.admin.companyState(companyId)).boundTo).toBeNull();
      expect((await hello(target, tokenKey, FILE_A)).status).toBe(200);
      expect((await target.admin.companyState(companyId)).boundTo).toEqual(FILE_A);

      const refused = await expectRefusal(hello(target, tokenKey, FILE_B), 403, 'token_bound_to_other_file');
      expect(refused.boundTo).toEqual(FILE_A);
      // Same path, another file id (a restored or copied file) is another company file too.
      await expectRefusal(
        hello(target, tokenKey, { ...FILE_A, fileId: FILE_B.fileId }),
        403,
        'token_bound_to_other_file',
      );
      await expectRefusal(
        call(target, 'GET', '/work', { token: tokenKey, identity: FILE_B }),
        403,
        'token_bound_to_other_file',
      );
      // From its own file it goes on working; hello again is fine.
      expect((await hello(target, tokenKey, FILE_A)).status).toBe(200);
      expect(await work(target, tokenKey, FILE_A)).toEqual({ vendors: [], bills: [], payments: [] });
    },
  },
  {
    name: 'two company files, each with its own key: a key used from the wrong file is refused',
    async run(target) {
      const a = await connectedCompany(target, 'Acme Supplies', FILE_A);
      const b = await connectedCompany(target, 'Bayside Plumbing', FILE_B);
      await expectRefusal(hello(target, a.token, FILE_B), 403, 'token_bound_to_other_file');
      await expectRefusal(hello(target, b.token, FILE_A), 403, 'token_bound_to_other_file');
      expect((await hello(target, a.token, FILE_A)).body.companyId).toBe(a.companyId);
      expect((await hello(target, b.token, FILE_B)).body.companyId).toBe(b.companyId);
    },
  },
  {
    name: 'a company file path outside ASCII travels percent-encoded in the header and matches its binding',
    async run(target) {
      const file = { path: 'C:\\Firmy\\Łódź Hurtownia.QBW', fileId: '{5B1E2C3D-4F5A-4B6C-8D7E-9F0A1B2C3D4E}' };
      const { companyId, token } = await connectedCompany(target, 'Łódź Hurtownia', file);
      expect((await target.admin.companyState(companyId)).boundTo).toEqual(file);
      expect(await work(target, token, file)).toEqual({ vendors: [], bills: [], payments: [] });
      await expectRefusal(
        call(target, 'GET', '/work', { token, identity: { ...file, path: 'C:\\Firmy\\Lodz Hurtownia.QBW' } }),
        403,
        'token_bound_to_other_file',
      );
    },
  },
  {
    name: 'revoked, unknown and missing keys are refused with 401 and their codes',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      await target.admin.revokeKey(token);
      expect((await target.admin.companyState(companyId)).activeKey).toBe(false);
      const revoked = await hello(target, token, FILE_A);
      expect(revoked.status).toBe(401);
      expect(revoked.body.error).toBe('token_revoked');
      expect(revoked.headers.get('www-authenticate')).toMatch(/^Bearer /);
      await expectRefusal(call(target, 'GET', '/work', { token, identity: FILE_A }), 401, 'token_revoked');
      await expectRefusal(hello(target, 'apk-00000000-00000000-00000000-00000000', FILE_A), 401, 'token_unknown');
      await expectRefusal(hello(target, undefined, FILE_A), 401, 'token_missing');
      await expectRefusal(call(target, 'GET', '/work', { identity: FILE_A }), 401, 'token_missing');
      // Revoking twice is harmless; a key the cloud never issued is not found.
      await target.admin.revokeKey(token);
      await expect(target.admin.revokeKey('apk-never-issued')).rejects.toMatchObject({
        code: 'not_found',
        status: 404,
      });
    },
  },
  {
    name: 'every call after hello names its company file in the identity headers (400 without them)',
    async run(target) {
      const { token } = await connectedCompany(target, 'Acme Supplies');
      await expectRefusal(call(target, 'GET', '/work', { token }), 400, 'bad_request');
      await expectRefusal(
        call(target, 'POST', '/heartbeat', { token, body: { status: 'Connected to Server' } }),
        400,
        'bad_request',
      );
    },
  },
  {
    name: 'an approved bill is work until a result says entered; a repeated result is harmless',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      const bill = {
        vendorName: 'Office Depot',
        refNumber: 'INV-1001',
        txnDate: '2026-03-01',
        dueDate: '2026-03-31',
        lines: [{ accountName: 'Office Supplies', amount: '123.45', memo: 'paper' }],
      };
      const { cloudId } = await target.admin.createBill(companyId, bill);
      const draft = await target.admin.createBill(companyId, { ...bill, refNumber: 'DRAFT', approved: false });

      const before = await work(target, token, FILE_A);
      expect(before.bills).toEqual([
        {
          cloudId,
          vendor: { name: 'Office Depot' },
          refNumber: 'INV-1001',
          txnDate: '2026-03-01',
          dueDate: '2026-03-31',
          lines: bill.lines,
        },
      ]);
      expect(before.bills.map((b) => b.cloudId)).not.toContain(draft.cloudId);
      // Not entered yet: it is work again on the next cycle.
      expect((await work(target, token, FILE_A)).bills).toHaveLength(1);

      const entered: WorkResult = { kind: 'bill', cloudId, ok: true, qbId: '1A2B-1741000000' };
      expect((await results(target, token, FILE_A, [entered])).body).toEqual({ accepted: 1 });
      expect((await work(target, token, FILE_A)).bills).toEqual([]);

      // The same result again (a retry whose answer was lost), even with another TxnID: nothing changes.
      expect((await results(target, token, FILE_A, [entered, { ...entered, qbId: 'OTHER' }])).status).toBe(200);
      const state = await target.admin.companyState(companyId);
      expect(state.bills.find((b) => b.cloudId === cloudId)).toMatchObject({
        status: 'entered',
        qbTxnId: '1A2B-1741000000',
      });
      expect(state.bills.find((b) => b.cloudId === draft.cloudId)).toMatchObject({
        status: 'pending',
        approved: false,
      });
    },
  },
  {
    name: 'a failed bill stops being work and keeps QuickBooks’ message',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      const { cloudId } = await target.admin.createBill(companyId, {
        vendorName: 'Nobody',
        txnDate: '2026-03-01',
        lines: [{ accountName: 'Office Supplies', amount: '10.00' }],
      });
      const failed: WorkResult = {
        kind: 'bill',
        cloudId,
        ok: false,
        error: { statusCode: 3140, message: 'There is an invalid reference to QuickBooks Vendor "Nobody".' },
      };
      expect((await results(target, token, FILE_A, [failed])).status).toBe(200);
      expect((await work(target, token, FILE_A)).bills).toEqual([]);
      expect((await target.admin.companyState(companyId)).bills[0]).toMatchObject({
        status: 'failed',
        error: '3140: There is an invalid reference to QuickBooks Vendor "Nobody".',
      });
    },
  },
  {
    name: "a payment waits for its bill's TxnID, then is work until recorded",
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      const vendor = await target.admin.createVendor(companyId, { name: 'Office Depot' });
      const bill = await target.admin.createBill(companyId, {
        vendorCloudId: vendor.cloudId,
        txnDate: '2026-03-01',
        lines: [{ accountName: 'Office Supplies', amount: '123.45' }],
      });
      const payment = await target.admin.createPayment(companyId, {
        billCloudId: bill.cloudId,
        amount: '123.45',
        date: '2026-03-05',
        refNumber: 'CHK-501',
      });

      const first = await work(target, token, FILE_A);
      expect(first.payments).toEqual([]);
      expect(first.bills[0]?.vendor).toEqual({ cloudId: vendor.cloudId, name: 'Office Depot' });

      await results(target, token, FILE_A, [
        {
          kind: 'vendor',
          cloudId: vendor.cloudId,
          ok: true,
          qbId: '80000001-1741000000',
          qbEditSequence: '1741000000',
        },
        { kind: 'bill', cloudId: bill.cloudId, ok: true, qbId: '1A2B-1741000001' },
      ]);
      const second = await work(target, token, FILE_A);
      expect(second.bills).toEqual([]);
      expect(second.payments).toEqual([
        {
          cloudId: payment.cloudId,
          billCloudId: bill.cloudId,
          qbBillTxnId: '1A2B-1741000001',
          vendor: { qbListId: '80000001-1741000000', name: 'Office Depot' },
          amount: '123.45',
          bankAccountName: 'Checking',
          date: '2026-03-05',
          refNumber: 'CHK-501',
        },
      ]);

      const recorded: WorkResult = { kind: 'payment', cloudId: payment.cloudId, ok: true, qbId: '1A2C-1741000002' };
      await results(target, token, FILE_A, [recorded]);
      await results(target, token, FILE_A, [recorded]);
      expect(await work(target, token, FILE_A)).toEqual({ vendors: [], bills: [], payments: [] });
      expect((await target.admin.companyState(companyId)).payments[0]).toMatchObject({
        status: 'recorded',
        qbTxnId: '1A2C-1741000002',
      });
    },
  },
  {
    name: 'vendor add, then edit; a conflict parks the vendor until an admin edit',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      const { cloudId } = await target.admin.createVendor(companyId, { name: 'Office Depot', phone: '555-0100' });
      expect((await work(target, token, FILE_A)).vendors).toEqual([
        { cloudId, op: 'add', fields: { name: 'Office Depot', phone: '555-0100' } },
      ]);
      await results(target, token, FILE_A, [
        { kind: 'vendor', cloudId, ok: true, qbId: '80000001-1741000000', qbEditSequence: '1741000000' },
      ]);
      expect((await work(target, token, FILE_A)).vendors).toEqual([]);

      await target.admin.editVendor(companyId, cloudId, { phone: '555-0199' });
      expect((await work(target, token, FILE_A)).vendors).toEqual([
        {
          cloudId,
          op: 'mod',
          fields: { name: 'Office Depot', phone: '555-0199' },
          qbListId: '80000001-1741000000',
          qbEditSequence: '1741000000',
        },
      ]);
      // Someone edited the vendor in QuickBooks meanwhile: the connector re-reads and reports, never overwrites.
      const conflict: WorkResult = {
        kind: 'vendor',
        cloudId,
        ok: false,
        qbId: '80000001-1741000000',
        qbEditSequence: '1741000300',
        error: { statusCode: 3200, message: 'The provided edit sequence "1741000000" is out-of-date.', conflict: true },
      };
      await results(target, token, FILE_A, [conflict]);
      expect((await work(target, token, FILE_A)).vendors).toEqual([]);
      await results(target, token, FILE_A, [conflict]); // repeated: still parked, still harmless
      expect((await work(target, token, FILE_A)).vendors).toEqual([]);
      expect((await target.admin.companyState(companyId)).vendors[0]).toMatchObject({
        pending: true,
        conflict: 'The provided edit sequence "1741000000" is out-of-date.',
      });

      // The admin decides: the edit goes out again, against what QuickBooks has now.
      await target.admin.editVendor(companyId, cloudId, { phone: '555-0142' });
      expect((await work(target, token, FILE_A)).vendors).toEqual([
        {
          cloudId,
          op: 'mod',
          fields: { name: 'Office Depot', phone: '555-0142' },
          qbListId: '80000001-1741000000',
          qbEditSequence: '1741000300',
        },
      ]);
      const state = await target.admin.companyState(companyId);
      expect(state.vendors[0]?.conflict).toBeUndefined();
    },
  },
  {
    name: 'uploaded QuickBooks data is upserted by id; a heartbeat is recorded with the cloud clock',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      const vendor = {
        listId: '80000001-1741000000',
        editSequence: '1741000000',
        name: 'Office Depot',
        isActive: true,
        balance: '0.00',
        timeModified: '2026-03-01T09:00:00-05:00',
      };
      const upload = {
        vendors: [vendor],
        accounts: [{ listId: '10000-1', fullName: 'Checking', accountType: 'Bank', isActive: true }],
        terms: [{ listId: '20000-1', name: 'Net 30', kind: 'standard' as const }],
      };
      const first = await call<{ accepted: number }>(target, 'POST', '/qb-data', {
        token,
        identity: FILE_A,
        body: upload,
      });
      expect(first).toMatchObject({ status: 200, body: { accepted: 3 } });
      await call(target, 'POST', '/qb-data', {
        token,
        identity: FILE_A,
        body: { vendors: [{ ...vendor, editSequence: '1741000300', balance: '50.00' }] },
      });
      const beat = await call(target, 'POST', '/heartbeat', {
        token,
        identity: FILE_A,
        body: { status: 'Connected to Server', detail: {} },
      });
      expect(beat).toMatchObject({ status: 200, body: { ok: true } });

      const state = await target.admin.companyState(companyId);
      expect(state.qb.vendors).toEqual([{ ...vendor, editSequence: '1741000300', balance: '50.00' }]);
      expect(state.qb.accounts).toHaveLength(1);
      expect(state.qb.terms).toEqual(upload.terms);
      expect(state.lastHeartbeat).toEqual({ at: TABLE_CLOCK_START, status: 'Connected to Server' });

      // A cloud bill for a vendor known only by name picks up the ListID QuickBooks sent.
      await target.admin.createBill(companyId, {
        vendorName: 'office depot',
        txnDate: '2026-03-01',
        lines: [{ accountName: 'Office Supplies', amount: '1.00' }],
      });
      expect((await work(target, token, FILE_A)).bills[0]?.vendor).toEqual({
        qbListId: '80000001-1741000000',
        name: 'office depot',
      });
    },
  },
  {
    name: 'malformed requests are refused with bad_request and unknown ids with not_found',
    async run(target) {
      const { companyId, token } = await connectedCompany(target, 'Acme Supplies');
      await expect(
        target.admin.createBill(companyId, { vendorName: 'X', txnDate: '2026-03-01', lines: [] }),
      ).rejects.toMatchObject({ code: 'bad_request', status: 400 });
      await expect(
        target.admin.createBill(companyId, {
          vendorName: 'X',
          txnDate: '03/01/2026',
          lines: [{ accountName: 'A', amount: '1' }],
        }),
      ).rejects.toBeInstanceOf(CloudError);
      await expect(
        target.admin.createPayment(companyId, { billCloudId: 'b-none', amount: '1.00', date: '2026-03-01' }),
      ).rejects.toMatchObject({ code: 'not_found', status: 404 });
      await expect(target.admin.companyState('co-none')).rejects.toMatchObject({ code: 'not_found' });
      await expectRefusal(
        results(target, token, FILE_A, [{ kind: 'bill', cloudId: 'b-none', ok: true, qbId: 'X' }]),
        404,
        'not_found',
      );
      await expectRefusal(
        call(target, 'POST', '/results', { token, identity: FILE_A, body: { results: 'no' } }),
        400,
        'bad_request',
      );
      await expectRefusal(call(target, 'GET', '/no-such-route', { token, identity: FILE_A }), 404, 'not_found');
    },
  },
];
