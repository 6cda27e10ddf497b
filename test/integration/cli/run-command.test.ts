// `qbd-sim run` as a user runs it: the summary line, exit codes, shards, reporters, --connector.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { runCli } from './run-cli.js';

const FLOW_B = 'scenarios/flow-b-authorize.yaml';
const MODAL = 'scenarios/failure-modal-dialog.yaml';

test('two scenarios pass in process: the summary line, exit 0, a JUnit report', { timeout: 90_000 }, async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'qbd-sim-run-')), 'report.xml');
  const r = await runCli(['run', FLOW_B, MODAL, '--in-process', '--reporter', 'junit', '--out', out], {
    timeoutMs: 80_000,
  });
  expect(r.stdout).toBe('2 passed, 0 failed\n');
  expect(r.code).toBe(0);
  // Two at a time: the progress lines come in the order the scenarios finish.
  expect(r.stderr).toMatch(new RegExp(`\\[[12]/2\\] ok   ${MODAL}`));
  expect(r.stderr).toMatch(new RegExp(`\\[[12]/2\\] ok   ${FLOW_B}`));
  const xml = readFileSync(out, 'utf8');
  expect(xml).toContain('<testsuite name="scenarios" tests="2" failures="0"');
  expect(xml).toContain(`file="${FLOW_B}"`);
});

test('--shard picks every n-th file; JSON to stdout', { timeout: 90_000 }, async () => {
  const r = await runCli(['run', FLOW_B, MODAL, '--in-process', '--shard', '2/2', '--reporter', 'json'], {
    timeoutMs: 80_000,
  });
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout.slice(0, r.stdout.lastIndexOf('}') + 1)) as {
    version: number;
    results: { file: string; passed: boolean }[];
  };
  expect(report.results).toEqual([expect.objectContaining({ file: FLOW_B, passed: true })]);
  expect(r.stdout.trim().endsWith('1 passed, 0 failed')).toBe(true);
});

test(
  'a broken connector (--connector FILE): exit 1, the failing step and the difference',
  { timeout: 90_000 },
  async () => {
    const r = await runCli(
      // The expectation that fails waits its whole `within`: 3 s instead of the default 15 s.
      [
        'run',
        'scenarios/failure-app-removed.yaml',
        '--connector',
        'test/scenarios/fixtures/broken-connector.yaml',
        '--expect-within',
        '3000',
      ],
      { timeoutMs: 80_000 },
    );
    expect(r.stdout).toBe('0 passed, 1 failed\n');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/at step 9 \(scenarios\/failure-app-removed\.yaml:\d+\): expect: status/);
    expect(r.stderr).toContain('seen:     "Synchronizing with QuickBooks" → "Connected to Server"');
  },
);

test('bad input: exit 2', async () => {
  expect((await runCli(['run', 'scenarios/nope.yaml'])).code).toBe(2);
  expect((await runCli(['run', FLOW_B, '--shard', '3/2'])).code).toBe(2);
});
