import { fileURLToPath } from 'node:url';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { median, timeToExit } from './process-timing.js';

const BIN = fileURLToPath(new URL('../../bin/qbd-sim.js', import.meta.url));
const CONNECTOR_BIN = fileURLToPath(new URL('../../bin/ap-connector.js', import.meta.url));
const RUNS = { full: 15, quick: 5 };
const TARGET_MS = 150;

/**
 * `qbd-sim --version`, `qbd-sim --help` and `ap-connector --help` from spawn to exit, as a user's shell (or the
 * harness) starts them from a checkout, beside `node -e 0` — the floor no Node program can go under — measured
 * alternately in the same run. Target: the two `qbd-sim` figures ≤ 150 ms (median).
 */
export const cliStartup: Benchmark = {
  name: 'cli-startup',
  description: `qbd-sim --version / --help and ap-connector --help: spawn → exit (median), beside node -e 0; target ≤ ${TARGET_MS} ms`,
  budgetMs: (o) => (o.quick ? RUNS.quick : RUNS.full) * 4 * 61_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const runs = options.quick ? RUNS.quick : RUNS.full;
    const commands = {
      floor: ['-e', '0'],
      version: [BIN, '--version'],
      help: [BIN, '--help'],
      connector: [CONNECTOR_BIN, '--help'],
    } as const;
    const times: Record<keyof typeof commands, number[]> = { floor: [], version: [], help: [], connector: [] };
    await timeToExit(commands.version); // a stale bundle is rebuilt once, outside the measurement
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(commands) as [keyof typeof commands, readonly string[]][])
        times[name].push(await timeToExit(args));
    }
    const floor = median(times.floor);
    options.progress(`[cli-startup] ${runs} runs each; node -e 0 median ${floor.toFixed(0)} ms`);
    const labels = {
      version: 'qbd-sim --version',
      help: 'qbd-sim --help',
      connector: 'ap-connector --help',
    } as const;
    for (const name of ['version', 'help', 'connector'] as const) {
      const value = median(times[name]);
      options.compare({
        benchmark: 'cli-startup',
        name,
        label: `${labels[name]}: spawn → exit (median)`,
        value: Math.round(value),
        unit: 'ms',
        against: { label: 'node -e 0', value: Math.round(floor) },
        ratio: value / floor,
        target: name === 'connector' ? 'as close to the floor as it gets' : `≤ ${TARGET_MS} ms`,
        met: name === 'connector' ? true : value <= TARGET_MS,
        note: `${runs} runs alternating with node -e 0; +${(value - floor).toFixed(0)} ms over the floor`,
      });
    }
    return (['floor', 'version', 'help', 'connector'] as const).map((name) => {
      const total = times[name].reduce((a, b) => a + b, 0);
      return {
        name: `cli-startup ${name === 'floor' ? 'node -e 0' : labels[name]}`,
        concurrency: 1,
        unit: 'start',
        ops: runs,
        elapsedMs: total,
        opsPerSec: runs / (total / 1000),
        latencyMs: summarizeLatencies(times[name]),
      };
    });
  },
};
