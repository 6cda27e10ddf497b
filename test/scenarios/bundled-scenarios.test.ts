// Every bundled scenario file (scenarios/*.yaml) as a test: `npm test` runs them against the reference connector (in
// this process, the fast adapter) and the embedded fake QuickBooks. A failure prints the runner's story (step, seed,
// expectation, what was seen, journal). Each run is recorded as a transcript and replayed against a fresh fake
// QuickBooks: every answer must come out the same (the replay's own regression check, issue 6). The same scenarios with
// the connector as its own process — what `npx qbd-sim run` does — are a stage of .ci/run (`scenarios-as-processes`).
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { formatReplayReport, loadScenario, replayTranscriptFile, runScenario } from '../../src/scenario/index.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
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
