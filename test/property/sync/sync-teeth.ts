// The teeth of the sync properties: the same property, run against a copy of the reference connector with one bug
// planted, must fail within the CI budget — and shrink to a short scenario the scenario language accepts.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { loadScenario } from '../../../src/scenario/index.js';
import { SYNC_RUN_EPILOGUE, SYNC_RUN_PRELUDE, SyncBench } from '../../../src/testing/sync/sync-bench.js';
import { syncStateProperty } from '../../../src/testing/sync/sync-property.js';
import { assertProperty, propertySettings } from '../property-settings.js';
import { plantedConnector, type PlantedBug } from './planted-connector.js';
import { syncScenarioWorld } from './sync-scenario-world.js';

export async function expectCaught(bug: PlantedBug, invariant: RegExp): Promise<void> {
  const planted = await plantedConnector(bug);
  const bench = await SyncBench.start({ seed: `teeth-${bug.name}`, connector: planted.factory });
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-teeth-'));
  try {
    const name = `sync-teeth-${bug.name.replace(/\W+/g, '-')}`;
    const settings = propertySettings(name, { numRuns: 60 });
    let failure: Error | undefined;
    await assertProperty(
      name,
      syncStateProperty(bench),
      { ...settings, interruptAfterTimeLimit: 25_000 },
      { dir, world: syncScenarioWorld(), prelude: SYNC_RUN_PRELUDE, epilogue: SYNC_RUN_EPILOGUE },
    ).catch((e: Error) => (failure = e));
    expect(failure, `the planted bug "${bug.name}" was not found`).toBeDefined();
    expect(failure!.message).toMatch(invariant);
    const file = /The shrunk run as a scenario: (.*)$/m.exec(failure!.message)?.[1];
    expect(file).toBeDefined();
    const scenario = readFileSync(file!, 'utf8');
    const steps = scenario.split('\n').filter((l) => /^ {2}(- |#)/.test(l));
    expect(steps.length).toBeLessThanOrEqual(SYNC_RUN_PRELUDE.length + SYNC_RUN_EPILOGUE.length + 12);
    // The file is a scenario the scenario language accepts (comments aside, every step is one of its actions).
    expect(loadScenario(file!).steps.length).toBeGreaterThan(SYNC_RUN_PRELUDE.length);
    console.log(`${bug.name}:\n${failure!.message.split('\n').slice(0, 6).join('\n')}\n${scenario}`);
  } finally {
    await bench.dispose();
    planted.cleanup();
  }
}
