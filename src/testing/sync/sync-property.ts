import fc from 'fast-check';
import type { SyncBench } from './sync-bench.js';
import { syncCommands } from './sync-commands.js';
import { SyncReal, emptySyncModel, runToQuiet } from './sync-run.js';

/**
 * The sync-state property of a connector on a bench: generated interleavings of cloud changes, QuickBooks UI edits,
 * syncs, faults, restarts and races (fc.scheduler), at iterator page sizes 1, 2 and 100; every reachable-state invariant after each step, then faults stop,
 * syncs run to quiet and both sides must agree.
 */
export function syncStateProperty(bench: SyncBench, opts: { maxCommands?: number } = {}) {
  return fc.asyncProperty(
    fc.scheduler(),
    // Iterator page size: results must not depend on it (1 and 2 make every list span pages).
    fc.constantFrom(1, 2, 100),
    fc.commands(syncCommands({ race: true }), { maxCommands: opts.maxCommands ?? 10 }),
    async (s, pageSize, cmds) => {
      await bench.beginRun({ pageSize });
      const real = new SyncReal(bench, s);
      const model = emptySyncModel(real);
      try {
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        await runToQuiet(model, real);
      } catch (error) {
        // The run's history (invoke/ok/fail/info) goes with the failure: what each actor did, in order.
        if (error instanceof Error)
          error.message += `\nhistory (last 12): ${JSON.stringify(real.history.records.slice(-12).map((r) => [r.type, r.process, r.f, r.value]))}`;
        throw error;
      }
    },
  );
}
