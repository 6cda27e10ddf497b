// vitest globalSetup: gives the workers a folder where test/support/system-programs.ts records each program a test
// file needed and did not find (outside CI), and after the last test prints one line per missing program, naming
// the files that were skipped and the command that installs it — the run's last lines.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MISSING_PROGRAMS_DIR_ENV } from './system-programs.js';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qbdsim-missing-programs-'));
  process.env[MISSING_PROGRAMS_DIR_ENV] = dir;
  return () => {
    const byLine = new Map<string, Set<string>>();
    for (const file of readdirSync(dir)) {
      for (const row of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        if (!row) continue;
        const { line, file: testFile } = JSON.parse(row) as { line: string; file: string };
        byLine.set(line, (byLine.get(line) ?? new Set()).add(testFile));
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (!byLine.size) return;
    const lines = [...byLine].map(([line, files]) => `  skipped ${[...files].sort().join(', ')}: ${line}`);
    process.stdout.write(
      `\nTests skipped for want of a system program (with CI=true they fail):\n${lines.join('\n')}\n`,
    );
  };
}
