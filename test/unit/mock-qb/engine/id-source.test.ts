import { expect, test } from 'vitest';
import { IdSource } from '../../../../mock-qb/engine/id-source.js';

test('a seeded id source reproduces the same ids', () => {
  const a = new IdSource('seed-1');
  const b = new IdSource('seed-1');
  const seq = (s: IdSource) => [s.guid(), s.handle('rp'), s.int(1000), s.guid(false)];
  expect(seq(a)).toEqual(seq(b));
  expect(new IdSource('seed-2').guid()).not.toBe(new IdSource('seed-1').guid());
});

test('guids are braced version-4 GUIDs', () => {
  const ids = new IdSource(42);
  for (let i = 0; i < 50; i++)
    expect(ids.guid()).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
});

test('an unseeded id source is random', () => {
  const a = new IdSource();
  expect(a.seeded).toBe(false);
  expect(a.guid()).not.toBe(a.guid());
});
