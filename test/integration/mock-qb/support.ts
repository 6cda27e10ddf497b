// Shared helpers for the mock-qb integration tests: everything goes over HTTP, through the public
// entry of the mock, the RP2 bridge client and the control client — what a user of qbd-sim sees.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  ControlClient,
  startMockQb,
  type Dialog,
  type DialogKind,
  type HostState,
  type HostUiClient,
  type MockQbHandle,
  type WorldSpec,
} from '../../../mock-qb/index.js';
import { ComError } from '../../../src/protocol/com-error.js';
import type { CreateProcessorBody } from '../../../src/protocol/rp2-bridge-contract.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';

// ------------------------------------------------------------------ external truth

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const INTUIT_HRESULTS_PATH = path.resolve(repoRoot, '../shared/data/qbxmlrp2-hresults.json');

/** Intuit's QBXMLRP2 texts, read from the shared data file (not from our generated table). */
const INTUIT_TEXTS = (JSON.parse(readFileSync(INTUIT_HRESULTS_PATH, 'utf8')) as { messages: Record<string, string> })
  .messages;

/** Intuit's exact text for an HRESULT; fails loudly when the code is not in Intuit's table. */
export function intuitText(hresult: string): string {
  const text = INTUIT_TEXTS[hresult];
  if (text === undefined) throw new Error(`${hresult} is not in ${INTUIT_HRESULTS_PATH}`);
  return text;
}

/** Awaits a call that must fail as QBXMLRP2 fails: a ComError with this HRESULT and Intuit's exact text. */
export async function expectComError(call: Promise<unknown>, hresult: string): Promise<void> {
  const text = intuitText(hresult);
  const outcome = await call.then(
    (value: unknown) => ({ resolved: value }),
    (error: unknown) => ({ rejected: error }),
  );
  if ('resolved' in outcome)
    throw new Error(`expected ComError ${hresult}, but the call succeeded with ${JSON.stringify(outcome.resolved)}`);
  const error = outcome.rejected;
  expect(error, `expected ComError ${hresult}, got ${String(error)}`).toBeInstanceOf(ComError);
  expect({ hresult: (error as ComError).hresult, message: (error as ComError).message }).toEqual({
    hresult,
    message: text,
  });
}

/** Lets a call run in the background (e.g. a BeginSession waiting on a dialog) without an unhandled rejection. */
export function inBackground<T>(call: Promise<T>): Promise<T> {
  call.catch(() => undefined);
  return call;
}

// ------------------------------------------------------------------ worlds

export const HOST = 'OFFICE-PC';
export const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
export const ACME = `${COMPANY_DIR}\\Acme Supplies.QBW`;
export const BETA = `${COMPANY_DIR}\\Beta Traders.QBW`;
export const APP = 'AP Sync Connector';
export const OTHER_APP = 'Payroll Bridge';
export const CERT_SUBJECT = 'CN=AP Sync Inc.';

type HostSpec = WorldSpec['hosts'][number];

/** What a test may vary in the one-machine world. */
export interface WorldOptions {
  /** Seed of every id (tickets, dialog ids): failures replay exactly. */
  seed: string;
  product?: HostSpec['product'];
  /** The UI at start. Default: QuickBooks running, Acme open single-user as Admin. */
  ui?: HostSpec['ui'];
  fidelity?: HostSpec['fidelity'];
  clock?: 'system' | 'manual';
  clockStart?: string;
  /** Also create the "Beta Traders" company file. */
  withBeta?: boolean;
  otherFiles?: string[];
}

/** Acme open single-user with the Admin logged in (where the Admin can authorize apps). */
export const ADMIN_SINGLE_USER: NonNullable<HostSpec['ui']> = {
  running: true,
  open: { path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' },
};

/** One machine `OFFICE-PC` (QuickBooks Pro 2014 unless told), Acme Supplies with users Admin and Bookkeeper. */
export function oneMachineWorld(opts: WorldOptions): WorldSpec {
  const users = [
    { name: 'Admin', password: 'admin', role: 'admin' as const },
    { name: 'Bookkeeper', password: 'books', role: 'all-areas' as const },
  ];
  return {
    seed: opts.seed,
    clock: opts.clock ?? 'system',
    ...(opts.clockStart ? { clockStart: opts.clockStart } : {}),
    hosts: [
      {
        id: HOST,
        product: opts.product ?? 'pro-2014',
        companyFiles: [
          { path: ACME, companyName: 'Acme Supplies', users },
          ...(opts.withBeta ? [{ path: BETA, companyName: 'Beta Traders', users }] : []),
        ],
        otherFiles: opts.otherFiles ?? [],
        ui: opts.ui ?? ADMIN_SINGLE_USER,
        ...(opts.fidelity ? { fidelity: opts.fidelity } : {}),
      },
    ],
  };
}

/** A started mock with its control plane and the UI of OFFICE-PC. Dispose it (`await using`) to stop it. */
export interface Mock {
  /** The world's seed (named in failures so they can be replayed). */
  seed: string | number | undefined;
  handle: MockQbHandle;
  url: string;
  control: ControlClient;
  ui: HostUiClient;
  state(): Promise<HostState>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Starts a mock with a world spec (the spec's seed is also the mock's seed). */
export async function startMock(world: WorldSpec): Promise<Mock> {
  const handle = await startMockQb({ world, ...(world.seed !== undefined ? { seed: world.seed } : {}) });
  const control = new ControlClient(handle.url);
  return {
    seed: world.seed,
    handle,
    url: handle.url,
    control,
    ui: control.ui(HOST),
    state: () => control.hostState(HOST),
    [Symbol.asyncDispose]: () => handle.stop(),
  };
}

// ------------------------------------------------------------------ processors and sessions

/** How an application connects: its name, connection type, caller identity and AuthPreferences. */
export interface AppOptions {
  appName?: string;
  connType?: number | string;
  certificate?: CreateProcessorBody['certificate'];
  unattendedModePref?: 'umpRequired' | 'umpOptional';
  personalDataPref?: 'pdpRequired' | 'pdpOptional' | 'pdpNotNeeded';
  authFlags?: number;
}

/** Creates a request processor, sets its AuthPreferences and opens its connection (OpenConnection2). */
export async function connect(mock: Mock, app: AppOptions = {}): Promise<Rp2BridgeClient> {
  const rp = await Rp2BridgeClient.createProcessor(mock.url, {
    certificate: app.certificate ?? { subject: CERT_SUBJECT, status: 'valid' },
  });
  if (app.unattendedModePref)
    await rp.authPreferences('PutUnattendedModePref', { unattendedModePref: app.unattendedModePref });
  if (app.personalDataPref) await rp.authPreferences('PutPersonalDataPref', { personalDataPref: app.personalDataPref });
  if (app.authFlags !== undefined) await rp.authPreferences('PutAuthFlags', { authFlags: app.authFlags });
  await rp.OpenConnection2('', app.appName ?? APP, app.connType ?? 'localQBD');
  return rp;
}

/**
 * Polls the control state until a dialog of `kind` shows (a BeginSession waiting on a person has
 * reached it). Bounded: fails after ~2 s instead of hanging.
 */
export async function waitForDialog(mock: Mock, kind: DialogKind): Promise<Dialog> {
  for (let i = 0; i < 400; i++) {
    const dialog = (await mock.state()).dialogs.find((d) => d.kind === kind);
    if (dialog) return dialog;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no "${kind}" dialog showed on ${HOST} within 2 s (world seed ${String(mock.seed)})`);
}

/** The answer the Admin gives in the Application Certificate dialog. */
export interface CertificateAnswer {
  choice: 'no' | 'prompt-each-time' | 'when-open' | 'always';
  loginAs?: string;
  personalData?: boolean;
}

/**
 * BeginSession that stops on the Application Certificate dialog; the Admin answers it. Returns
 * the BeginSession call (resolves to the ticket, or rejects with the COM error).
 */
export async function beginThroughCertificateDialog(
  mock: Mock,
  rp: Rp2BridgeClient,
  answer: CertificateAnswer,
  qbFileName = '',
  reqFileMode: number | string = 'qbFileOpenDoNotCare',
): Promise<string> {
  const begin = inBackground(rp.BeginSession(qbFileName, reqFileMode));
  await waitForDialog(mock, 'certificate');
  await mock.ui.answerCertificateDialog({
    choice: answer.choice,
    ...(answer.loginAs ? { loginAs: answer.loginAs } : {}),
    personalData: answer.personalData ?? true,
    done: true,
  });
  return begin;
}

/**
 * Authorizes an application for the open company file through the certificate dialog (the Admin
 * must be at the UI in single-user mode), then ends the session and closes the connection so the
 * UI is free again.
 */
export async function authorizeApp(mock: Mock, answer: CertificateAnswer, app: AppOptions = {}): Promise<void> {
  const rp = await connect(mock, app);
  const ticket = await beginThroughCertificateDialog(mock, rp, answer);
  await rp.EndSession(ticket);
  await rp.CloseConnection();
  await rp.release();
}

/** Authorizes the app "Yes, always" (log in as `loginAs`), then the Admin exits QuickBooks. */
export async function authorizeAlwaysThenExit(mock: Mock, loginAs: string, app: AppOptions = {}): Promise<void> {
  await authorizeApp(mock, { choice: 'always', loginAs }, app);
  await mock.ui.exit();
}

/** A HostQuery request set in qbXML 13.0 (what Pro 2014 supports). */
export const HOST_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
  '<HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

/** Sends HostQuery and returns the text of one HostRet element (e.g. `IsAutomaticLogin`, `QBFileMode`). */
export async function hostRet(rp: Rp2BridgeClient, ticket: string, element: string): Promise<string | undefined> {
  const response = await rp.ProcessRequest(ticket, HOST_QUERY);
  expect(response).toContain('statusCode="0"');
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(response)?.[1];
}
