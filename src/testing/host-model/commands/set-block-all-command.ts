import type { QbHost } from '../../../../mock-qb/index.js';
import { ui, type HostModelState } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Company Preferences › "Don't allow any applications to access this company file". */
export class SetBlockAllCommand extends UiCommand {
  constructor(readonly block: boolean) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.setBlockAll(m, this.block);
  }
  protected onHost(host: QbHost): void {
    host.setCompanyAppOptions({ blockAllApps: this.block });
  }
  toString(): string {
    return `- { qb: set-company-app-options, blockAllApps: ${this.block} }`;
  }
}
