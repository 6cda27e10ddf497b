import type { QbHost } from '../../../../mock-qb/index.js';
import { PATHS, ui, type FileKey, type HostModelState } from '../host-model.js';
import { FILE_NAME } from '../host-model-command.js';
import { UiCommand } from '../ui-command.js';

/** The other machine closes the company file. */
export class WorkstationLeaveCommand extends UiCommand {
  constructor(
    readonly file: FileKey,
    readonly machine: string,
  ) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.workstationLeave(m, this.file, this.machine);
  }
  protected onHost(host: QbHost): void {
    host.workstationLeave({ path: PATHS[this.file], machine: this.machine });
  }
  toString(): string {
    return `- { qb: workstation-leave, file: ${FILE_NAME[this.file]}, machine: ${this.machine} }`;
  }
}
