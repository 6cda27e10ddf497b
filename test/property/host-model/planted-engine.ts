// A copy of mock-qb's engine with bugs planted (the teeth of the host-model property): mock-qb is copied to a temporary
// folder next to a link to src, each bug's piece of code is replaced by a switch between the engine's code and the
// broken one, and the copy's index is imported in place of the original. One copy serves every bug (it is imported
// once): `plant(rule)` turns one on. The engine itself is never touched: nothing in mock-qb is built for this.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { HostEngine } from '../../../src/testing/host-model/host-real.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A bug: which rule it breaks, in which file, what the engine says (`find`, whole statements) and what the broken
 * copy says instead (`replace`).
 */
export interface PlantedEngineBug {
  rule: string;
  file: string;
  find: string;
  replace: string;
}

const SWITCH = '(globalThis as { __qbdPlanted?: string }).__qbdPlanted';

/** The copy with every bug in `bugs` planted, all off; `plant(rule)` turns one on (undefined: none). */
export async function plantedEngine(
  bugs: readonly PlantedEngineBug[],
): Promise<{ engine: HostEngine; plant(rule: string | undefined): void; cleanup(): void }> {
  const root = mkdtempSync(path.join(tmpdir(), 'qbd-planted-engine-'));
  cpSync(path.join(ROOT, 'mock-qb'), path.join(root, 'mock-qb'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}dashboard${path.sep}static`),
  });
  symlinkSync(path.join(ROOT, 'src'), path.join(root, 'src'), 'dir');
  symlinkSync(path.join(ROOT, 'package.json'), path.join(root, 'package.json'));
  for (const bug of bugs) {
    const target = path.join(root, 'mock-qb', bug.file);
    const text = readFileSync(target, 'utf8');
    if (text.split(bug.find).length !== 2)
      throw new Error(`cannot plant "${bug.rule}": the snippet is not once in ${bug.file} (the engine changed)`);
    const planted = `if (${SWITCH} === ${JSON.stringify(bug.rule)}) {\n${bug.replace}\n} else {\n${bug.find}\n}\n`;
    writeFileSync(target, text.replace(bug.find, planted));
  }
  const engine = (await import(pathToFileURL(path.join(root, 'mock-qb', 'index.ts')).href)) as HostEngine;
  return {
    engine,
    plant: (rule) => {
      (globalThis as { __qbdPlanted?: string }).__qbdPlanted = rule;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
