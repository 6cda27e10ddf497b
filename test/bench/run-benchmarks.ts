// `npm run bench [-- --quick] [-- --only NAME]`: runs the benchmarks of benchmark-registry.ts on loopback, prints
// progress, a table and the ratios, and writes bench-results/latest.json. Every run is bounded and ends by itself.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchComparison, BenchOptions, BenchResult } from './bench-types.js';
import { BENCHMARKS, RATIOS } from './benchmark-registry.js';

/** Concurrent sessions of the bridge benchmarks (issue 10: 1, 4 and 16, multi-user). */
const CONCURRENCIES = [1, 4, 16] as const;
const FULL = { durationMs: 5_000, warmupMs: 1_000 };
const QUICK = { durationMs: 1_000, warmupMs: 1_000 };
/** Start-up, authorization and shutdown allowance per benchmark on top of its measured time. */
const SLACK_PER_BENCHMARK_MS = 60_000;
const RESULTS_FILE = fileURLToPath(new URL('../../bench-results/latest.json', import.meta.url));

const USAGE = `usage: npm run bench -- [--quick] [--only NAME]
  --quick       ${QUICK.durationMs / 1000} s per configuration (${QUICK.warmupMs / 1000} s warm-up) instead of ${FULL.durationMs / 1000} s (${FULL.warmupMs / 1000} s warm-up)
  --only NAME   run one benchmark (or several: NAME,NAME): ${BENCHMARKS.map((b) => b.name).join(', ')}
                (${BENCHMARKS.filter((b) => b.optIn)
                  .map((b) => b.name)
                  .join(', ')} only when named)`;

interface Args {
  quick: boolean;
  only: string | null;
}

function parseArgs(argv: readonly string[]): Args | { error: string } | 'help' {
  const args: Args = { quick: false, only: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') return 'help';
    else if (a === '--quick') args.quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const name = a === '--only' ? argv[++i] : a.slice('--only='.length);
      if (!name) return { error: '--only needs a benchmark name' };
      for (const one of name.split(',')) {
        if (!BENCHMARKS.some((b) => b.name === one)) {
          return { error: `unknown benchmark "${one}"; known: ${BENCHMARKS.map((b) => b.name).join(', ')}` };
        }
      }
      args.only = name;
    } else return { error: `unknown option "${a}"` };
  }
  return args;
}

function environment() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${os.release()} ${process.arch}`,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpuCores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
  };
}

interface Ratio {
  label: string;
  numerator: string;
  denominator: string;
  concurrency: number;
  ratio: number;
}

function ratios(results: readonly BenchResult[]): Ratio[] {
  const out: Ratio[] = [];
  for (const r of RATIOS) {
    for (const num of results.filter((x) => x.name === r.numerator)) {
      const den = results.find((x) => x.name === r.denominator && x.concurrency === num.concurrency);
      if (den && den.opsPerSec > 0)
        out.push({ ...r, concurrency: num.concurrency, ratio: num.opsPerSec / den.opsPerSec });
    }
  }
  return out;
}

function table(results: readonly BenchResult[]): string {
  const units = new Set(results.map((r) => r.unit));
  const rateHeader = units.size === 1 ? `${[...units][0]}s/s` : 'ops/s';
  const ms = (n: number) => n.toFixed(2);
  const rows = [
    ['name', 'concurrency', rateHeader, 'p50 ms', 'p95 ms', 'p99 ms'],
    ...results.map((r) => [
      r.name,
      String(r.concurrency),
      r.opsPerSec.toFixed(0),
      ms(r.latencyMs.p50),
      ms(r.latencyMs.p95),
      ms(r.latencyMs.p99),
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  const line = (row: string[]) =>
    row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

const figure = (v: number): string =>
  v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(3);

function comparisonLine(c: BenchComparison): string {
  const against = c.against ? ` vs ${figure(c.against.value)} ${c.unit} (${c.against.label})` : '';
  const ratio = c.ratio !== undefined ? ` = ${c.ratio.toFixed(2)}×` : '';
  return `${c.label}: ${figure(c.value)} ${c.unit}${against}${ratio}; target ${c.target}: ${c.met ? 'met' : 'MISSED'}`;
}

/** The figures held against targets, side by side with what they are compared with. */
function comparisonTable(list: readonly BenchComparison[]): string {
  const rows = [
    ['measured', 'figure', 'against', 'ratio', 'target', ''],
    ...list.map((c) => [
      c.label,
      `${figure(c.value)} ${c.unit}`,
      c.against ? `${figure(c.against.value)} ${c.unit} (${c.against.label})` : '',
      c.ratio !== undefined ? `${c.ratio.toFixed(2)}×` : '',
      c.target,
      c.met ? 'met' : 'MISSED',
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, col) => cell.padEnd(widths[col]!))
      .join('  ')
      .trimEnd();
  const notes = list.filter((c) => c.note).map((c) => `  ${c.label}: ${c.note}`);
  return [
    line(rows[0]!),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
    ...(notes.length ? ['', 'notes:', ...notes] : []),
  ].join('\n');
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    console.error(`run-benchmarks: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const timing = parsed.quick ? QUICK : FULL;
  const only = parsed.only?.split(',') ?? null;
  const selected = BENCHMARKS.filter((b) => (only === null ? !b.optIn : only.includes(b.name)));
  const env = environment();
  const startedAt = new Date().toISOString();

  // The run must end by itself: a stuck benchmark trips this and the process exits non-zero.
  const budgetMs = selected.reduce(
    (sum, b) =>
      sum +
      (b.budgetMs?.({ ...timing, concurrencies: CONCURRENCIES, quick: parsed.quick }) ??
        CONCURRENCIES.length * (timing.durationMs + timing.warmupMs) + SLACK_PER_BENCHMARK_MS),
    0,
  );
  const watchdog = setTimeout(() => {
    console.error(`run-benchmarks: still running after ${budgetMs / 1000} s, giving up`);
    process.exit(1);
  }, budgetMs);
  watchdog.unref();

  console.log(`qbd-sim benchmarks (${parsed.quick ? 'quick' : 'full'}), ${startedAt}`);
  console.log(`node ${env.node} on ${env.platform}`);
  console.log(`CPU: ${env.cpuModel}, ${env.cpuCores} cores`);
  console.log(
    `each configuration: ${timing.warmupMs / 1000} s warm-up + ${timing.durationMs / 1000} s measured; concurrency ${CONCURRENCIES.join(', ')}`,
  );

  const comparisons: BenchComparison[] = [];
  const options: BenchOptions = {
    ...timing,
    concurrencies: CONCURRENCIES,
    progress: (message) => console.log(`  … ${message}`),
    quick: parsed.quick,
    compare: (c) => {
      comparisons.push(c);
      console.log(`  = ${comparisonLine(c)}`);
    },
  };
  const results: BenchResult[] = [];
  for (const bench of selected) {
    console.log(`▶ ${bench.name}: ${bench.description}`);
    results.push(...(await bench.run(options)));
  }
  clearTimeout(watchdog);

  const computed = ratios(results);
  if (results.length) {
    console.log('');
    console.log(table(results));
  }
  if (computed.length) console.log('');
  for (const r of computed) console.log(`concurrency ${r.concurrency}: ${r.label} = ${r.ratio.toFixed(3)}`);
  if (comparisons.length) {
    console.log('');
    console.log(comparisonTable(comparisons));
  }

  const report = {
    startedAt,
    finishedAt: new Date().toISOString(),
    mode: parsed.quick ? 'quick' : 'full',
    options: { ...timing, concurrencies: CONCURRENCIES, only: parsed.only },
    environment: env,
    results,
    ratios: computed,
    comparisons,
  };
  await mkdir(path.dirname(RESULTS_FILE), { recursive: true });
  await writeFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nwrote ${RESULTS_FILE}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error('run-benchmarks: a benchmark failed:', error);
    process.exit(1);
  },
);
