import { writeFileSync } from 'node:fs';
import { loadConnectorDescription, type ConnectorDescription } from '../harness/index.js';
import {
  conformSummary,
  formatConformJson,
  formatConformJunit,
  formatConformTable,
  loadConformExpectations,
  runConform,
  type ConformExpectations,
} from '../scenario/index.js';

/** Options of `qbd-sim conform` (commander's parsed options). */
export interface ConformCommandOptions {
  connector?: string;
  expect?: string;
  transport?: 'rp2' | 'qbwc';
  only?: string[];
  jobs?: number;
  inProcess?: boolean;
  keep?: string;
  reporter?: 'console' | 'json' | 'junit' | 'html';
  out?: string;
  showSkipped?: boolean;
}

/**
 * `qbd-sim conform`: every situation of the conformance suite against one connector (default the reference connector),
 * a table on stdout (or JSON / JUnit / HTML), exit code 0 when no row failed or errored, 1 otherwise, 2 for bad input.
 */
export async function conformCommand(opts: ConformCommandOptions = {}): Promise<number> {
  let connector: ConnectorDescription | undefined;
  let expectations: ConformExpectations | undefined;
  try {
    expectations = opts.expect ? loadConformExpectations(opts.expect) : undefined;
    const file = opts.connector ?? expectations?.connector;
    connector = file ? loadConnectorDescription(file) : undefined;
    if (opts.inProcess && connector && connector.name !== 'ap-connector')
      throw new Error('--in-process runs the reference connector; not with another --connector');
    if ((opts.reporter === 'junit' || opts.reporter === 'html') && !opts.out)
      throw new Error(`--reporter ${opts.reporter} needs --out FILE`);
    if (opts.transport && connector && !connector.transports.includes(opts.transport))
      throw new Error(
        `--transport ${opts.transport}: the connector's description lists [${connector.transports.join(', ')}]`,
      );
  } catch (error) {
    process.stderr.write(`qbd-sim conform: ${(error as Error).message}\n`);
    return 2;
  }
  const inProcess = opts.inProcess && (!connector || connector.name === 'ap-connector');
  const report = await runConform({
    ...(connector && !inProcess ? { connector } : {}),
    ...(expectations ? { expectations } : {}),
    ...(opts.transport ? { transport: opts.transport } : {}),
    ...(opts.only?.length ? { only: opts.only } : {}),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(inProcess ? { inProcess: true } : {}),
    ...(opts.keep ? { keepDir: opts.keep } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  if (opts.reporter === 'json') {
    const text = formatConformJson(report);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
  } else if (opts.reporter === 'junit') {
    writeFileSync(opts.out!, formatConformJunit(report));
  } else if (opts.reporter === 'html') {
    const { formatConformHtml } = await import('../scenario/html-report.js');
    writeFileSync(opts.out!, formatConformHtml(report));
  }
  if (opts.reporter === 'json' && !opts.out) process.stderr.write(`${conformSummary(report)}\n`);
  else process.stdout.write(formatConformTable(report, { skipped: opts.showSkipped ?? false }));
  if (!opts.keep)
    process.stderr.write("(the rows' scenario files are removed; --keep DIR keeps them for their reproduce lines)\n");
  return report.counts.fail + report.counts.error > 0 ? 1 : 0;
}
