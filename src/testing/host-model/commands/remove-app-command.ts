import type { QbHost } from '../../../../mock-qb/index.js';
import { APP_NAME, ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Integrated Applications › select the app › Remove. */
export class RemoveAppCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.removeApp(m);
  }
  protected onHost(host: QbHost): void {
    host.removeApp(APP_NAME);
  }
  toString(): string {
    return `- { qb: remove-app, app: ${APP_NAME} }`;
  }
}
