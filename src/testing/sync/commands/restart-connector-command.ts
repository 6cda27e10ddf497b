import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The connector exits and starts again (its state directory — outbox, watermarks — survives). */
export class RestartConnectorCommand extends SyncStep {
  override readonly actor = 'connector';
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    await real.bench.restartConnector();
  }
  toString(): string {
    return '- connector: exit\n- connector: start';
  }
}
