// The runner's statistics on known data (no timing is measured or asserted here).
import { expect, test } from 'vitest';
import { percentile, summarizeLatencies } from '../../bench/bench-stats.js';

const ONE_TO_HUNDRED = Array.from({ length: 100 }, (_, i) => i + 1);

test('percentile by nearest rank on 1..100 gives the rank itself', () => {
  expect(percentile(ONE_TO_HUNDRED, 50)).toBe(50);
  expect(percentile(ONE_TO_HUNDRED, 95)).toBe(95);
  expect(percentile(ONE_TO_HUNDRED, 99)).toBe(99);
  expect(percentile(ONE_TO_HUNDRED, 100)).toBe(100);
  expect(percentile(ONE_TO_HUNDRED, 0)).toBe(1);
});

test('percentile never interpolates: it answers one of the samples', () => {
  const sorted = [10, 20, 30, 40];
  expect(percentile(sorted, 50)).toBe(20);
  expect(percentile(sorted, 51)).toBe(30);
  expect(percentile(sorted, 75)).toBe(30);
  expect(percentile(sorted, 99)).toBe(40);
  expect(percentile([7], 1)).toBe(7);
  expect(percentile([7], 99)).toBe(7);
});

test('percentile refuses no samples and a p outside 0..100', () => {
  expect(() => percentile([], 50)).toThrow(RangeError);
  expect(() => percentile([1, 2], 101)).toThrow(RangeError);
  expect(() => percentile([1, 2], -1)).toThrow(RangeError);
  expect(() => percentile([1, 2], NaN)).toThrow(RangeError);
});

test('summarizeLatencies sorts unsorted samples numerically, not as strings', () => {
  const shuffled = [...ONE_TO_HUNDRED].reverse();
  shuffled.push(1000); // 101 samples: rank of p99 is ceil(99.99) = 100
  expect(summarizeLatencies(shuffled)).toEqual({ p50: 51, p95: 96, p99: 100, mean: (5050 + 1000) / 101, max: 1000 });
  expect(summarizeLatencies([9, 100, 20])).toMatchObject({ p50: 20, max: 100 });
});
