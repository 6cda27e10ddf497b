// Every bundled scenario file (scenarios/*.yaml) as a test: `npm test` runs them against the reference connector (in
// this process, the fast adapter) and the embedded fake QuickBooks. A failure prints the runner's story (step, seed,
// expectation, what was seen, journal). Each run is recorded as a transcript and replayed against a fresh fake
// QuickBooks: every answer must come out the same (the replay's own regression check, issue 6). And each scenario's
// golden transcript (scenarios/transcripts/<scenario>.ndjson, checked in) is replayed against the current mock: an
// answer that changed is a difference against the checked-in file, and the message says how to re-record it so the
// new answers become part of the change that caused them (scenarios/README.md "Golden transcripts"). The same scenarios with
// the connector as its own process — what `npx qbd-sim run` does — are a stage of .ci/run (`scenarios-as-processes`).
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { formatReplayReport, loadScenario, replayTranscriptFile, runScenario } from '../../src/scenario/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
const golden = path.join(dir, 'transcripts');
const transcripts = mkdtempSync(path.join(tmpdir(), 'qbd-sim-bundled-'));
const files = readdirSync(dir)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

test('there are bundled scenarios', () => {
  expect(files.length).toBeGreaterThan(0);
});

for (const file of files) {
  test.concurrent(file, async () => {
    const transcript = path.join(transcripts, file.replace(/\.ya?ml$/, '.ndjson'));
    const result = await runScenario(loadScenario(path.join('scenarios', file)), { transcript, adapter: 'in-process' });
    if (!result.passed) throw new Error(result.failure!.message);
    const replay = await replayTranscriptFile(transcript);
    expect(replay.differences, formatReplayReport(replay, transcript)).toEqual([]);
    expect(replay.compared).toBeGreaterThan(0);
  });
}

/** What a developer runs to re-record one scenario's golden transcript (after a change in the mock's behaviour). */
function reRecordCommand(file: string): string {
  return `npx qbd-sim run --in-process --transcripts scenarios/transcripts scenarios/${file}`;
}

for (const file of files) {
  test.concurrent(`golden transcript of ${file}: the current mock gives the checked-in answers`, async () => {
    const name = file.replace(/\.ya?ml$/, '.ndjson');
    const recorded = path.join(golden, name);
    const how =
      `Re-record it if the change in the mock's answers is intended: ${reRecordCommand(file)}\n` +
      `(every scenario: npx qbd-sim run --in-process --transcripts scenarios/transcripts), ` +
      `then review and commit the diff of scenarios/transcripts/${name} with the change.`;
    expect(existsSync(recorded), `scenarios/transcripts/${name} is missing. ${how}`).toBe(true);
    const replay = await replayTranscriptFile(recorded);
    expect(
      replay.differences,
      `The mock's answers differ from the checked-in scenarios/transcripts/${name}:\n` +
        `${formatReplayReport(replay, `scenarios/transcripts/${name}`)}\n${how}`,
    ).toEqual([]);
    expect(replay.compared).toBeGreaterThan(0);
  });
}

test('every golden transcript belongs to a bundled scenario', () => {
  const stale = readdirSync(golden).filter((f) => !files.includes(f.replace(/\.ndjson$/, '.yaml')));
  expect(stale, 'golden transcripts of scenarios that no longer exist (delete them)').toEqual([]);
});
