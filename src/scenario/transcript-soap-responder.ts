import { buildQbwcRequest, type QbwcOperation } from '../protocol/qbwc-soap.js';
import type { TranscriptSoap, TranscriptSoapCall, TranscriptSoapOutcome } from '../protocol/transcript-format.js';
import { redactSecrets } from '../harness/index.js';
import { until } from './poll-until.js';
import { firstDifference, type VolatileMapping, type VolatileNumbering } from './transcript-normaliser.js';
import type { ReplayDifference } from './transcript-replay.js';

/**
 * Plays the connector's QBWC service from the recording: each SOAP call the fake Web Connector makes now is answered
 * with the recorded answer (ids and EditSequences translated), and what it sent (e.g. QuickBooks' qbXML response in
 * `receiveResponseXML`) is compared with what it sent then.
 */
export class SoapResponder {
  /** Calls the fake Web Connector made that wait for their turn in the recording. */
  readonly #waiting: { call: TranscriptSoapCall; resolve: (outcome: TranscriptSoapOutcome) => void }[] = [];
  /** Recorded calls released so far. */
  #released = 0;
  #finished = false;

  constructor(
    readonly recorded: TranscriptSoap[],
    readonly ctx: { mapping: VolatileMapping; recordedNumbers: VolatileNumbering; replayNumbers: VolatileNumbering },
    readonly done: (difference: ReplayDifference | null) => void,
  ) {}

  get size(): number {
    return this.recorded.length;
  }

  /** A call from the fake Web Connector: answered when the replay reaches it in the recording. */
  call(call: TranscriptSoapCall): Promise<TranscriptSoapOutcome> {
    if (this.#finished || this.#released + this.#waiting.length >= this.recorded.length) {
      // More calls than the recording has.
      this.done({
        n: (this.recorded.at(-1)?.n ?? 0) + 1,
        request: `SOAP ${call.operation} (QBWC → connector)`,
        recorded: 'no such call',
        now: `${call.operation} called`,
        detail: [],
      });
      const failure = { kind: 'transport', message: 'Unable to connect to the remote server' };
      return Promise.resolve({ ...this.#base(call), ok: false, failure, status: null });
    }
    return new Promise((resolve) => this.#waiting.push({ call, resolve }));
  }

  /**
   * The replay reached recorded call `index` (0-based): answer the Web Connector's matching call with the recorded
   * answer, comparing what it sent; then let it run on until it calls again or its update ends (at most `settleMs`).
   */
  async release(index: number, timeoutMs: number, busy: () => boolean, settleMs = 250): Promise<void> {
    const rec = this.recorded[index]!;
    await until(() => this.#waiting.length > 0, timeoutMs);
    const waiting = this.#waiting.shift();
    this.#released = index + 1;
    if (!waiting) {
      this.done({
        n: rec.n,
        request: `SOAP ${rec.operation} (QBWC → connector)`,
        recorded: `${rec.operation} sent`,
        now: 'not called',
        detail: [],
      });
      return;
    }
    const { call } = waiting;
    const sentNow = JSON.stringify(redactSecrets(call.args));
    const sentThen = JSON.stringify(rec.args);
    this.ctx.mapping.learn(sentThen, sentNow);
    const a = this.ctx.recordedNumbers.normalise(sentThen);
    const b = this.ctx.replayNumbers.normalise(sentNow);
    this.done(
      rec.operation === call.operation && a === b
        ? null
        : {
            n: rec.n,
            request: `SOAP ${rec.operation} (QBWC → connector)`,
            recorded: `${rec.operation} sent`,
            now: `${call.operation} sent`,
            detail: rec.operation === call.operation ? firstDifference(a, b) : [],
          },
    );
    const value = rec.value === undefined ? undefined : JSON.parse(this.ctx.mapping.apply(JSON.stringify(rec.value)));
    waiting.resolve({
      ...this.#base(call),
      ok: rec.ok,
      ...(value !== undefined ? { value } : {}),
      ...(rec.failure ? { failure: rec.failure } : {}),
      status: rec.status,
    });
    await until(() => this.#waiting.length > 0 || !busy(), settleMs);
  }

  /** No more recorded calls: any call still waiting, and any made from now on, gets no answer from the recording. */
  finish(): void {
    this.#finished = true;
    for (const w of this.#waiting.splice(0)) {
      this.done({
        n: (this.recorded.at(-1)?.n ?? 0) + 1,
        request: `SOAP ${w.call.operation} (QBWC → connector)`,
        recorded: 'no such call',
        now: `${w.call.operation} called`,
        detail: [],
      });
      const failure = { kind: 'transport', message: 'Unable to connect to the remote server' };
      w.resolve({ ...this.#base(w.call), ok: false, failure, status: null });
    }
  }

  #base(call: TranscriptSoapCall) {
    return {
      responseBody: null,
      elapsedMs: 0,
      request: buildQbwcRequest(call.operation as QbwcOperation, call.args),
    };
  }
}
