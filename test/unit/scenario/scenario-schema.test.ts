// The scenario language: every bundled file loads, groups expand, and a file that does not read says where (file,
// line, step) and what was expected.
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadScenario, ScenarioSyntaxError } from '../../../src/scenario/index.js';
import { findScenarioFiles, parseShard, shardOf } from '../../../src/scenario/index.js';

const scenariosDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'scenarios');

function scenarioFile(body: string, groups: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-schema-'));
  mkdirSync(path.join(dir, 'groups'));
  for (const [name, text] of Object.entries(groups)) writeFileSync(path.join(dir, 'groups', `${name}.yaml`), text);
  const file = path.join(dir, 'story.yaml');
  writeFileSync(file, body);
  return file;
}

function syntaxError(file: string): ScenarioSyntaxError {
  try {
    loadScenario(file);
  } catch (error) {
    if (error instanceof ScenarioSyntaxError) return error;
    throw error;
  }
  throw new Error('the scenario loaded');
}

test('every bundled scenario loads', () => {
  const files = readdirSync(scenariosDir).filter((f) => f.endsWith('.yaml'));
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const f of files) expect(loadScenario(path.join(scenariosDir, f)).steps.length).toBeGreaterThan(0);
});

test('an unknown action names the file, the line, the step and the actions expected', () => {
  const file = scenarioFile('name: x\nseed: 1\nsteps:\n  - qb: switch-mode\n    mode: single-user\n  - qb: fly\n');
  const e = syntaxError(file);
  expect(e.line).toBe(6);
  expect(e.message).toContain(`${file}:6: step 2 (qb: fly): unknown qb action "fly"; expected one of: launch, exit,`);
});

test('a wrong argument points at its own line and says what was expected', () => {
  const file = scenarioFile('name: x\nseed: 1\nsteps:\n  - connector: start\n  - qb: switch-mode\n    mode: both\n');
  const e = syntaxError(file);
  expect(e.line).toBe(6);
  expect(e.message).toMatch(
    /step 2 \(qb: switch-mode, mode: both\): qb switch-mode: mode: .*"single-user".*"multi-user"/,
  );
});

test('an unknown key lists the keys allowed', () => {
  const file = scenarioFile(
    'name: x\nseed: 1\nsteps:\n  - expect: status\n    is: Connected to Server\n    colour: red\n',
  );
  expect(syntaxError(file).message).toMatch(/colour.*allowed: file, is, hresult, reason, within, advancing, timeout/);
});

test('a step without an actor, and a missing seed', () => {
  expect(syntaxError(scenarioFile('name: x\nseed: 1\nsteps:\n  - wait: 5s\n')).message).toContain(
    'expected one of "qb:", "connector:", "cloud:", "webconnector:", "clock:", "fault:", "expect:", "use:"',
  );
  const e = syntaxError(scenarioFile('name: x\nsteps:\n  - connector: start\n'));
  expect(e.message).toContain('scenario: seed:');
});

test('use: expands a group with its parameters; its steps say where they came from', () => {
  const group =
    'name: tidy\nparams: { app: AP Connector }\nsteps:\n  - qb: open-preferences\n  - qb: remove-app\n    app: ${app}\n';
  const file = scenarioFile(
    'name: x\nseed: 1\nsteps:\n  - connector: exit\n  - use: tidy\n    with: { app: Other App }\n',
    {
      tidy: group,
    },
  );
  const s = loadScenario(file);
  expect(s.steps.map((x) => x.number)).toEqual(['1', '2.1', '2.2']);
  expect(s.steps[2]).toMatchObject({
    line: 5,
    action: { verb: 'qb', action: 'remove-app', args: { app: 'Other App' } },
  });
  expect(s.steps[2]!.via).toBe(`use: tidy (${file}:5)`);
  expect(syntaxError(scenarioFile('name: x\nseed: 1\nsteps:\n  - use: nope\n', { tidy: group })).message).toContain(
    'unknown step group "nope"; looked in ',
  );
});

test('world.qb errors point into the world; company references must exist', () => {
  const bad = scenarioFile('name: x\nseed: 1\nworld:\n  qb:\n    hosts: []\nsteps:\n  - connector: start\n');
  expect(syntaxError(bad).message).toContain('world.qb: world.qb.hosts:');
  const ref = scenarioFile(
    'name: x\nseed: 1\nworld:\n  connector:\n    companies: [Nowhere.QBW]\nsteps:\n  - connector: start\n',
  );
  expect(syntaxError(ref).message).toContain('no company file "Nowhere.QBW"');
});

test('durations, shards and discovery', () => {
  const s = loadScenario(
    scenarioFile(
      'name: x\nseed: 7\nsteps:\n  - clock: advance\n    by: 5m\n  - expect: mode\n    is: multi-user\n    within: 1.5s\n',
    ),
  );
  expect(s.seed).toBe('7');
  expect(s.steps[0]!.action.args).toEqual({ by: 300_000 });
  expect(s.steps[1]!.action.args).toMatchObject({ within: 1_500 });
  expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
  expect(() => parseShard('4/3')).toThrow('--shard');
  expect(shardOf(['a', 'b', 'c', 'd', 'e'], { index: 2, count: 2 })).toEqual(['b', 'd']);
  expect(findScenarioFiles([scenariosDir]).every((f) => !f.includes(`${path.sep}groups${path.sep}`))).toBe(true);
});
