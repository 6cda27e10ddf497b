import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** File › Start QuickBooks. */
export class LaunchCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.launch(m);
  }
  protected onHost(host: QbHost): void {
    host.launch();
  }
  toString(): string {
    return '- qb: launch';
  }
}
