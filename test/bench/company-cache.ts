import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { COMPANY_GENERATOR_VERSION, type GeneratedCompanySummary } from '../../mock-qb/index.js';
import { runBenchChild } from './bench-child.js';

/** A generated company the benchmarks use. */
export interface CachedCompanySpec {
  vendors: number;
  bills: number;
  months: number;
  seed: string;
}

/** A company file ready to load, with how it was made. */
export interface CachedCompany {
  file: string;
  sizeBytes: number;
  summary: GeneratedCompanySummary & { peakRssMiB: number };
  /** True when this run generated it (false: taken from the cache). */
  generatedNow: boolean;
}

const CACHE_DIR = fileURLToPath(new URL('../../bench-results/companies/', import.meta.url));

/**
 * The company of `spec`, from `bench-results/companies/` (keyed by generator version, seed and size) or generated
 * there first, in a child process. A company is generated once per generator version: later runs reuse it.
 */
export async function cachedCompany(
  spec: CachedCompanySpec,
  progress: (message: string) => void,
): Promise<CachedCompany> {
  const key = `g${COMPANY_GENERATOR_VERSION}-${spec.seed}-${spec.vendors}v-${spec.bills}b-${spec.months}m`;
  const file = `${CACHE_DIR}${key}.sqlite`;
  const meta = `${CACHE_DIR}${key}.json`;
  if (existsSync(file) && existsSync(meta)) {
    const summary = JSON.parse(readFileSync(meta, 'utf8')) as CachedCompany['summary'];
    progress(`company ${key}: cached (generated in ${(summary.elapsedMs / 1000).toFixed(1)} s)`);
    return { file, sizeBytes: statSync(file).size, summary, generatedNow: false };
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  progress(`company ${key}: generating into ${file}`);
  const summary = await runBenchChild<CachedCompany['summary']>(
    new URL('./company-cache-process.ts', import.meta.url),
    { spec, out: file },
    progress,
  );
  writeFileSync(meta, `${JSON.stringify(summary, null, 2)}\n`);
  progress(
    `company ${key}: generated in ${(summary.elapsedMs / 1000).toFixed(1)} s, ${(statSync(file).size / 2 ** 20).toFixed(0)} MiB, generator peak RSS ${summary.peakRssMiB.toFixed(0)} MiB`,
  );
  return { file, sizeBytes: statSync(file).size, summary, generatedNow: true };
}
