// Drives a desktop front door from a test: one long-lived driver process per language (test/integration/com/fixtures
// py_driver.py and CsDriver.cs), fed cases of COM calls and answering one JSON line per case. Python reads JSON; the
// C# driver reads tab-separated commands (no JSON reader in a connector-like program). Both run against the RP2
// bridge a case names in QBDSIM_BRIDGE_URL.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDotnetFrontDoor, buildDotnetProgram } from '../../../../src/com/dotnet-build.js';
import { pythonFrontDoor } from '../../../../src/com/front-door-paths.js';

export const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** One step of a case. A string `$name` in `args` is a value a step saved. */
export type DriverStep =
  | {
      op: 'create';
      save?: string;
      /** Python: how (pywin32's Dispatch by default) and what (a ProgID or a CLSID). */
      how?: 'Dispatch' | 'DispatchEx' | 'EnsureDispatch' | 'dynamic';
      target?: string;
      /** Python: create it on a new thread (with `coInitialize`, after pythoncom.CoInitialize()). */
      thread?: boolean;
      coInitialize?: boolean;
      /** C#: what `new` creates (`RequestProcessor2`, `RequestProcessor3`, `Lib.RequestProcessor2Class`, …). */
      coclass?: string;
    }
  /** A member by name: `args` for a method (or a property with parameters); none for a property read. */
  | { op: 'call'; on?: string; name: string; args?: (string | number | boolean)[]; save?: string }
  /** Python: dir() of an object. */
  | { op: 'dir'; on?: string }
  /** C#: the exported types of both drop-in assemblies, their members and DispIds. */
  | { op: 'members' };

export interface DriverCase {
  /** Environment of the driver for this case (null unsets). */
  env: Record<string, string | null>;
  steps: DriverStep[];
}

export interface DriverResult {
  results: unknown[];
  error?: Record<string, unknown>;
}

/** A driver process: cases in, results out, one at a time. */
export class FrontDoorDriver {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #encode: (c: DriverCase) => string;
  #buffer = '';
  #stderr = '';
  #waiting: ((line: string) => void)[] = [];
  #queue: Promise<unknown> = Promise.resolve();

  constructor(program: string, args: string[], env: NodeJS.ProcessEnv, encode: (c: DriverCase) => string) {
    this.#encode = encode;
    this.#child = spawn(program, args, { env, stdio: 'pipe' });
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#buffer += chunk;
      let nl;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl);
        this.#buffer = this.#buffer.slice(nl + 1);
        this.#waiting.shift()?.(line);
      }
    });
    this.#child.stderr.setEncoding('utf8').on('data', (c: string) => (this.#stderr = (this.#stderr + c).slice(-8000)));
    this.#child.on('exit', (code) => {
      for (const w of this.#waiting.splice(0))
        w(JSON.stringify({ results: [], error: { type: 'exit', code, stderr: this.#stderr } }));
    });
  }

  /** Runs a case (cases queue up: one driver process answers them in order). */
  run(c: DriverCase): Promise<DriverResult> {
    const next = this.#queue.then(
      () =>
        new Promise<DriverResult>((resolve) => {
          this.#waiting.push((line) => resolve(JSON.parse(line) as DriverResult));
          this.#child.stdin.write(this.#encode(c));
        }),
    );
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.#child.once('exit', resolve));
    this.#child.stdin.end();
    await exited;
  }
}

/** The Python driver with qbd-sim's stand-ins on PYTHONPATH (as the harness puts them for a COM connector). */
export function startPythonDriver(python: string): FrontDoorDriver {
  const { pythonPath } = pythonFrontDoor(REPO);
  return new FrontDoorDriver(
    python,
    [path.join(FIXTURES, 'py_driver.py')],
    { ...process.env, PYTHONPATH: pythonPath, PYTHONDONTWRITEBYTECODE: '1' },
    (c) => `${JSON.stringify(c)}\n`,
  );
}

function csArg(a: string | number | boolean): string {
  if (typeof a === 'number') return `i:${a}`;
  if (typeof a === 'boolean') return `b:${a}`;
  if (a.startsWith('$')) return a;
  return `s:${Buffer.from(a, 'utf8').toString('base64')}`;
}

function csLines(c: DriverCase): string {
  const lines = Object.entries(c.env).map(([k, v]) => (v === null ? `env\t${k}` : `env\t${k}\t${v}`));
  for (const s of c.steps) {
    if (s.op === 'create') lines.push(`create\t${s.save ?? 'rp'}\t${s.coclass ?? 'RequestProcessor2'}`);
    else if (s.op === 'call')
      lines.push(['call', s.on ?? 'rp', s.name, s.save ?? '-', ...(s.args ?? []).map(csArg)].join('\t'));
    else if (s.op === 'members') lines.push('members');
    else throw new Error(`the C# driver has no ${s.op}`);
  }
  return `${lines.join('\n')}\nend\n`;
}

/** Builds the drop-in assemblies and the C# driver against them (cached by source hash), and starts it under mono. */
export async function startDotnetDriver(mono: string, mcs: string): Promise<FrontDoorDriver> {
  const door = await buildDotnetFrontDoor({ root: REPO, mcs });
  const exe = await buildDotnetProgram({
    door,
    sources: [path.join(FIXTURES, 'CsDriver.cs')],
    out: 'CsDriver.exe',
    references: ['Interop.QBXMLRP2.dll', 'Interop.QBXMLRP2Lib.dll'],
    mcs,
  });
  return new FrontDoorDriver(mono, [exe], { ...process.env, MONO_PATH: door.dir }, csLines);
}
