import type { QbHost } from '../../../../mock-qb/index.js';
import { APP_NAME, ui, type HostModelState, type UserName } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Integrated Applications › Properties › Access Rights › OK. */
export class EditGrantCommand extends UiCommand {
  constructor(
    readonly patch: { allowAccess?: boolean; promptEachTime?: boolean; autoLogin?: boolean; loginAs?: UserName },
  ) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.editGrant(m, this.patch);
  }
  protected onHost(host: QbHost): void {
    host.editAppProperties(APP_NAME, this.patch);
  }
  toString(): string {
    const fields = Object.entries(this.patch)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `, ${k}: ${String(v)}`)
      .join('');
    return `- { qb: edit-app-properties, app: ${APP_NAME}${fields} }`;
  }
}
