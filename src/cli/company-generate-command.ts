import path from 'node:path';
import { generateCompanyFile, type GeneratedCompanySummary, type GenerationProgress } from '../../mock-qb/index.js';
import type { CompanyGenerateOptions } from './company-command.js';

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
