// The `world:` of a sync counterexample scenario: the same QuickBooks and cloud as the property's bench.
import { SYNC_WORLD } from '../../../src/testing/sync/sync-bench.js';

export function syncScenarioWorld(): Record<string, unknown> {
  const { clock: _clock, clockStart: _start, ...qb } = SYNC_WORLD;
  return {
    qb,
    cloud: { companies: [{ name: 'Acme Supplies', file: 'Acme Supplies.QBW' }] },
    connector: { transport: 'rp2', adapter: 'in-process' },
  };
}
