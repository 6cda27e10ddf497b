import * as mockQb from '../../../mock-qb/index.js';
import { type ProcessorRegistry, type QbHost, type QbWorld, type RequestProcessor } from '../../../mock-qb/index.js';
import { QbdSimError } from '../../protocol/qbd-sim-error.js';
import {
  APP_NAME,
  HOST_MODEL_WORLD,
  PATHS,
  PASSWORDS,
  PROCESSOR_SLOTS,
  type BeginOutcome,
  type FileKey,
  type HostModelState,
  type PathKey,
  type PersonAnswer,
  type ReqFileMode,
  type UiOutcome,
  type UserName,
} from './host-model.js';

/** What the host model needs of mock-qb (its index module, or a copy's). */
export type HostEngine = Pick<typeof mockQb, 'buildWorld' | 'ProcessorRegistry' | 'isUiRefusal'>;

/**
 * The real QuickBooks host of the model's world, in process: mock-qb's engine and two request processors with their
 * connections open. Built once and reset between runs (a host reset goes back to the world as built).
 */
export class HostUnderTest {
  readonly world: QbWorld;
  readonly host: QbHost;
  readonly processors: ProcessorRegistry;
  slots: RequestProcessor[] = [];
  /** The last ticket each slot was given ('' = none yet). */
  tickets: string[] = [];

  readonly #engine: HostEngine;

  /**
   * `hostOverrides` changes the engine under test (e.g. another `gateOrder`), to show the model notices; `engine` is
   * another build of mock-qb's engine (a copy with a bug planted in it, for the model's teeth).
   */
  constructor(seed = 'host-model', hostOverrides: Record<string, unknown> = {}, engine: HostEngine = mockQb) {
    this.#engine = engine;
    this.world = engine.buildWorld({
      ...HOST_MODEL_WORLD,
      seed,
      hosts: HOST_MODEL_WORLD.hosts.map((h) => ({ ...h, ...hostOverrides })),
    });
    this.host = this.world.host('OFFICE-PC');
    this.processors = new engine.ProcessorRegistry(this.world);
    this.reset();
  }

  /** Back to the world as built, with fresh processors (connections open). */
  reset(): void {
    this.processors.releaseAll();
    this.host.reset();
    this.slots = Array.from({ length: PROCESSOR_SLOTS }, () => {
      const p = this.processors.create({
        machine: 'OFFICE-PC',
        certificate: { subject: 'CN=Model App Inc.', status: 'valid' },
      });
      p.OpenConnection2('', APP_NAME, 1);
      return p;
    });
    this.tickets = this.slots.map(() => '');
  }

  /** Runs a UI action: `ok`, `refused` (QuickBooks' UI said no) or `error` (qbd-sim rejected the request). */
  ui(action: (host: QbHost) => unknown): UiOutcome {
    try {
      action(this.host);
      return 'ok';
    } catch (error) {
      if (this.#engine.isUiRefusal(error)) return 'refused';
      if (error instanceof QbdSimError) return 'error';
      throw error;
    }
  }

  /**
   * `BeginSession` on a slot; the person answers each window the call raises (login window, certificate dialog,
   * access prompt) as `answer` says. Fails when the call neither answers nor raises a window it can answer.
   */
  async beginSession(a: {
    slot: number;
    path: PathKey | null;
    mode: ReqFileMode;
    answer: PersonAnswer;
    loginAs: UserName;
  }): Promise<BeginOutcome> {
    const p = this.slots[a.slot]!;
    let settled: { ticket: string } | { error: unknown } | undefined;
    const call = p.BeginSession(a.path === null ? '' : PATHS[a.path], a.mode).then(
      (ticket) => (settled = { ticket }),
      (error: unknown) => (settled = { error }),
    );
    const answered = new Set<string>();
    for (let i = 0; i < 100 && !settled; i++) {
      await new Promise((r) => setImmediate(r));
      const d = this.host.dialogs.find(
        (x) =>
          !answered.has(x.id) &&
          (x.kind === 'certificate' || x.kind === 'access-prompt' || (x.kind === 'login' && x.forApp !== null)),
      );
      if (!d) continue;
      answered.add(d.id);
      if (a.answer === 'dismiss') this.host.dismissDialog(d.id);
      else if (d.kind === 'login') this.host.logIn({ user: 'Admin', password: PASSWORDS.Admin });
      else if (d.kind === 'access-prompt') this.host.answerAccessPrompt(a.answer !== 'no');
      else
        this.host.answerCertificateDialog({
          choice: a.answer,
          ...(a.answer === 'always' ? { loginAs: a.loginAs } : {}),
          personalData: false,
          done: true,
        });
    }
    await Promise.race([call, new Promise((r) => setImmediate(r))]);
    if (!settled)
      throw new Error(
        `BeginSession on slot ${a.slot} is still waiting (dialogs: ${JSON.stringify(this.host.dialogs)})`,
      );
    if ('ticket' in settled) {
      this.tickets[a.slot] = settled.ticket;
      return 'ticket';
    }
    const e = settled.error as { hresult?: string };
    if (typeof e?.hresult === 'string') return e.hresult as BeginOutcome;
    throw settled.error;
  }

  endSession(slot: number): 'ok' | `0x${string}` {
    try {
      this.slots[slot]!.EndSession(this.tickets[slot] || '{00000000-0000-0000-0000-000000000000}');
      return 'ok';
    } catch (error) {
      const e = error as { hresult?: string };
      if (typeof e?.hresult === 'string') return e.hresult as `0x${string}`;
      throw error;
    }
  }

  reconnect(slot: number): void {
    const p = this.slots[slot]!;
    p.CloseConnection();
    p.OpenConnection2('', APP_NAME, 1);
  }

  /** The host as the model sees it (for comparing states after each step). */
  observe(): HostModelState {
    const s = this.host.state();
    const key = (path: string | null): FileKey | null =>
      path === null ? null : path.toLowerCase() === PATHS.acme.toLowerCase() ? 'acme' : 'beta';
    const file = (k: FileKey) => s.files.find((f) => f.path.toLowerCase() === PATHS[k].toLowerCase())!;
    const grant = (k: FileKey) => {
      const g = file(k).integratedApps?.apps.find((x) => x.appName === APP_NAME);
      return g
        ? {
            allowAccess: g.allowAccess,
            promptEachTime: g.promptEachTime,
            autoLogin: g.autoLogin,
            loginAs: (g.loginAs ?? null) as UserName | null,
          }
        : undefined;
    };
    return {
      process: s.process === 'not-running' ? 'not-running' : 'running',
      background: s.background,
      backgroundOwner: null,
      openFile: key(s.openFile),
      openMode: s.openMode,
      user: s.loggedInUser as UserName | null,
      dialogs: s.dialogs.map((d) =>
        d.kind === 'login'
          ? { kind: 'login' as const, file: key(d.file)!, mode: d.mode }
          : { kind: d.kind as 'preferences' | 'generic' },
      ),
      grants: { acme: grant('acme'), beta: grant('beta') },
      blockAll: {
        acme: file('acme').integratedApps?.prefs.blockAllApps ?? false,
        beta: file('beta').integratedApps?.prefs.blockAllApps ?? false,
      },
      workstations: {
        acme: file('acme').workstations.map((w) => ({ machine: w.machine, user: w.user as UserName, mode: w.mode })),
        beta: file('beta').workstations.map((w) => ({ machine: w.machine, user: w.user as UserName, mode: w.mode })),
      },
      slots: this.slots.map((p, i) => ({
        session: key(p.session?.filePath ?? null),
        everIssued: this.tickets[i] !== '',
      })),
    };
  }
}
