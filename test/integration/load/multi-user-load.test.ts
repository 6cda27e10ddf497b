// Issue 10, load: 16 sessions at once in multi-user mode for 8 s (60 s under `npm run test:soak`), mixed reads and writes on a few shared vendors with
// conflicting EditSequences. No update is lost (each vendor's counter equals the writes QuickBooks accepted), every
// write with a stale EditSequence gets 3200, every acknowledged add is there, and memory stays bounded: the journal
// keeps to its cap and says JOURNAL FULL when it drops entries. (`npm run bench -- --only multi-user-load`: 60 s.)
import { expect, onTestFinished, test } from 'vitest';
import { SAMPLE_WORLD_SPEC, startMockQb } from '../../../mock-qb/index.js';
import { liveHeapBytes, runMultiUserLoad } from '../../support/multi-user-load.js';

const SESSIONS = 16;
/** Long enough for the journal to overflow and the heap to be sampled eight times; the soak runs it for a minute. */
const DURATION_MS = process.env['QBD_SOAK'] === '1' ? 60_000 : 8_000;
const SEED = Number(process.env['QBDSIM_LOAD_SEED'] ?? 10);
/** Small, so that even a slow machine overflows it within the run (the journal must say JOURNAL FULL and stay capped). */
const JOURNAL_CAPACITY = 300;

test(
  `${SESSIONS} multi-user sessions for ${DURATION_MS / 1000} s: no lost update, every stale write 3200, bounded memory`,
  async () => {
    const mock = await startMockQb({
      world: { ...SAMPLE_WORLD_SPEC, journalCapacity: JOURNAL_CAPACITY },
      seed: `load-${SEED}`,
    });
    onTestFinished(() => mock.stop());
    const host = SAMPLE_WORLD_SPEC.hosts[0]!.id;
    const r = await runMultiUserLoad({
      url: mock.url,
      host,
      sessions: SESSIONS,
      durationMs: DURATION_MS,
      seed: SEED,
      sampleHeap: liveHeapBytes,
    });
    const replay = `(replay: QBDSIM_LOAD_SEED=${SEED})`;
    expect(r.unexpected, replay).toEqual([]);
    // The load ran, concurrently, and conflicted.
    expect(r.requests, replay).toBeGreaterThan(SESSIONS * 20);
    expect(r.writesAccepted, replay).toBeGreaterThan(0);
    expect(r.writesConflicted, replay).toBeGreaterThan(0);
    // No lost update: every accepted increment is in the counter, and nothing else is.
    for (const c of r.counters) expect(c.final, `${c.listId} ${replay}`).toBe(c.accepted);
    // Every write with a stale EditSequence was refused with 3200.
    expect(r.staleWritesSent, replay).toBeGreaterThan(0);
    expect(r.staleWritesRefused3200, replay).toBe(r.staleWritesSent);
    // Every acknowledged add is there.
    expect(r.addsFound, replay).toBe(r.addsAcknowledged);
    // Bounded memory: the journal keeps to its cap (and said so loudly when it dropped), the heap does not climb with
    // the number of requests (the last quarter of the run against the second).
    expect(r.journal.size).toBeLessThanOrEqual(JOURNAL_CAPACITY);
    expect(r.journal.dropped).toBeGreaterThan(0);
    expect(r.journalFullWarnings).toBeGreaterThan(0);
    const quarter = Math.max(1, Math.floor(r.heapMiB.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(r.heapMiB.slice(quarter, 2 * quarter));
    const late = mean(r.heapMiB.slice(-quarter));
    expect(late - early, `heap MiB ${r.heapMiB.map((h) => h.toFixed(0)).join(' ')}`).toBeLessThan(64);
    expect(Math.max(...r.heapMiB)).toBeLessThan(768);
    console.log(
      `multi-user load: ${r.requests} requests (${r.requestsPerSec.toFixed(0)}/s), ${r.writesAccepted} writes accepted, ` +
        `${r.writesConflicted} conflicted (3200), ${r.staleWritesSent} stale writes all 3200, ${r.addsAcknowledged} adds; ` +
        `heap ${early.toFixed(0)} → ${late.toFixed(0)} MiB; journal ${r.journal.size}/${r.journal.capacity}, ${r.journal.dropped} dropped`,
    );
  },
  DURATION_MS + 40_000,
);
