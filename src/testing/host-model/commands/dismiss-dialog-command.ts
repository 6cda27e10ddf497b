import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Closes the top window with its close box. */
export class DismissDialogCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.dismissDialog(m);
  }
  protected onHost(host: QbHost): void {
    host.dismissDialog();
  }
  toString(): string {
    return '- qb: dismiss-dialog';
  }
}
