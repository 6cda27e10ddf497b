import type { QbHost } from '../../../../mock-qb/index.js';
import { PATHS, ui, type FileKey, type HostModelState, type Mode, type UserName } from '../host-model.js';
import { FILE_NAME } from '../host-model-command.js';
import { UiCommand } from '../ui-command.js';

/** Another machine opens the company file (shares it multi-user, or holds it single-user). */
export class WorkstationJoinCommand extends UiCommand {
  constructor(
    readonly file: FileKey,
    readonly machine: string,
    readonly user: UserName,
    readonly mode: Mode,
  ) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.workstationJoin(m, this.file, this.machine, this.user, this.mode);
  }
  protected onHost(host: QbHost): void {
    host.workstationJoin({ path: PATHS[this.file], machine: this.machine, user: this.user, mode: this.mode });
  }
  toString(): string {
    return `- { qb: workstation-join, file: ${FILE_NAME[this.file]}, machine: ${this.machine}, user: ${this.user}, mode: ${this.mode} }`;
  }
}
