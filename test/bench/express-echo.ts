import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { startBenchTarget } from './bench-target.js';
import { measureSessions } from './session-load.js';

/** A ticket shaped like the mock's (a GUID in braces), so EndSession's body has the same size on both targets. */
const ECHO_TICKET = '{00000000-0000-4000-8000-000000000000}';

/** The baseline: the same four POSTs per session, against a bare express 5 JSON echo shaped like the bridge. */
export const expressEcho: Benchmark = {
  name: 'express-echo',
  description: 'the same four JSON POSTs per session against a bare express 5 echo app (baseline of the ratio)',
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const target = await startBenchTarget('echo');
    try {
      options.progress(`[express-echo] echo app started (pid ${target.pid})`);
      const results: BenchResult[] = [];
      for (const concurrency of options.concurrencies) {
        results.push(
          await measureSessions({
            name: 'express-echo',
            origin: target.url,
            concurrency,
            processorPaths: Array.from({ length: concurrency }, (_, i) => `/qbxmlrp2/processors/echo-${i}`),
            ticketOf: echoTicket,
            options,
          }),
        );
      }
      return results;
    } finally {
      await target.stop();
    }
  },
};

/** The echo answers BeginSession with its own body; check it did, and use the fixed ticket. */
function echoTicket(answer: unknown): string {
  if ((answer as { reqFileMode?: unknown } | null)?.reqFileMode !== 2) {
    throw new Error(`the echo app did not echo BeginSession: ${JSON.stringify(answer)}`);
  }
  return ECHO_TICKET;
}
