// qbd-sim's drop-in Interop.QBXMLRP2 / Interop.QBXMLRP2Lib (src/com/dotnet) under Mono, driven by a C# program built
// against them: every row of the cause → HRESULT table built as host/caller state and raised as .NET raises it; a
// refused BeginSession for every QBXMLRP2 HRESULT as COMException with that HResult and Intuit's Message; every member
// of the member table present (with its DispId, in both assemblies) and called. The assemblies and the driver are
// built once (cached by source hash); one mono process serves the cases.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ControlClient, startMockQb } from '../../../mock-qb/index.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import {
  AUTH_PREFS_INTERFACES,
  RP2_COCLASSES,
  RP2_COM_ENUMS,
  RP2_INTERFACES,
  RP2_MEMBERS,
  type Rp2Member,
} from '../../../src/protocol/rp2-members.js';
import { WINDOWS_HRESULTS, signedHresult } from '../../../src/protocol/windows-hresults.js';
import { requireProgram } from '../../support/system-programs.js';
import { intuitText } from '../mock-qb/support.js';
import { HOST, caseMock, causeCases, memberTour, refusedBeginSession } from './support/front-door-cases.js';
import { startDotnetDriver, type FrontDoorDriver } from './support/front-door-driver.js';

const mono = requireProgram('mono');
const mcs = requireProgram('mcs');
const SOURCE = 'QBXMLRP2.RequestProcessor.2';
const CLSID = RP2_COCLASSES.RequestProcessor2.clsid;

/** What the CLR raises when QBXMLRP2 fails a call: COMException, HResult the HRESULT, Message Intuit's text. */
function callError(hresult: string, text: string) {
  const hr = signedHresult(hresult);
  return {
    type: 'System.Runtime.InteropServices.COMException',
    hresult: hr,
    errorCode: hr,
    message: text,
    source: SOURCE,
    isComException: true,
  };
}

/** What .NET raises when CoCreateInstance fails: its message around Windows' text; two codes map to other types. */
function createError(hresult: keyof typeof WINDOWS_HRESULTS) {
  const hr = signedHresult(hresult);
  const { symbol, text } = WINDOWS_HRESULTS[hresult];
  const hex = hresult.slice(2);
  const message =
    `Retrieving the COM class factory for component with CLSID ${CLSID} failed due to the following error: ` +
    `${hex.toLowerCase()} ${text} (Exception from HRESULT: 0x${hex}${symbol ? ` (${symbol})` : ''}).`;
  const type =
    hresult === '0x80070005'
      ? 'System.UnauthorizedAccessException'
      : hresult === '0x8007007E'
        ? 'System.IO.FileNotFoundException'
        : 'System.Runtime.InteropServices.COMException';
  const isCom = type.endsWith('COMException');
  return { type, hresult: hr, message, source: 'mscorlib', isComException: isCom, errorCode: isCom ? hr : null };
}

describe.skipIf(mono.skip || mcs.skip)('the .NET front door (Interop.QBXMLRP2 under Mono)', () => {
  let driver: FrontDoorDriver;
  beforeAll(async () => {
    driver = await startDotnetDriver(mono.path(), mcs.path());
  }, 60_000);
  afterAll(() => driver?.close());

  test('.NET messages: the known one for a 64-bit caller', () => {
    expect(createError('0x80040154').message).toBe(
      'Retrieving the COM class factory for component with CLSID {45F5708E-3B43-4FA8-BE7E-A5F1849214CB} failed due ' +
        'to the following error: 80040154 Class not registered (Exception from HRESULT: 0x80040154 (REGDB_E_CLASSNOTREG)).',
    );
  });

  test('every row of the cause → HRESULT table: the state built, the exception raised as .NET raises it', async () => {
    for (const c of causeCases().filter((k) => !k.pythonOnly)) {
      const { mock, control, ui, env } = await caseMock(c, `cs-${c.id}`);
      try {
        const result = driver.run({ env, steps: c.steps });
        await c.during?.(ui, control);
        const { results, error } = await result;
        const code = c.expect.hresult.dotnet;
        const expected =
          c.expect.at === 'CoCreateInstance'
            ? createError(code as keyof typeof WINDOWS_HRESULTS)
            : callError(code, intuitText(code));
        expect({ id: c.id, error }, `${c.id}: ${JSON.stringify(results)}`).toEqual({ id: c.id, error: expected });
        const kind = c.expect.at === 'CoCreateInstance' ? 'rp2.CoCreateInstance' : `rp2.${c.expect.call}`;
        const entries = await control.journal();
        expect(
          entries.some((e) => e.kind === kind && e.data?.['hresult'] === code),
          `${c.id} journaled`,
        ).toBe(true);
      } finally {
        await mock.stop();
      }
    }
  });

  test('a refused BeginSession arrives as COMException with that HResult and Message, for every QBXMLRP2 HRESULT', async () => {
    const mock = await startMockQb({ seed: 'cs-every-hresult' });
    try {
      const env = { QBDSIM_BRIDGE_URL: mock.bridgeUrl };
      const control = new ControlClient(mock.url);
      const codes = Object.keys(HRESULT_TEXTS);
      for (const code of codes) {
        await control.armFault(HOST, { kind: 'com-error', match: 'BeginSession', hresult: code });
        const { error } = await driver.run({ env, steps: refusedBeginSession() });
        expect(error, code).toEqual(callError(code, intuitText(code)));
      }
      expect(codes.length).toBeGreaterThan(50);
    } finally {
      await mock.stop();
    }
  });

  test('every member of the table is in both assemblies, on each interface since it was introduced, with its DispId', async () => {
    const { results, error } = await driver.run({ env: {}, steps: [{ op: 'members' }] });
    expect(error).toBeUndefined();
    const types = results[0] as Record<string, { kind: string; members: [string, number][] }>;
    const csName = (m: Rp2Member) => (m.kind === 'propget' && m.params.length > 0 ? `get_${m.name}` : m.name);
    for (const [assembly, ns] of [
      ['Interop.QBXMLRP2', 'Interop.QBXMLRP2'],
      ['Interop.QBXMLRP2Lib', 'QBXMLRP2Lib'],
    ]) {
      for (const [order, object] of [
        [RP2_INTERFACES, 'RequestProcessor'],
        [AUTH_PREFS_INTERFACES, 'AuthPreferences'],
      ] as const) {
        order.forEach((iface, i) => {
          const expected = RP2_MEMBERS.filter(
            (m) => m.object === object && (order as readonly string[]).indexOf(m.since) <= i,
          ).map((m) => [csName(m), m.dispid]);
          const got = types[`${assembly}|${ns}.${iface}`];
          expect(got?.kind, `${ns}.${iface}`).toBe('interface');
          expect([...got!.members].sort(), `${ns}.${iface}`).toEqual([...expected].sort());
        });
      }
      for (const [name, values] of Object.entries(RP2_COM_ENUMS)) {
        const got = types[`${assembly}|${ns}.${name}`]!;
        expect(Object.fromEntries(got.members), `${ns}.${name}`).toEqual(
          Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v | 0])),
        );
      }
      for (const coclass of ['RequestProcessor2', 'RequestProcessor3', 'AuthPreferences']) {
        expect(types[`${assembly}|${ns}.${coclass}`]?.kind).toBe('interface');
        expect(types[`${assembly}|${ns}.${coclass}Class`]?.kind).toBe('class');
      }
    }
  });

  test('every member called through new RequestProcessor3(), in a session the Admin authorized while BeginSession waited', async () => {
    const { c, expected } = memberTour();
    const { mock, control, ui, env } = await caseMock(c, 'cs-tour');
    try {
      const result = driver.run({ env, steps: c.steps });
      await c.during?.(ui, control);
      const { results, error } = await result;
      expect(error).toBeUndefined();
      expected.forEach((e, i) => {
        if (e !== undefined) expect(results[i], JSON.stringify(c.steps[i])).toEqual(e);
      });
      expect(results[0]).toBe('<object Interop.QBXMLRP2.RequestProcessor3Class>');
      expect(results[10]).toBe('<object Interop.QBXMLRP2.AuthPreferencesClass>');
      expect(String(results[16])).toContain('statusCode="1030"');
      expect(String(results[20])).toContain('<HostRet>');
    } finally {
      await mock.stop();
    }
  });

  test('QBXMLRP2Lib.RequestProcessor2Class (older imports) works the same; a detached AuthPreferencesClass refuses Get', async () => {
    const mock = await startMockQb({ seed: 'cs-lib' });
    try {
      const env = { QBDSIM_BRIDGE_URL: mock.bridgeUrl };
      const lib = await driver.run({
        env,
        steps: [
          { op: 'create', coclass: 'Lib.RequestProcessor2Class' },
          { op: 'call', name: 'MajorVersion' },
          { op: 'call', name: 'OpenConnection', args: ['', 'Lib Test'] },
          { op: 'call', name: 'BeginSession', args: ['', 2] },
        ],
      });
      expect(lib.results.slice(0, 3)).toEqual(['<object QBXMLRP2Lib.RequestProcessor2Class>', 13, null]);
      expect(lib.error).toEqual(callError('0x80040418', intuitText('0x80040418')));
      const detached = await driver.run({
        env,
        steps: [
          { op: 'create', save: 'p', coclass: 'AuthPreferencesClass' },
          { op: 'call', on: 'p', name: 'PutIsReadOnly', args: [true] },
          { op: 'call', on: 'p', name: 'GetIsReadOnly', args: ['T'] },
        ],
      });
      expect(detached.error).toEqual(callError('0x8004040D', intuitText('0x8004040D')));
    } finally {
      await mock.stop();
    }
  });
});
