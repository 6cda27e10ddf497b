import { expect, test } from 'vitest';
import { advanceWatermark, watermarkInstant } from '../../../../src/connector/watermark.js';

test('the newest TimeModified is chosen by its instant, not its text, across the fall-back hour', () => {
  // New York, 2024-11-03: 01:50 EDT (-04:00) is before 01:10 EST (-05:00).
  const edt = '2024-11-03T01:50:00-04:00';
  const est = '2024-11-03T01:10:00-05:00';
  expect(est < edt).toBe(true); // the trap: as text, EST sorts first
  expect(advanceWatermark(undefined, [est, edt])).toBe(est);
  expect(advanceWatermark(edt, [est])).toBe(est);
  expect(advanceWatermark(est, [edt])).toBe(est);
});

test('the watermark keeps QuickBooks text with its offset; values without an offset are ignored', () => {
  expect(advanceWatermark(undefined, [])).toBeUndefined();
  expect(advanceWatermark(undefined, ['2024-03-10T03:00:00-04:00'])).toBe('2024-03-10T03:00:00-04:00');
  expect(advanceWatermark('2024-03-10T01:59:59-05:00', ['2024-03-10T03:00:00'])).toBe('2024-03-10T01:59:59-05:00');
  expect(watermarkInstant('2024-03-10T03:00:00-04:00')).toBe(Date.UTC(2024, 2, 10, 7, 0, 0));
  expect(watermarkInstant('2024-03-10T03:00:00')).toBeUndefined();
});

test('an equal instant in another offset does not move the watermark', () => {
  expect(advanceWatermark('2024-06-01T10:00:00-04:00', ['2024-06-01T09:00:00-05:00'])).toBe(
    '2024-06-01T10:00:00-04:00',
  );
});
