import fc from 'fast-check';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import {
  HostUnderTest,
  SyncBench,
  hostModelCommands,
  initialHostModel,
  syncStateProperty,
} from '../../src/testing/index.js';

const RUNS = { hostModel: 1_000, sync: { full: 20, quick: 5 } };

/**
 * The property suites' speed (issue 7): the time for 1,000 host-model runs (model vs engine, up to 40 steps each) and
 * sync-state property runs per second (reference connector in process, fake QuickBooks and cloud, run to quiet).
 */
export const propertyRuns: Benchmark = {
  name: 'property-runs',
  description: 'fast-check: 1,000 host-model runs; sync-state property runs/s (reference connector in process)',
  budgetMs: () => 300_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const real = new HostUnderTest('bench-host-model');
    let t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.commands(hostModelCommands(), { maxCommands: 40, size: '+1' }), async (cmds) => {
        real.reset();
        await fc.asyncModelRun(() => ({ model: { state: initialHostModel() }, real }), cmds);
      }),
      { numRuns: RUNS.hostModel, seed: 7 },
    );
    const hostMs = performance.now() - t0;
    real.world.close();
    options.progress(`[property-runs] ${RUNS.hostModel} host-model runs in ${(hostMs / 1000).toFixed(1)} s`);
    options.compare({
      benchmark: 'property-runs',
      name: 'host-model-1000',
      label: `${RUNS.hostModel} host-model runs`,
      value: hostMs / 1000,
      unit: 's',
      target: '≤ 30 s',
      met: hostMs <= 30_000,
    });

    const syncRuns = options.quick ? RUNS.sync.quick : RUNS.sync.full;
    const bench = await SyncBench.start({ seed: 'bench-sync' });
    t0 = performance.now();
    try {
      await fc.assert(syncStateProperty(bench), { numRuns: syncRuns, seed: 7 });
    } finally {
      await bench.dispose();
    }
    const syncMs = performance.now() - t0;
    const perSec = syncRuns / (syncMs / 1000);
    options.progress(`[property-runs] ${syncRuns} sync-state runs in ${(syncMs / 1000).toFixed(1)} s`);
    options.compare({
      benchmark: 'property-runs',
      name: 'sync-runs-per-second',
      label: 'sync-state property runs (≤ 10 steps, run to quiet)',
      value: perSec,
      unit: 'runs/s',
      target: '≥ 0.5 runs/s',
      met: perSec >= 0.5,
    });
    return [
      {
        name: 'property-runs',
        concurrency: 1,
        unit: 'sync run',
        ops: syncRuns,
        elapsedMs: syncMs,
        opsPerSec: perSec,
        latencyMs: {
          p50: syncMs / syncRuns,
          p95: syncMs / syncRuns,
          p99: syncMs / syncRuns,
          mean: syncMs / syncRuns,
          max: syncMs / syncRuns,
        },
      },
    ];
  },
};
