// Every bundled scenario file (scenarios/*.yaml) as a test: `npm test` runs them against the reference connector
// (as its own process) and the embedded fake QuickBooks. A failure prints the runner's story (step, seed, expectation,
// what was seen, journal).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadScenario, runScenario } from '../../src/scenario/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

test('there are bundled scenarios', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  test.concurrent(file, async () => {
    const result = await runScenario(loadScenario(path.join('scenarios', file)));
    if (!result.passed) throw new Error(result.failure!.message);
  });
}
