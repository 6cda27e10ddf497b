import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConnectorDescription, repoRoot } from '../harness/index.js';
import {
  findScenarioFiles,
  formatJsonReport,
  formatJunitReport,
  parseShard,
  runSuite,
  summaryLine,
} from '../scenario/index.js';

/** Options of `qbd-sim run` (commander's parsed options). */
export interface RunCommandOptions {
  connector?: string;
  /** `--groups DIR`: step groups searched after those beside each scenario, before the bundled ones. */
  groups?: string;
  shard?: string;
  reporter?: 'console' | 'json' | 'junit' | 'html';
  out?: string;
  jobs?: number;
  stepTimeout?: number;
  expectWithin?: number;
  inProcess?: boolean;
  transcripts?: string;
  verbose?: boolean;
  /** `--target`: where QuickBooks and the cloud run (default in-process). */
  target?: 'in-process' | 'container';
  /** `--image`: the image of `--target container`. */
  image?: string;
}

/**
 * `qbd-sim run [paths…]`: runs scenario files (default: every bundled scenario in scenarios/) against the connector
 * (default: the reference connector `ap-connector`, or the one `--connector FILE` describes) and the embedded fake
 * QuickBooks. Progress and failures on stderr, the summary line `N passed, N failed` on stdout; exit code 0 when all
 * passed, 1 when any failed, 2 for bad input.
 */
export async function runCommand(paths: string[], opts: RunCommandOptions = {}): Promise<number> {
  let files: string[];
  let shard: { index: number; count: number } | undefined;
  let connector;
  try {
    files = findScenarioFiles(paths.length ? paths : [path.join(repoRoot(), 'scenarios')]);
    shard = opts.shard ? parseShard(opts.shard) : undefined;
    connector = opts.connector ? loadConnectorDescription(opts.connector) : undefined;
    if (opts.inProcess && opts.connector)
      throw new Error('--in-process runs the reference connector; not with --connector');
    if (opts.inProcess && opts.target === 'container')
      throw new Error('--target container runs the connector as its own process; not with --in-process');
    if (opts.groups && !existsSync(opts.groups)) throw new Error(`--groups ${opts.groups}: no such folder`);
    if ((opts.reporter === 'junit' || opts.reporter === 'html') && !opts.out) {
      throw new Error(`--reporter ${opts.reporter} needs --out FILE`);
    }
  } catch (error) {
    process.stderr.write(`qbd-sim run: ${(error as Error).message}\n`);
    return 2;
  }
  const rel = (f: string) => path.relative(process.cwd(), f) || f;
  process.stderr.write(
    `qbd-sim run: ${files.length} scenario file(s)${shard ? `, shard ${shard.index}/${shard.count}` : ''}, connector ${
      connector?.name ?? `ap-connector (reference${opts.inProcess ? ', in process' : ''})`
    }\n`,
  );
  const suite = await runSuite(files.map(rel), {
    ...(shard ? { shard } : {}),
    ...(connector ? { connector } : {}),
    ...(opts.groups ? { groupsDir: opts.groups } : {}),
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.stepTimeout ? { stepTimeoutMs: opts.stepTimeout } : {}),
    ...(opts.expectWithin ? { expectWithinMs: opts.expectWithin } : {}),
    ...(opts.inProcess ? { adapter: 'in-process' as const } : {}),
    ...(opts.transcripts ? { transcriptDir: opts.transcripts } : {}),
    ...(opts.verbose ? { stepProgress: true } : {}),
    ...(opts.target === 'container' ? { target: 'container' as const } : {}),
    ...(opts.image ? { image: opts.image } : {}),
    // The HTML report draws what each step left on screen and the journal: the runs keep them.
    ...(opts.reporter === 'html' ? { record: true } : {}),
    progress: (line) => process.stderr.write(`${line}\n`),
  });
  if (opts.reporter === 'json') {
    const text = formatJsonReport(suite);
    if (opts.out) writeFileSync(opts.out, text);
    else process.stdout.write(text);
  } else if (opts.reporter === 'junit') {
    writeFileSync(opts.out!, formatJunitReport(suite));
  } else if (opts.reporter === 'html') {
    const { formatRunHtml } = await import('../scenario/html-report.js');
    writeFileSync(opts.out!, formatRunHtml(suite));
    process.stderr.write(`report: ${rel(opts.out!)} (open it in a browser)\n`);
  }
  if (opts.transcripts)
    process.stderr.write(`transcripts: ${rel(opts.transcripts)}/<scenario>.ndjson (qbd-sim replay FILE)\n`);
  process.stdout.write(`${summaryLine(suite)}\n`);
  return suite.failed > 0 ? 1 : 0;
}
