import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import {
  DEFAULT_COMPANY_NOW,
  generateCompanyFile,
  type GeneratedCompanySummary,
  type GenerationProgress,
} from '../../mock-qb/index.js';

/** Options of `qbd-sim company generate`. */
export interface CompanyGenerateOptions {
  vendors: number;
  bills: number;
  customers: number;
  months: number;
  seed: string;
  timeZone: string;
  now?: number;
  companyName?: string;
  out: string;
  force?: boolean;
}

function count(value: string): number {
  const n = Number(value.replaceAll('_', ''));
  if (!/^\d[\d_]*$/.test(value) || !Number.isSafeInteger(n)) throw new InvalidArgumentError('a whole number ≥ 0');
  return n;
}

function positive(value: string): number {
  const n = count(value);
  if (n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
}

function instant(value: string): number {
  const ms = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(ms)) {
    throw new InvalidArgumentError('an ISO date-time such as 2014-11-10T15:00:00Z');
  }
  return ms;
}

/**
 * Registers `qbd-sim company` (`company generate`) on the program; `setExitCode` receives the command's exit code.
 */
export function registerCompanyCommand(program: Command, setExitCode: (code: number) => void): void {
  const company = program
    .command('company')
    .description('Company files for tests and benchmarks (SQLite company databases `serve --company` loads).');
  company
    .command('generate')
    .description(
      'Generate a realistic company file: the default lists of a new company, expense accounts, terms, vendors (some inactive), optional customers, bills with 1–5 expense lines over the last --months and bill payments (by check or card) applied to the paid ones — deterministic from --seed. Prints progress and a summary.',
    )
    .requiredOption('--vendors <n>', 'vendors (about 15% of them added during the period, 4% made inactive)', count)
    .requiredOption('--bills <n>', 'bills, spread over the business hours of the period', count)
    .requiredOption('--out <file>', 'the company database to write (a .sqlite file)')
    .option('--customers <n>', 'customers (a list only: no invoices)', count, 0)
    .option('--months <n>', 'how many months back the bills go', positive, 12)
    .option('--seed <seed>', 'seed: the same seed and options give the same company', 'qbd-sim')
    .option('--time-zone <tz>', "the QuickBooks machine's IANA time zone (TimeCreated, dates)", 'America/New_York')
    .option(
      '--now <iso>',
      `the company's present: everything happens before it (default ${new Date(DEFAULT_COMPANY_NOW).toISOString()}, the start of a world's manual clock)`,
      instant,
    )
    .option('--company-name <name>', 'the company name stored in the file', 'Generated Company')
    .option('--force', 'replace --out when it exists')
    .addHelpText(
      'after',
      `
Serve it:  qbd-sim serve --company FILE.sqlite[=WINDOWS-PATH]   (see qbd-sim serve --help)

Examples:
  qbd-sim company generate --vendors 1000 --bills 10000 --out small.sqlite
  qbd-sim company generate --vendors 100000 --bills 1000000 --customers 5000 --seed bench --out big.sqlite`,
    )
    .action((opts: CompanyGenerateOptions) => {
      setExitCode(companyGenerate(opts));
    });
}

function money(cents: number): string {
  return (cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

const n = (v: number): string => v.toLocaleString('en-US');

/** `qbd-sim company generate`: writes the file, prints progress (stderr) and a summary (stdout). */
export function companyGenerate(opts: CompanyGenerateOptions): number {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: opts.timeZone });
  } catch {
    process.stderr.write(`qbd-sim company generate: --time-zone "${opts.timeZone}" is not an IANA time zone\n`);
    return 2;
  }
  if (opts.bills > 0 && opts.vendors === 0) {
    process.stderr.write('qbd-sim company generate: bills need at least one vendor (--vendors ≥ 1)\n');
    return 2;
  }
  const out = path.resolve(opts.out);
  let lastPrint = -Infinity;
  const progress = (p: GenerationProgress): void => {
    if (p.phase === 'transactions' && p.elapsedMs - lastPrint < 2_000) return;
    lastPrint = p.elapsedMs;
    const pct = p.billsTotal ? Math.floor((100 * p.bills) / p.billsTotal) : 100;
    process.stderr.write(
      `  … ${(p.elapsedMs / 1000).toFixed(1)} s  ${p.phase}: ${n(p.vendors)} vendors, ${n(p.bills)}/${n(p.billsTotal)} bills (${pct}%), ${n(p.payments)} payments\n`,
    );
  };
  let summary: GeneratedCompanySummary;
  try {
    process.stderr.write(
      `qbd-sim: generating ${n(opts.vendors)} vendors, ${n(opts.bills)} bills, ${n(opts.customers)} customers over ${opts.months} months (seed "${opts.seed}") into ${out}\n`,
    );
    summary = generateCompanyFile(out, {
      vendors: opts.vendors,
      bills: opts.bills,
      customers: opts.customers,
      months: opts.months,
      seed: opts.seed,
      timeZone: opts.timeZone,
      ...(opts.now !== undefined ? { now: opts.now } : {}),
      ...(opts.companyName !== undefined ? { companyName: opts.companyName } : {}),
      overwrite: opts.force ?? false,
      progress,
    });
  } catch (error) {
    process.stderr.write(`qbd-sim company generate: ${(error as Error).message}\n`);
    return 1;
  }
  const s = summary;
  const lines = [
    `qbd-sim: wrote ${out} in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    `  company      ${opts.companyName ?? 'Generated Company'} (generator v${s.generatorVersion}, seed "${s.seed}", ${s.timeZone}, now ${s.now})`,
    `  accounts     ${n(s.accounts)} added to the defaults of a new company; terms ${n(s.terms)} added`,
    `  vendors      ${n(s.vendors.total)} (${n(s.vendors.inactive)} inactive)`,
    `  customers    ${n(s.customers)}`,
    `  bills        ${n(s.bills.total)} since ${s.firstTxnDate}: ${n(s.bills.paid)} paid, ${n(s.bills.partlyPaid)} partly paid, ${n(s.bills.open)} open; ${n(s.bills.lines)} expense lines`,
    `  payments     ${n(s.payments.check + s.payments.creditCard)} (${n(s.payments.check)} by check, ${n(s.payments.creditCard)} by credit card)`,
    `  amounts      ${money(s.billedCents)} billed, ${money(s.openCents)} still open (the vendors' balances)`,
    `Serve it with:  qbd-sim serve --company ${JSON.stringify(opts.out)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
