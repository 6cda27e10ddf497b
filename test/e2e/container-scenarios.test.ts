// Bundled scenarios with the container target (`qbd-sim run --target container`): each scenario's world in its own
// qbd-sim container, the reference connector as a process on this machine, every step across the boundary.
// The RP2 flows only: the Web Connector scenarios need the container to reach a SOAP service on this machine, and
// the qbXML inspection steps need the mock in process.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { runSuite } from '../../src/scenario/index.js';

const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

test('flows A, B and C and a refused certificate, as bundled scenarios against containers', async () => {
  const files = [
    'flow-b-authorize.yaml',
    'flow-a-remove.yaml',
    'flow-c-token-per-file.yaml',
    'failure-certificate-no.yaml',
  ].map((f) => path.join(SCENARIOS, f));
  const lines: string[] = [];
  const suite = await runSuite(files, { target: 'container', jobs: 2, progress: (line) => lines.push(line) });
  expect(suite.failed, lines.join('\n')).toBe(0);
  expect(suite.passed).toBe(files.length);
});

test('a scenario step that needs the mock in process fails with a message that says so', async () => {
  const suite = await runSuite([path.join(SCENARIOS, 'failure-vendor-record-open.yaml')], { target: 'container' });
  expect(suite.failed).toBe(1);
  expect(suite.results[0]!.failure?.message).toMatch(/container target/);
});
