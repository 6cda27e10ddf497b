import { isQbdSimError } from '../../src/protocol/qbd-sim-error.js';
import type { CertificateChoice, Dialog, OpenMode } from '../engine/host-types.js';
import { isUiRefusal } from '../engine/ui-refusal.js';
import { normalizeWindowsPath } from '../engine/windows-path.js';
import { SAMPLE_COMPANY_PATH, SAMPLE_WORLD_SPEC, type WorldSpec } from '../engine/world-spec.js';
import { updateFailed } from '../web-connector/update-report.js';
import type { QwcAppState, SoapCallRecord, UpdateResult } from '../web-connector/web-connector-types.js';
import type { ControlClient } from './control-client.js';

/** How the person at QuickBooks answers the Application Certificate dialog for the application. */
export interface CertificateDialogAnswer {
  choice: CertificateChoice;
  /** With "Yes, always": the user QuickBooks logs in as (default: the dialog's only choice, else Admin). */
  loginAs?: string | null;
  /** The "allow access to personal data" box (only where the dialog offers it). */
  personalData: boolean;
}

/** What {@link driveWebConnector} does after adding the application. */
export type WebConnectorDriveRun =
  | { updates: number }
  | {
      /** Auto-Run on the host clock: the `.qwc`'s Scheduler, or `everyMinutes`. */
      auto: { everyMinutes?: number; forMs?: number };
    };

export interface DriveWebConnectorOptions {
  /** The control API of the mock (embedded or a running `qbd-sim serve`). */
  control: ControlClient;
  /** The QuickBooks host whose Web Connector runs the application. */
  host: string;
  /** The `.qwc` as the user has it, and the AppName it declares. */
  qwcXml: string;
  appName: string;
  /** The password the user types into QBWC for the application (never printed or logged). */
  password: string;
  certificate: CertificateDialogAnswer;
  /** The answer to a "prompt each time" access prompt (default: Yes). */
  allowAccessPrompt?: boolean;
  /** Switch the company file to this mode once the application is added (the support article goes back to multi-user). */
  modeAfterAdd?: OpenMode;
  run: WebConnectorDriveRun;
  /** Stops the run early (Ctrl-C): no further manual update; Auto-Run is turned off. */
  signal?: AbortSignal;
  onEvent?: (event: WebConnectorDriveEvent) => void;
  /** How often the host's dialogs and the update history are polled (default 50 ms). */
  pollMs?: number;
  /** After Auto-Run is turned off, how long to wait for an update still running (default 30 s). */
  drainMs?: number;
}

export type WebConnectorDriveEvent =
  | { kind: 'certificate-dialog'; appName: string; question: string; answer: CertificateDialogAnswer }
  | { kind: 'access-prompt'; appName: string; allow: boolean }
  | { kind: 'added'; app: QwcAppState }
  | { kind: 'mode'; mode: OpenMode }
  | { kind: 'auto-run'; app: QwcAppState; enabled: boolean }
  | { kind: 'update'; n: number; result: UpdateResult }
  /** A SOAP call of manual update `n`, as soon as it ended (the update's result repeats them all). */
  | { kind: 'call'; n: number; appName: string; call: SoapCallRecord };

export interface DriveWebConnectorResult {
  app: QwcAppState;
  results: UpdateResult[];
  /** Updates that failed ({@link updateFailed}). */
  failed: number;
}

/**
 * Plays the person at the Web Connector and at QuickBooks through the control API: adds the application from its
 * `.qwc` (answering the certificate dialog as told), enters its password, optionally switches the file's mode, then
 * runs `updates` manual updates one after the other, or turns Auto-Run on and collects every update until `forMs`
 * has passed or `signal` aborts. A QBWC error while adding throws {@link QbwcError}; a refusal of the UI
 * {@link UiRefusal}. Update failures are results, not exceptions.
 */
export async function driveWebConnector(opts: DriveWebConnectorOptions): Promise<DriveWebConnectorResult> {
  const pollMs = opts.pollMs ?? 50;
  const qbwc = opts.control.webConnector(opts.host);
  const watcher = new DialogWatcher(opts, pollMs);
  const results: UpdateResult[] = [];
  const report = (result: UpdateResult) => {
    results.push(result);
    opts.onEvent?.({ kind: 'update', n: results.length, result });
  };
  try {
    let app = await watcher.guard(qbwc.addApplication(opts.qwcXml));
    opts.onEvent?.({ kind: 'added', app });
    await qbwc.setPassword(app.appName, opts.password);
    app = await qbwc.applications().then((apps) => apps.find((a) => same(a.appName, opts.appName)) ?? app);
    if (opts.modeAfterAdd) {
      const state = await opts.control.hostState(opts.host);
      if (state.openMode !== opts.modeAfterAdd) {
        await opts.control.ui(opts.host).switchMode(opts.modeAfterAdd);
        opts.onEvent?.({ kind: 'mode', mode: opts.modeAfterAdd });
      }
    }
    if ('updates' in opts.run) {
      for (let i = 0; i < opts.run.updates && !opts.signal?.aborted; i++) {
        // Streamed: each SOAP call is reported as it happens, and an update of any length gets to its end.
        const n = results.length + 1;
        const selected = await watcher.guard(
          qbwc.updateSelectedStreaming([app.appName], (appName, call) =>
            opts.onEvent?.({ kind: 'call', n, appName, call }),
          ),
        );
        report(selected.results[0]!);
      }
    } else {
      await autoRun(opts, app, watcher, report, pollMs);
    }
    app = (await qbwc.applications()).find((a) => same(a.appName, app.appName)) ?? app;
    return { app, results, failed: results.filter(updateFailed).length };
  } finally {
    watcher.stop();
  }
}

async function autoRun(
  opts: DriveWebConnectorOptions,
  app: QwcAppState,
  watcher: DialogWatcher,
  report: (result: UpdateResult) => void,
  pollMs: number,
): Promise<void> {
  const auto = (opts.run as Extract<WebConnectorDriveRun, { auto: unknown }>).auto;
  const qbwc = opts.control.webConnector(opts.host);
  let since = (await qbwc.updates()).last;
  const collect = async () => {
    const history = await qbwc.updates(since);
    for (const { result } of history.updates) if (same(result.appName, app.appName)) report(result);
    since = history.last;
  };
  const on = await qbwc.setAutoRun(app.appName, {
    enabled: true,
    ...(auto.everyMinutes !== undefined ? { everyMinutes: auto.everyMinutes } : {}),
  });
  opts.onEvent?.({ kind: 'auto-run', app: on, enabled: true });
  const signals = [
    ...(opts.signal ? [opts.signal] : []),
    ...(auto.forMs !== undefined ? [AbortSignal.timeout(auto.forMs)] : []),
  ];
  const stop = signals.length ? AbortSignal.any(signals) : undefined;
  try {
    while (!stop?.aborted) {
      await Promise.race([sleep(pollMs * 4, stop), watcher.failure]);
      await collect();
    }
  } finally {
    const off = await qbwc.setAutoRun(app.appName, { enabled: false });
    opts.onEvent?.({ kind: 'auto-run', app: off, enabled: false });
    // An update that was running goes on to its end; wait for it (bounded) so the summary has it.
    const until = AbortSignal.timeout(opts.drainMs ?? 30_000);
    while (!until.aborted && (await qbwc.state()).busy) await sleep(pollMs, until);
    await collect();
  }
}

/**
 * The person at QuickBooks, watching for the application's dialogs while the driver runs: the Application
 * Certificate dialog is answered (and confirmed) as told, a "prompt each time" access prompt with Yes or No. Dialogs
 * of other applications are left alone. When an answer is refused (say "Login as" names no user of the file) the
 * dialog is closed with its close box — which denies access this time — and the run fails with the refusal.
 */
class DialogWatcher {
  readonly failure: Promise<never>;
  readonly #opts: DriveWebConnectorOptions;
  readonly #stop = new AbortController();
  #fail!: (error: unknown) => void;

  constructor(opts: DriveWebConnectorOptions, pollMs: number) {
    this.#opts = opts;
    this.failure = new Promise<never>((_, reject) => (this.#fail = reject));
    this.failure.catch(() => undefined); // observed through guard()
    void this.#loop(pollMs);
  }

  /** `promise`, unless the watcher fails first. */
  guard<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined); // a late rejection after the watcher failed is not unhandled
    return Promise.race([promise, this.failure]);
  }

  stop(): void {
    this.#stop.abort();
  }

  async #loop(pollMs: number): Promise<void> {
    const { control, host } = this.#opts;
    while (!this.#stop.signal.aborted) {
      try {
        const state = await control.hostState(host);
        for (const dialog of state.dialogs) await this.#answer(dialog);
      } catch (error) {
        if (this.#stop.signal.aborted) return;
        this.#fail(error);
        return;
      }
      await sleep(pollMs, this.#stop.signal);
    }
  }

  async #answer(dialog: Dialog): Promise<void> {
    const { control, host, appName, certificate } = this.#opts;
    const ui = control.ui(host);
    if (dialog.kind === 'certificate' && same(dialog.appName, appName) && dialog.stage === 'choose') {
      const loginAs =
        certificate.choice === 'always'
          ? (certificate.loginAs ??
            (dialog.loginAsChoices.length === 1
              ? dialog.loginAsChoices[0]!
              : (dialog.loginAsChoices.find((u) => same(u, 'Admin')) ?? null)))
          : null;
      const answer: CertificateDialogAnswer = {
        choice: certificate.choice,
        loginAs,
        personalData: certificate.personalData,
      };
      await this.#try(dialog.id, () =>
        ui.answerCertificateDialog({
          choice: answer.choice,
          ...(loginAs !== null ? { loginAs } : {}),
          personalData: answer.personalData,
          done: true,
        }),
      );
      this.#opts.onEvent?.({ kind: 'certificate-dialog', appName: dialog.appName, question: dialog.question, answer });
    } else if (dialog.kind === 'access-prompt' && same(dialog.appName, appName)) {
      const allow = this.#opts.allowAccessPrompt ?? true;
      await this.#try(dialog.id, () => ui.answerAccessPrompt(allow));
      this.#opts.onEvent?.({ kind: 'access-prompt', appName: dialog.appName, allow });
    }
  }

  /** Runs an answer; a refusal for a dialog that is still up closes it and fails the run. */
  async #try(dialogId: string, answer: () => Promise<unknown>): Promise<void> {
    try {
      await answer();
    } catch (error) {
      if (!isUiRefusal(error) && !isQbdSimError(error)) throw error;
      const { control, host } = this.#opts;
      const still = (await control.hostState(host)).dialogs.some((d) => d.id === dialogId);
      if (!still) return; // it went away meanwhile (answered elsewhere, or the call ended)
      await control
        .ui(host)
        .dismissDialog(dialogId)
        .catch(() => undefined);
      throw error;
    }
  }
}

/**
 * The world `qbd-sim webconnector` embeds: the sample machine (OFFICE-PC, QuickBooks Pro 2014, users Admin/`admin`
 * and Bookkeeper/`books`) with the company at `companyPath` — created with those users when it is not the sample
 * company — open in `mode` with the Admin logged in, the setup the support article ends with.
 */
export function embeddedWebConnectorWorld(
  opts: { companyPath?: string; mode?: OpenMode; seed?: string } = {},
): WorldSpec {
  const sampleHost = SAMPLE_WORLD_SPEC.hosts[0]!;
  const sampleFiles = sampleHost.companyFiles ?? [];
  const path = opts.companyPath ?? SAMPLE_COMPANY_PATH;
  const known = sampleFiles.some((f) => normalizeWindowsPath(f.path) === normalizeWindowsPath(path));
  const users = sampleFiles[0]?.users ?? [{ name: 'Admin', password: 'admin', role: 'admin' as const }];
  return {
    ...SAMPLE_WORLD_SPEC,
    ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
    hosts: [
      {
        ...sampleHost,
        companyFiles: known ? sampleFiles : [...sampleFiles, { path, companyName: companyNameOf(path), users }],
        ui: { running: true, open: { path, mode: opts.mode ?? 'single-user', user: 'Admin', password: 'admin' } },
      },
    ],
  };
}

/** `C:\…\Beta Traders.QBW` → `Beta Traders`. */
function companyNameOf(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? '';
  const name = base.replace(/\.qbw$/i, '').trim();
  return (name || 'My Company').slice(0, 59);
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
