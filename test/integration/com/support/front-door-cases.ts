// The cases both front doors' table-driven tests run: one per row of src/protocol/host-hresult-causes.ts (the state
// built from the row, the calls made, the HRESULT expected), a refused BeginSession for every QBXMLRP2 HRESULT, and a
// tour calling every member of src/protocol/rp2-members.ts once. The state applier below knows every field a row may
// name: a row naming anything else fails here, so the table cannot grow past what is tested.
import {
  ControlClient,
  SAMPLE_COMPANY_PATH,
  SAMPLE_WORLD_SPEC,
  startMockQb,
  type HostUiClient,
  type MockQbHandle,
  type WorldSpec,
} from '../../../../mock-qb/index.js';
import { FRONT_DOOR_ENV } from '../../../../src/protocol/com-front-door-env.js';
import { HOST_HRESULT_CAUSES, type HostCause } from '../../../../src/protocol/host-hresult-causes.js';
import { RP2_COCLASSES } from '../../../../src/protocol/rp2-members.js';
import { QBFileMode } from '../../../../src/protocol/rp2-enums.js';
import type { DriverCase, DriverStep } from './front-door-driver.js';

export const HOST = 'OFFICE-PC';
export const APP = 'Front Door Test';
const OTHER_COMPANY = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Beta Traders.QBW';

/** Where a case's failure is raised: CoCreateInstance (Windows) or a call (QBXMLRP2). */
export interface CaseExpectation {
  at: 'CoCreateInstance' | 'call';
  /** The failing call's name (for a call). */
  call?: string;
  /** By ProgID (Python), by CLSID (.NET). */
  hresult: { python: string; dotnet: string };
}

/** A case for both front doors: the world and state, the caller's environment, the calls, what must come out. */
export interface FrontDoorCase {
  id: string;
  world: WorldSpec;
  setup: (ui: HostUiClient) => Promise<void>;
  /** Runs beside the calls (a person answering a dialog while BeginSession waits). */
  during?: (ui: HostUiClient, control: ControlClient) => Promise<void>;
  env: Record<string, string>;
  steps: DriverStep[];
  expect: CaseExpectation;
  /** Python only: .NET initializes COM on its threads itself (no CO_E_NOTINITIALIZED there). */
  pythonOnly?: boolean;
}

const env = FRONT_DOOR_ENV;
const create = (extra: Partial<Extract<DriverStep, { op: 'create' }>> = {}): DriverStep => ({
  op: 'create',
  save: 'rp',
  how: 'Dispatch',
  target: 'QBXMLRP2.RequestProcessor',
  coclass: 'RequestProcessor2',
  ...extra,
});

function unknownFields(part: string, fields: object, known: readonly string[]): void {
  const extra = Object.keys(fields).filter((k) => !known.includes(k));
  if (extra.length)
    throw new Error(`front-door-cases: no way to build ${part}.${extra.join(', ')} — extend the applier`);
}

async function waitFor(control: ControlClient, kind: string, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const s = await control.hostState(HOST);
    if (s.dialogs.some((d) => d.kind === kind)) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${kind} dialog within ${timeoutMs} ms`);
}

/** The case of one row of the cause table. */
export function causeCase(cause: HostCause): FrontDoorCase {
  const { caller = {}, machine = {}, quickbooks = {}, call = {}, conditions, ...rest } = cause.state;
  unknownFields('state', rest, []);
  unknownFields('caller', caller, ['bitness', 'runAs', 'comInitialized', 'certificate']);
  unknownFields('machine', machine, ['sdkInstalled', 'rp2Dll']);
  unknownFields('quickbooks', quickbooks, ['is', 'modalDialog']);
  unknownFields('call', call, ['openConnection', 'qbFileName', 'reqFileMode', 'certificateDialog']);

  const world = structuredClone(SAMPLE_WORLD_SPEC);
  const host = world.hosts[0]!;
  if (conditions) host.conditions = conditions as NonNullable<typeof host.conditions>;
  if (machine.sdkInstalled !== undefined || machine.rp2Dll !== undefined) {
    host.sdk = {
      ...(machine.sdkInstalled !== undefined ? { installed: machine.sdkInstalled } : {}),
      ...(machine.rp2Dll !== undefined ? { rp2Dll: machine.rp2Dll } : {}),
    };
  }
  if (quickbooks.is === 'other-company-open') {
    host.companyFiles = [...(host.companyFiles ?? [])];
    host.companyFiles.push({
      path: OTHER_COMPANY,
      companyName: 'Beta Traders',
      users: [{ name: 'Admin', password: 'admin', role: 'admin' }],
    });
    host.ui = { running: true, open: { path: OTHER_COMPANY, mode: 'multi-user', user: 'Admin', password: 'admin' } };
  }
  const vars: Record<string, string> = {};
  if (caller.bitness !== undefined) vars[env.bitness.name] = String(caller.bitness);
  if (caller.runAs !== undefined) vars[env.runAs.name] = caller.runAs;
  if (caller.certificate !== undefined) vars[env.certificateStatus.name] = caller.certificate;

  const steps: DriverStep[] = [create(caller.comInitialized === false ? { thread: true } : {})];
  if (cause.at === 'BeginSession') {
    if (call.openConnection !== false) steps.push({ op: 'call', name: 'OpenConnection2', args: ['', APP, 1] });
    const file = call.qbFileName === '' ? '' : SAMPLE_COMPANY_PATH;
    steps.push({
      op: 'call',
      name: 'BeginSession',
      args: [file, QBFileMode[call.reqFileMode ?? 'qbFileOpenDoNotCare']],
    });
  }
  return {
    id: cause.id,
    world,
    setup: async (ui) => {
      if (quickbooks.is === 'not-running') await ui.exit();
      if (quickbooks.is === 'no-company-open') await ui.closeCompany();
      if (quickbooks.is === 'admin-single-user') await ui.switchMode('single-user');
      if (quickbooks.modalDialog) await ui.showDialog('QuickBooks Update Service', 'A QuickBooks update is available.');
    },
    ...(call.certificateDialog
      ? {
          during: async (ui: HostUiClient, control: ControlClient) => {
            await waitFor(control, 'certificate');
            await ui.answerCertificateDialog({ choice: call.certificateDialog! });
          },
        }
      : {}),
    env: vars,
    steps,
    expect: {
      at: cause.at === 'CoCreateInstance' ? 'CoCreateInstance' : 'call',
      ...(cause.at === 'BeginSession' ? { call: 'BeginSession' } : {}),
      hresult: { python: cause.hresult, dotnet: cause.hresultByClsid ?? cause.hresult },
    },
    ...(cause.decidedBy === 'front-door' ? { pythonOnly: true } : {}),
  };
}

/** Every row of the table, as a case. */
export function causeCases(): FrontDoorCase[] {
  return HOST_HRESULT_CAUSES.map(causeCase);
}

/** The same BeginSession for a sweep over every HRESULT (an armed `com-error` fault decides the answer). */
export function refusedBeginSession(): DriverStep[] {
  return [
    create(),
    { op: 'call', name: 'OpenConnection2', args: ['', APP, 1] },
    { op: 'call', name: 'BeginSession', args: [SAMPLE_COMPANY_PATH, QBFileMode.qbFileOpenDoNotCare] },
  ];
}

const SUBSCRIPTION_RQ =
  '<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLSubscriptionMsgsRq>' +
  '<UIExtensionSubscriptionQueryRq requestID="7"><SubscriberID>{8A5B4C2D-0000-4000-8000-000000000001}</SubscriberID>' +
  '</UIExtensionSubscriptionQueryRq></QBXMLSubscriptionMsgsRq></QBXML>';
const HOST_QUERY =
  '<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="stopOnError">' +
  '<HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

/**
 * Every member of RequestProcessor3 (IRequestProcessor5) and its AuthPreferences, called once in a valid order; the
 * Admin at the UI answers the certificate dialog while BeginSession waits. `expected` is what each step returns
 * (`undefined`: checked apart).
 */
export function memberTour(): { c: Omit<FrontDoorCase, 'expect'>; expected: unknown[] } {
  const call = (name: string, args?: (string | number | boolean)[], extra: { on?: string; save?: string } = {}) =>
    ({ op: 'call', name, ...(args ? { args } : {}), ...extra }) as DriverStep;
  const steps: [DriverStep, unknown][] = [
    [create({ target: RP2_COCLASSES.RequestProcessor3.clsid, coclass: 'RequestProcessor3' }), undefined],
    [call('MajorVersion'), 13],
    [call('MinorVersion'), 0],
    [call('ReleaseLevel'), 3],
    [call('ReleaseNumber'), 0],
    [call('ConnectionType'), 0],
    [call('OpenConnection', ['', APP]), null],
    [call('CloseConnection', []), null],
    [call('OpenConnection2', ['', APP, 1]), null],
    [call('ConnectionType'), 1],
    [call('AuthPreferences', undefined, { save: 'prefs' }), undefined],
    [call('PutIsReadOnly', [false], { on: 'prefs' }), null],
    [call('PutUnattendedModePref', [2], { on: 'prefs' }), null],
    [call('PutPersonalDataPref', [2], { on: 'prefs' }), null],
    [call('PutAuthFlags', [0xf], { on: 'prefs' }), null],
    [call('QBXMLVersionsForSubscription'), ['5.0', '6.0', '7.0', '8.0', '9.0', '10.0', '11.0', '12.0', '13.0']],
    [call('ProcessSubscription', [SUBSCRIPTION_RQ]), undefined],
    [call('BeginSession', [SAMPLE_COMPANY_PATH, 2], { save: 'ticket' }), undefined],
    [call('GetCurrentCompanyFileName', ['$ticket']), SAMPLE_COMPANY_PATH],
    [call('QBXMLVersionsForSession', ['$ticket']), undefined],
    [call('ProcessRequest', ['$ticket', HOST_QUERY]), undefined],
    [call('GetIsReadOnly', ['$ticket'], { on: 'prefs' }), false],
    [call('GetUnattendedModePref', ['$ticket'], { on: 'prefs' }), 2],
    [call('GetPersonalDataPref', ['$ticket'], { on: 'prefs' }), 2],
    [call('WasAuthPreferencesObeyed', ['$ticket'], { on: 'prefs' }), true],
    [call('GetQBLastError', []), ''],
    [call('EndSession', ['$ticket']), null],
    [call('CloseConnection', []), null],
  ];
  return {
    c: {
      id: 'member-tour',
      world: SAMPLE_WORLD_SPEC,
      setup: (ui) => ui.switchMode('single-user').then(() => undefined),
      during: async (ui, control) => {
        await waitFor(control, 'certificate');
        await ui.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
      },
      env: {},
      steps: steps.map(([s]) => s),
    },
    expected: steps.map(([, e]) => e),
  };
}

/** A fake QuickBooks for one case, its state built; the driver's environment pointing at it. */
export async function caseMock(
  c: Pick<FrontDoorCase, 'world' | 'setup' | 'env'>,
  seed: string,
): Promise<{
  mock: MockQbHandle;
  control: ControlClient;
  ui: HostUiClient;
  env: DriverCase['env'];
}> {
  const mock = await startMockQb({ world: c.world, seed });
  const control = new ControlClient(mock.url);
  const ui = control.ui(HOST);
  await c.setup(ui);
  const unset = Object.fromEntries(
    [env.bitness, env.runAs, env.certificateStatus].map((v) => [v.name, null] as [string, null]),
  );
  return { mock, control, ui, env: { ...unset, ...c.env, [env.bridgeUrl.name]: mock.bridgeUrl } };
}
