import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type BenchTargetKind = 'rp2' | 'echo';

/** The message a target process sends once it listens. */
export interface BenchTargetReady {
  type: 'ready';
  url: string;
  bridgeUrl: string;
  /** The mock's control API (`…/__qbd`); null for the echo app. */
  controlUrl: string | null;
  pid: number;
}

export interface BenchTarget extends BenchTargetReady {
  stop(): Promise<void>;
}

const TARGET_ENTRY = fileURLToPath(new URL('./bench-target-process.ts', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 3_000;

/**
 * Starts a server under test on loopback in a child process (see bench-target-process.ts) and resolves once it
 * listens. The child inherits this process's exec arguments (tsx's loader when run by `npm run bench`) and exits when
 * asked to stop, or by itself if this process dies.
 */
export async function startBenchTarget(kind: BenchTargetKind): Promise<BenchTarget> {
  const execArgv = process.execArgv.some((a) => a.includes('tsx'))
    ? process.execArgv
    : [...process.execArgv, '--import', 'tsx'];
  const child = fork(TARGET_ENTRY, [kind], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<BenchTargetReady>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bench target "${kind}" did not start within ${READY_TIMEOUT_MS} ms`));
    }, READY_TIMEOUT_MS);
    child.once('message', (m: BenchTargetReady) => {
      clearTimeout(timer);
      resolve(m);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`bench target "${kind}" exited before it listened (code ${code}, signal ${signal})`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  return { ...ready, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
