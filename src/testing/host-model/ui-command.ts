import type { QbHost } from '../../../mock-qb/index.js';
import { modelUi, type HostModelState } from './host-model.js';
import { assertAgrees, assertSameState, type HostModelBox, type HostModelCommand } from './host-model-command.js';
import type { HostUnderTest } from './host-real.js';

/** A UI action: the model predicts ok / refused / error and the next state; the engine must agree on both. */
export abstract class UiCommand implements HostModelCommand {
  /** The step on the model (throws its refusal). */
  protected abstract onModel(m: HostModelState): void;
  /** The same step on the engine. */
  protected abstract onHost(host: QbHost): void;
  /** The scenario step (flow-style YAML, one line). */
  abstract toString(): string;

  check(): boolean {
    return true;
  }

  async run(model: HostModelBox, real: HostUnderTest): Promise<void> {
    const predicted = modelUi(model.state, (m) => this.onModel(m));
    const actual = real.ui((h) => this.onHost(h));
    assertAgrees(`the outcome of ${this.toString()}`, predicted, actual);
    assertSameState(model.state, real);
  }
}
