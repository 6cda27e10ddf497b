import { existsSync } from 'node:fs';
import path from 'node:path';
import { formatReplayReport, replayTranscriptFile, type ReplayReport } from '../scenario/index.js';

/** Options of `qbd-sim replay` (commander's parsed options). */
export interface ReplayCommandOptions {
  json?: boolean;
  answerTimeout?: number;
}

/**
 * `qbd-sim replay FILE…`: replays each transcript's requests against a fresh fake QuickBooks and reports where the
 * answers now differ. Exit code 0 when every answer is the same, 1 when any differs, 2 for a file that cannot be read.
 */
export async function replayCommand(files: string[], opts: ReplayCommandOptions = {}): Promise<number> {
  const reports: { file: string; report: ReplayReport }[] = [];
  for (const file of files) {
    const rel = path.relative(process.cwd(), file) || file;
    if (!existsSync(file)) {
      process.stderr.write(`qbd-sim replay: no such transcript: ${rel}\n`);
      return 2;
    }
    let report: ReplayReport;
    try {
      report = await replayTranscriptFile(file, {
        ...(opts.answerTimeout ? { answerTimeoutMs: opts.answerTimeout } : {}),
      });
    } catch (error) {
      process.stderr.write(`qbd-sim replay: ${rel}: ${(error as Error).message}\n`);
      return 2;
    }
    reports.push({ file: rel, report });
    if (!opts.json) process.stdout.write(`${formatReplayReport(report, rel)}\n`);
  }
  if (opts.json) process.stdout.write(`${JSON.stringify({ version: 1, transcripts: reports }, null, 2)}\n`);
  return reports.some((r) => r.report.differences.length > 0) ? 1 : 0;
}
