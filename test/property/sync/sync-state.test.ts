// Sync-state properties of the reference connector against the fake QuickBooks and the fake AP cloud (in process):
// generated interleavings of cloud changes, QuickBooks UI edits, syncs, faults, restarts and races (fc.scheduler).
// In every reachable state: no duplicate vendor, bill or payment per cloud id (a write whose answer was lost is
// applied zero or one times), EditSequence only moves forward, an edit made in QuickBooks is never silently
// overwritten. After faults stop and syncs run to quiet: every approved bill exists exactly once and both sides agree.
import { afterAll, beforeAll, test } from 'vitest';
import { SYNC_RUN_EPILOGUE, SYNC_RUN_PRELUDE, SyncBench } from '../../../src/testing/sync/sync-bench.js';
import { syncStateProperty } from '../../../src/testing/sync/sync-property.js';
import { SOAK, assertProperty, propertySettings } from '../property-settings.js';
import { syncScenarioWorld } from './sync-scenario-world.js';

let bench: SyncBench;
beforeAll(async () => {
  bench = await SyncBench.start({ seed: 'sync-properties' });
}, 60_000);
afterAll(async () => {
  await bench?.dispose();
});

test('sync invariants hold under generated interleavings, and after quiet both sides agree', async () => {
  const settings = propertySettings('sync-state', { numRuns: 20 });
  await assertProperty('sync-state', syncStateProperty(bench, { maxCommands: SOAK ? 25 : 12 }), settings, {
    world: syncScenarioWorld(),
    prelude: SYNC_RUN_PRELUDE,
    epilogue: SYNC_RUN_EPILOGUE,
  });
});
