import type { FaultSpec } from '../../../../mock-qb/index.js';
import { SYNC_HOST } from '../sync-bench.js';
import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The writes of the reference connector a lost answer is aimed at (DataExtDefAdd happens once, in the prelude). */
export const SYNC_WRITE_TYPES = ['VendorAdd', 'VendorMod', 'BillAdd', 'BillPaymentCheckAdd', 'DataExtAdd'] as const;
export type SyncWriteType = (typeof SYNC_WRITE_TYPES)[number];

/**
 * A lost answer (`commit-then-drop` or `drop-before-commit`) aimed at a write the next sync will make: the cloud's
 * pending work decides which write types are due (a pending payment → BillPaymentCheckAdd, a pending bill → BillAdd or
 * its CloudId DataExtAdd, a pending vendor → VendorAdd or VendorMod) and `pick` chooses one of them, so every write
 * type meets a lost answer as often as it is due, not once in twenty faults. With nothing pending, `pick` chooses
 * among all of them. The step it prints names the write it was armed for, so the scenario replays it.
 */
export class ArmLostAnswerCommand extends SyncStep {
  override readonly actor = 'fault';
  match: SyncWriteType | '' = '';
  constructor(
    readonly kind: 'commit-then-drop' | 'drop-before-commit',
    readonly pick: number,
  ) {
    super();
  }
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    const state = await real.bench.cloud.admin.companyState(real.bench.companyId);
    const due = new Set<SyncWriteType>();
    for (const v of state.vendors) if (v.pending) due.add(v.qbListId ? 'VendorMod' : 'VendorAdd');
    for (const b of state.bills) {
      if (b.status !== 'pending') continue;
      due.add('BillAdd');
      due.add('DataExtAdd');
    }
    for (const p of state.payments) if (p.status === 'pending') due.add('BillPaymentCheckAdd');
    const choices: readonly SyncWriteType[] = due.size ? [...due] : SYNC_WRITE_TYPES;
    this.match = choices[this.pick % choices.length]!;
    const spec: FaultSpec = { kind: this.kind, match: this.match };
    await real.bench.control.armFault(SYNC_HOST, spec);
  }
  toString(): string {
    return `- { fault: arm, kind: ${this.kind}, match: ${this.match || `(a due write #${this.pick})`} }`;
  }
}
