import { runBenchChild } from './bench-child.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { cachedCompany, type CachedCompany, type CachedCompanySpec } from './company-cache.js';
import type { FootprintArgs, FootprintResult } from './footprint-process.js';

/** The company for snapshots: 1,000,000 bills (100,000 vendors); --quick: a tenth. */
const SNAPSHOT_FULL: CachedCompanySpec = { vendors: 100_000, bills: 1_000_000, months: 12, seed: 'qbd-sim-bench' };
const SNAPSHOT_QUICK: CachedCompanySpec = { vendors: 10_000, bills: 100_000, months: 12, seed: 'qbd-sim-bench' };
/** The company loaded into memory for "memory per 100,000 records" (an in-memory company must fit SQLite's image). */
const RECORDS_FULL: CachedCompanySpec = SNAPSHOT_QUICK;
const RECORDS_QUICK: CachedCompanySpec = { vendors: 1_000, bills: 10_000, months: 12, seed: 'qbd-sim-bench' };
const IDLE_HOSTS = 50;
const SNAPSHOT_TARGET_S = 60;

const n = (v: number) => v.toLocaleString('en-US');

/** List and transaction records of a generated company: vendors, bills, bill payments (bill lines live in bills). */
function recordsOf(c: CachedCompany): number {
  const s = c.summary;
  return s.vendors.total + s.bills.total + s.payments.check + s.payments.creditCard + (s.customers ?? 0);
}

function child(args: FootprintArgs, options: BenchOptions): Promise<FootprintResult> {
  return runBenchChild<FootprintResult>(new URL('./footprint-process.ts', import.meta.url), args, (m) =>
    options.progress(`[footprint] ${m}`),
  );
}

/**
 * Snapshot and restore time of a 1,000,000-bill company file (a company with a data directory, as `serve --data-dir
 * --company` holds it), memory per idle host and per 100,000 records. Each figure is measured in a fresh child
 * process; the companies come from bench-results/companies/ (generated once per generator version).
 */
export const companyFootprint: Benchmark = {
  name: 'footprint',
  description: `snapshot + restore of a ${n(SNAPSHOT_FULL.bills)}-bill company (--quick: ${n(SNAPSHOT_QUICK.bills)}), memory per idle host and per 100,000 records`,
  budgetMs: (o) => (o.quick ? 15 : 45) * 60_000,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const progress = (m: string) => options.progress(`[footprint] ${m}`);
    const quickNote = options.quick ? ' (--quick: scaled down to a tenth)' : '';

    // Memory per idle host.
    const idle = (await child({ mode: 'idle-hosts', hosts: IDLE_HOSTS }, options)).perHost!;
    options.compare({
      benchmark: 'footprint',
      name: 'idle-host',
      label: 'memory per idle host (QuickBooks running, the sample company open, its reset baseline)',
      value: idle.rssMiB,
      unit: 'MiB',
      target: 'reported',
      met: true,
      note: `resident set over ${idle.hosts} hosts; heap + external ${idle.heapMiB.toFixed(2)} MiB per host`,
    });

    // Memory per 100,000 records (in memory).
    const recordsCompany = await cachedCompany(options.quick ? RECORDS_QUICK : RECORDS_FULL, progress);
    const rec = (await child({ mode: 'records', file: recordsCompany.file }, options)).records!;
    const records = recordsOf(recordsCompany);
    options.compare({
      benchmark: 'footprint',
      name: 'per-100k-records',
      label: 'memory per 100,000 records, company in memory (vendors, bills with their lines, payments)',
      value: (rec.rssMiB / records) * 100_000,
      unit: 'MiB',
      target: 'reported',
      met: true,
      note:
        `${n(records)} records (${n(recordsCompany.summary.bills.lines)} bill lines inside the bills): +${rec.rssMiB.toFixed(0)} MiB ` +
        `resident for a ${rec.imageMiB.toFixed(0)} MiB image, loaded in ${(rec.loadMs / 1000).toFixed(1)} s; with --data-dir ` +
        'a company costs page cache, not heap',
    });

    // Snapshot and restore of the big company in a data directory.
    const spec = options.quick ? SNAPSHOT_QUICK : SNAPSHOT_FULL;
    const big = await cachedCompany(spec, progress);
    const repeats = options.quick ? 2 : 3;
    const snap = (await child({ mode: 'snapshot', file: big.file, repeats }, options)).snapshot!;
    const label = `${n(spec.bills)}-bill company (${(big.sizeBytes / 2 ** 30).toFixed(2)} GiB) in a data directory`;
    if ('error' in snap) {
      options.compare({
        benchmark: 'footprint',
        name: 'snapshot',
        label: `snapshot of a ${label}`,
        value: Number.NaN,
        unit: 's',
        target: `≤ ${SNAPSHOT_TARGET_S} s`,
        met: false,
        note: `failed: ${snap.error}${quickNote}`,
      });
      return [];
    }
    const s = summarizeLatencies(snap.snapshotMs);
    const r = summarizeLatencies(snap.restoreMs);
    for (const [name, summary] of [
      ['snapshot', s],
      ['restore', r],
    ] as const) {
      options.compare({
        benchmark: 'footprint',
        name,
        label: `${name} of a ${label}`,
        value: summary.p50 / 1000,
        unit: 's',
        target: `≤ ${SNAPSHOT_TARGET_S} s`,
        met: summary.p50 / 1000 <= SNAPSHOT_TARGET_S,
        note: `median of ${repeats}; copying it in took ${(snap.copyMs / 1000).toFixed(1)} s${quickNote}`,
      });
    }
    const row = (name: string, samples: number[]): BenchResult => {
      const total = samples.reduce((a, b) => a + b, 0);
      return {
        name,
        concurrency: 1,
        unit: name.endsWith('snapshot') ? 'snapshot' : 'restore',
        ops: samples.length,
        elapsedMs: total,
        opsPerSec: samples.length / (total / 1000),
        latencyMs: summarizeLatencies(samples),
      };
    };
    return [row('footprint-snapshot', snap.snapshotMs), row('footprint-restore', snap.restoreMs)];
  },
};
