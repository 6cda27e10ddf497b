import type { AsyncCommand } from 'fast-check';
import { checkReachableState, type SyncModel, type SyncReal } from './sync-run.js';

/** A command of the sync properties: `toString()` is the matching scenario step (flow-style YAML). */
export type SyncCommand = AsyncCommand<SyncModel, SyncReal>;

/** A step: QuickBooks' clock moves on (a person takes time), the step acts, then every reachable-state invariant holds. */
export abstract class SyncStep implements SyncCommand {
  abstract act(m: SyncModel, real: SyncReal): Promise<void>;
  abstract toString(): string;
  check(_m: Readonly<SyncModel>): boolean {
    return true;
  }
  /** The actor of this step in the history (`cloud`, `qb-ui`, `connector`, `fault`). */
  readonly actor: string = 'harness';

  async run(m: SyncModel, real: SyncReal): Promise<void> {
    real.bench.tick();
    const op = real.history.invoke(this.actor, this.constructor.name);
    try {
      await this.act(m, real);
    } catch (error) {
      real.history.fail(op, error instanceof Error ? error.message : String(error));
      throw error;
    }
    const line = this.toString();
    // A cycle that lost an answer may or may not have applied its write: its outcome is unknown.
    if (/connection-lost|unable-to-open|failed/.test(line)) real.history.info(op, line);
    else real.history.ok(op, line);
    real.log.push(line);
    await checkReachableState(m, real);
  }
}

export const BILL_DATE_BASE = Date.UTC(2024, 6, 1);
export const billDate = (day: number): string => new Date(BILL_DATE_BASE + day * 86_400_000).toISOString().slice(0, 10);
