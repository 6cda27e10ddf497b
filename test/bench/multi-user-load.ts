import { SAMPLE_WORLD_SPEC, startMockQb } from '../../mock-qb/index.js';
import { liveHeapBytes, runMultiUserLoad } from '../support/multi-user-load.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';

const SESSIONS = 16;
const FULL_MS = 60_000;
const QUICK_MS = 10_000;
const JOURNAL_CAPACITY = 2_000;
const HEAP_GROWTH_LIMIT_MIB = 64;

/**
 * Issue 10's load for 60 s (`--quick`: 10 s): 16 sessions at once in multi-user mode, seeded mixed reads and writes on
 * four shared vendors with conflicting EditSequences (test/support/multi-user-load.ts; the bounded test runs it for
 * 20 s). The mock runs in this process so its heap can be sampled; the load generator shares its event loop, so the
 * request rate is a floor. Held against targets: no lost update, every stale write 3200, every add there, the heap
 * flat once the journal is full.
 */
export const multiUserLoad: Benchmark = {
  name: 'multi-user-load',
  description: `${SESSIONS} multi-user sessions, mixed reads and conflicting writes on shared vendors, ${FULL_MS / 1000} s (--quick ${QUICK_MS / 1000} s)`,
  budgetMs: (o) => (o.quick ? QUICK_MS : FULL_MS) + 120_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const durationMs = options.quick ? QUICK_MS : FULL_MS;
    const mock = await startMockQb({
      world: { ...SAMPLE_WORLD_SPEC, journalCapacity: JOURNAL_CAPACITY },
      seed: 'qbd-sim-bench-load',
    });
    try {
      options.progress(`[multi-user-load] ${SESSIONS} sessions for ${durationMs / 1000} s`);
      const r = await runMultiUserLoad({
        url: mock.url,
        host: SAMPLE_WORLD_SPEC.hosts[0]!.id,
        sessions: SESSIONS,
        durationMs,
        seed: 10,
        sampleHeap: liveHeapBytes,
        progress: (m) => options.progress(`[multi-user-load] ${m}`),
      });
      const lost = r.counters.reduce((n, c) => n + Math.abs(c.accepted - c.final), 0);
      const quarter = Math.max(1, Math.floor(r.heapMiB.length / 4));
      // The lowest sample of a stretch is the closest to the live heap (just after a collection).
      const mean = (xs: number[]) => Math.min(...xs);
      const early = mean(r.heapMiB.slice(quarter, 2 * quarter));
      const late = mean(r.heapMiB.slice(-quarter));
      const base = { benchmark: 'multi-user-load' };
      options.compare({
        ...base,
        name: 'lost-updates',
        label: `lost updates (${r.writesAccepted} writes accepted, ${r.writesConflicted} refused 3200)`,
        value: lost,
        unit: 'updates',
        target: '0',
        met: lost === 0 && r.unexpected.length === 0,
        note: r.unexpected.length ? `unexpected: ${r.unexpected.slice(0, 3).join('; ')}` : `${r.requests} requests`,
      });
      options.compare({
        ...base,
        name: 'stale-writes',
        label: 'stale writes refused with 3200',
        value: r.staleWritesRefused3200,
        unit: 'writes',
        against: { label: 'stale writes sent', value: r.staleWritesSent },
        ratio: r.staleWritesSent ? r.staleWritesRefused3200 / r.staleWritesSent : 1,
        target: 'all',
        met: r.staleWritesRefused3200 === r.staleWritesSent,
      });
      options.compare({
        ...base,
        name: 'adds',
        label: 'acknowledged adds found at the end',
        value: r.addsFound,
        unit: 'adds',
        against: { label: 'acknowledged', value: r.addsAcknowledged },
        target: 'all',
        met: r.addsFound === r.addsAcknowledged,
      });
      options.compare({
        ...base,
        name: 'heap-growth',
        label: 'live heap growth (after a full GC), last quarter vs second quarter of the run',
        value: late - early,
        unit: 'MiB',
        target: `< ${HEAP_GROWTH_LIMIT_MIB} MiB`,
        met: late - early < HEAP_GROWTH_LIMIT_MIB,
        note: `heap ${early.toFixed(0)} → ${late.toFixed(0)} MiB, peak ${Math.max(...r.heapMiB).toFixed(0)} MiB; journal ${r.journal.size}/${r.journal.capacity} entries, ${r.journal.dropped} dropped with ${r.journalFullWarnings} JOURNAL FULL warnings`,
      });
      return [
        {
          name: 'multi-user-load',
          concurrency: SESSIONS,
          unit: 'request',
          ops: r.requests,
          elapsedMs: durationMs,
          opsPerSec: r.requestsPerSec,
          latencyMs: summarizeLatencies(r.latenciesMs),
        },
      ];
    } finally {
      await mock.stop();
    }
  },
};
