import { modelBeginSession, type PathKey, type PersonAnswer, type ReqFileMode, type UserName } from '../host-model.js';
import { assertAgrees, assertSameState, type HostModelBox, type HostModelCommand } from '../host-model-command.js';
import type { HostUnderTest } from '../host-real.js';

const MODE_NAME = ['qbFileOpenSingleUser', 'qbFileOpenMultiUser', 'qbFileOpenDoNotCare'] as const;
const PATH_NAME: Record<PathKey, string> = {
  acme: 'Acme Supplies.QBW',
  beta: 'Beta Traders.QBW',
  other: 'Read Me.txt',
  missing: 'Gone Away.QBW',
};

/**
 * The application's `BeginSession(path or "", mode)` on one of its request processors; the person at QuickBooks
 * answers any window it raises. The model predicts the HRESULT or a ticket.
 */
export class BeginSessionCommand implements HostModelCommand {
  constructor(
    readonly slot: number,
    readonly path: PathKey | null,
    readonly mode: ReqFileMode,
    readonly answer: PersonAnswer,
    readonly loginAs: UserName,
  ) {}
  check(): boolean {
    return true;
  }
  async run(model: HostModelBox, real: HostUnderTest): Promise<void> {
    const args = { slot: this.slot, path: this.path, mode: this.mode, answer: this.answer, loginAs: this.loginAs };
    const predicted = modelBeginSession(model.state, args);
    const actual = await real.beginSession(args);
    assertAgrees(`the answer of ${this.toString()}`, predicted, actual);
    assertSameState(model.state, real);
  }
  toString(): string {
    const path = this.path === null ? '""' : PATH_NAME[this.path];
    const person =
      this.answer === 'dismiss'
        ? 'closes any window it raises'
        : `answers ${this.answer}${this.answer === 'always' ? ` (login as ${this.loginAs})` : ''}`;
    return `# app (processor ${this.slot + 1}): BeginSession(${path}, ${MODE_NAME[this.mode]}); the person ${person}`;
  }
}
