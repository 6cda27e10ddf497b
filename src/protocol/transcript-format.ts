/**
 * The transcript format: an NDJSON record of every exchange a fake QuickBooks served during a run — the
 * connector's QBXMLRP2 calls (with the qbXML requests and responses inside them) and the harness's control-API
 * actions (UI, clock, faults, Web Connector) — in the order the mock handled them. `qbd-sim replay` sends the same
 * requests to a fresh fake QuickBooks and compares the answers.
 *
 * Line 1 is a {@link TranscriptHeader}; then one {@link TranscriptRequest} when a request reaches the mock and one
 * {@link TranscriptResponse} when it is answered (a `BeginSession` waiting on the certificate dialog is answered
 * after the control request that answers the dialog, and the file says so), and in QBWC mode one
 * {@link TranscriptSoap} per SOAP call the fake Web Connector made to the connector's service. Secrets are redacted
 * before they are written. The format is versioned: a reader refuses a version it does not know.
 */

/** The format's name, in every header. */
export const TRANSCRIPT_FORMAT = 'qbd-sim-transcript';
/** The version this build writes and reads. */
export const TRANSCRIPT_VERSION = 1;

/**
 * Which API an exchange went through: the QBXMLRP2 bridge, the control API, or the scenario inspector (qbXML a person's
 * edit is saved with, in process: `qb: edit-vendor`; only writes are kept).
 */
export type TranscriptChannel = 'rp2' | 'control' | 'inspector';

/** First line: what is needed to rebuild the same fake QuickBooks. */
export interface TranscriptHeader {
  type: 'header';
  format: typeof TRANSCRIPT_FORMAT;
  version: number;
  /** The qbd-sim version that wrote it. */
  writer: string;
  /** The mock's world spec (hosts, company files, users, UI state), seed and clock included. */
  world: unknown;
  /** The seed of ids and tickets. */
  seed: string;
  /** What was run, e.g. the scenario's name and file (informational). */
  source?: { scenario?: string; file?: string };
}

/** A request as the mock received it (body parsed; secrets redacted). */
export interface TranscriptRequest {
  type: 'request';
  /** 1, 2, 3, … in order of arrival; the matching response carries the same number. */
  n: number;
  channel: TranscriptChannel;
  method: string;
  /** Path from the mock's root, e.g. `/qbxmlrp2/processors/proc-…/ProcessRequest`. */
  path: string;
  body?: unknown;
  /** A Web Connector update was running in the background when the request arrived. */
  qbwcBusy?: boolean;
}

/** How the mock answered request `n`; `dropped` when the connection was closed without an answer (a fault). */
export interface TranscriptResponse {
  type: 'response';
  n: number;
  status: number;
  body?: unknown;
  dropped?: boolean;
}

/** A SOAP call the fake Web Connector made to the connector's service (QBWC mode). */
export interface TranscriptSoapCall {
  url: string;
  operation: string;
  args: Readonly<Record<string, string | number | null | undefined>>;
}

/** What the service answered (`value`, as QBWC read it), or how the call failed. */
export interface TranscriptSoapOutcome {
  ok: boolean;
  value?: unknown;
  failure?: { kind: string; message: string; status?: number };
  status: number | null;
  responseBody: string | null;
  elapsedMs: number;
}

/** One SOAP exchange with the connector, in the order it happened (secrets redacted). */
export interface TranscriptSoap {
  type: 'soap';
  n: number;
  operation: string;
  args: Record<string, unknown>;
  ok: boolean;
  value?: unknown;
  failure?: { kind: string; message: string; status?: number };
  status: number | null;
}

export type TranscriptEvent = TranscriptHeader | TranscriptRequest | TranscriptResponse | TranscriptSoap;

/** A whole transcript, read back. */
export interface Transcript {
  header: TranscriptHeader;
  events: (TranscriptRequest | TranscriptResponse | TranscriptSoap)[];
}

/**
 * What the mock calls as exchanges happen (mock-qb/server's transcript tap). `requestArrived` is called when a
 * request reaches the mock with its parsed body; the function it returns is called once with the answer.
 */
export interface TranscriptSink {
  /**
   * Around each SOAP call the fake Web Connector makes to a connector's QBWC service: a recorder calls `send()` and
   * keeps the outcome; a replay answers from the recording without calling anything.
   */
  soapExchange?(call: TranscriptSoapCall, send: () => Promise<TranscriptSoapOutcome>): Promise<TranscriptSoapOutcome>;
  requestArrived(
    request: Omit<TranscriptRequest, 'type' | 'n'>,
  ): (response: Omit<TranscriptResponse, 'type' | 'n'>) => void;
}

/** A transcript that cannot be read: which line and why. */
export class TranscriptFormatError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`transcript line ${line}: ${message}`);
    this.name = 'TranscriptFormatError';
  }
}

/** One transcript as NDJSON text (one event per line, a final newline). */
export function formatTranscript(transcript: Transcript): string {
  return [transcript.header, ...transcript.events].map((e) => JSON.stringify(e)).join('\n') + '\n';
}

/** Reads NDJSON text back, checking the header, the version and every event's shape. */
export function parseTranscript(text: string): Transcript {
  const lines = text.split('\n');
  let header: TranscriptHeader | undefined;
  const events: Transcript['events'] = [];
  const requests = new Set<number>();
  const answered = new Set<number>();
  lines.forEach((line, i) => {
    const lineNo = i + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new TranscriptFormatError(lineNo, `not JSON (${(error as Error).message})`);
    }
    if (!value || typeof value !== 'object' || Array.isArray(value))
      throw new TranscriptFormatError(lineNo, 'expected a JSON object');
    const e = value as Record<string, unknown>;
    if (!header) {
      if (e['type'] !== 'header' || e['format'] !== TRANSCRIPT_FORMAT)
        throw new TranscriptFormatError(
          lineNo,
          `not a qbd-sim transcript (line 1 must be a "${TRANSCRIPT_FORMAT}" header)`,
        );
      if (e['version'] !== TRANSCRIPT_VERSION)
        throw new TranscriptFormatError(
          lineNo,
          `transcript version ${String(e['version'])} is not supported by this qbd-sim (it reads version ${TRANSCRIPT_VERSION})`,
        );
      if (typeof e['seed'] !== 'string' || !e['world'] || typeof e['world'] !== 'object')
        throw new TranscriptFormatError(lineNo, 'the header needs "seed" (a string) and "world" (an object)');
      header = e as unknown as TranscriptHeader;
      return;
    }
    const n = e['n'];
    if (!Number.isInteger(n) || (n as number) < 1)
      throw new TranscriptFormatError(lineNo, '"n" must be an integer ≥ 1');
    if (e['type'] === 'request') {
      if (e['channel'] !== 'rp2' && e['channel'] !== 'control' && e['channel'] !== 'inspector')
        throw new TranscriptFormatError(lineNo, '"channel" must be "rp2", "control" or "inspector"');
      if (typeof e['method'] !== 'string' || typeof e['path'] !== 'string' || !e['path'].startsWith('/'))
        throw new TranscriptFormatError(lineNo, 'a request needs "method" and an absolute "path"');
      if (requests.has(n as number)) throw new TranscriptFormatError(lineNo, `request ${String(n)} appears twice`);
      requests.add(n as number);
      events.push(e as unknown as TranscriptRequest);
    } else if (e['type'] === 'response') {
      if (!requests.has(n as number))
        throw new TranscriptFormatError(lineNo, `response ${String(n)} comes before its request`);
      if (answered.has(n as number)) throw new TranscriptFormatError(lineNo, `response ${String(n)} appears twice`);
      if (!Number.isInteger(e['status']))
        throw new TranscriptFormatError(lineNo, 'a response needs an integer "status"');
      answered.add(n as number);
      events.push(e as unknown as TranscriptResponse);
    } else if (e['type'] === 'soap') {
      if (typeof e['operation'] !== 'string' || !e['args'] || typeof e['args'] !== 'object')
        throw new TranscriptFormatError(lineNo, 'a soap event needs "operation" and "args"');
      if (typeof e['ok'] !== 'boolean')
        throw new TranscriptFormatError(lineNo, 'a soap event needs "ok" (true or false)');
      events.push(e as unknown as TranscriptSoap);
    } else {
      throw new TranscriptFormatError(
        lineNo,
        `unknown event type ${JSON.stringify(e['type'])} (request, response or soap)`,
      );
    }
  });
  if (!header) throw new TranscriptFormatError(1, 'the transcript is empty');
  return { header, events };
}
