import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Preferences › OK. */
export class ClosePreferencesCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.closePreferences(m);
  }
  protected onHost(host: QbHost): void {
    host.closePreferences();
  }
  toString(): string {
    return '- qb: close-preferences';
  }
}
