import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';

const BIN = fileURLToPath(new URL('../../bin/qbd-sim.js', import.meta.url));
const RUNS = { full: 10, quick: 3 };
const TARGET_MS = 5_000;
const GIVE_UP_MS = 60_000;

/**
 * Wall time from spawning `qbd-sim serve --port 0` (the executable on the TypeScript sources, as `npx qbd-sim` runs it
 * from a checkout) to its control API answering `GET /__qbd/health` with 200 — what a CI job waits for before its
 * tests. Each run is a fresh process, stopped with SIGTERM afterwards.
 */
export const serveStartup: Benchmark = {
  name: 'serve-startup',
  description: 'qbd-sim serve: spawn → GET /__qbd/health 200 (fresh process each run)',
  budgetMs: (o) => (o.quick ? RUNS.quick : RUNS.full) * (GIVE_UP_MS + 5_000),
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const runs = options.quick ? RUNS.quick : RUNS.full;
    const times: number[] = [];
    const printed: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await oneStart();
      times.push(r.healthyMs);
      printed.push(r.printedMs);
      options.progress(
        `[serve-startup] run ${i + 1}/${runs}: URL printed ${r.printedMs.toFixed(0)} ms, healthy ${r.healthyMs.toFixed(0)} ms`,
      );
    }
    const summary = summarizeLatencies(times);
    options.compare({
      benchmark: 'serve-startup',
      name: 'to-healthy',
      label: 'qbd-sim serve: spawn → /__qbd/health 200 (median)',
      value: summary.p50,
      unit: 'ms',
      target: `≤ ${TARGET_MS} ms`,
      met: summary.p50 <= TARGET_MS,
      note: `${runs} runs, max ${summary.max.toFixed(0)} ms; the URL is printed at ${summarizeLatencies(printed).p50.toFixed(0)} ms (median)`,
    });
    const total = times.reduce((a, b) => a + b, 0);
    return [
      {
        name: 'serve-startup',
        concurrency: 1,
        unit: 'start-up',
        ops: runs,
        elapsedMs: total,
        opsPerSec: runs / (total / 1000),
        latencyMs: summary,
      },
    ];
  },
};

function oneStart(): Promise<{ printedMs: number; healthyMs: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<{ printedMs: number; healthyMs: number }>((resolve, reject) => {
    let out = '';
    let err = '';
    let polling = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code) => reject(new Error(`qbd-sim serve exited (code ${code}) before healthy: ${err}`)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /control API\s+(\S+)/.exec(out);
      if (!m || polling) return;
      polling = true;
      const printedMs = performance.now() - t0;
      const poll = async (): Promise<void> => {
        for (;;) {
          const ok = await fetch(`${m[1]}/health`).then(
            (res) => res.status === 200,
            () => false,
          );
          if (ok) return resolve({ printedMs, healthyMs: performance.now() - t0 });
          await new Promise((r) => setTimeout(r, 5));
        }
      };
      void poll();
    });
  }).finally(async () => {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
}
