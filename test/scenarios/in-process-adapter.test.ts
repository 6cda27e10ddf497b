// The in-process adapter (the reference connector as a library, the cloud through msw): the same scenarios pass, in
// a fraction of the time. One scenario at a time in this process (msw intercepts the whole process).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadScenario, runScenario } from '../../src/scenario/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');

for (const file of ['flow-b-authorize.yaml', 'failure-app-removed.yaml', 'qbwc-flow-b-add-application.yaml']) {
  test(`${file} with the in-process adapter`, async () => {
    const result = await runScenario(loadScenario(path.join(dir, file)), { adapter: 'in-process' });
    if (!result.passed) throw new Error(result.failure!.message);
    expect(result.stepsRun).toBe(result.stepsTotal);
  });
}
