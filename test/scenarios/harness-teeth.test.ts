// The harness's test of its own teeth (issue 6): a connector that ignores BeginSession failures makes the scenario
// "app removed → Unable to open QuickBooks file (0x80040418)" fail, and a copy of the reference connector that resends
// a bill after a lost answer makes "answer lost mid-sync" fail — each with a message that names the step and the
// difference. The same scenarios pass with the reference connector (the `scenarios` project runs them).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadConnectorDescription } from '../../src/harness/index.js';
import { loadScenario, runScenario } from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..');

test('a connector that ignores BeginSession failures fails the app-removed scenario at its status step', async () => {
  const broken = loadConnectorDescription(path.join(here, 'fixtures', 'broken-connector.yaml'));
  const scenario = loadScenario(path.join(repo, 'scenarios', 'failure-app-removed.yaml'));
  const result = await runScenario(scenario, { connector: broken, expectWithinMs: 3_000 });

  expect(result.passed).toBe(false);
  const failure = result.failure!;
  const step = scenario.steps.find(
    (s) => s.action.verb === 'expect' && s.action.action === 'status' && s.text.includes('0x80040418'),
  )!;
  expect(failure.step).toMatchObject({ number: step.number, line: step.line });
  expect(failure.expected).toBe(
    `status "Unable to open QuickBooks file" with hresult 0x80040418 for ${scenario.world.connector.companies[0]}`,
  );
  expect(failure.seen).toContain('"Connected to Server"');
  expect(failure.message).toContain(`at step ${step.number} (${scenario.file}:${step.line})`);
  expect(failure.message).toContain('seed: app-removed');
  // The journal around it shows what QuickBooks really answered.
  expect(failure.journal.join('\n')).toMatch(/rp2.BeginSession: .* → 0x80040418/);
  console.log(failure.message);
});

test('a connector that resends a bill after a lost answer fails the answer-lost scenario at its count-1 BillQuery', async () => {
  const broken = loadConnectorDescription(path.join(here, 'fixtures', 'broken-resend-connector.yaml'));
  const scenario = loadScenario(path.join(repo, 'scenarios', 'failure-answer-lost-mid-sync.yaml'));
  const result = await runScenario(scenario, { connector: broken, expectWithinMs: 3_000 });

  expect(result.passed).toBe(false);
  const failure = result.failure!;
  // The first BillQuery expectation (right after the lost answer) still holds: one bill. The one after the resumed
  // sync fails: QuickBooks has the bill twice.
  const step = scenario.steps.find(
    (s) => s.action.verb === 'expect' && s.action.action === 'qbxml' && s.text.includes('KM-77'),
  )!;
  expect(failure.step).toMatchObject({ number: step.number, line: step.line });
  expect(failure.expected).toBe(`1 BillRet with {"RefNumber":"KM-77"} in ${scenario.world.connector.companies[0]}`);
  expect(failure.seen).toMatch(/^2 matching/);
  expect(failure.message).toContain(`at step ${step.number} (${scenario.file}:${step.line})`);
  expect(failure.message).toContain('seed: answer-lost');
  console.log(failure.message);
});
