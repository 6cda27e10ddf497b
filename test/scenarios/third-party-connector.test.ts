// Acceptance of "bring your own connector" (issue 20): quickbooks-js 1.0.0, a Web Connector service from npm not
// written here, installed unchanged and started the way its README says (`node bin/run`, QB_* variables), printing
// nothing for qbd-sim — through flow B, flow A (removed → the next update fails as QBWC and QuickBooks do →
// reauthorized → ok) and a wrong password, with the default --jobs, from a description and scenarios that use only
// documented features (test/fixtures/third-party/).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConnectorDescription } from '../../src/harness/index.js';
import { findScenarioFiles, runSuite } from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, '..', 'fixtures', 'third-party');

beforeAll(() => {
  // The password the fake Web Connector types is read from qbd-sim's own environment (password: { env }).
  process.env['QBJS_PASSWORD'] = 'not-a-real-secret';
});
afterAll(() => {
  delete process.env['QBJS_PASSWORD'];
});

test('quickbooks-js from npm: flow B, flow A with removal and reauthorization, a wrong password — default --jobs', async () => {
  const connector = loadConnectorDescription(path.join(fixtures, 'quickbooks-js.yaml'));
  const files = findScenarioFiles([path.join(fixtures, 'scenarios')]);
  expect(files.map((f) => path.basename(f))).toEqual([
    'flow-a-remove-reauthorize.yaml',
    'flow-b-add-application.yaml',
    'wrong-password.yaml',
  ]);
  const suite = await runSuite(files, { connector, expectWithinMs: 5_000 });
  for (const r of suite.results) if (!r.passed) console.error(r.failure!.message);
  expect(suite.results.map((r) => [path.basename(r.file), r.passed])).toEqual(
    files.map((f) => [path.basename(f), true]),
  );
  // Each scenario started the service once (and ran no other command): nothing of qbd-sim's inside it.
  expect(suite.results.map((r) => r.connectorProcesses)).toEqual([1, 1, 1]);
});

test('the same service held to a wrong expectation fails at that step, naming what QBWC showed and how to reproduce', async () => {
  const connector = loadConnectorDescription(path.join(fixtures, 'quickbooks-js.yaml'));
  const { loadScenario, runScenario } = await import('../../src/scenario/index.js');
  const scenario = loadScenario(path.join(fixtures, 'scenarios', 'flow-a-remove-reauthorize.yaml'));
  const step = scenario.steps.find((s) => s.text.includes('QBWC1013'))!;
  (step.action.args as { qbwcCode?: string }).qbwcCode = 'QBWC1012';
  const result = await runScenario(scenario, { connector, expectWithinMs: 5_000 });
  expect(result.passed).toBe(false);
  expect(result.failure!.expected).toBe('the update to end with QBWC1012');
  expect(result.failure!.seen).toMatch(/^outcome error QBWC1013: QBWC1013: Error connecting to QuickBooks/);
  expect(result.failure!.journal.join('\n')).toContain('→ 0x80040418');
  expect(result.failure!.message).toContain(
    `reproduce: npx qbd-sim run ${scenario.file} --connector ${path.join(fixtures, 'quickbooks-js.yaml')}`,
  );
});
