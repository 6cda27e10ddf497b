import { readFileSync } from 'node:fs';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { redactSecrets, startFreshMock, type FreshMock, type WorldSpec } from '../harness/index.js';
import {
  parseTranscript,
  type Transcript,
  type TranscriptRequest,
  type TranscriptResponse,
  type TranscriptSink,
  type TranscriptSoap,
  type TranscriptSoapCall,
  type TranscriptSoapOutcome,
} from '../protocol/transcript-format.js';
import { until } from './poll-until.js';
import { VolatileMapping, VolatileNumbering, firstDifference } from './transcript-normaliser.js';
import { SoapResponder } from './transcript-soap-responder.js';

/** Options of {@link replayTranscript}. */
export interface ReplayOptions {
  /** Real time an answer may take before it is reported as missing (default 10 s). */
  answerTimeoutMs?: number;
  /** Called after each compared answer (progress on long transcripts). */
  onProgress?: (compared: number, total: number) => void;
}

/** Where a replayed answer differs from the recorded one. */
export interface ReplayDifference {
  /** The exchange's number in the transcript. */
  n: number;
  /** What was asked, e.g. `POST /qbxmlrp2/processors/⟨handle#1⟩/ProcessRequest [BillAddRq]`. */
  request: string;
  /** The recorded answer and the new one, one line each (`HTTP 200 …`, `dropped`, `no answer within 10000 ms`). */
  recorded: string;
  now: string;
  /** The first lines that differ, with a little context (normalised: volatile values numbered). */
  detail: string[];
}

/** What a replay found. */
export interface ReplayReport {
  /** Exchanges in the transcript (requests). */
  exchanges: number;
  /** Answers compared. */
  compared: number;
  differences: ReplayDifference[];
  durationMs: number;
}

interface Answer {
  status: number;
  body?: unknown;
  dropped?: boolean;
  timedOut?: boolean;
}

/**
 * Replays a transcript's requests — the connector's QBXMLRP2 calls and the harness's control-API actions — against a
 * fresh fake QuickBooks built from the transcript's world and seed, in the recorded order, and compares every answer
 * with the recorded one (volatile values normalised; the replay's own ids, tickets and EditSequences substituted into
 * later requests). A request the recording shows overlapping a later one (a `BeginSession` waiting on the certificate
 * dialog) is left waiting while the later ones are sent, as it was.
 */
export async function replayTranscript(transcript: Transcript, opts: ReplayOptions = {}): Promise<ReplayReport> {
  const started = performance.now();
  const timeoutMs = opts.answerTimeoutMs ?? 10_000;
  const mapping = new VolatileMapping();
  const recordedNumbers = new VolatileNumbering();
  const replayNumbers = new VolatileNumbering();
  const requests = new Map<number, TranscriptRequest>();
  const pending = new Map<number, Promise<Answer>>();
  const differences: ReplayDifference[] = [];
  const total = transcript.events.filter((e) => e.type !== 'request').length;
  let compared = 0;
  let soapSeen = 0;
  const soap = new SoapResponder(
    transcript.events.filter((e): e is TranscriptSoap => e.type === 'soap'),
    { mapping, recordedNumbers, replayNumbers },
    (difference) => {
      if (difference) differences.push(difference);
      compared++;
      opts.onProgress?.(compared, total);
    },
  );
  const arrivals = new ArrivalCounter(soap);
  const mock = await startFreshMock({
    world: transcript.header.world as WorldSpec,
    seed: transcript.header.seed,
    transcript: arrivals,
  });
  let sent = 0;
  try {
    const events = transcript.events;
    for (let i = 0; i < events.length; i++) {
      const event = events[i]!;
      // The fake Web Connector's SOAP calls wait for their place in the recording (an update runs on after the control
      // request that started it, while the clock moves): each is answered here, in order, from the recording.
      if (event.type === 'soap') {
        await soap.release(soapSeen++, timeoutMs, () => mock.qbwcBusy());
        continue;
      }
      if (event.type === 'request') {
        // The recording's request came when nothing else was in flight and no update was running: let the replay's
        // update finish too (it runs on in the background after the request that started it was answered).
        if (!event.qbwcBusy && pending.size === 0) await until(() => !mock.qbwcBusy(), timeoutMs);
        requests.set(event.n, event);
        pending.set(
          event.n,
          event.channel === 'inspector'
            ? Promise.resolve(inspect(mock, event, mapping))
            : send(mock.url, refillPasswords(event, transcript.header.world), mapping, timeoutMs),
        );
        if (event.channel !== 'inspector') sent++; // (the inspector is in process: no arrival to wait for)
        // Overlapping in the recording: let this one reach QuickBooks (and, say, open its dialog) before the next.
        const next = events[i + 1];
        if (next && !(next.type === 'response' && next.n === event.n)) {
          await arrivals.waitFor(sent, timeoutMs);
          for (let k = 0; k < 3; k++) await nextMacrotask();
        }
        continue;
      }
      const request = requests.get(event.n)!;
      const answer = await pending.get(event.n)!;
      pending.delete(event.n);
      const difference = compare(request, event, answer, { mapping, recordedNumbers, replayNumbers, timeoutMs });
      if (difference) differences.push(difference);
      compared++;
      opts.onProgress?.(compared, total);
    }
    soap.finish();
  } finally {
    await mock.stop();
    await Promise.allSettled(pending.values());
  }
  differences.sort((a, b) => a.n - b.n);
  return { exchanges: requests.size + soap.size, compared, differences, durationMs: performance.now() - started };
}

/** Reads a transcript file and replays it. */
export async function replayTranscriptFile(file: string, opts: ReplayOptions = {}): Promise<ReplayReport> {
  return replayTranscript(parseTranscript(readFileSync(file, 'utf8')), opts);
}

/** The report as text: `replay: N exchanges, N differences` and each difference. */
export function formatReplayReport(report: ReplayReport, file?: string): string {
  const lines: string[] = [];
  for (const d of report.differences) {
    lines.push(`✗ exchange ${d.n}${file ? ` (${file})` : ''}: ${d.request}`);
    lines.push(`    recorded: ${d.recorded}`);
    lines.push(`    now:      ${d.now}`);
    for (const line of d.detail) lines.push(`    ${line}`);
  }
  lines.push(
    `replay${file ? ` ${file}` : ''}: ${report.compared} answers compared, ${report.differences.length} ${
      report.differences.length === 1 ? 'difference' : 'differences'
    } (${Math.round(report.durationMs)} ms)`,
  );
  return lines.join('\n');
}

async function send(
  base: string,
  request: TranscriptRequest,
  mapping: VolatileMapping,
  timeoutMs: number,
): Promise<Answer> {
  const path = mapping.apply(request.path);
  // A string body is a .qwc (text/xml); anything else JSON.
  const xml = typeof request.body === 'string';
  const body =
    request.body === undefined
      ? undefined
      : mapping.apply(xml ? (request.body as string) : JSON.stringify(request.body));
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(base + path, {
      method: request.method,
      signal: controller.signal,
      ...(body !== undefined ? { body, headers: { 'content-type': xml ? 'text/xml' : 'application/json' } } : {}),
    });
    const text = await res.text();
    return { status: res.status, ...(text ? { body: parseBody(text) } : {}) };
  } catch {
    return controller.signal.aborted ? { status: 0, timedOut: true } : { status: 0, dropped: true };
  } finally {
    clearTimeout(timer);
  }
}

/** A person's edit saved through the scenario inspector, made again in the replay's mock (in process). */
function inspect(mock: FreshMock, request: TranscriptRequest, mapping: VolatileMapping): Answer {
  const b = request.body as { host: string; file: string; requests: string };
  try {
    return { status: 200, body: mock.inspect(b.host, b.file, mapping.apply(b.requests)) };
  } catch (error) {
    return { status: 500, body: String((error as Error)?.message ?? error) };
  }
}

/**
 * Transcripts never hold passwords: a QuickBooks login (`user` + `password: "***"`) is sent again with the password
 * the world gives that user (the world is the scenario's own fixture). Users created during the run had their
 * passwords redacted on creation too, so `***` still opens them.
 */
function refillPasswords(request: TranscriptRequest, world: unknown): TranscriptRequest {
  const body = request.body as { user?: unknown; password?: unknown; path?: unknown } | undefined;
  if (request.channel !== 'control' || !body || body.password !== '***' || typeof body.user !== 'string')
    return request;
  const host = /^\/__qbd\/hosts\/([^/]+)\//.exec(request.path)?.[1];
  type Files = { path?: string; users?: { name?: string; password?: string }[] }[];
  const hosts = (world as { hosts?: { id?: string; companyFiles?: Files }[] }).hosts ?? [];
  const files = hosts.find((h) => h.id === (host && decodeURIComponent(host)))?.companyFiles ?? [];
  const same = (a?: string, b?: unknown) => typeof b === 'string' && a?.toLowerCase() === b.toLowerCase();
  const ordered = [...files.filter((f) => same(f.path, body.path)), ...files];
  const user = ordered.flatMap((f) => f.users ?? []).find((u) => same(u.name, body.user));
  return user?.password !== undefined ? { ...request, body: { ...body, password: user.password } } : request;
}

function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function compare(
  request: TranscriptRequest,
  recorded: TranscriptResponse,
  answer: Answer,
  ctx: {
    mapping: VolatileMapping;
    recordedNumbers: VolatileNumbering;
    replayNumbers: VolatileNumbering;
    timeoutMs: number;
  },
): ReplayDifference | null {
  const recordedText = recorded.body === undefined ? '' : JSON.stringify(recorded.body);
  // Redacted as the recording was (the recorder never keeps a secret).
  const answerText = answer.body === undefined ? '' : JSON.stringify(redactSecrets(answer.body));
  ctx.mapping.learn(recordedText, answerText);
  const a = ctx.recordedNumbers.normalise(recordedText);
  const b = ctx.replayNumbers.normalise(answerText);
  const recordedLine = recorded.dropped ? 'dropped (no answer)' : `HTTP ${recorded.status}`;
  const nowLine = answer.timedOut
    ? `no answer within ${ctx.timeoutMs} ms`
    : answer.dropped
      ? 'dropped (no answer)'
      : `HTTP ${answer.status}`;
  if (recordedLine === nowLine && (recorded.dropped || a === b)) return null;
  return {
    n: request.n,
    request: describeRequest(request, ctx.recordedNumbers),
    recorded: recordedLine,
    now: nowLine,
    detail: recorded.dropped || answer.dropped || answer.timedOut ? [] : firstDifference(a, b),
  };
}

/** `METHOD path [qbXML request types]`, with volatile values numbered. */
function describeRequest(request: TranscriptRequest, numbers: VolatileNumbering): string {
  const input = (request.body as { inputRequest?: unknown } | undefined)?.inputRequest;
  const types = typeof input === 'string' ? [...input.matchAll(/<(\w+Rq)[\s>]/g)].map((m) => m[1]) : [];
  return `${request.method} ${numbers.normalise(request.path)}${types.length ? ` [${types.join(', ')}]` : ''}`;
}

/** Counts requests arriving at the replay's mock, so an overlapping request is known to be in before the next. */
class ArrivalCounter implements TranscriptSink {
  #arrived = 0;
  #waiters: { count: number; resolve: () => void }[] = [];

  constructor(readonly soap: SoapResponder) {}

  soapExchange(call: TranscriptSoapCall): Promise<TranscriptSoapOutcome> {
    return this.soap.call(call);
  }

  requestArrived(): () => void {
    this.#arrived++;
    this.#waiters = this.#waiters.filter((w) => (w.count <= this.#arrived ? (w.resolve(), false) : true));
    return () => {};
  }

  waitFor(count: number, timeoutMs: number): Promise<void> {
    if (this.#arrived >= count) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }
}
