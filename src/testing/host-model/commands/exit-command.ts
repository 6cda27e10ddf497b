import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** File › Exit. */
export class ExitCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.exit(m);
  }
  protected onHost(host: QbHost): void {
    host.exit();
  }
  toString(): string {
    return '- qb: exit';
  }
}
