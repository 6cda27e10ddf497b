import type { LatencySummary } from './bench-types.js';

/**
 * The `p`-th percentile (0–100) of ascending `sorted` samples by the nearest-rank method: the smallest sample such that
 * at least `p`% of the samples are ≤ it. Always one of the samples (never interpolated); p = 0 gives the minimum.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(rank, 1) - 1]!;
}

/** p50/p95/p99, mean and max of unsorted latency samples (ms). */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  if (samples.length === 0) return { p50: NaN, p95: NaN, p99: NaN, mean: NaN, max: NaN };
  const sorted = Float64Array.from(samples).sort();
  const asArray = Array.from(sorted);
  let sum = 0;
  for (const s of asArray) sum += s;
  return {
    p50: percentile(asArray, 50),
    p95: percentile(asArray, 95),
    p99: percentile(asArray, 99),
    mean: sum / asArray.length,
    max: asArray[asArray.length - 1]!,
  };
}
