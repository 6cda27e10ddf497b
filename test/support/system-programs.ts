// The one place that decides what a test does when it needs a program npm cannot install (Chromium, Docker, python3,
// Mono): found → the test runs with its path; missing outside CI → the test is skipped and one line naming the
// program and its install command is printed at the end of the run (test/support/missing-programs-report.ts);
// missing with CI=true → the test fails naming the program, since CI (.ci/run) installs every one of them.
import { accessSync, appendFileSync, constants, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

/** A program some tests need that `npm install` cannot provide. */
export interface SystemProgram {
  /** Short name used in the skip/fail line, e.g. `chromium`. */
  readonly name: string;
  /** Environment variable naming the program's path; when set it is the only place looked at. */
  readonly env?: string;
  /** Absolute paths, or command names looked up on PATH, in order. */
  readonly candidates: readonly string[];
  /** Further places computed from the machine (e.g. playwright's own browser cache). */
  readonly extraCandidates?: (sys: SystemLookup) => readonly string[];
  /** The command that installs it on Debian (what `.ci/run` runs). */
  readonly install: string;
}

/** The programs tests may require; `.ci/run` installs each of them. */
export const SYSTEM_PROGRAMS = {
  chromium: {
    name: 'chromium',
    env: 'QBDSIM_CHROMIUM',
    candidates: ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'],
    extraCandidates: playwrightCacheChromium,
    install: 'apt-get install -y chromium',
  },
  docker: {
    name: 'docker',
    env: 'QBDSIM_DOCKER',
    candidates: ['docker'],
    install: 'apt-get install -y docker.io (and start dockerd: ci/start-dockerd.sh)',
  },
  python3: {
    name: 'python3',
    env: 'QBDSIM_PYTHON',
    candidates: ['python3'],
    install: 'apt-get install -y python3',
  },
  mono: {
    name: 'mono',
    env: 'QBDSIM_MONO',
    candidates: ['mono'],
    install: 'apt-get install -y mono-runtime',
  },
  mcs: {
    name: 'mcs',
    env: 'QBDSIM_MCS',
    candidates: ['mcs'],
    install: 'apt-get install -y mono-mcs',
  },
} as const satisfies Record<string, SystemProgram>;

export type SystemProgramName = keyof typeof SYSTEM_PROGRAMS;

/** What the lookup may read of the machine (injected in the unit test). */
export interface SystemLookup {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly homeDir: string;
  isExecutable(file: string): boolean;
  listDir(dir: string): readonly string[];
}

/** The real machine. */
export const REAL_SYSTEM: SystemLookup = {
  env: process.env,
  homeDir: os.homedir(),
  isExecutable(file) {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  listDir(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

/** Where a program was found, or every place that was looked at. */
export type ProgramLocation =
  { readonly found: true; readonly path: string } | { readonly found: false; readonly searched: readonly string[] };

/** Looks for `program`: its environment variable alone when set, otherwise each candidate (PATH for bare names). */
export function locateProgram(program: SystemProgram, sys: SystemLookup = REAL_SYSTEM): ProgramLocation {
  const fromEnv = program.env ? sys.env[program.env] : undefined;
  if (program.env && fromEnv) {
    return sys.isExecutable(fromEnv)
      ? { found: true, path: fromEnv }
      : { found: false, searched: [`${program.env}=${fromEnv}`] };
  }
  const searched: string[] = program.env ? [`${program.env} (unset)`] : [];
  const pathDirs = (sys.env['PATH'] ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of [...program.candidates, ...(program.extraCandidates?.(sys) ?? [])]) {
    const files = path.isAbsolute(candidate) ? [candidate] : pathDirs.map((dir) => path.join(dir, candidate));
    searched.push(path.isAbsolute(candidate) ? candidate : `${candidate} on PATH`);
    const hit = files.find((file) => sys.isExecutable(file));
    if (hit) return { found: true, path: hit };
  }
  return { found: false, searched };
}

/** What a test that needs the program does. */
export type ProgramDecision =
  | { readonly kind: 'run'; readonly path: string }
  | { readonly kind: 'skip'; readonly line: string }
  | { readonly kind: 'fail'; readonly message: string };

/** The rule: found → run; missing → skip with one line outside CI, fail with `CI=true` (or `CI=1`). */
export function decideProgram(program: SystemProgram, location: ProgramLocation, ci: boolean): ProgramDecision {
  if (location.found) return { kind: 'run', path: location.path };
  const where = `looked at ${location.searched.join(', ')}`;
  if (ci)
    return {
      kind: 'fail',
      message: `${program.name} is required with CI=true and was not found (${where}); install it: ${program.install}`,
    };
  return { kind: 'skip', line: `${program.name} not found (${where}); install it: ${program.install}` };
}

/** Whether this run is CI (`CI=true` or `CI=1`, as CI services set it). */
export function isCi(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const ci = env['CI']?.toLowerCase();
  return ci === 'true' || ci === '1';
}

/** Environment variable naming the folder where skipped programs are recorded for the end-of-run report. */
export const MISSING_PROGRAMS_DIR_ENV = 'QBDSIM_MISSING_PROGRAMS_DIR';

/** A requirement as a test file uses it. */
export interface ProgramRequirement {
  /** True when the program is missing outside CI: pass it to `test.skipIf` / `describe.skipIf`. */
  readonly skip: boolean;
  /** The program's path; throws (failing the test, naming the program) when it is missing under CI. */
  path(): string;
}

/**
 * Declares that the calling test file needs `name`. Call it at the top of the file and gate the tests on `skip`.
 *
 * @example
 * const chromium = requireProgram('chromium');
 * test.skipIf(chromium.skip)('the dashboard in Chromium', async () => {
 *   const browser = await playwright.chromium.launch({ executablePath: chromium.path() });
 * });
 */
export function requireProgram(name: SystemProgramName): ProgramRequirement {
  const program = SYSTEM_PROGRAMS[name];
  const decision = decideProgram(program, locateProgram(program), isCi());
  if (decision.kind === 'skip') recordSkip(decision.line);
  return {
    skip: decision.kind === 'skip',
    path() {
      if (decision.kind === 'run') return decision.path;
      throw new Error(decision.kind === 'fail' ? decision.message : decision.line);
    },
  };
}

function recordSkip(line: string): void {
  const dir = process.env[MISSING_PROGRAMS_DIR_ENV];
  if (!dir) return;
  const testPath = expect.getState().testPath;
  const file = testPath ? path.relative(process.cwd(), testPath) : 'a test file';
  appendFileSync(path.join(dir, `${process.pid}.ndjson`), `${JSON.stringify({ line, file })}\n`);
}

/** playwright-core's own download folder (`~/.cache/ms-playwright/chromium-NNNN/chrome-linux/chrome`), newest first. */
function playwrightCacheChromium(sys: SystemLookup): string[] {
  const cache = sys.env['PLAYWRIGHT_BROWSERS_PATH'] || path.join(sys.homeDir, '.cache', 'ms-playwright');
  return sys
    .listDir(cache)
    .filter((entry) => /^chromium-\d+$/.test(entry))
    .sort((a, b) => Number(b.slice(9)) - Number(a.slice(9)))
    .flatMap((entry) => [
      path.join(cache, entry, 'chrome-linux', 'chrome'),
      path.join(cache, entry, 'chrome-linux64', 'chrome'),
    ]);
}
