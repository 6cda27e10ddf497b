import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { buildDotnetFrontDoor, buildDotnetProgram, type DotnetFrontDoor } from '../com/dotnet-build.js';
import { pythonFrontDoor } from '../com/front-door-paths.js';
import { FRONT_DOOR_ENV } from '../protocol/com-front-door-env.js';
import { RP2_BASE_PATH } from '../protocol/rp2-bridge-contract.js';

/**
 * `com:` of a connector description: the connector is a desktop program that creates QBXMLRP2's COM object, and the
 * harness puts its language's front door in place (src/com) — nothing in the connector changes.
 */
export const comConnectorSchema = z
  .object({
    /** `python`: pywin32's win32com/pywintypes/pythoncom on PYTHONPATH; `dotnet`: the drop-in Interop.QBXMLRP2. */
    frontDoor: z.enum(['python', 'dotnet']),
    /**
     * .NET: C# sources to build against the drop-in (`mcs`, cached by their hash), relative to the description; the
     * program is then `{program}`. Without it, `command` runs a program you built yourself.
     */
    build: z
      .object({
        sources: z.array(z.string().min(1)).min(1),
        /** The program's file name, e.g. `ApSyncTray.exe`. */
        out: z.string().regex(/^[\w.-]+\.exe$/, 'a file name ending in .exe'),
        /** Assemblies to reference (default System.Xml.dll and Interop.QBXMLRP2.dll). */
        references: z.array(z.string().min(1)).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ComConnector = z.infer<typeof comConnectorSchema>;

/** What the harness adds for a COM connector: environment variables and placeholders. */
export interface ComSetup {
  env: Record<string, string>;
  /**
   * `{frontDoor}` (the stand-ins' folder or the assemblies' folder), `{program}` (a built .exe, or '') and, for
   * Python, `{python}`: $QBDSIM_PYTHON, else the interpreter `python3` names (resolved once, past launcher shims such
   * as pyenv's, which cost a few hundred milliseconds per command).
   */
  vars: { frontDoor: string; program: string; python?: string };
}

let door: Promise<DotnetFrontDoor> | undefined;
let python: Promise<string> | undefined;

function resolvePython(): Promise<string> {
  const configured = process.env['QBDSIM_PYTHON'];
  if (configured) return Promise.resolve(configured);
  return (python ??= promisify(execFile)('python3', ['-c', 'import sys; print(sys.executable)']).then(
    ({ stdout }) => stdout.trim() || 'python3',
    () => 'python3',
  ));
}
const programs = new Map<string, Promise<string>>();

function prepend(value: string, existing: string | undefined): string {
  return existing ? `${value}${path.delimiter}${existing}` : value;
}

/**
 * Puts a COM connector's front door in place: the bridge URL in `QBDSIM_BRIDGE_URL`, and for Python the stand-ins
 * first on `PYTHONPATH`; for .NET the drop-in assemblies built (once per process, cached on disk by source hash) and
 * on `MONO_PATH`, and the connector's own sources built against them when the description says so.
 */
export async function prepareComFrontDoor(
  com: ComConnector,
  opts: { root: string; descriptionDir: string; bridgeUrl: string },
): Promise<ComSetup> {
  const bridge = `${opts.bridgeUrl.replace(/\/+$/, '')}${RP2_BASE_PATH}`;
  const env: Record<string, string> = { [FRONT_DOOR_ENV.bridgeUrl.name]: bridge };
  if (com.frontDoor === 'python') {
    const py = pythonFrontDoor(opts.root);
    env['PYTHONPATH'] = prepend(py.pythonPath, process.env['PYTHONPATH']);
    return { env, vars: { frontDoor: py.shimsDir, program: '', python: await resolvePython() } };
  }
  const mcs = process.env['QBDSIM_MCS'] || 'mcs';
  const built = await (door ??= buildDotnetFrontDoor({ root: opts.root, mcs }).catch((error: unknown) => {
    door = undefined;
    throw error;
  }));
  env['MONO_PATH'] = prepend(built.dir, process.env['MONO_PATH']);
  let program = '';
  if (com.build) {
    const build = com.build;
    const sources = build.sources.map((s) => path.resolve(opts.descriptionDir, s));
    const key = JSON.stringify([built.dir, sources, build.out, build.references]);
    let pending = programs.get(key);
    if (!pending) {
      pending = buildDotnetProgram({
        door: built,
        sources,
        out: build.out,
        ...(build.references ? { references: build.references } : {}),
        mcs,
      });
      pending.catch(() => programs.delete(key));
      programs.set(key, pending);
    }
    program = await pending;
  }
  return { env, vars: { frontDoor: built.dir, program } };
}
