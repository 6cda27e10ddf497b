import type { QbHost } from '../../../../mock-qb/index.js';
import { PASSWORDS, ui, type HostModelState, type UserName } from '../host-model.js';
import { UiCommand } from '../ui-command.js';

/** Answers the QuickBooks Login window. */
export class LogInCommand extends UiCommand {
  constructor(readonly user: UserName) {
    super();
  }
  protected onModel(m: HostModelState): void {
    ui.logIn(m, this.user);
  }
  protected onHost(host: QbHost): void {
    host.logIn({ user: this.user, password: PASSWORDS[this.user] });
  }
  toString(): string {
    return `- { qb: log-in, user: ${this.user}, password: ${PASSWORDS[this.user]} }`;
  }
}
