import { readFileSync } from 'node:fs';
import {
  ControlClient,
  driveWebConnector,
  embeddedWebConnectorWorld,
  formatSoapCall,
  formatUpdateHeading,
  formatUpdateResult,
  formatUpdateSummary,
  isQbwcError,
  isUiRefusal,
  parseQwc,
  startMockQb,
  type CertificateChoice,
  type CertificateDialogAnswer,
  type MockQbHandle,
  type OpenMode,
  type QwcFile,
  type WebConnectorDriveEvent,
} from '../../mock-qb/index.js';
import { isQbdSimError } from '../protocol/qbd-sim-error.js';

/** The options of `qbd-sim webconnector`, as commander parsed them. */
export interface WebConnectorCommandOptions {
  qwc: string;
  passwordEnv: string;
  company?: string;
  updates?: number;
  auto?: boolean;
  for?: number;
  everyMinutes?: number;
  attach?: string;
  machine?: string;
  certAnswer: CertificateChoice;
  loginAs: string;
  personalData: boolean;
  mode?: OpenMode;
  seed?: string;
  full?: boolean;
}

/** What the certificate dialog's choices read in QuickBooks. */
const CHOICE_TEXT: Record<CertificateChoice, string> = {
  no: 'No',
  'prompt-each-time': 'Yes, prompt each time',
  'when-open': 'Yes, whenever this QuickBooks company file is open',
  always: 'Yes, always; allow access even if QuickBooks is not running',
};

/**
 * `qbd-sim webconnector`: adds a `.qwc` to a fake Web Connector — of an embedded fake QuickBooks, or of a running
 * `qbd-sim serve` (`--attach`) — and runs updates against the SOAP service the `.qwc` names, printing each SOAP call
 * with its result and a summary. Exit code: 0 when every update succeeded, 1 when adding or an update failed, 2 for
 * bad input (options, the `.qwc` file, the password variable).
 */
export async function webConnectorCommand(opts: WebConnectorCommandOptions): Promise<number> {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  const usage = (text: string) => {
    err(`qbd-sim webconnector: ${text}`);
    return 2;
  };

  if (opts.for !== undefined && !opts.auto) return usage('--for applies to --auto only');
  if (opts.everyMinutes !== undefined && !opts.auto) return usage('--every-minutes applies to --auto only');
  if (opts.attach && opts.company !== undefined) {
    return usage(
      '--company applies to the embedded QuickBooks; with --attach, open the company through the control API (ui/open-company) first',
    );
  }
  if (opts.attach && opts.seed !== undefined) return usage('--seed applies to the embedded QuickBooks only');
  const password = process.env[opts.passwordEnv];
  if (password === undefined) {
    return usage(
      `the environment variable ${opts.passwordEnv} is not set; it holds the password you would type into QBWC for the application (qbd-sim never takes it from the command line)`,
    );
  }
  let qwcXml: string;
  try {
    qwcXml = readFileSync(opts.qwc, 'utf8');
  } catch (error) {
    return usage(`cannot read the .qwc file ${opts.qwc}: ${(error as Error).message}`);
  }
  // QBWC reads the file before it touches QuickBooks: an invalid .qwc is refused with QBWC's own dialog.
  let qwc: QwcFile;
  try {
    qwc = parseQwc(qwcXml);
  } catch (error) {
    if (!isQbwcError(error)) throw error;
    err(`QuickBooks Web Connector could not add ${opts.qwc}:`);
    for (const line of error.lines) err(line);
    return 1;
  }
  if (opts.auto && opts.everyMinutes === undefined && !qwc.Scheduler) {
    return usage(`--auto needs an update interval: ${opts.qwc} has no <Scheduler>; give --every-minutes N`);
  }

  let mock: MockQbHandle | null = null;
  const abort = new AbortController();
  // The first Ctrl-C ends the run after the update in progress (Auto-Run is turned off); a second one exits at once.
  const onSignal = () => {
    if (abort.signal.aborted) process.exit(130);
    err('qbd-sim webconnector: stopping after the update in progress (Ctrl-C again to quit at once)');
    abort.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    let control: ControlClient;
    let host: string;
    if (opts.attach) {
      // A serve started with --control-token: the same token from QBDSIM_CONTROL_TOKEN.
      const token = process.env['QBDSIM_CONTROL_TOKEN'];
      control = new ControlClient(opts.attach, token ? { token } : {});
      try {
        host = opts.machine ?? (await control.health()).hosts[0] ?? 'OFFICE-PC';
      } catch (error) {
        err(`qbd-sim webconnector: cannot reach qbd-sim at ${control.baseUrl}: ${describe(error)}`);
        return 1;
      }
    } else {
      mock = await startMockQb({
        world: embeddedWebConnectorWorld({
          ...(opts.company !== undefined ? { companyPath: opts.company } : {}),
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
        }),
        ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      });
      control = new ControlClient(mock.url);
      host = opts.machine ?? mock.world.hostIds()[0]!;
    }
    const state = await control.hostState(host);
    out(
      `${opts.attach ? `Attached to ${control.baseUrl}` : `Embedded QuickBooks (control API ${control.baseUrl})`}: ` +
        `${state.id}, ${state.product.productName}, ` +
        (state.openFile
          ? `"${state.openFile}" open ${state.openMode} as ${state.loggedInUser ?? 'nobody'}`
          : 'no company file open'),
    );
    out(`Adding "${qwc.AppName}" (${qwc.AppURL}) to the Web Connector on ${state.id}`);

    const certificate: CertificateDialogAnswer = {
      choice: opts.certAnswer,
      loginAs: opts.loginAs,
      personalData: opts.personalData,
    };
    // A manual update is printed as it happens: its heading and each SOAP call when it ends, then how it ended.
    const shown = new Map<number, number>();
    const onEvent = (e: WebConnectorDriveEvent) => {
      if (e.kind === 'call') {
        const count = shown.get(e.n);
        if (count === undefined) {
          out(formatUpdateHeading({ appName: e.appName, trigger: 'manual', startedAt: e.call.at }, `Update ${e.n}`));
        }
        shown.set(e.n, (count ?? 0) + 1);
        out(`  ${formatSoapCall(e.call, { full: opts.full ?? false })}`);
        return;
      }
      const alreadyShown = e.kind === 'update' ? shown.get(e.n) : undefined;
      for (const line of describeEvent(e, opts, alreadyShown)) out(line);
    };
    const run = opts.auto
      ? {
          auto: {
            ...(opts.everyMinutes !== undefined ? { everyMinutes: opts.everyMinutes } : {}),
            ...(opts.for !== undefined ? { forMs: opts.for } : {}),
          },
        }
      : { updates: opts.updates ?? 1 };
    if (opts.auto && opts.for === undefined) out('Auto-Run until Ctrl-C');
    let result;
    try {
      result = await driveWebConnector({
        control,
        host,
        qwcXml,
        appName: qwc.AppName,
        password,
        certificate,
        ...(opts.mode ? { modeAfterAdd: opts.mode } : {}),
        run,
        signal: abort.signal,
        onEvent,
      });
    } catch (error) {
      if (isQbwcError(error)) {
        err(`Adding "${qwc.AppName}" failed:`);
        for (const line of error.lines) err(line);
        return 1;
      }
      if (isUiRefusal(error)) {
        err(`QuickBooks refused: ${error.message}`);
        return 1;
      }
      if (isQbdSimError(error)) {
        err(`qbd-sim webconnector: ${error.message} (${error.code})`);
        return 1;
      }
      if (error instanceof TypeError && error.message === 'fetch failed') {
        err(`qbd-sim webconnector: lost the connection to qbd-sim at ${control.baseUrl}: ${describe(error)}`);
        return 1;
      }
      throw error;
    }
    out(`Summary: ${formatUpdateSummary(result.results)}`);
    return result.failed > 0 ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await mock?.stop();
  }
}

function describeEvent(e: WebConnectorDriveEvent, opts: WebConnectorCommandOptions, alreadyShown?: number): string[] {
  switch (e.kind) {
    case 'certificate-dialog': {
      const details = [
        ...(e.answer.loginAs ? [`login as ${e.answer.loginAs}`] : []),
        ...(e.answer.choice === 'no' ? [] : [`personal data ${e.answer.personalData ? 'allowed' : 'not allowed'}`]),
      ];
      return [
        `QuickBooks: Application Certificate dialog for "${e.appName}" → ${CHOICE_TEXT[e.answer.choice]}` +
          (details.length ? ` (${details.join(', ')})` : ''),
      ];
    }
    case 'access-prompt':
      return [`QuickBooks: access prompt for "${e.appName}" → ${e.allow ? 'Yes' : 'No'}`];
    case 'added':
      return [
        `Added "${e.app.appName}": FileID ${e.app.qwc.FileID} under OwnerID ${e.app.qwc.OwnerID} in "${e.app.companyFile}"`,
      ];
    case 'mode':
      return [`QuickBooks: switched to ${e.mode} mode`];
    case 'auto-run':
      return e.enabled
        ? [`Auto-Run on: every ${e.app.intervalSeconds} s; next update at ${e.app.nextRunAt ?? '—'} (host clock)`]
        : ['Auto-Run off'];
    case 'update':
      return [
        ...formatUpdateResult(e.result, {
          title: `Update ${e.n}`,
          full: opts.full ?? false,
          ...(alreadyShown !== undefined ? { alreadyShown } : {}),
        }),
        '',
      ];
    case 'call':
      return [`  ${formatSoapCall(e.call, { full: opts.full ?? false })}`];
  }
}

function describe(error: unknown): string {
  const e = error as { message?: string; cause?: { message?: string; code?: string } };
  return e.cause?.code ?? e.cause?.message ?? e.message ?? String(error);
}
