import path from 'node:path';
import { repoRoot } from '../../src/harness/index.js';
import { findScenarioFiles, runSuite, type SuiteResult } from '../../src/scenario/index.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { median, timeToExit } from './process-timing.js';

const JOBS = 2;
const IN_PROCESS_TARGET_MS = 3_000;
/** `qbd-sim run` with the connector as processes: at most the spawn floor plus this. */
const OVER_FLOOR_MS = 5_000;
const FLOOR_SAMPLES = 15;

/**
 * The whole bundled scenario suite as `npx qbd-sim run` runs it, in both modes in one run: the reference connector as
 * its own process (default jobs), and in this process (`--in-process`). The process mode is held against its spawn
 * floor: the number of connector processes the run started times a bare `node -e 0`, measured in the same run.
 */
export const scenarioSuite: Benchmark = {
  name: 'scenario-suite',
  description: `The bundled scenarios (qbd-sim run): in process (target ≤ ${IN_PROCESS_TARGET_MS / 1000} s) and with the connector as processes, ${JOBS} at a time (target ≤ spawn floor + ${OVER_FLOOR_MS / 1000} s)`,
  budgetMs: () => 900_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const files = findScenarioFiles([path.join(repoRoot(), 'scenarios')]);
    const run = async (adapter: 'in-process' | 'process'): Promise<{ suite: SuiteResult; ms: number }> => {
      const started = performance.now();
      const suite = await runSuite(files, {
        jobs: JOBS,
        adapter,
        progress: (line) => {
          if (/^FAIL|^ {2}(at step|expected|seen)/.test(line)) options.progress(line);
        },
      });
      return { suite, ms: performance.now() - started };
    };
    const inProcess = await run('in-process');
    options.progress(`[scenario-suite] in process: ${(inProcess.ms / 1000).toFixed(2)} s`);
    const asProcesses = await run('process');
    const processes = asProcesses.suite.results.reduce((n, r) => n + r.connectorProcesses, 0);
    const nodeFloor: number[] = [];
    for (let i = 0; i < FLOOR_SAMPLES; i++) nodeFloor.push(await timeToExit(['-e', '0']));
    const floorMs = processes * median(nodeFloor);
    options.progress(
      `[scenario-suite] as processes: ${(asProcesses.ms / 1000).toFixed(2)} s, ${processes} connector processes`,
    );
    options.compare({
      benchmark: 'scenario-suite',
      name: 'in-process',
      label: `${files.length} bundled scenarios, the reference connector in process (${JOBS} at a time)`,
      value: Math.round(inProcess.ms) / 1000,
      unit: 's',
      target: `≤ ${IN_PROCESS_TARGET_MS / 1000} s, all passed`,
      met: inProcess.ms <= IN_PROCESS_TARGET_MS && inProcess.suite.failed === 0,
      note: `${inProcess.suite.passed} passed, ${inProcess.suite.failed} failed`,
    });
    options.compare({
      benchmark: 'scenario-suite',
      name: 'as-processes',
      label: `${files.length} bundled scenarios, the reference connector as processes (${JOBS} at a time)`,
      value: Math.round(asProcesses.ms) / 1000,
      unit: 's',
      against: { label: `spawn floor: ${processes} processes × node -e 0`, value: Math.round(floorMs) / 1000 },
      ratio: asProcesses.ms / floorMs,
      target: `≤ floor + ${OVER_FLOOR_MS / 1000} s, all passed`,
      met: asProcesses.ms <= floorMs + OVER_FLOOR_MS && asProcesses.suite.failed === 0,
      note: `${asProcesses.suite.passed} passed, ${asProcesses.suite.failed} failed; node -e 0 median ${median(nodeFloor).toFixed(0)} ms`,
    });
    const row = (name: string, concurrency: number, r: { suite: SuiteResult; ms: number }): BenchResult => ({
      name,
      concurrency,
      unit: 'scenario',
      ops: r.suite.results.length,
      elapsedMs: r.ms,
      opsPerSec: r.suite.results.length / (r.ms / 1000),
      latencyMs: summarizeLatencies(r.suite.results.map((x) => x.durationMs)),
    });
    return [row('scenario-suite in-process', JOBS, inProcess), row('scenario-suite as processes', JOBS, asProcesses)];
  },
};
