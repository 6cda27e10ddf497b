import { expect, test } from 'vitest';
import { ManualClock } from '../../../../mock-qb/engine/clock.js';

test('a manual clock fires due timers in time order as it advances', () => {
  const clock = new ManualClock(1_000);
  const fired: string[] = [];
  clock.at(3_000, () => fired.push(`b@${clock.now()}`));
  clock.at(2_000, () => fired.push(`a@${clock.now()}`));
  const cancelled = clock.at(2_500, () => fired.push('cancelled'));
  cancelled.cancel();
  clock.advance(1_500);
  expect(fired).toEqual(['a@2000']);
  clock.advance(10_000);
  expect(fired).toEqual(['a@2000', 'b@3000']);
  expect(clock.now()).toBe(12_500);
});

test('a manual clock never goes backwards', () => {
  const clock = new ManualClock(5_000);
  expect(() => clock.set(4_999)).toThrow(/backwards/);
  expect(() => clock.advance(-1)).toThrow();
});

test('a timer scheduled by a timer fires in the same advance when due', () => {
  const clock = new ManualClock(0);
  const fired: number[] = [];
  clock.at(10, () => {
    fired.push(clock.now());
    clock.at(20, () => fired.push(clock.now()));
  });
  clock.advance(100);
  expect(fired).toEqual([10, 20]);
});
