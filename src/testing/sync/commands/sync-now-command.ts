import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The connector runs a cycle now. */
export class SyncNowCommand extends SyncStep {
  override readonly actor = 'connector';
  outcome = '';
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    this.outcome = (await real.bench.connector!.syncNow()).join(', ');
  }
  toString(): string {
    return `- connector: sync-now${this.outcome ? `   # → ${this.outcome}` : ''}`;
  }
}
