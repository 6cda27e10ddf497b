import type { QbHost } from '../../../../mock-qb/index.js';
import { PATHS, ui, type FileKey, type HostModelState, type Mode } from '../host-model.js';
import { FILE_NAME } from '../host-model-command.js';
import { UiCommand } from '../ui-command.js';

/** File › Open Company in a mode; logged in as Admin at once, or the QuickBooks Login window stays up. */
export class OpenCompanyCommand extends UiCommand {
  constructor(
    readonly file: FileKey,
    readonly mode: Mode,
    readonly asAdmin: boolean,
  ) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.openCompany(m, this.file, this.mode, this.asAdmin);
  }
  protected onHost(host: QbHost): void {
    host.openCompany({
      path: PATHS[this.file],
      mode: this.mode,
      ...(this.asAdmin ? { user: 'Admin', password: 'admin' } : {}),
    });
  }
  toString(): string {
    return `- { qb: open-company, file: ${FILE_NAME[this.file]}, mode: ${this.mode}${this.asAdmin ? ', user: Admin, password: admin' : ''} }`;
  }
}
