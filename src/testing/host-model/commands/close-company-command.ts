import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** File › Close Company/Logoff. */
export class CloseCompanyCommand extends UiCommand {
  protected onModel(m: HostModelState): void {
    ui.closeCompany(m);
  }
  protected onHost(host: QbHost): void {
    host.closeCompany();
  }
  toString(): string {
    return '- qb: close-company';
  }
}
