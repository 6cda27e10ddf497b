// Step groups for scenarios outside scenarios/: found beside the scenario, then in --groups DIR, then among the bundled
// ones; an unknown name says every place searched and what each held; the bundled groups take the connector's own
// application and statuses.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { loadScenario, ScenarioSyntaxError, scenarioLoadOptions } from '../../../src/scenario/index.js';
import { repoRoot } from '../../../src/harness/index.js';

const tidy = (step: string) => `name: tidy\nparams: { app: '' }\nsteps:\n  - ${step}\n`;

function layout(): { dir: string; scenario: (body: string) => string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-groups-'));
  return {
    dir,
    scenario: (body: string) => {
      const file = path.join(dir, 'mine', 'story.yaml');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `name: x\nseed: 1\nsteps:\n${body}`);
      return file;
    },
  };
}

function problem(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioSyntaxError) return error.message;
    throw error;
  }
  throw new Error('it loaded');
}

test('a scenario outside scenarios/ uses the bundled groups', () => {
  const { scenario } = layout();
  const s = loadScenario(scenario('  - use: remove-app\n'));
  expect(s.steps.map((x) => `${x.action.verb}: ${x.action.action}`)).toEqual([
    'qb: open-preferences',
    'qb: remove-app',
    'qb: close-preferences',
    'expect: app',
  ]);
  expect(s.steps[1]!.file).toBe(path.join(repoRoot(), 'scenarios', 'groups', 'remove-app.yaml'));
  // No app given: the argument is left out, so the step acts on the connector's own application.
  expect(s.steps[1]!.action.args).toEqual({});
});

test('beside the scenario wins over --groups, which wins over the bundled groups', () => {
  const { dir, scenario } = layout();
  const file = scenario('  - use: tidy\n  - use: remove-app\n');
  mkdirSync(path.join(dir, 'shared'));
  writeFileSync(path.join(dir, 'shared', 'tidy.yaml'), tidy('qb: close-preferences'));
  writeFileSync(path.join(dir, 'shared', 'remove-app.yaml'), tidy('qb: exit').replace('tidy', 'remove-app'));
  const viaGroups = loadScenario(file, { groupsDir: path.join(dir, 'shared') });
  expect(viaGroups.steps.map((x) => x.action.action)).toEqual(['close-preferences', 'exit']);
  mkdirSync(path.join(dir, 'mine', 'groups'));
  writeFileSync(path.join(dir, 'mine', 'groups', 'tidy.yaml'), tidy('qb: launch'));
  const beside = loadScenario(file, { groupsDir: path.join(dir, 'shared') });
  expect(beside.steps.map((x) => x.action.action)).toEqual(['launch', 'exit']);
});

test('an unknown group names every place searched, what each holds, and what to do', () => {
  const { dir, scenario } = layout();
  const file = scenario('  - use: remove-ap\n');
  const text = problem(() => loadScenario(file, { groupsDir: path.join(dir, 'nowhere') }));
  expect(text).toContain(`${file}:4: step 1: unknown step group "remove-ap"`);
  expect(text).toContain(`${path.join(dir, 'mine', 'groups')} (beside the scenario: no such folder)`);
  expect(text).toContain(`${path.join(dir, 'nowhere')} (--groups: no such folder)`);
  expect(text).toMatch(/scenarios\/groups \(bundled with qbd-sim: [^)]*remove-app/);
  expect(text).toContain('Put NAME.yaml');
  expect(problem(() => loadScenario(file))).toContain('or pass --groups DIR');
});

test('with: a parameter the group does not have is refused, naming its parameters', () => {
  const { scenario } = layout();
  const text = problem(() => loadScenario(scenario('  - use: remove-app\n    with: { application: X }\n')));
  expect(text).toContain('the group "remove-app"');
  expect(text).toContain('has no parameter application; its parameters: app');
});

test("the bundled reauthorize expects the description's connected status", () => {
  const { scenario } = layout();
  const file = scenario('  - use: reauthorize\n  - expect: status\n    is: ${failed}\n');
  const statusOf = (s: ReturnType<typeof loadScenario>) =>
    s.steps.filter((x) => x.action.action === 'status').map((x) => (x.action.args as { is: string }).is);
  expect(statusOf(loadScenario(file))).toEqual(['Connected to Server', 'Unable to open QuickBooks file']);
  const mine = scenarioLoadOptions({
    connector: {
      name: 'x',
      command: ['x'],
      transports: ['rp2'],
      status: { from: 'stdout' },
      statuses: { connected: 'Synced', failed: 'QuickBooks unavailable' },
    },
  });
  expect(statusOf(loadScenario(file, mine))).toEqual(['Synced', 'QuickBooks unavailable']);
});

test("a group step's text shows the parameters' values, and leaves out an argument whose parameter is empty", () => {
  const { scenario } = layout();
  const s = loadScenario(scenario('  - use: reauthorize\n'));
  expect(s.steps.map((x) => x.text)).toContain('expect: status, is: Connected to Server');
  expect(s.steps.map((x) => x.text)).toContain('expect: dialog, kind: certificate');
});
