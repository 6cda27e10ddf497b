import { expect, test } from 'vitest';
import { Journal } from '../../../../mock-qb/engine/journal.js';

const entry = (i: number) => ({ at: i, hostId: 'H', actor: 'ui' as const, kind: 'ui.x', summary: `#${i}` });

test('the journal never records passwords or token keys', () => {
  const j = new Journal();
  const e = j.record({
    ...entry(1),
    data: { user: 'Admin', password: 'hunter2', nested: { tokenKey: 'abc', keep: 1 } },
  });
  expect(JSON.stringify(e)).not.toContain('hunter2');
  expect(JSON.stringify(e)).not.toContain('abc');
  expect(e.data).toEqual({ user: 'Admin', password: '***', nested: { tokenKey: '***', keep: 1 } });
});

test('a full journal drops the oldest entries and says so loudly', () => {
  const j = new Journal(10);
  for (let i = 1; i <= 100; i++) j.record(entry(i));
  const list = j.list();
  expect(list.length).toBeLessThanOrEqual(10);
  expect(list.at(-1)!.summary).toMatch(/#100|JOURNAL FULL/);
  expect(list.some((e) => e.kind === 'journal.dropped' && e.summary.startsWith('JOURNAL FULL'))).toBe(true);
  expect(j.stats().dropped).toBeGreaterThan(0);
  expect(list[0]!.summary).not.toBe('#1');
});

test('list filters by sequence, host and actor', () => {
  const j = new Journal();
  j.record(entry(1));
  j.record({ ...entry(2), hostId: 'OTHER', actor: 'app' });
  j.record(entry(3));
  expect(j.list({ since: 1 }).map((e) => e.summary)).toEqual(['#2', '#3']);
  expect(j.list({ hostId: 'OTHER' }).map((e) => e.summary)).toEqual(['#2']);
  expect(j.list({ actor: 'ui', limit: 1 }).map((e) => e.summary)).toEqual(['#1']);
});

test('large values are cut and the journal stays within its size budget', () => {
  const j = new Journal({ capacity: 1000, maxChars: 100_000, maxFieldChars: 1_000 });
  const big = 'x'.repeat(50_000);
  const first = j.record({ ...entry(1), data: { response: big } });
  expect(String(first.data!['response'])).toMatch(/^x{1000}…\[cut: 50000 chars in all\]$/);
  for (let i = 2; i <= 500; i++) j.record({ ...entry(i), data: { response: big } });
  expect(j.stats().chars).toBeLessThanOrEqual(100_000 + 2_000);
  expect(j.list().some((e) => e.kind === 'journal.dropped')).toBe(true);
});
