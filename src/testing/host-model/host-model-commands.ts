import fc from 'fast-check';
import { BeginSessionCommand } from './commands/begin-session-command.js';
import { ClosePreferencesCommand } from './commands/close-preferences-command.js';
import { CloseCompanyCommand } from './commands/close-company-command.js';
import { DismissDialogCommand } from './commands/dismiss-dialog-command.js';
import { EditGrantCommand } from './commands/edit-grant-command.js';
import { EndSessionCommand } from './commands/end-session-command.js';
import { ExitCommand } from './commands/exit-command.js';
import { LaunchCommand } from './commands/launch-command.js';
import { LogInCommand } from './commands/log-in-command.js';
import { OpenCompanyCommand } from './commands/open-company-command.js';
import { OpenPreferencesCommand } from './commands/open-preferences-command.js';
import { ReconnectCommand } from './commands/reconnect-command.js';
import { RemoveAppCommand } from './commands/remove-app-command.js';
import { SetBlockAllCommand } from './commands/set-block-all-command.js';
import { ShowDialogCommand } from './commands/show-dialog-command.js';
import { SwitchModeCommand } from './commands/switch-mode-command.js';
import { WorkstationJoinCommand } from './commands/workstation-join-command.js';
import { WorkstationLeaveCommand } from './commands/workstation-leave-command.js';
import { PROCESSOR_SLOTS, type PathKey } from './host-model.js';
import type { HostModelCommand } from './host-model-command.js';

const file = fc.constantFrom('acme' as const, 'beta' as const);
const mode = fc.constantFrom('single-user' as const, 'multi-user' as const);
const user = fc.constantFrom('Admin' as const, 'Bookkeeper' as const);
const slot = fc.integer({ min: 0, max: PROCESSOR_SLOTS - 1 });
const machine = fc.constantFrom('FRONT-DESK', 'WAREHOUSE');

/**
 * Every command of the host model, weighted so that runs reach the interesting states (a file open in a mode, the
 * app authorized, sessions open) and then disturb them.
 */
export function hostModelCommands(): fc.Arbitrary<HostModelCommand>[] {
  const begin = fc
    .record({
      slot,
      path: fc.constantFrom<PathKey | null>(null, null, 'acme', 'acme', 'acme', 'beta', 'other', 'missing'),
      mode: fc.constantFrom(0 as const, 1 as const, 2 as const),
      answer: fc.constantFrom(
        'no' as const,
        'dismiss' as const,
        'prompt-each-time' as const,
        'when-open' as const,
        'always' as const,
        'always' as const,
      ),
      loginAs: user,
    })
    .map((a) => new BeginSessionCommand(a.slot, a.path, a.mode, a.answer, a.loginAs));
  return [
    begin,
    begin,
    begin,
    slot.map((s) => new EndSessionCommand(s)),
    slot.map((s) => new EndSessionCommand(s)),
    slot.map((s) => new EndSessionCommand(s)),
    slot.map((s) => new ReconnectCommand(s)),
    fc.constant(new LaunchCommand()),
    fc.constant(new LaunchCommand()),
    fc.constant(new ExitCommand()),
    fc.constant(new ExitCommand()),
    fc.tuple(file, mode, fc.boolean()).map(([f, m, a]) => new OpenCompanyCommand(f, m, a)),
    user.map((u) => new LogInCommand(u)),
    fc.constant(new CloseCompanyCommand()),
    mode.map((m) => new SwitchModeCommand(m)),
    fc.constant(new ShowDialogCommand()),
    fc.constant(new DismissDialogCommand()),
    fc.constant(new OpenPreferencesCommand()),
    fc.constant(new ClosePreferencesCommand()),
    fc.constant(new RemoveAppCommand()),
    fc
      .record(
        { allowAccess: fc.boolean(), promptEachTime: fc.boolean(), autoLogin: fc.boolean(), loginAs: user },
        { requiredKeys: [] },
      )
      .map((patch) => new EditGrantCommand(patch)),
    fc.boolean().map((b) => new SetBlockAllCommand(b)),
    fc.tuple(file, machine, mode).map(([f, mc, m]) => new WorkstationJoinCommand(f, mc, 'Bookkeeper', m)),
    fc.tuple(file, machine).map(([f, mc]) => new WorkstationLeaveCommand(f, mc)),
  ];
}
