// The two bundled desktop connectors — a pywin32 one (python3) and a C# one in the style of Intuit's RequestProcessor2
// samples (mono) — driven by the harness as `qbd-sim run --connector scenarios/connectors/<name>.yaml` drives them:
// the harness puts their language's front door in place and nothing in them knows qbd-sim. Each goes through flows
// A, B and C and the failures "app removed", "file in the wrong mode" and "64-bit caller".
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'vitest';
import { loadConnectorDescription } from '../../src/harness/index.js';
import { loadScenario, runScenario } from '../../src/scenario/index.js';
import { requireProgram } from '../support/system-programs.js';

const repo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCENARIOS = [
  'flow-a-remove.yaml',
  'flow-b-authorize.yaml',
  'flow-c-token-per-file.yaml',
  'failure-app-removed.yaml',
  'failure-single-user-demand.yaml',
  'failure-64-bit-caller.yaml',
];

const python = requireProgram('python3');
const mono = requireProgram('mono');
const mcs = requireProgram('mcs');

for (const [connector, skip] of [
  ['python-desktop', python.skip],
  ['csharp-desktop', mono.skip || mcs.skip],
] as const) {
  describe.skipIf(skip)(`${connector} (scenarios/connectors/${connector}.yaml)`, () => {
    for (const file of SCENARIOS) {
      test.concurrent(file, async () => {
        const description = loadConnectorDescription(path.join(repo, 'scenarios', 'connectors', `${connector}.yaml`));
        const result = await runScenario(loadScenario(path.join(repo, 'scenarios', file)), { connector: description });
        if (!result.passed) throw new Error(result.failure!.message);
      });
    }
  });
}
