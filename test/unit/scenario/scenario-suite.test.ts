// The reporters and the partial matcher the cloud expectation uses.
import { expect, test } from 'vitest';
import {
  formatJsonReport,
  formatJunitReport,
  partialMatch,
  summaryLine,
  type SuiteResult,
} from '../../../src/scenario/index.js';

const suite: SuiteResult = {
  passed: 1,
  failed: 1,
  durationMs: 4_200,
  results: [
    {
      file: 'scenarios/a.yaml',
      name: 'A & B',
      seed: 'a',
      passed: true,
      durationMs: 1_000,
      stepsRun: 3,
      stepsTotal: 3,
      steps: [],
      connectorProcesses: 0,
    },
    {
      file: 'scenarios/b.yaml',
      name: 'B "quoted"',
      seed: 'b',
      passed: false,
      durationMs: 3_200,
      stepsRun: 1,
      stepsTotal: 4,
      steps: [],
      connectorProcesses: 0,
      failure: {
        step: { number: '2', file: 'scenarios/b.yaml', line: 9, text: 'expect: status, is: Connected to Server' },
        expected: 'status "Connected to Server"',
        seen: '"Unable to open QuickBooks file" (hresult=0x80040418)',
        journal: [],
        connector: '',
        message: 'FAIL scenarios/b.yaml <details>',
      },
    },
  ],
};

test('the summary line is exactly "N passed, N failed"', () => {
  expect(summaryLine(suite)).toBe('1 passed, 1 failed');
  expect(JSON.parse(formatJsonReport(suite))).toMatchObject({ version: 1, summary: '1 passed, 1 failed', failed: 1 });
});

test('JUnit XML: one testcase per scenario, the failure with the step and the difference, escaped', () => {
  const xml = formatJunitReport(suite);
  expect(xml).toContain('<testsuite name="scenarios" tests="2" failures="1" errors="0" skipped="0" time="4.200">');
  expect(xml).toContain('name="scenarios/a.yaml — A &amp; B" file="scenarios/a.yaml" time="1.000"/>');
  expect(xml).toContain(
    '<failure message="step 2: expected status &quot;Connected to Server&quot;; seen &quot;Unable to open QuickBooks file&quot; (hresult=0x80040418)">FAIL scenarios/b.yaml &lt;details&gt;</failure>',
  );
});

test('partialMatch: fields, nested objects, lists matched item by item', () => {
  const state = {
    activeKey: true,
    bills: [
      { refNumber: 'A', status: 'entered' },
      { refNumber: 'B', status: 'pending' },
    ],
  };
  expect(partialMatch({ activeKey: true, bills: [{ status: 'pending' }, { refNumber: 'A' }] }, state)).toBeNull();
  expect(partialMatch({ activeKey: false }, state)).toBe('activeKey is true, not false');
  expect(partialMatch({ bills: [{ refNumber: 'C' }] }, state)).toMatch(/^bills\[0\] \{"refNumber":"C"\}: no such item/);
  expect(partialMatch({ bills: [{ refNumber: 'A' }, { refNumber: 'A' }] }, state)).toMatch(/^bills\[1\]/);
});
