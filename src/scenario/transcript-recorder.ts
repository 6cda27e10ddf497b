import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  TRANSCRIPT_FORMAT,
  TRANSCRIPT_VERSION,
  formatTranscript,
  type Transcript,
  type TranscriptHeader,
  type TranscriptRequest,
  type TranscriptResponse,
  type TranscriptSink,
  type TranscriptSoap,
  type TranscriptSoapCall,
  type TranscriptSoapOutcome,
} from '../protocol/transcript-format.js';
import { redactSecrets } from '../harness/index.js';

/**
 * Collects a run's exchanges (give it to the target as its transcript sink) and writes them as an NDJSON
 * transcript. Requests are numbered in order of arrival; a response is kept where it happened.
 */
export class TranscriptRecorder implements TranscriptSink {
  readonly #events: (TranscriptRequest | TranscriptResponse | TranscriptSoap)[] = [];
  #n = 0;

  requestArrived(
    request: Omit<TranscriptRequest, 'type' | 'n'>,
  ): (response: Omit<TranscriptResponse, 'type' | 'n'>) => void {
    const n = ++this.#n;
    this.#events.push({ type: 'request', n, ...request });
    let done = false;
    return (response) => {
      if (done) return;
      done = true;
      this.#events.push({ type: 'response', n, ...response });
    };
  }

  async soapExchange(
    call: TranscriptSoapCall,
    send: () => Promise<TranscriptSoapOutcome>,
  ): Promise<TranscriptSoapOutcome> {
    const out = await send();
    this.#events.push({
      type: 'soap',
      n: ++this.#n,
      operation: call.operation,
      args: redactSecrets(call.args) as Record<string, unknown>,
      ok: out.ok,
      ...(out.ok ? { value: redactSecrets(out.value) } : {}),
      ...(out.failure ? { failure: out.failure } : {}),
      status: out.status,
    });
    return out;
  }

  /** How many exchanges were recorded. */
  get requests(): number {
    return this.#n;
  }

  /** The transcript so far under a header describing the run. */
  transcript(header: Omit<TranscriptHeader, 'type' | 'format' | 'version'>): Transcript {
    return {
      header: { type: 'header', format: TRANSCRIPT_FORMAT, version: TRANSCRIPT_VERSION, ...header },
      events: [...this.#events],
    };
  }

  /** Writes the transcript to `file` (its folder is created). */
  write(file: string, header: Omit<TranscriptHeader, 'type' | 'format' | 'version'>): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, formatTranscript(this.transcript(header)));
  }
}
