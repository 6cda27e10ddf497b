/**
 * The shapes every benchmark shares. A benchmark is one file in test/bench/ that exports a {@link Benchmark};
 * run-benchmarks.ts lists them in benchmark-registry.ts, runs them, prints a table and writes
 * bench-results/latest.json.
 */

/** How long and how hard to measure; set by the runner (`--quick` shortens every configuration). */
export interface BenchOptions {
  /** Wall time measured per configuration. */
  durationMs: number;
  /** Wall time run before measuring, per configuration (results thrown away). */
  warmupMs: number;
  /** Concurrency levels to measure (each worker runs its operations one after the other). */
  concurrencies: readonly number[];
  /** Prints one progress line (long runs must show they are alive). */
  progress: (message: string) => void;
  /** True with `--quick`: benchmarks with long set-up (big companies) shrink it too. */
  quick: boolean;
  /** Records a figure measured against a target (a ratio to a floor, or an absolute limit); the runner prints them. */
  compare: (comparison: BenchComparison) => void;
}

/**
 * A figure held against a target: the simulator's cost beside its floor (the bare cost of the same work done the
 * simplest way, e.g. parsing the request and building the response with xml2js) and their ratio, or an absolute
 * figure (peak memory) beside its limit.
 */
export interface BenchComparison {
  /** The benchmark that measured it (`qbxml`). */
  benchmark: string;
  /** Short, stable (`bill-add`). */
  name: string;
  /** What was measured (`ProcessRequest BillAdd, 5 expense lines`). */
  label: string;
  value: number;
  /** Unit of `value` and of `against.value` (`µs/request`, `MiB`). */
  unit: string;
  /** What it is compared with: the floor, or another measured figure. */
  against?: { label: string; value: number };
  /** `value ÷ against.value`. */
  ratio?: number;
  /** The target, as text (`≤ 2×`, `< 2048 MiB`). */
  target: string;
  met: boolean;
  /** Anything a reader needs to weigh the figure (sample sizes, what was scaled down in --quick). */
  note?: string;
}

/** Latency percentiles of one operation, in milliseconds. */
export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
}

/** One measured configuration of one benchmark: a row of the table. */
export interface BenchResult {
  /** The benchmark's name (`rp2-sessions`). */
  name: string;
  concurrency: number;
  /** What one operation is (`session`); the table's throughput column is `<unit>s/s`. */
  unit: string;
  /** Operations completed inside the measured window. */
  ops: number;
  /** Length of the measured window. */
  elapsedMs: number;
  opsPerSec: number;
  latencyMs: LatencySummary;
}

/** A benchmark: its name (used by `--only`) and how to run all its configurations. */
export interface Benchmark {
  name: string;
  /** One line saying what is measured. */
  description: string;
  run(options: BenchOptions): Promise<BenchResult[]>;
  /** Runs only when named with `--only` (it takes long or measures something else: `npm test` itself). */
  optIn?: boolean;
  /** The most wall time a run may take (the runner's watchdog); default: per concurrency duration and warm-up + 60 s. */
  budgetMs?(options: Pick<BenchOptions, 'durationMs' | 'warmupMs' | 'concurrencies' | 'quick'>): number;
}
