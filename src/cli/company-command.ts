import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CLOCK_START } from '../protocol/qb-datetime.js';

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
      `the company's present: everything happens before it (default ${new Date(DEFAULT_CLOCK_START).toISOString()}, the start of a world's manual clock)`,
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
    .action(async (opts: CompanyGenerateOptions) => {
      const { companyGenerate } = await import('./company-generate-command.js');
      setExitCode(companyGenerate(opts));
    });
}
