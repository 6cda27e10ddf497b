import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What a benchmark child process sends its parent: progress lines, then one result (or a failure). */
export type ChildMessage<R> =
  { type: 'progress'; message: string } | { type: 'result'; result: R } | { type: 'error'; error: string };

/**
 * Runs a benchmark helper script in its own process (its memory is its own: peak RSS is measured per process) and
 * resolves with the result it sends. The child inherits this process's exec arguments (tsx's loader under `npm run
 * bench`) and gets `args` as JSON in argv[2]; its progress lines go to `progress`. A child that exits without a
 * result rejects.
 */
export function runBenchChild<R>(script: URL, args: unknown, progress: (message: string) => void): Promise<R> {
  const execArgv = process.execArgv.some((a) => a.includes('tsx'))
    ? process.execArgv
    : [...process.execArgv, '--import', 'tsx'];
  const child = fork(script, [JSON.stringify(args)], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<R>((resolve, reject) => {
    let settled = false;
    child.on('message', (m: ChildMessage<R>) => {
      if (m.type === 'progress') progress(m.message);
      else if (m.type === 'result') {
        settled = true;
        resolve(m.result);
        child.disconnect();
      } else {
        settled = true;
        reject(new Error(m.error));
      }
    });
    child.once('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    child.once('exit', (code, signal) => {
      if (!settled) reject(new Error(`${script.pathname} exited (code ${code}, signal ${signal}) without a result`));
      settled = true;
    });
  });
}

/** In a child started by {@link runBenchChild}: its arguments, and how to report. */
export function benchChild<A, R>(): {
  args: A;
  progress: (message: string) => void;
  done: (result: R) => void;
  fail: (error: unknown) => void;
} {
  if (!process.send) throw new Error('a benchmark child must be started by runBenchChild (needs an IPC channel)');
  const send = (m: ChildMessage<R>) => process.send!(m);
  process.on('disconnect', () => process.exit(0)); // the parent went away: never outlive it
  return {
    args: JSON.parse(process.argv[2] ?? '{}') as A,
    progress: (message) => send({ type: 'progress', message }),
    done: (result) => send({ type: 'result', result }),
    fail: (error) => {
      send({ type: 'error', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
      setTimeout(() => process.exit(1), 100).unref();
    },
  };
}

/** This process's peak resident set (VmHWM), in MiB; the RSS now where /proc is not available. */
export function peakRssMiB(): number {
  try {
    const m = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage.rss() / 1024 / 1024;
}
