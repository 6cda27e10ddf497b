// Generates a company file for the benchmarks in its own process (started by company-cache.ts): progress lines and
// the summary with this process's peak memory go back over IPC.
import { generateCompanyFile, type GeneratedCompanySummary } from '../../mock-qb/index.js';
import { benchChild, peakRssMiB } from './bench-child.js';
import type { CachedCompanySpec } from './company-cache.js';

const child = benchChild<{ spec: CachedCompanySpec; out: string }, GeneratedCompanySummary & { peakRssMiB: number }>();
try {
  const { spec, out } = child.args;
  let last = -Infinity;
  const summary = generateCompanyFile(out, {
    ...spec,
    overwrite: true,
    progress: (p) => {
      if (p.phase === 'transactions' && p.elapsedMs - last < 10_000) return;
      last = p.elapsedMs;
      child.progress(
        `generating ${spec.vendors.toLocaleString('en-US')} vendors / ${spec.bills.toLocaleString('en-US')} bills: ${p.phase}, ` +
          `${p.bills.toLocaleString('en-US')} bills, ${p.payments.toLocaleString('en-US')} payments, ${(p.elapsedMs / 1000).toFixed(0)} s`,
      );
    },
  });
  child.done({ ...summary, peakRssMiB: peakRssMiB() });
} catch (error) {
  child.fail(error);
}
