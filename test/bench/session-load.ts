import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult } from './bench-types.js';
import { JsonClient } from './json-client.js';

/** OpenConnection2 arguments of every benchmark session (connType 1 = localQBD). */
export const OPEN_CONNECTION_BODY = { appID: '', appName: 'qbd-sim bench', connType: 1 } as const;
/** BeginSession arguments: the open company file, qbFileOpenDoNotCare (2), so concurrent sessions share it. */
export const BEGIN_SESSION_BODY = { qbFileName: '', reqFileMode: 2 } as const;

/**
 * One "session" exactly as a connector opens one over the RP2 bridge: four POSTs on one processor
 * (OpenConnection2 → BeginSession → EndSession(ticket) → CloseConnection). `ticketOf` reads the ticket from the
 * BeginSession answer; any failure rejects (a benchmark never counts a failed session).
 */
export async function runSession(
  client: JsonClient,
  processorPath: string,
  ticketOf: (beginSessionAnswer: unknown) => string,
): Promise<void> {
  await client.post(`${processorPath}/OpenConnection2`, OPEN_CONNECTION_BODY);
  const ticket = ticketOf(await client.post(`${processorPath}/BeginSession`, BEGIN_SESSION_BODY));
  await client.post(`${processorPath}/EndSession`, { ticket });
  await client.post(`${processorPath}/CloseConnection`, {});
}

/** What a closed-loop run measured: operations completed inside the window and their latencies. */
export interface LoadResult {
  ops: number;
  elapsedMs: number;
  latenciesMs: number[];
}

/**
 * Closed-loop load: `concurrency` workers each run `operation(worker)` back to back. The first `warmupMs` are thrown
 * away; then every operation that *completes* within the next `durationMs` counts (throughput = ops / durationMs).
 * Workers start nothing after the window closes, so the run ends on its own. The first failure stops every worker and
 * rejects.
 */
export async function runClosedLoop(args: {
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  operation: (worker: number) => Promise<void>;
  progress?: (message: string) => void;
  /** Prefix of progress lines. */
  label?: string;
  /** What one operation is, for progress lines (`session`). */
  unit?: string;
}): Promise<LoadResult> {
  const { concurrency, warmupMs, durationMs, operation } = args;
  const start = performance.now();
  const measureStart = start + warmupMs;
  const measureEnd = measureStart + durationMs;
  const latenciesMs: number[] = [];
  let failure: unknown = null;
  let announcedMeasuring = warmupMs === 0;

  const ticker = setInterval(() => {
    const now = performance.now();
    if (now < measureStart) return;
    if (!announcedMeasuring) {
      announcedMeasuring = true;
      args.progress?.(`${args.label ?? ''}warm-up done, measuring ${(durationMs / 1000).toFixed(1)} s`);
      return;
    }
    const seconds = Math.min(now - measureStart, durationMs) / 1000;
    args.progress?.(`${args.label ?? ''}${seconds.toFixed(1)} s: ${latenciesMs.length} ${args.unit ?? 'op'}s`);
  }, 1_000);
  ticker.unref();

  const worker = async (i: number): Promise<void> => {
    while (failure === null) {
      const t0 = performance.now();
      if (t0 >= measureEnd) return;
      try {
        await operation(i);
      } catch (error) {
        failure ??= error;
        return;
      }
      const t1 = performance.now();
      if (t1 >= measureStart && t1 < measureEnd) latenciesMs.push(t1 - t0);
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  } finally {
    clearInterval(ticker);
  }
  if (failure !== null) throw failure;
  return { ops: latenciesMs.length, elapsedMs: durationMs, latenciesMs };
}

/**
 * Measures sessions per second of one target at one concurrency, each worker on its own processor path
 * (`processorPaths[i]`, created by the caller), all through one keep-alive {@link JsonClient}.
 */
export async function measureSessions(args: {
  name: string;
  origin: string;
  concurrency: number;
  processorPaths: readonly string[];
  ticketOf: (beginSessionAnswer: unknown) => string;
  options: BenchOptions;
}): Promise<BenchResult> {
  const { name, concurrency, options } = args;
  if (args.processorPaths.length < concurrency)
    throw new Error(`${name}: ${concurrency} workers need as many processors`);
  const client = new JsonClient(args.origin, concurrency);
  try {
    options.progress(
      `[${name}] concurrency ${concurrency}: warm-up ${(options.warmupMs / 1000).toFixed(1)} s, then ${(options.durationMs / 1000).toFixed(1)} s`,
    );
    const load = await runClosedLoop({
      concurrency,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
      operation: (i) => runSession(client, args.processorPaths[i]!, args.ticketOf),
      progress: options.progress,
      label: `[${name}] concurrency ${concurrency}: `,
      unit: 'session',
    });
    const result: BenchResult = {
      name,
      concurrency,
      unit: 'session',
      ops: load.ops,
      elapsedMs: load.elapsedMs,
      opsPerSec: load.ops / (load.elapsedMs / 1000),
      latencyMs: summarizeLatencies(load.latenciesMs),
    };
    options.progress(
      `[${name}] concurrency ${concurrency}: ${result.ops} sessions, ${result.opsPerSec.toFixed(0)} sessions/s, p50 ${result.latencyMs.p50.toFixed(2)} ms`,
    );
    return result;
  } finally {
    client.close();
  }
}
