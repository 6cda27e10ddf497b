import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** A modal window comes up (a reminder, "Update available") and is left open. */
export class ShowDialogCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.showDialog(m);
  }
  protected onHost(host: QbHost): void {
    host.showDialog({ title: 'Reminders' });
  }
  toString(): string {
    return '- { qb: show-dialog, title: Reminders }';
  }
}
