import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Edit › Preferences › Integrated Applications › Company Preferences. */
export class OpenPreferencesCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.openPreferences(m);
  }
  protected onHost(host: QbHost): void {
    host.openPreferences();
  }
  toString(): string {
    return '- qb: open-preferences';
  }
}
