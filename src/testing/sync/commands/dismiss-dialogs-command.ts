import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The person at QuickBooks closes whatever window is up. */
export class DismissDialogsCommand extends SyncStep {
  override readonly actor = 'qb-ui';
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    while (real.bench.host.dialogs.length) real.bench.host.dismissDialog();
  }
  toString(): string {
    return '- qb: dismiss-dialog';
  }
}
