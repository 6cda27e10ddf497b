import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { runBenchChild } from './bench-child.js';
import { cachedCompany, type CachedCompanySpec } from './company-cache.js';
import type { OpFigure, QbxmlBenchArgs, QbxmlBenchResult } from './qbxml-bench-process.js';

/** The company: 100,000 vendors and 1,000,000 bills over a year (a tenth of it with --quick). */
const BIG: CachedCompanySpec = { vendors: 100_000, bills: 1_000_000, months: 12, seed: 'qbd-sim-bench' };
const BIG_QUICK: CachedCompanySpec = { vendors: 10_000, bills: 100_000, months: 12, seed: 'qbd-sim-bench' };
/** The company the lookup is compared with: 1,000 vendors (and ten bills each, as the big one). */
const SMALL: CachedCompanySpec = { vendors: 1_000, bills: 10_000, months: 12, seed: 'qbd-sim-bench' };
const MEMORY_LIMIT_MIB = 2048;

const n = (v: number) => v.toLocaleString('en-US');

/**
 * The qbXML request processor in-process (no HTTP), each figure beside its floor — the bare cost of parsing the same
 * request and building the same response with xml2js on this machine: ProcessRequest for a BillAdd with five expense
 * lines; VendorQuery by FullName on a company of 100,000 vendors and 1,000,000 bills (and the same query on a
 * company of 1,000 vendors: the lookup must not grow with the company); iterating every bill of the big company 500
 * a page; the process's peak memory. The companies are generated once per generator version into
 * bench-results/companies/ (generation time reported); the measurements run in a child process of their own.
 */
export const qbxmlProcessor: Benchmark = {
  name: 'qbxml',
  description:
    'qbXML ProcessRequest in-process against xml2js parse + build: BillAdd, VendorQuery by FullName on 100k vendors / 1M bills vs 1k vendors, iterating 1M bills 500 a page, peak memory',
  budgetMs: (o) => (o.quick ? 15 : 45) * 60_000 + 8 * (o.durationMs + o.warmupMs),
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const bigSpec = options.quick ? BIG_QUICK : BIG;
    const progress = (m: string) => options.progress(`[qbxml] ${m}`);
    const big = await cachedCompany(bigSpec, progress);
    const small = await cachedCompany(SMALL, progress);
    const args: QbxmlBenchArgs = {
      big: big.file,
      small: small.file,
      warmupMs: options.warmupMs,
      durationMs: options.durationMs,
    };
    const r = await runBenchChild<QbxmlBenchResult>(
      new URL('./qbxml-bench-process.ts', import.meta.url),
      args,
      progress,
    );

    const scale = `${n(bigSpec.vendors)} vendors / ${n(bigSpec.bills)} bills`;
    const quickNote = options.quick ? ' (--quick: the big company is scaled down to a tenth)' : '';
    const compare = (
      name: string,
      label: string,
      value: OpFigure,
      against: { label: string; value: OpFigure },
      max: number,
      note: string,
    ) => {
      const ratio = value.meanUs / against.value.meanUs;
      options.compare({
        benchmark: 'qbxml',
        name,
        label,
        value: value.meanUs,
        unit: 'µs',
        against: { label: against.label, value: against.value.meanUs },
        ratio,
        target: `≤ ${max}×`,
        met: ratio <= max,
        note: `${note}; mean per call over ${n(value.ops)} / ${n(against.value.ops)} calls (p50 ${value.p50Us.toFixed(0)} / ${against.value.p50Us.toFixed(0)} µs)`,
      });
    };
    options.compare({
      benchmark: 'qbxml',
      name: 'generate-big',
      label: `generating the big company (${scale})`,
      value: big.summary.elapsedMs / 1000,
      unit: 's',
      target: 'reported',
      met: true,
      note:
        `${big.generatedNow ? 'generated in this run' : 'from bench-results/companies (generated earlier)'}, ` +
        `${(big.sizeBytes / 2 ** 20).toFixed(0)} MiB, generator peak RSS ${big.summary.peakRssMiB.toFixed(0)} MiB; ` +
        `copied into the data directory in ${(r.loadMs.big / 1000).toFixed(1)} s${quickNote}`,
    });
    compare(
      'bill-add',
      'ProcessRequest BillAdd (5 expense lines)',
      r.billAdd.mock,
      { label: 'xml2js parse + build', value: r.billAdd.floor },
      2,
      'company in memory',
    );
    compare(
      'vendor-query-big',
      `VendorQuery by FullName, ${scale}`,
      r.vendorQuery.big,
      { label: 'xml2js parse + build', value: r.vendorQuery.bigFloor },
      1.5,
      `${n(r.vendorQuery.names)} different vendors, company on disk${quickNote}`,
    );
    compare(
      'vendor-query-growth',
      `VendorQuery by FullName, ${scale} vs 1,000 vendors`,
      r.vendorQuery.big,
      { label: '1,000 vendors', value: r.vendorQuery.small },
      1.2,
      `both companies on disk; the small company's floor is ${r.vendorQuery.smallFloor.meanUs.toFixed(0)} µs${quickNote}`,
    );
    const ratio = r.iterate.mockMs / r.iterate.floorMs;
    options.compare({
      benchmark: 'qbxml',
      name: 'iterate-bills',
      label: `BillQuery iterator over ${n(r.iterate.bills)} bills, MaxReturned 500`,
      value: r.iterate.mockMs / 1000,
      unit: 's',
      against: { label: 'xml2js build of the same BillRets', value: r.iterate.floorMs / 1000 },
      ratio,
      target: '≤ 2×',
      met: ratio <= 2,
      note: `${n(r.iterate.pages)} pages (Start, then Continue until none remain)${quickNote}`,
    });
    options.compare({
      benchmark: 'qbxml',
      name: 'peak-memory',
      label: 'peak memory of the process (VmHWM)',
      value: r.peakRssMiB,
      unit: 'MiB',
      target: `< ${MEMORY_LIMIT_MIB} MiB`,
      met: r.peakRssMiB < MEMORY_LIMIT_MIB,
      note: `every measurement above in one process; RSS sampled every 200 ms peaked at ${r.sampledMaxRssMiB.toFixed(0)} MiB`,
    });
    return [];
  },
};
