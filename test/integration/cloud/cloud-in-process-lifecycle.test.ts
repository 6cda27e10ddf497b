// The in-process cloud's lifecycle: close() (or `await using`) gives the process back, so another can start.
import { expect, test } from 'vitest';
import { startCloudInProcess } from '../../../src/cloud/index.js';

test('an in-process cloud can be disposed and another started after it, on another origin', async () => {
  {
    await using first = startCloudInProcess({ origin: 'https://first-cloud.test', seed: 'a' });
    expect(() => startCloudInProcess()).toThrow(/already answering https:\/\/first-cloud\.test/);
    expect((await fetch(`${first.origin}/admin/state`)).status).toBe(200);
  }
  const second = startCloudInProcess({ origin: 'https://second-cloud.test:8443/ignored/path' });
  try {
    expect(second.origin).toBe('https://second-cloud.test:8443');
    const { companyId } = await second.admin.createCompany('Acme Supplies');
    expect((await second.admin.state()).companies.map((c) => c.companyId)).toEqual([companyId]);
  } finally {
    await second.close();
    await second.close(); // idempotent
  }
});
