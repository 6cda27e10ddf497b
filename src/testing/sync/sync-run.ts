import type fc from 'fast-check';
import { History } from '../history.js';
import { SYNC_COMPANY, SYNC_HOST, type SyncBench } from './sync-bench.js';
import {
  checkEditSequencesForward,
  checkNoDuplicates,
  checkQuietAgreement,
  checkSyncRepeatable,
  checkUiEditsKept,
  type PendingUiEdit,
} from './sync-invariants.js';
import { observeSync, type SyncObservation } from './sync-observation.js';

/** What a run of sync commands knows: the names it gave, the edits a person made, what it checked. */
export interface SyncModel {
  vendors: { name: string; cloudId: string }[];
  bills: { cloudId: string; vendor: string; alias: string }[];
  payments: { cloudId: string }[];
  pendingUiEdits: Map<string, PendingUiEdit>;
  editSequences: Map<string, number>;
  journalSeq: number;
}

/** A run's model, starting after everything the journal holds so far. */
export function emptySyncModel(real: SyncReal): SyncModel {
  const journalSeq = real.bench.mock.world.journal.list({ since: 0 }).at(-1)?.seq ?? 0;
  return {
    vendors: [...real.bench.initialVendors],
    bills: [],
    payments: [],
    pendingUiEdits: new Map(),
    editSequences: new Map(),
    journalSeq,
  };
}

/** The real side of a run: the bench, and the run's log of what happened (for failures). */
export class SyncReal {
  readonly log: string[] = [];
  /** Every step as invoke/ok/fail/info records (connector syncs whose cycle lost its answer are `info`). */
  readonly history = new History();
  constructor(
    readonly bench: SyncBench,
    /** The property's scheduler: races between the connector's calls and other actors. */
    readonly scheduler?: fc.Scheduler,
  ) {}
}

/** Edits people made in QuickBooks since the last look (journal `ui.edit-record`, also those faults made). */
function collectUiEdits(m: SyncModel, real: SyncReal): void {
  const entries = real.bench.mock.world.journal.list({ actor: 'fault', since: m.journalSeq });
  for (const e of entries) {
    if (e.seq <= m.journalSeq) continue;
    m.journalSeq = Math.max(m.journalSeq, e.seq);
    if (e.kind !== 'ui.edit-record') continue;
    const d = e.data as { id: string; editSequence: string; field?: string; value?: string };
    if (d.field)
      m.pendingUiEdits.set(d.id, { id: d.id, field: d.field, value: d.value ?? '', editSequence: d.editSequence });
  }
}

/** The invariants of every reachable state, checked after each command. */
export async function checkReachableState(m: SyncModel, real: SyncReal): Promise<SyncObservation> {
  collectUiEdits(m, real);
  const o = await observeSync(real.bench);
  checkNoDuplicates(o);
  checkEditSequencesForward(o, m.editSequences);
  checkUiEditsKept(o, m.pendingUiEdits);
  return o;
}

/**
 * One more sync with the faults still armed; then faults stop (disarmed, windows closed, records released) and syncs run until quiet (two `ok` cycles in a row, at
 * most eight); then both sides must agree.
 */
export async function runToQuiet(m: SyncModel, real: SyncReal): Promise<void> {
  const { bench } = real;
  // One last sync under whatever faults are still armed (so a fault armed late in a run still fires), then they stop.
  bench.tick();
  real.log.push(`last sync under faults → ${(await bench.connector!.syncNow()).join(', ')}`);
  await checkReachableState(m, real);
  await bench.control.clearFaults(SYNC_HOST);
  while (bench.host.dialogs.length) bench.host.dismissDialog();
  const locks = bench.host.state().files.find((f) => f.path === SYNC_COMPANY)?.recordLocks ?? {};
  for (const id of Object.keys(locks)) bench.host.unlockRecord({ path: SYNC_COMPANY, id });
  let oks = 0;
  for (let i = 0; i < 8 && oks < 2; i++) {
    bench.tick();
    const out = await bench.connector!.syncNow();
    real.log.push(`quiet sync → ${out.join(', ')}`);
    oks = out.every((x) => x === 'ok') ? oks + 1 : 0;
    await checkReachableState(m, real);
  }
  if (oks < 2) throw new Error(`the syncs did not come to quiet: ${real.log.slice(-8).join('; ')}`);
  const quiet = await observeSync(bench);
  // The same exchange once more: a sync with nothing new must change nothing on either side. Checked before the
  // agreement, so a connector that keeps writing is named for that (its cloud then lags one write behind as well).
  bench.tick();
  real.log.push(`repeated sync → ${(await bench.connector!.syncNow()).join(', ')}`);
  checkSyncRepeatable(quiet, await observeSync(bench));
  checkQuietAgreement(quiet);
}
