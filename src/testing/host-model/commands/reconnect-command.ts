import { modelReconnect } from '../host-model.js';
import { assertSameState, type HostModelBox, type HostModelCommand } from '../host-model-command.js';
import type { HostUnderTest } from '../host-real.js';

/** `CloseConnection` then `OpenConnection2` again: a background QuickBooks this processor started exits. */
export class ReconnectCommand implements HostModelCommand {
  constructor(readonly slot: number) {}
  check(): boolean {
    return true;
  }
  async run(model: HostModelBox, real: HostUnderTest): Promise<void> {
    modelReconnect(model.state, this.slot);
    real.reconnect(this.slot);
    assertSameState(model.state, real);
  }
  toString(): string {
    return `# app (processor ${this.slot + 1}): CloseConnection, OpenConnection2`;
  }
}
