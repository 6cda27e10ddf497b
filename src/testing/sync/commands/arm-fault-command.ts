import type { FaultSpec } from '../../../../mock-qb/index.js';
import { SYNC_HOST } from '../sync-bench.js';
import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** A fault armed in the fake QuickBooks (mock-qb/README.md#faults): it fires on the next matching request. */
export class ArmFaultCommand extends SyncStep {
  override readonly actor = 'fault';
  constructor(readonly spec: FaultSpec) {
    super();
  }
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    await real.bench.control.armFault(SYNC_HOST, this.spec);
  }
  toString(): string {
    const extra = Object.entries(this.spec)
      .filter(([k]) => k !== 'kind')
      .map(([k, v]) => `, ${k}: ${String(v)}`)
      .join('');
    return `- { fault: arm, kind: ${this.spec.kind}${extra} }`;
  }
}
