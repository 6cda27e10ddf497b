// The shared table against the cloud answering in process (msw setupServer), plus what only the in-process cloud
// does: loopback requests pass through to the real network, anything else fails.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ManualCloudClock, startCloudInProcess, type CloudInProcessHandle } from '../../../src/cloud/index.js';
import { CLOUD_CASES, TABLE_CLOCK_START } from './cloud-api-table.js';

let cloud: CloudInProcessHandle;
let loopback: Server;
let loopbackPort: number;

beforeAll(async () => {
  cloud = startCloudInProcess({
    origin: 'https://ap-cloud.test',
    seed: 'cloud-api-table',
    clock: new ManualCloudClock(TABLE_CLOCK_START),
  });
  loopback = createServer((req, res) => {
    res.setHeader('content-type', 'text/plain');
    res.end(`loopback saw ${req.method} ${req.url}`);
  });
  await new Promise<void>((resolve) => loopback.listen(0, '127.0.0.1', resolve));
  loopbackPort = (loopback.address() as AddressInfo).port;
});

afterAll(async () => {
  await cloud?.close();
  await new Promise<void>((resolve) => loopback?.close(() => resolve()));
});

for (const c of CLOUD_CASES) {
  test(`in process: ${c.name}`, () => c.run({ baseUrl: cloud.origin, admin: cloud.admin }));
}

test('in process: requests to loopback pass through to the real server while the cloud answers its origin', async () => {
  const viaIp = await fetch(`http://127.0.0.1:${loopbackPort}/qbxmlrp2/health`);
  expect(await viaIp.text()).toBe('loopback saw GET /qbxmlrp2/health');
  const viaName = await fetch(`http://localhost:${loopbackPort}/qbwc`, { method: 'POST', body: '<soap/>' });
  expect(await viaName.text()).toBe('loopback saw POST /qbwc');
  expect((await fetch(`${cloud.origin}/admin/state`)).status).toBe(200);
});

test('in process: a request to any other origin fails instead of reaching the network', async () => {
  // msw's onUnhandledRequest: 'error' — the fetch rejects (and msw prints the request on stderr).
  await expect(fetch('https://api.example.com/v1/anything')).rejects.toThrow(/onUnhandledRequest/);
  await expect(fetch('http://ap-cloud.test/admin/state')).rejects.toThrow(/onUnhandledRequest/); // another scheme
});

test('in process: a second in-process cloud is refused while one runs', () => {
  expect(() => startCloudInProcess({ origin: 'https://other-cloud.test' })).toThrow(
    expect.objectContaining({ code: 'QBDSIM_ERR_DUPLICATE' }),
  );
});
