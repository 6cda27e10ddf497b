// qbd-sim's Python front door (src/com/python) driven as a pywin32 connector drives QBXMLRP2: every row of the cause →
// HRESULT table built as host/caller state and raised as pywin32 raises it; a refused BeginSession for every QBXMLRP2
// HRESULT, with Intuit's text in excepinfo[2]; every member of the member table called; the ways a connector is put
// on it without a code change. One python3 driver process serves the table-driven cases.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { ControlClient, SAMPLE_COMPANY_PATH, startMockQb, type MockQbHandle } from '../../../mock-qb/index.js';
import { pythonFrontDoor } from '../../../src/com/front-door-paths.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import { RP2_COCLASSES, membersOf } from '../../../src/protocol/rp2-members.js';
import { WINDOWS_HRESULTS, signedHresult } from '../../../src/protocol/windows-hresults.js';
import { requireProgram } from '../../support/system-programs.js';
import { main } from '../../../src/cli/main.js';
import { intuitText } from '../mock-qb/support.js';
import { APP, HOST, caseMock, causeCases, memberTour, refusedBeginSession } from './support/front-door-cases.js';
import { REPO, startPythonDriver, type FrontDoorDriver } from './support/front-door-driver.js';

const run = promisify(execFile);
const python = requireProgram('python3');
const SOURCE = 'QBXMLRP2.RequestProcessor.2';
const DISP_E_EXCEPTION = -2147352567;

/** What pywin32 raises when QBXMLRP2 fails a call: DISP_E_EXCEPTION, the server's text and HRESULT in excepinfo. */
function invokeError(hresult: string, text: string) {
  const excepinfo = [0, SOURCE, text, null, 0, signedHresult(hresult)];
  return {
    type: 'pywintypes.com_error',
    isPythoncomError: true,
    args: [DISP_E_EXCEPTION, 'Exception occurred.', excepinfo, null],
    hresult: DISP_E_EXCEPTION,
    strerror: 'Exception occurred.',
    excepinfo,
    argerror: null,
  };
}

/** What pywin32 raises when Windows refuses to create the object: no excepinfo. */
function createError(hresult: keyof typeof WINDOWS_HRESULTS) {
  const args = [signedHresult(hresult), WINDOWS_HRESULTS[hresult].text, null, null];
  return {
    type: 'pywintypes.com_error',
    isPythoncomError: true,
    args,
    hresult: args[0],
    strerror: args[1],
    excepinfo: null,
    argerror: null,
  };
}

describe.skipIf(python.skip)('the Python front door (pywin32 on Linux)', () => {
  let driver: FrontDoorDriver;
  beforeAll(() => {
    driver = startPythonDriver(python.path());
  });
  afterAll(() => driver?.close());

  test('Windows texts are the FormatMessage ones pywin32 shows', () => {
    expect(WINDOWS_HRESULTS['0x80040154'].text).toBe('Class not registered');
    expect(WINDOWS_HRESULTS['0x800401F3'].text).toBe('Invalid class string');
    expect(signedHresult('0x80040154')).toBe(-2147221164);
  });

  test('every row of the cause → HRESULT table: the state built, the error raised as pywin32 raises it', async () => {
    for (const c of causeCases()) {
      const { mock, control, ui, env } = await caseMock(c, `py-${c.id}`);
      try {
        const result = driver.run({ env, steps: c.steps });
        await c.during?.(ui, control);
        const { results, error } = await result;
        const code = c.expect.hresult.python;
        const expected =
          c.expect.at === 'CoCreateInstance'
            ? createError(code as keyof typeof WINDOWS_HRESULTS)
            : invokeError(code, intuitText(code));
        expect({ id: c.id, error }, `${c.id}: ${JSON.stringify(results)}`).toEqual({ id: c.id, error: expected });
        // The bridge journaled it as the failure of that call.
        const kind = c.expect.at === 'CoCreateInstance' ? 'rp2.CoCreateInstance' : `rp2.${c.expect.call}`;
        if (c.id !== 'com-not-initialized') {
          const entries = await control.journal();
          expect(
            entries.some((e) => e.kind === kind && e.data?.['hresult'] === code),
            `${c.id} journaled`,
          ).toBe(true);
        }
      } finally {
        await mock.stop();
      }
    }
  });

  test('a refused BeginSession arrives as com_error with Intuit text in excepinfo[2], for every QBXMLRP2 HRESULT', async () => {
    const mock = await startMockQb({ seed: 'py-every-hresult' });
    try {
      const env = { QBDSIM_BRIDGE_URL: mock.bridgeUrl };
      const client = new ControlClient(mock.url);
      const codes = Object.keys(HRESULT_TEXTS);
      for (const code of codes) {
        await client.armFault(HOST, { kind: 'com-error', match: 'BeginSession', hresult: code });
        const { error } = await driver.run({ env, steps: refusedBeginSession() });
        expect(error, code).toEqual(invokeError(code, intuitText(code)));
      }
      expect(codes.length).toBeGreaterThan(50);
    } finally {
      await mock.stop();
    }
  });

  test('every member of the member table answers, in a session the Admin authorized while BeginSession waited', async () => {
    const { c, expected } = memberTour();
    const { mock, control, ui, env } = await caseMock(c, 'py-tour');
    try {
      const result = driver.run({ env, steps: c.steps });
      await c.during?.(ui, control);
      const { results, error } = await result;
      expect(error).toBeUndefined();
      expected.forEach((e, i) => {
        if (e !== undefined) expect(results[i], JSON.stringify(c.steps[i])).toEqual(e);
      });
      expect(String(results[0])).toBe(`<COMObject ${RP2_COCLASSES.RequestProcessor3.clsid}>`);
      expect(String(results[16])).toContain('statusCode="1030"');
      expect(results[19]).toContain('13.0');
      expect(String(results[20])).toContain('<HostRet>');
      // The tour covers the table: every member of RequestProcessor3 and AuthPreferences is called.
      const called = new Set(c.steps.flatMap((s) => (s.op === 'call' ? [s.name] : [])));
      const all = [...membersOf('RequestProcessor3'), ...membersOf('AuthPreferences')].map((m) => m.name);
      expect([...called].sort()).toEqual([...new Set(all)].sort());
    } finally {
      await mock.stop();
    }
  });

  test("dir() lists the coclass's members: RequestProcessor2 has no GetQBLastError; names are case-insensitive", async () => {
    const mock = await startMockQb({ seed: 'py-dir' });
    try {
      const env = { QBDSIM_BRIDGE_URL: mock.bridgeUrl };
      const { results } = await driver.run({
        env,
        steps: [
          { op: 'create', save: 'rp' },
          { op: 'dir' },
          { op: 'call', name: 'majorversion' },
          { op: 'call', name: 'AuthPreferences', save: 'prefs' },
          { op: 'dir', on: 'prefs' },
        ],
      });
      const names = membersOf('RequestProcessor2').map((m) => m.name);
      expect(results[1]).toEqual(expect.arrayContaining(names));
      expect(results[1]).not.toContain('GetQBLastError');
      expect(results[2]).toBe(13);
      expect(results[4]).toEqual(expect.arrayContaining(membersOf('AuthPreferences').map((m) => m.name)));
      const { error } = await driver.run({
        env,
        steps: [{ op: 'create' }, { op: 'call', name: 'GetQBLastError', args: [] }],
      });
      expect(error).toEqual({ type: 'AttributeError', message: 'QBXMLRP2.RequestProcessor.GetQBLastError' });
    } finally {
      await mock.stop();
    }
  });

  test('EnsureDispatch (makepy names, constants), DispatchEx, versioned ProgIDs; bad arguments as IDispatch refuses them', async () => {
    const mock = await startMockQb({ seed: 'py-activation' });
    // EnsureDispatch loads makepy support for the rest of its process (Dispatch then returns makepy objects too).
    const own = startPythonDriver(python.path());
    try {
      const env = { QBDSIM_BRIDGE_URL: mock.bridgeUrl };
      const ok = await own.run({
        env,
        steps: [
          { op: 'create', how: 'EnsureDispatch' },
          { op: 'create', how: 'DispatchEx', save: 'ex' },
          { op: 'create', target: 'QBXMLRP2.RequestProcessor.1', save: 'v1' },
          { op: 'create', target: 'qbxmlrp2.requestprocessor.2', save: 'v2' },
          { op: 'call', name: 'OpenConnection2', args: ['', APP, 1] },
          { op: 'call', name: 'BeginSession', args: [SAMPLE_COMPANY_PATH, 'x'] },
        ],
      });
      for (const made of ok.results.slice(0, 4)) {
        expect(String(made)).toMatch(/^<win32com\.gen_py\.QBXMLRP2 1\.0 Type Library\.IRequestProcessor4 instance/);
      }
      // A string where QBFileMode goes: DISP_E_TYPEMISMATCH, puArgErr 0 (the last argument).
      expect(ok.error).toMatchObject({ args: [-2147352571, 'Type mismatch.', null, 0] });
      const counts = await own.run({
        env,
        steps: [{ op: 'create' }, { op: 'call', name: 'BeginSession', args: [''] }],
      });
      expect(counts.error).toMatchObject({ args: [-2147352562, 'Invalid number of parameters.', null, null] });
      const unknown = await own.run({ env, steps: [{ op: 'create', target: 'QBXMLRP2.RequestProcessor.9' }] });
      expect(unknown.error).toEqual(createError('0x800401F3'));
      // makepy names are the type library's: no case-insensitive lookup there.
      const makepy = await own.run({ env, steps: [{ op: 'create' }, { op: 'call', name: 'majorversion' }] });
      expect(makepy.error).toMatchObject({ type: 'AttributeError' });
      // A worker thread that calls pythoncom.CoInitialize() first may create it.
      const thread = await own.run({ env, steps: [{ op: 'create', thread: true, coInitialize: true }] });
      expect(thread).toEqual({ results: [expect.stringMatching(/^<win32com\.gen_py/)] });
    } finally {
      await own.close();
      await mock.stop();
    }
  });
});

describe.skipIf(python.skip)('putting a pywin32 connector on the front door without a code change', () => {
  let mock: MockQbHandle;
  let dir: string;
  const connector = [
    'import sys, win32com.client, pywintypes',
    'rp = win32com.client.Dispatch("QBXMLRP2.RequestProcessor")',
    'rp.OpenConnection("", "Unchanged")',
    'try:',
    '    rp.BeginSession("", 2)',
    'except pywintypes.com_error as e:',
    '    print(sys.argv[1:], hex(e.excepinfo[5] & 0xFFFFFFFF), e.excepinfo[2][:40])',
  ].join('\n');
  beforeAll(async () => {
    mock = await startMockQb({ seed: 'py-run-ways' });
    dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-py-'));
    writeFileSync(path.join(dir, 'connector.py'), connector);
  });
  afterAll(() => mock?.stop());
  const expected = "['--fast'] 0x80040418 This application has not accessed this Q\n";

  test('python -m qbdsim_com connector.py ARGS', async () => {
    const { packageDir } = pythonFrontDoor(REPO);
    const { stdout } = await run(python.path(), ['-m', 'qbdsim_com', path.join(dir, 'connector.py'), '--fast'], {
      env: { ...process.env, PYTHONPATH: packageDir, QBDSIM_BRIDGE_URL: mock.bridgeUrl, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(stdout).toBe(expected);
  });

  test('PYTHONPATH=$(qbd-sim com python-path) python3 connector.py ARGS', async () => {
    // `qbd-sim com python-path`, in this process (its start-up is the CLI tests' business).
    let pythonPath = '';
    const write = vi
      .spyOn(process.stdout, 'write')
      .mockImplementation((chunk) => ((pythonPath += String(chunk)), true));
    const code = await main(['node', 'qbd-sim', 'com', 'python-path']);
    write.mockRestore();
    expect(code).toBe(0);
    expect(pythonPath.trim()).toBe(pythonFrontDoor(REPO).pythonPath);
    const { stdout } = await run(python.path(), [path.join(dir, 'connector.py'), '--fast'], {
      env: {
        ...process.env,
        PYTHONPATH: pythonPath.trim(),
        QBDSIM_BRIDGE_URL: mock.bridgeUrl,
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    expect(stdout).toBe(expected);
  });

  test('on Windows the stand-ins hand over to the real pywin32, and the runner refuses', async () => {
    // A fake "real" pywin32 in site-packages, and sys.platform as Windows reports it.
    const site = path.join(dir, 'site');
    const { shimsDir, packageDir } = pythonFrontDoor(REPO);
    await run('mkdir', ['-p', path.join(site, 'win32com')]);
    writeFileSync(path.join(site, 'win32com', '__init__.py'), 'REAL = True\n');
    writeFileSync(path.join(site, 'pywintypes.py'), 'REAL = True\n');
    const probe = `import sys; sys.platform = "win32"; sys.path.append(${JSON.stringify(site)})
import win32com, pywintypes
print(getattr(win32com, "REAL", False), getattr(pywintypes, "REAL", False), ${JSON.stringify(shimsDir)} in sys.path)`;
    const { stdout } = await run(python.path(), ['-c', probe], {
      env: { ...process.env, PYTHONPATH: [shimsDir, packageDir].join(path.delimiter), PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(stdout).toBe('True True False\n');
    const refused = await run(
      python.path(),
      [
        '-c',
        'import sys, runpy; sys.platform = "win32"; sys.argv = ["qbdsim_com", "x.py"]; runpy.run_module("qbdsim_com", run_name="__main__")',
      ],
      { env: { ...process.env, PYTHONPATH: packageDir, PYTHONDONTWRITEBYTECODE: '1' } },
    ).then(
      () => 0,
      (e: { code: number; stderr: string }) => [e.code, e.stderr],
    );
    expect(refused).toEqual([2, expect.stringContaining('run the connector with the real pywin32')]);
  });

  test('pip installs qbdsim_com only: its pyproject declares that package, the stand-ins inside it', async () => {
    // Building a wheel needs setuptools and wheel (from a package index): read what the build takes instead.
    const { packageDir } = pythonFrontDoor(REPO);
    const probe = `import glob, os, tomllib
cfg = tomllib.load(open("pyproject.toml", "rb"))["tool"]["setuptools"]
files = set(glob.glob("qbdsim_com/*.py"))
for pattern in cfg["package-data"]["qbdsim_com"]:
    files |= set(glob.glob(os.path.join("qbdsim_com", pattern)))
every = set(glob.glob("**/*.py", recursive=True))
print(cfg["packages"], sorted(every - files), sorted({f.split("/")[0] for f in files}))`;
    const { stdout } = await run(python.path(), ['-c', probe], { cwd: packageDir });
    expect(stdout).toBe("['qbdsim_com'] [] ['qbdsim_com']\n");
  });
});
