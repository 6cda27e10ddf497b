import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SuiteResult } from '../../src/scenario/index.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { median, timeToExit } from './process-timing.js';

const BIN = fileURLToPath(new URL('../../bin/qbd-sim.js', import.meta.url));
const JOBS = 2;
const IN_PROCESS_TARGET_MS = 3_000;
/** `qbd-sim run` with the connector as processes: at most the spawn floor plus this. */
const OVER_FLOOR_MS = 5_000;
const FLOOR_SAMPLES = 15;

/**
 * The whole bundled scenario suite as `npx qbd-sim run` runs it (the command itself, start-up included), in both modes
 * in one run: the reference connector in process (`--in-process`) and as its own process (default jobs). The process mode is held against its spawn
 * floor: the number of connector processes the run started times a bare `node -e 0`, measured in the same run.
 */
export const scenarioSuite: Benchmark = {
  name: 'scenario-suite',
  description: `The bundled scenarios (qbd-sim run): in process (target ≤ ${IN_PROCESS_TARGET_MS / 1000} s) and with the connector as processes, ${JOBS} at a time (target ≤ spawn floor + ${OVER_FLOOR_MS / 1000} s)`,
  budgetMs: () => 900_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    // `npx qbd-sim run [--in-process]` as a user types it (its JSON report says what ran), start-up included.
    const run = async (adapter: 'in-process' | 'process'): Promise<{ suite: SuiteResult; ms: number }> => {
      const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-bench-suite-'));
      const out = path.join(dir, 'report.json');
      const args = [BIN, 'run', '--jobs', String(JOBS), '--reporter', 'json', '--out', out];
      if (adapter === 'in-process') args.push('--in-process');
      const started = performance.now();
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          for (const line of d.split('\n')) if (/^FAIL|^ {2}(at step|expected|seen)/.test(line)) options.progress(line);
        });
        child.once('error', reject);
        child.once('exit', resolve);
      });
      const ms = performance.now() - started;
      const suite = JSON.parse(readFileSync(out, 'utf8')) as SuiteResult;
      rmSync(dir, { recursive: true, force: true });
      if (code !== 0 && suite.failed === 0) throw new Error(`qbd-sim run exited ${code}`);
      return { suite, ms };
    };
    await timeToExit([BIN, '--version']); // a stale bundle is rebuilt once, outside the measurement
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
      label: `${inProcess.suite.results.length} bundled scenarios, the reference connector in process (${JOBS} at a time)`,
      value: Math.round(inProcess.ms) / 1000,
      unit: 's',
      target: `≤ ${IN_PROCESS_TARGET_MS / 1000} s, all passed`,
      met: inProcess.ms <= IN_PROCESS_TARGET_MS && inProcess.suite.failed === 0,
      note: `${inProcess.suite.passed} passed, ${inProcess.suite.failed} failed`,
    });
    options.compare({
      benchmark: 'scenario-suite',
      name: 'as-processes',
      label: `${asProcesses.suite.results.length} bundled scenarios, the reference connector as processes (${JOBS} at a time)`,
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
