// The shared table against the cloud served over HTTP (express + @mswjs/http-middleware), as `qbd-sim cloud serve`
// runs it for a connector in its own process.
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  ManualCloudClock,
  startCloudServer,
  type CloudRequestLogEntry,
  type CloudServerHandle,
} from '../../../src/cloud/index.js';
import { CLOUD_CASES, TABLE_CLOCK_START } from './cloud-api-table.js';

let cloud: CloudServerHandle;
const log: CloudRequestLogEntry[] = [];

beforeAll(async () => {
  cloud = await startCloudServer({
    port: 0,
    host: '127.0.0.1',
    seed: 'cloud-api-table',
    clock: new ManualCloudClock(TABLE_CLOCK_START),
    log: (entry) => log.push(entry),
  });
});

afterAll(async () => {
  await cloud?.close();
});

for (const c of CLOUD_CASES) {
  test(`served: ${c.name}`, () => c.run({ baseUrl: cloud.url, admin: cloud.admin }));
}

test('served: the request log names method, path, status and refusal, never a token key', async () => {
  const { companyId } = await cloud.admin.createCompany('Log Check');
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  await fetch(`${cloud.url}/api/v1/work`, { headers: { authorization: `Bearer ${tokenKey}` } });
  expect(log.at(-1)).toEqual({ method: 'GET', path: '/api/v1/work', status: 400, error: 'bad_request' });
  expect(log.some((e) => e.path === `/admin/companies/${companyId}/keys` && e.status === 201)).toBe(true);
  expect(JSON.stringify(log)).not.toContain(tokenKey);
});
