import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * qbd-sim's version, from its package.json: the nearest `qbd-sim` package above this file (src/protocol in a
 * checkout, dist/src/protocol in the package).
 */
export function qbdSimVersion(): string {
  if (cached) return cached;
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'qbd-sim' && pkg.version) return (cached = pkg.version);
    } catch {
      // not this folder
    }
  }
  return (cached = '0.0.0-unknown');
}
