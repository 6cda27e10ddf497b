import path from 'node:path';
import { repoRoot } from '../../src/harness/index.js';
import { findScenarioFiles, runSuite } from '../../src/scenario/index.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';

const JOBS = 2;
const TARGET_MS = 30_000;

/**
 * The wall time of the whole bundled scenario suite (`npx qbd-sim run`): every scenarios/*.yaml against the reference
 * connector as its own process, two scenarios at a time (`--quick`: the connector in process, one at a time). The
 * target is under 30 s on this machine; the figure is printed beside it.
 */
export const scenarioSuite: Benchmark = {
  name: 'scenario-suite',
  description: `The bundled scenarios end to end (qbd-sim run): the reference connector as a process, ${JOBS} at a time (--quick: in process); target < ${TARGET_MS / 1000} s`,
  budgetMs: () => 900_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const files = findScenarioFiles([path.join(repoRoot(), 'scenarios')]);
    const started = performance.now();
    const suite = await runSuite(files, {
      jobs: JOBS,
      ...(options.quick ? { adapter: 'in-process' as const } : {}),
      progress: (line) => {
        if (/^\[\d+\/\d+\]|^FAIL|^ {2}(at step|expected|seen)/.test(line)) options.progress(line);
      },
    });
    const elapsedMs = performance.now() - started;
    const mode = options.quick ? 'in process, one at a time' : `as a process, ${JOBS} at a time`;
    options.compare({
      benchmark: 'scenario-suite',
      name: 'wall-time',
      label: `${files.length} bundled scenarios, the reference connector ${mode}`,
      value: Math.round(elapsedMs) / 1000,
      unit: 's',
      target: `< ${TARGET_MS / 1000} s, all passed`,
      met: elapsedMs < TARGET_MS && suite.failed === 0,
      note: `${suite.passed} passed, ${suite.failed} failed`,
    });
    return [
      {
        name: 'scenario-suite',
        concurrency: options.quick ? 1 : JOBS,
        unit: 'scenario',
        ops: suite.results.length,
        elapsedMs,
        opsPerSec: suite.results.length / (elapsedMs / 1000),
        latencyMs: summarizeLatencies(suite.results.map((r) => r.durationMs)),
      },
    ];
  },
};
