// The handlers without any network: msw's getResponse runs a Request through them.
import { getResponse } from 'msw';
import { expect, test } from 'vitest';
import { ApCloud } from '../../../../src/cloud/ap-cloud.js';
import { createCloudHandlers, type CloudRequestLogEntry } from '../../../../src/cloud/cloud-handlers.js';

const ORIGIN = 'https://ap-cloud.test';

function setup() {
  const cloud = new ApCloud({ seed: 'handlers' });
  const log: CloudRequestLogEntry[] = [];
  const handlers = createCloudHandlers(cloud, { origin: ORIGIN, log: (e) => log.push(e) });
  const send = async (method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}) => {
    const response = await getResponse(handlers, new Request(url, { method, ...init }));
    return response
      ? {
          status: response.status,
          headers: response.headers,
          json: (await response.json()) as { error?: string; message: string },
        }
      : undefined;
  };
  return { cloud, log, send };
}

test('with an origin the handlers answer that origin only', async () => {
  const { send } = setup();
  expect((await send('GET', `${ORIGIN}/admin/state`))?.status).toBe(200);
  expect(await send('GET', 'https://elsewhere.test/admin/state')).toBeUndefined();
  expect((await send('GET', `${ORIGIN}/nothing/here`))?.json).toMatchObject({ error: 'not_found' });
});

test('without an origin the paths match on any origin (the served cloud)', async () => {
  const cloud = new ApCloud({ seed: 'relative' });
  const handlers = createCloudHandlers(cloud);
  const response = await getResponse(handlers, new Request('http://127.0.0.1:4520/admin/state'), {
    baseUrl: 'http://127.0.0.1:4520',
  });
  expect(response?.status).toBe(200);
});

test('a 401 carries WWW-Authenticate; the log has the refusal and never the key', async () => {
  const { cloud, log, send } = setup();
  const { companyId } = cloud.createCompany('Acme');
  const { tokenKey } = cloud.getNewKey(companyId);
  cloud.revokeKey(tokenKey);
  const refused = await send('GET', `${ORIGIN}/api/v1/work`, {
    headers: { authorization: `Bearer ${tokenKey}`, 'x-qb-file-path': 'C:\\A.QBW', 'x-qb-file-id': '{1}' },
  });
  expect(refused?.status).toBe(401);
  expect(refused?.headers.get('www-authenticate')).toContain('token_revoked');
  expect(JSON.stringify(refused?.json)).not.toContain(tokenKey);
  expect(log).toEqual([{ method: 'GET', path: '/api/v1/work', status: 401, error: 'token_revoked' }]);
});

test('a body that is not JSON, or does not match the contract, is a bad_request naming the field', async () => {
  const { send } = setup();
  const notJson = await send('POST', `${ORIGIN}/admin/companies`, { body: '{name:' });
  expect(notJson).toMatchObject({ status: 400, json: { error: 'bad_request', message: 'the body is not JSON' } });
  const noName = await send('POST', `${ORIGIN}/admin/companies`, { body: '{"name":""}' });
  expect(noName?.status).toBe(400);
  expect(noName?.json.message).toContain('name');
});

test('a bug in the cloud is a 500 "internal", not a contract code', async () => {
  const { cloud, log, send } = setup();
  cloud.state = () => {
    throw new Error('boom');
  };
  const answer = await send('GET', `${ORIGIN}/admin/state`);
  expect(answer).toMatchObject({ status: 500, json: { error: 'internal' } });
  expect(answer?.json.message).toContain('boom');
  expect(log.at(-1)).toMatchObject({ status: 500, error: 'internal' });
});
