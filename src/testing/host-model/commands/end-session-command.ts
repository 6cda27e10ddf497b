import { modelEndSession } from '../host-model.js';
import { assertAgrees, assertSameState, type HostModelBox, type HostModelCommand } from '../host-model-command.js';
import type { HostUnderTest } from '../host-real.js';

/** `EndSession(ticket)` with the processor's last ticket (0x8004040C when it never had one, 0x8004040D when ended). */
export class EndSessionCommand implements HostModelCommand {
  constructor(readonly slot: number) {}
  check(): boolean {
    return true;
  }
  async run(model: HostModelBox, real: HostUnderTest): Promise<void> {
    const predicted = modelEndSession(model.state, this.slot);
    const actual = real.endSession(this.slot);
    assertAgrees(`the answer of ${this.toString()}`, predicted, actual);
    assertSameState(model.state, real);
  }
  toString(): string {
    return `# app (processor ${this.slot + 1}): EndSession(last ticket)`;
  }
}
