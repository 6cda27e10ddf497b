// Fuzzing the mock's HTTP entry points: the RP2 bridge (JSON) and the control API (JSON), real routes with fuzzed
// bodies and made-up ones. Every answer comes in time, is never a 500, and a request refused (400/404/409) leaves the
// host and its company files as they were. A BeginSession that waits on a person (a dialog) is answered by closing it.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mockHttpRequestArbitrary } from '../../../src/testing/fuzz/http-request-arbitrary.js';
import { assertProperty, propertySettings } from '../property-settings.js';
import { companyDigest } from './company-digest.js';

delete process.env['QBDSIM_QBXML_RESPONSE_LOG']; // fuzz responses are not part of the suite's XSD audit
const { startMockQb, ControlClient, UI_ACTION_NAMES, SAMPLE_WORLD_SPEC } = await import('../../../mock-qb/index.js');
const { Rp2BridgeClient } = await import('../../../src/protocol/rp2-bridge-client.js');

type Mock = Awaited<ReturnType<typeof startMockQb>>;
let mock: Mock;
const HOST = SAMPLE_WORLD_SPEC.hosts[0]!.id;
const processorIds: string[] = [];

beforeAll(async () => {
  mock = await startMockQb({ world: { ...SAMPLE_WORLD_SPEC, seed: 'http-fuzz' }, seed: 'http-fuzz' });
  for (let i = 0; i < 2; i++) {
    const rp = await Rp2BridgeClient.createProcessor(mock.url);
    await rp.OpenConnection2('', `Fuzz App ${i}`, 'localQBD');
    processorIds.push(rp.processorId);
  }
}, 30_000);
afterAll(async () => {
  await mock?.stop();
});

function observe(): string {
  const host = mock.world.host(HOST);
  const { clock: _clock, ...state } = host.state();
  const files = host.companyFilePaths().map((p) => companyDigest(host, p));
  return JSON.stringify({ state, files });
}

test('RP2 bridge and control API: no 500, no hang, and a refused request changes nothing', async () => {
  const control = new ControlClient(mock.url);
  const statuses = new Map<number, number>();
  await assertProperty(
    'http-fuzz',
    fc.asyncProperty(mockHttpRequestArbitrary({ processorIds, host: HOST, uiActions: UI_ACTION_NAMES }), async (r) => {
      const before = observe();
      const call = fetch(`${mock.url}${r.path}`, {
        method: r.method,
        headers: r.body !== undefined ? { 'content-type': 'application/json' } : {},
        ...(r.body !== undefined && r.method !== 'GET' ? { body: r.body } : {}),
        signal: AbortSignal.timeout(10_000),
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (error: unknown) => ({ status: -1, text: String(error) }),
      );
      let answer = await Promise.race([call, new Promise<null>((res) => setTimeout(() => res(null), 1_500))]);
      if (answer === null) {
        // A BeginSession may wait for a person (QuickBooks has no timeout): the person closes the windows.
        const host = mock.world.host(HOST);
        const waiting = host.dialogs.length > 0;
        while (host.dialogs.length) host.dismissDialog();
        answer = await call;
        expect(waiting || answer.status !== -1, `${r.method} ${r.path} hung with no window to answer`).toBe(true);
      }
      expect(answer.status, `${r.method} ${r.path} ${r.body ?? ''}\n→ ${answer.text.slice(0, 500)}`).not.toBe(-1);
      expect(
        answer.status === 500 || answer.status > 501,
        `${r.method} ${r.path} ${r.body ?? ''}\n→ ${answer.status} ${answer.text.slice(0, 500)}`,
      ).toBe(false);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      if ([400, 404, 405, 409, 413].includes(answer.status))
        expect(observe(), `${r.method} ${r.path} was refused (${answer.status}) but changed the host`).toBe(before);
      // Faults armed by a fuzzed request must not slow the next ones down.
      await control.clearFaults(HOST).catch(() => undefined);
    }),
    propertySettings('http-fuzz', { numRuns: 3_000 }),
  );
  console.log(`HTTP fuzz statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
});
