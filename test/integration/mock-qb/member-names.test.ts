// Method and action names come from the URL: inherited object members (`__proto__`, `constructor`, `toString`) are
// unknown names — a 400 that lists the real ones — never a 500 (found by the HTTP fuzzer, test/property/fuzz).
import { expect, test } from 'vitest';
import { startMockQb } from '../../../mock-qb/index.js';

test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
  'POST …/%s on the bridge, AuthPreferences and UI actions → 400 QBDSIM_ERR_BAD_REQUEST',
  async (name) => {
    await using mock = await startMockQb({ seed: 'member-names' });
    const created = await fetch(`${mock.bridgeUrl}/processors`, { method: 'POST' });
    const { processorId } = (await created.json()) as { processorId: string };
    for (const url of [
      `${mock.bridgeUrl}/processors/${processorId}/${name}`,
      `${mock.bridgeUrl}/processors/${processorId}/AuthPreferences/${name}`,
      `${mock.controlUrl}/hosts/OFFICE-PC/ui/${name}`,
    ]) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status, url).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('QBDSIM_ERR_BAD_REQUEST');
    }
  },
);
