import type { ConnectorAdapter, ConnectorEnvironment, ConnectorStatusRecord } from '../../harness/index.js';
import type { ApConnectorOptions, CycleOutcome } from '../../connector/index.js';
import type { SyncConnector, SyncConnectorFactory } from './sync-bench.js';

const END_STATUS: Record<string, CycleOutcome> = {
  'Connected to Server': 'ok',
  'Unable to open QuickBooks file': 'unable-to-open',
  'Token required': 'token-required',
  'Token rejected': 'token-rejected',
};

/**
 * Any connector the harness can drive (its `process` adapter: a CLI with a status channel) as a {@link SyncConnector}:
 * a sync is `sync-now`, then the cycle's last status (`Connected to Server` → `ok`, …). The connector must reach the
 * cloud over HTTP: start the bench with `cloud: 'served'`.
 */
export function adapterConnector(
  makeAdapter: (env: ConnectorEnvironment) => ConnectorAdapter,
  opts: { cycleTimeoutMs?: number } = {},
): SyncConnectorFactory {
  return async (o: ApConnectorOptions): Promise<SyncConnector> => {
    const adapter = makeAdapter({
      transport: 'rp2',
      bridgeUrl: o.bridgeUrl ?? '',
      cloudUrl: o.cloudUrl,
      companies: o.companies,
      stateDir: o.stateDir,
    });
    await adapter.start();
    // What the connector says as it starts (a first cycle, "Token required") is not a cycle's answer: let it settle.
    for (let seen = -1, quiet = 0; quiet < 6 && seen < 200;) {
      const n = adapter.records().length;
      quiet = n === seen ? quiet + 1 : 0;
      seen = n;
      await new Promise((r) => setTimeout(r, 50));
    }
    const cycle = async (run: () => Promise<void>): Promise<CycleOutcome[]> => {
      const from = adapter.records().length;
      await run();
      const deadline = performance.now() + (opts.cycleTimeoutMs ?? 30_000); // real time: a process has its own clock
      for (;;) {
        const end = adapter
          .records()
          .slice(from)
          .find((r: ConnectorStatusRecord) => r.status in END_STATUS || r.detail.reason !== undefined);
        if (end)
          return [END_STATUS[end.status] ?? (end.detail.reason === 'connection-lost' ? 'connection-lost' : 'failed')];
        if (performance.now() > deadline) return ['failed'];
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    return {
      setToken: (company, key) => cycle(() => adapter.setToken(company, key)),
      syncNow: (company) => cycle(() => adapter.syncNow(company)),
      stop: async () => {
        await adapter.exit();
      },
    };
  };
}
