// The README example of qbd-sim/testing: a connector given only its `process` adapter (here the reference connector
// as its own process, through the scenario harness's ProcessConnectorAdapter) under the same sync-state property,
// with the cloud served over HTTP. One short run: it shows the wiring, the in-process suite does the searching.
import { test } from 'vitest';
import {
  ProcessConnectorAdapter,
  REFERENCE_CONNECTOR,
  SYNC_RUN_EPILOGUE,
  SYNC_RUN_PRELUDE,
  SyncBench,
  adapterConnector,
  syncStateProperty,
} from '../../../src/testing/index.js';
import { assertProperty, propertySettings } from '../property-settings.js';

test('a connector as its own process, driven through its process adapter, keeps the sync invariants', async () => {
  const bench = await SyncBench.start({
    cloud: 'served',
    seed: 'process-adapter',
    connector: adapterConnector((env) => new ProcessConnectorAdapter(env, REFERENCE_CONNECTOR)),
  });
  try {
    await assertProperty(
      'process-adapter',
      syncStateProperty(bench, { maxCommands: 6 }),
      propertySettings('process-adapter', { numRuns: 1 }),
      { prelude: SYNC_RUN_PRELUDE, epilogue: SYNC_RUN_EPILOGUE },
    );
  } finally {
    await bench.dispose();
  }
});
