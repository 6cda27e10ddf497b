import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './package-root.js';

let cached: string | undefined;

/** qbd-sim's version, from its package.json (see {@link packageRoot}). */
export function qbdSimVersion(): string {
  if (cached) return cached;
  try {
    const pkg = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
    return (cached = pkg.version ?? '0.0.0-unknown');
  } catch {
    return (cached = '0.0.0-unknown');
  }
}
