import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState, type Mode } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** File › Switch to Single-user / Multi-user Mode. */
export class SwitchModeCommand extends UiCommand {
  constructor(readonly mode: Mode) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.switchMode(m, this.mode);
  }
  protected onHost(host: QbHost): void {
    host.switchMode(this.mode);
  }
  toString(): string {
    return `- { qb: switch-mode, mode: ${this.mode} }`;
  }
}
