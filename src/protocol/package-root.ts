import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder of qbd-sim's own package.json (a checkout, or the installed package), found by walking up from this
 * module. The same answer whether the code runs from the sources, from `dist/` (tsc) or from the bundles in
 * `dist/bundle/`, so files shipped beside the code (the dashboard's static files, the bundled scenarios) are found
 * the same way everywhere.
 *
 * @example
 * const scenarios = path.join(packageRoot(), 'scenarios');
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'qbd-sim') return (cached = dir);
      } catch {
        // not ours: keep looking
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error('qbd-sim: cannot find its package.json above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}
