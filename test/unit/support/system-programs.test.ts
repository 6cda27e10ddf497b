import path from 'node:path';
import { expect, test } from 'vitest';
import {
  SYSTEM_PROGRAMS,
  decideProgram,
  isCi,
  locateProgram,
  type SystemLookup,
} from '../../support/system-programs.js';

/** A machine with exactly these executables (and these folders' entries). */
function machine(
  executables: string[],
  env: Record<string, string> = {},
  dirs: Record<string, string[]> = {},
): SystemLookup {
  return {
    env: { PATH: '/usr/local/bin:/usr/bin', ...env },
    homeDir: '/home/dev',
    isExecutable: (file) => executables.includes(file),
    listDir: (dir) => dirs[dir] ?? [],
  };
}

const chromium = SYSTEM_PROGRAMS.chromium;

test('a program is found at an absolute candidate, then by name on PATH, in the listed order', () => {
  expect(locateProgram(chromium, machine(['/usr/bin/chromium', '/usr/bin/google-chrome']))).toEqual({
    found: true,
    path: '/usr/bin/chromium',
  });
  expect(locateProgram(chromium, machine(['/usr/local/bin/chromium-browser']))).toEqual({
    found: true,
    path: '/usr/local/bin/chromium-browser',
  });
  expect(locateProgram(SYSTEM_PROGRAMS.mono, machine(['/usr/bin/mono']))).toEqual({
    found: true,
    path: '/usr/bin/mono',
  });
});

test('the environment variable, when set, is the only place looked at — a wrong path is not silently replaced', () => {
  const sys = machine(['/usr/bin/chromium', '/opt/chrome/chrome'], { QBDSIM_CHROMIUM: '/opt/chrome/chrome' });
  expect(locateProgram(chromium, sys)).toEqual({ found: true, path: '/opt/chrome/chrome' });
  const wrong = machine(['/usr/bin/chromium'], { QBDSIM_CHROMIUM: '/nowhere/chrome' });
  expect(locateProgram(chromium, wrong)).toEqual({ found: false, searched: ['QBDSIM_CHROMIUM=/nowhere/chrome'] });
});

test("playwright's own browser cache is the last place for Chromium, newest revision first", () => {
  const cache = path.join('/home/dev', '.cache', 'ms-playwright');
  const newest = path.join(cache, 'chromium-1200', 'chrome-linux', 'chrome');
  const older = path.join(cache, 'chromium-1100', 'chrome-linux', 'chrome');
  const sys = machine([older, newest], {}, { [cache]: ['ffmpeg-1010', 'chromium-1100', 'chromium-1200'] });
  expect(locateProgram(chromium, sys)).toEqual({ found: true, path: newest });
});

test('a missing program lists every place searched', () => {
  const location = locateProgram(chromium, machine([]));
  expect(location).toEqual({
    found: false,
    searched: [
      'QBDSIM_CHROMIUM (unset)',
      '/usr/bin/chromium',
      'chromium on PATH',
      'chromium-browser on PATH',
      'google-chrome on PATH',
      'google-chrome-stable on PATH',
    ],
  });
});

test('found → run; missing outside CI → skip with one line naming the program and its install command', () => {
  expect(decideProgram(chromium, { found: true, path: '/usr/bin/chromium' }, true)).toEqual({
    kind: 'run',
    path: '/usr/bin/chromium',
  });
  const skip = decideProgram(chromium, { found: false, searched: ['/usr/bin/chromium'] }, false);
  expect(skip).toEqual({
    kind: 'skip',
    line: 'chromium not found (looked at /usr/bin/chromium); install it: apt-get install -y chromium',
  });
});

test('missing with CI → fail, naming the program', () => {
  const fail = decideProgram(SYSTEM_PROGRAMS.mono, { found: false, searched: ['mono on PATH'] }, true);
  expect(fail.kind).toBe('fail');
  expect(fail.kind === 'fail' && fail.message).toBe(
    'mono is required with CI=true and was not found (looked at mono on PATH); install it: apt-get install -y mono-runtime',
  );
});

test('CI is CI=true or CI=1, in any case; anything else is a developer machine', () => {
  expect(isCi({ CI: 'true' })).toBe(true);
  expect(isCi({ CI: 'TRUE' })).toBe(true);
  expect(isCi({ CI: '1' })).toBe(true);
  expect(isCi({ CI: 'false' })).toBe(false);
  expect(isCi({ CI: '' })).toBe(false);
  expect(isCi({})).toBe(false);
});
