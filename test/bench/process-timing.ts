// Wall time of short-lived processes, for the start-up benchmarks: a command from spawn to exit, and a server from
// spawn to its first 200 answer. Each run is a fresh process; the runs of two commands alternate (A B A B …) so a
// change in the machine's load hits both figures alike.
import { spawn } from 'node:child_process';

const GIVE_UP_MS = 60_000;

/** Spawn → exit of `node ...args` (exit code 0 required), in ms. */
export function timeToExit(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(killer);
      if (code === 0) resolve(performance.now() - t0);
      else reject(new Error(`node ${args.join(' ')} exited ${code}: ${err}`));
    });
  });
}

/**
 * Spawn → the first `GET healthPath` answered 200, for a server that prints its base URL on stdout (the first match of
 * `urlPattern`, group 1). The process is stopped (SIGTERM) afterwards; resolves with ms.
 */
export function timeToHealthy(
  args: readonly string[],
  urlPattern: RegExp,
  healthPath: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const killer = setTimeout(() => child.kill('SIGKILL'), GIVE_UP_MS);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    let polling = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code) => reject(new Error(`node ${args.join(' ')} exited (${code}) before healthy: ${err}`)));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = urlPattern.exec(out);
      if (!m || polling) return;
      polling = true;
      void (async () => {
        for (;;) {
          const ok = await fetch(`${m[1]}${healthPath}`).then(
            (res) => res.status === 200,
            () => false,
          );
          if (ok) return resolve(performance.now() - t0);
          await new Promise((r) => setTimeout(r, 2));
        }
      })();
    });
  }).finally(async () => {
    clearTimeout(killer);
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  });
}

/** The median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
