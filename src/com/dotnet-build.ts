import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { dotnetSourcesDir } from './front-door-paths.js';

const run = promisify(execFile);

/** The two drop-in assemblies: Intuit's SDK samples reference the first, older type-library imports the second. */
export const INTEROP_ASSEMBLIES = {
  'Interop.QBXMLRP2.dll': [],
  'Interop.QBXMLRP2Lib.dll': ['-define:QBXMLRP2LIB'],
} as const satisfies Record<string, readonly string[]>;

/** Where the drop-in assemblies were built. */
export interface DotnetFrontDoor {
  /** The folder holding both assemblies: give it to `mcs -lib:`/`-r:` and to `MONO_PATH`. */
  dir: string;
  interop: string;
  interopLib: string;
}

export interface BuildOptions {
  /** The qbd-sim checkout or package (its src/com/dotnet). */
  root: string;
  /** Mono's C# compiler (default `mcs` on PATH). */
  mcs?: string;
  /** Builds are cached here by the hash of their sources (default: $QBDSIM_CACHE_DIR or the system temp folder). */
  cacheDir?: string;
}

/** The cache folder for builds (`QBDSIM_CACHE_DIR`, else `<tmp>/qbd-sim-cache`). */
export function defaultCacheDir(): string {
  return process.env['QBDSIM_CACHE_DIR'] || path.join(tmpdir(), 'qbd-sim-cache');
}

function hashFiles(files: readonly string[], extra: readonly string[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(path.basename(f)).update('\0').update(readFileSync(f)).update('\0');
  for (const e of extra) h.update(e).update('\0');
  return h.digest('hex').slice(0, 16);
}

/**
 * Builds into `<cacheDir>/<name>-<hash>` unless that folder exists: the build runs in a temporary folder renamed into
 * place, so concurrent builds of the same sources (test workers) never see half a build.
 */
async function cachedBuild(
  cacheDir: string,
  name: string,
  hash: string,
  build: (dir: string) => Promise<void>,
): Promise<string> {
  const target = path.join(cacheDir, `${name}-${hash}`);
  if (existsSync(target)) return target;
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(path.join(cacheDir, `.${name}-`));
  try {
    await build(work);
    try {
      renameSync(work, target);
    } catch (error) {
      if (!existsSync(target)) throw error; // another build got there first: use it
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

async function mcs(compiler: string, args: string[], what: string): Promise<void> {
  try {
    await run(compiler, ['-nologo', ...args], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const e = error as { code?: string; stdout?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT') {
      throw new Error(`${what}: Mono's C# compiler "${compiler}" was not found (Debian: apt-get install mono-mcs)`, {
        cause: error,
      });
    }
    throw new Error(`${what}: ${compiler} failed:\n${(e.stdout ?? '') + (e.stderr ?? '') || e.message}`, {
      cause: error,
    });
  }
}

/**
 * Builds qbd-sim's drop-in `Interop.QBXMLRP2.dll` and `Interop.QBXMLRP2Lib.dll` from src/com/dotnet with Mono's `mcs`
 * (cached by the hash of the sources).
 *
 * @example
 * const door = await buildDotnetFrontDoor({ root: repoRoot() });
 * // mcs -r:${door.interop} MyConnector.cs && MONO_PATH=${door.dir} mono MyConnector.exe
 */
export async function buildDotnetFrontDoor(opts: BuildOptions): Promise<DotnetFrontDoor> {
  const compiler = opts.mcs ?? 'mcs';
  const src = dotnetSourcesDir(opts.root);
  const sources = readdirSync(src)
    .filter((f) => f.endsWith('.cs'))
    .sort()
    .map((f) => path.join(src, f));
  const dir = await cachedBuild(
    opts.cacheDir ?? defaultCacheDir(),
    'qbxmlrp2-interop',
    hashFiles(sources, []),
    async (work) => {
      for (const [dll, defines] of Object.entries(INTEROP_ASSEMBLIES)) {
        await mcs(
          compiler,
          ['-target:library', '-optimize+', `-out:${path.join(work, dll)}`, ...defines, ...sources],
          `building ${dll}`,
        );
      }
    },
  );
  return {
    dir,
    interop: path.join(dir, 'Interop.QBXMLRP2.dll'),
    interopLib: path.join(dir, 'Interop.QBXMLRP2Lib.dll'),
  };
}

/** Copies the built assemblies into `outDir` (what `qbd-sim com dotnet-build --out DIR` does). */
export function copyFrontDoor(door: DotnetFrontDoor, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return Object.keys(INTEROP_ASSEMBLIES).map((dll) => {
    const to = path.join(outDir, dll);
    copyFileSync(path.join(door.dir, dll), to);
    return to;
  });
}

/**
 * Builds a C# program against the drop-in assemblies (`mcs -r:Interop.QBXMLRP2.dll …`), cached by the hash of its
 * sources and of the front door: a connector's sources built unchanged. Returns the `.exe`; run it with `mono` and
 * `MONO_PATH` set to `door.dir`.
 */
export async function buildDotnetProgram(opts: {
  door: DotnetFrontDoor;
  sources: readonly string[];
  /** The program's file name (`ApSyncTray.exe`). */
  out: string;
  /** Further assemblies (`System.Xml.dll`, …) and which drop-in to reference (default Interop.QBXMLRP2.dll). */
  references?: readonly string[];
  mcs?: string;
  cacheDir?: string;
}): Promise<string> {
  const refs = opts.references ?? ['System.Xml.dll', 'Interop.QBXMLRP2.dll'];
  const resolved = refs.map((r) => (Object.hasOwn(INTEROP_ASSEMBLIES, r) ? path.join(opts.door.dir, r) : r));
  const hash = hashFiles([...opts.sources, opts.door.interop, opts.door.interopLib], [opts.out, ...refs]);
  const dir = await cachedBuild(
    opts.cacheDir ?? defaultCacheDir(),
    path.basename(opts.out, '.exe'),
    hash,
    async (work) => {
      await mcs(
        opts.mcs ?? 'mcs',
        [`-out:${path.join(work, opts.out)}`, ...resolved.map((r) => `-r:${r}`), ...opts.sources],
        `building ${opts.out}`,
      );
    },
  );
  return path.join(dir, opts.out);
}
