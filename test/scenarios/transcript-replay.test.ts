// Transcripts and replay (issue 6): a transcript recorded from a run replays clean against a fresh fake QuickBooks —
// RP2 (with a dropped answer), and QBWC (the connector's SOAP service played from the recording); a deliberate change
// to one qbXML answer in the mock is reported at the right exchange; `qbd-sim replay` reports and exits accordingly.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test, vi } from 'vitest';
import { QbxmlProcessor } from '../../mock-qb/qbxml/qbxml-processor.js';
import { parseTranscript, type TranscriptRequest } from '../../src/protocol/transcript-format.js';
import { loadScenario, replayTranscript, runScenario } from '../../src/scenario/index.js';
import { runCli } from '../integration/cli/run-cli.js';

const scenarios = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'scenarios');
const work = mkdtempSync(path.join(tmpdir(), 'qbd-sim-transcripts-'));

afterEach(() => vi.restoreAllMocks());

async function record(file: string): Promise<string> {
  const out = path.join(work, file.replace(/\.yaml$/, '.ndjson'));
  const result = await runScenario(loadScenario(path.join(scenarios, file)), {
    adapter: 'in-process',
    transcript: out,
  });
  if (!result.passed) throw new Error(result.failure!.message);
  return out;
}

test('an RP2 run with a lost answer replays clean; every exchange is compared', async () => {
  const file = await record('failure-answer-lost-mid-sync.yaml');
  const transcript = parseTranscript(readFileSync(file, 'utf8'));
  expect(transcript.header).toMatchObject({ format: 'qbd-sim-transcript', version: 1, seed: 'answer-lost' });
  expect(transcript.events.some((e) => e.type === 'response' && e.dropped)).toBe(true);
  const requests = transcript.events.filter((e) => e.type === 'request');
  expect(requests.some((r) => r.channel === 'rp2')).toBe(true);
  expect(requests.some((r) => r.channel === 'control')).toBe(true);

  const report = await replayTranscript(transcript);
  expect(report.differences).toEqual([]);
  expect(report.compared).toBe(requests.length);
});

test('a QBWC run replays clean: the SOAP service is played from the recording, no secret is written', async () => {
  const file = await record('qbwc-nothing-to-do.yaml');
  const text = readFileSync(file, 'utf8');
  const transcript = parseTranscript(text);
  expect(
    transcript.events.filter((e) => e.type === 'soap').map((e) => (e as { operation: string }).operation),
  ).toContain('authenticate');
  // The Web Connector password typed in and sent to the service is never in the exchanges (the header's world keeps
  // the company file's user list, the scenario's own fixture).
  const exchanges = text.slice(text.indexOf('\n') + 1);
  expect(exchanges).toMatch(/"strPassword":"\*\*\*"/);
  expect(exchanges).not.toMatch(/"(strP|p)assword":"(?!\*\*\*)/);

  const report = await replayTranscript(transcript);
  expect(report.differences).toEqual([]);
});

test('a change to one qbXML answer in the mock is reported at that exchange', async () => {
  const file = await record('cloud-bill-and-payment.yaml');
  const transcript = parseTranscript(readFileSync(file, 'utf8'));
  const firstBillAdd = transcript.events.find(
    (e): e is TranscriptRequest =>
      e.type === 'request' &&
      String((e.body as { inputRequest?: string } | undefined)?.inputRequest).includes('<BillAddRq'),
  )!;
  expect(firstBillAdd).toBeDefined();

  // The mock now answers BillAdd with another AmountDue (as a changed handler would).
  const process = QbxmlProcessor.prototype.process;
  vi.spyOn(QbxmlProcessor.prototype, 'process').mockImplementation(function (this: QbxmlProcessor, ...args) {
    const response = process.apply(this, args);
    return response.includes('<BillAddRs') ? response.replace(/<AmountDue>[^<]*</, '<AmountDue>999999.99<') : response;
  });
  const report = await replayTranscript(transcript);
  expect(report.differences.length).toBeGreaterThan(0);
  const first = report.differences[0]!;
  expect(first.n).toBe(firstBillAdd.n);
  expect(first.request).toMatch(/ProcessRequest \[.*BillAddRq/);
  expect(first.detail.join('\n')).toContain('+ <AmountDue>999999.99</AmountDue>');
  expect(first.detail.join('\n')).toMatch(/- <AmountDue>(?!999999\.99)/);
});

test('qbd-sim replay: exit 0 when clean, 1 naming the exchange when an answer differs, 2 for a bad file', async () => {
  const file = await record('flow-b-authorize.yaml');
  const clean = await runCli(['replay', file]);
  expect(clean.stdout).toMatch(/\d+ answers compared, 0 differences/);
  expect(clean.code).toBe(0);

  // A captured answer that QuickBooks no longer gives: the recording says BeginSession failed.
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
  const begin = lines.findIndex((l) => l.includes('"type":"request"') && l.includes('/BeginSession'));
  const n = (JSON.parse(lines[begin]!) as { n: number }).n;
  const answer = lines.findIndex((l) => l.includes('"type":"response"') && l.includes(`"n":${n},`));
  lines[answer] = JSON.stringify({ type: 'response', n, status: 422, body: { hresult: '0x80040418', message: 'x' } });
  const edited = path.join(work, 'edited.ndjson');
  writeFileSync(edited, `${lines.join('\n')}\n`);
  const changed = await runCli(['replay', edited]);
  expect(changed.code).toBe(1);
  expect(changed.stdout).toContain(`✗ exchange ${n} `);
  expect(changed.stdout).toMatch(/recorded: HTTP 422\n\s+now: +HTTP 200/);

  const bad = path.join(work, 'bad.ndjson');
  writeFileSync(bad, lines[0]!.replace('"version":1', '"version":99'));
  const refused = await runCli(['replay', bad]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('transcript version 99 is not supported');
});
