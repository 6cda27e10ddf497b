import { fileURLToPath } from 'node:url';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { median, timeToHealthy } from './process-timing.js';

const BIN = fileURLToPath(new URL('../../bin/qbd-sim.js', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-express-server.mjs', import.meta.url));
const RUNS = { full: 11, quick: 3 };
const TARGET_MS = 300;

/**
 * Wall time from spawning `qbd-sim serve --port 0` (as `npx qbd-sim serve` runs it from a checkout) to its control API
 * answering `GET /__qbd/health` with 200 — what a CI job waits for before its tests — beside a bare express app's
 * spawn → first answer, the two alternating in the same run. Each run is a fresh process, stopped with SIGTERM.
 */
export const serveStartup: Benchmark = {
  name: 'serve-startup',
  description: `qbd-sim serve: spawn → GET /__qbd/health 200 (median), beside a bare express app; target ≤ ${TARGET_MS} ms`,
  budgetMs: (o) => (o.quick ? RUNS.quick : RUNS.full) * 2 * 65_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const runs = options.quick ? RUNS.quick : RUNS.full;
    const serve: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      serve.push(await timeToHealthy([BIN, 'serve', '--port', '0'], /control API\s+(\S+)/, '/health'));
      bare.push(await timeToHealthy([BARE], /listening (\S+)/, '/health'));
      options.progress(
        `[serve-startup] run ${i + 1}/${runs}: qbd-sim serve ${serve[i]!.toFixed(0)} ms, bare express ${bare[i]!.toFixed(0)} ms`,
      );
    }
    const value = median(serve);
    const floor = median(bare);
    options.compare({
      benchmark: 'serve-startup',
      name: 'to-healthy',
      label: 'qbd-sim serve: spawn → /__qbd/health 200 (median)',
      value: Math.round(value),
      unit: 'ms',
      against: { label: 'bare express app: spawn → first 200', value: Math.round(floor) },
      ratio: value / floor,
      target: `≤ ${TARGET_MS} ms`,
      met: value <= TARGET_MS,
      note: `${runs} runs each, alternating; max ${Math.max(...serve).toFixed(0)} ms`,
    });
    const row = (name: string, times: number[]): BenchResult => {
      const total = times.reduce((a, b) => a + b, 0);
      return {
        name,
        concurrency: 1,
        unit: 'start-up',
        ops: runs,
        elapsedMs: total,
        opsPerSec: runs / (total / 1000),
        latencyMs: summarizeLatencies(times),
      };
    };
    return [row('serve-startup', serve), row('serve-startup bare express', bare)];
  },
};
