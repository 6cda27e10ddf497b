// The reference connector as its own process (bin/ap-connector.js: its bundle, made fresh by the suite's setup), as
// integration, browser and e2e tests drive it: `start` with its status lines parsed as they come, and
// the one-shot commands (token set, sync-now, status, exit).
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StatusRecord } from '../../src/connector/index.js';

const BIN = fileURLToPath(new URL('../../bin/ap-connector.js', import.meta.url));

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns something other than undefined (bounded); `what` names it in the error. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

/** `ap-connector ARGS…` to completion (token set, sync-now, status, exit). */
export function connectorCli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A running `ap-connector start …`, its status lines (JSON, one per line) parsed as they come. */
export class ConnectorProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly records: StatusRecord[] = [];
  stderr = '';
  #buffer = '';

  constructor(args: string[]) {
    this.child = spawn(process.execPath, [BIN, 'start', ...args], { env: process.env });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#buffer += chunk;
      let nl;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl);
        this.#buffer = this.#buffer.slice(nl + 1);
        if (line.trim()) this.records.push(JSON.parse(line) as StatusRecord);
      }
    });
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
  }

  /** The first record with `status` after `from` records. */
  waitFor(status: string, from = 0, timeoutMs = 30_000): Promise<StatusRecord> {
    return eventually(
      `"${status}" from the connector (seen: ${JSON.stringify(this.records.map((r) => r.status))}; stderr: ${this.stderr})`,
      async () => {
        if (this.child.exitCode !== null) {
          throw new Error(`the connector exited (${this.child.exitCode}): ${this.stderr}`);
        }
        return this.records.slice(from).find((r) => r.status === status);
      },
      timeoutMs,
    );
  }

  exited(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve(this.child.exitCode);
    return new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
