import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { QBDSIM_ERRORS, QbdSimError } from '../../../../src/protocol/qbd-sim-error.js';

const readme = readFileSync(path.resolve(import.meta.dirname, '../../../../mock-qb/README.md'), 'utf8');

test('every simulator error code is documented in mock-qb/README.md with its meaning, and nothing else is', () => {
  const documented = new Map(
    [...readme.matchAll(/^\| `(QBDSIM_ERR_[A-Z_]+)` \| (\d{3}) \| (.+) \|$/gm)].map((m) => [m[1], m[3]!]),
  );
  expect([...documented.keys()].sort()).toEqual(Object.keys(QBDSIM_ERRORS).sort());
  for (const [code, text] of Object.entries(QBDSIM_ERRORS))
    expect(documented.get(code)).toContain(text.replace(/\.$/, ''));
});

test('a QbdSimError serializes to its code and message', () => {
  const error = new QbdSimError('QBDSIM_ERR_UNKNOWN_HOST', 'no host "X"');
  expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'QBDSIM_ERR_UNKNOWN_HOST', message: 'no host "X"' });
});
