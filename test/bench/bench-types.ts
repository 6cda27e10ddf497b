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
}
