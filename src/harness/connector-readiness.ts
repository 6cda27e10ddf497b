// `ready:` of a connector description: `connector: start` returns once the service answers, not when its process
// exists (a first update that reaches a service before it listens fails with QBWC1012 and says nothing of why).
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Readiness } from './connector-description.js';

/** What {@link waitUntilReady} watches while it waits. */
export interface ReadinessProbe {
  /** The connector's name, for the error. */
  name: string;
  /** Expands placeholders (`{port}`) in the check's target. */
  expand: (text: string) => string;
  /** Every line the process printed so far (stdout and stderr), oldest first. */
  lines: () => readonly string[];
  /** Why the process is gone (`exited with code 1`), or null while it runs. */
  ended: () => string | null;
  /** The process's last output, for the error. */
  lastOutput: () => string;
}

/** Default `ready.timeout`. */
export const READY_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One attempt: null when ready, else what happened (`connect ECONNREFUSED 127.0.0.1:8000`). */
function attemptHttp(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    const req = (url.startsWith('https:') ? httpsRequest : request)(url, { method: 'GET', timeout: 2_000 }, (res) => {
      res.resume();
      resolve(null);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
    req.on('error', (e) => resolve(e.message));
    req.end();
  });
}

function attemptTcp(target: string): Promise<string | null> {
  const m = /^(?:(.+):)?(\d+)$/.exec(target.trim());
  if (!m) return Promise.resolve(`"${target}" is not a port or host:port`);
  return new Promise((resolve) => {
    const socket = connect({ host: m[1] ?? '127.0.0.1', port: Number(m[2]) });
    socket.setTimeout(2_000, () => socket.destroy(new Error('no answer within 2 s')));
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('error', (e) => resolve(e.message));
  });
}

/** The check in words (`an HTTP answer from http://127.0.0.1:51234/wsdl`). */
export function describeReadiness(ready: Readiness, expand: (t: string) => string): string {
  if (ready.http !== undefined) return `an HTTP answer from ${expand(ready.http)}`;
  if (ready.tcp !== undefined) return `a TCP connection to ${expand(ready.tcp)}`;
  return `a line of its output matching /${ready.line!}/`;
}

/**
 * Waits until the check holds, the process ends, or `ready.timeout` passes; the error names what was awaited, the
 * last attempt's answer and the service's last output, and says what to check.
 */
export async function waitUntilReady(ready: Readiness, probe: ReadinessProbe): Promise<void> {
  const timeoutMs = ready.timeout ?? READY_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  const awaited = describeReadiness(ready, probe.expand);
  const pattern = ready.line !== undefined ? new RegExp(ready.line) : null;
  for (;;) {
    const attempt =
      ready.http !== undefined
        ? await attemptHttp(probe.expand(ready.http))
        : ready.tcp !== undefined
          ? await attemptTcp(probe.expand(ready.tcp))
          : probe.lines().some((l) => pattern!.test(l))
            ? null
            : 'no such line yet';
    if (attempt === null) return;
    const last = attempt;
    const ended = probe.ended();
    const output = probe.lastOutput().trim();
    const tail = output
      ? `; its last output:\n${output
          .split('\n')
          .slice(-15)
          .map((l) => `    ${l}`)
          .join('\n')}`
      : '; it printed nothing';
    if (ended) {
      throw new Error(
        `the connector "${probe.name}" ${ended} before it was ready (waited for ${awaited}; last attempt: ${last}) — check its command, env and start in the description${tail}`,
      );
    }
    if (performance.now() >= deadline) {
      throw new Error(
        `the connector "${probe.name}" was not ready within ${timeoutMs / 1000} s: waited for ${awaited} (last attempt: ${last}) — check that ready: names the URL, port or line the service gives once it listens (and that its port is {port}, the same in env, args and .qwc), or raise ready.timeout${tail}`,
      );
    }
    await sleep(100);
  }
}
