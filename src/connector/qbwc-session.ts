import { ComError } from '../protocol/com-error.js';
import { isHresult, normalizeHresult, type Hresult } from '../protocol/hresult.js';
import { QbConnectionLost, isQuickBooksGone } from './connector-errors.js';
import type { QbSession } from './qb-session.js';

/** What the sync engine did next, as the Web Connector's calls see it. */
export type QbwcSessionEvent =
  { kind: 'request'; xml: string } | { kind: 'done' } | { kind: 'failed'; message: string };

/**
 * A QuickBooks session carried by the Web Connector: the sync engine calls {@link process} as it would on RP2; the
 * request waits until QBWC fetches it with `sendRequestXML`, and the promise resolves when QBWC brings the answer
 * with `receiveResponseXML`. One engine, two transports.
 */
export class QbwcSession implements QbSession {
  readonly ticket: string;
  readonly filePath: string;
  readonly qbxmlVersion: string;
  /** Requests answered so far. */
  answered = 0;
  #next: QbwcSessionEvent | null = null;
  #waiter: ((e: QbwcSessionEvent) => void) | null = null;
  #pending: { resolve: (xml: string) => void; reject: (e: Error) => void } | null = null;
  #ended: QbwcSessionEvent | null = null;

  constructor(ticket: string, filePath: string, qbxmlVersion: string) {
    this.ticket = ticket;
    this.filePath = filePath;
    this.qbxmlVersion = qbxmlVersion;
  }

  /** The engine's side: queue a request for the next `sendRequestXML` and wait for its answer. */
  process(requestXml: string): Promise<string> {
    if (this.#ended) return Promise.reject(new QbConnectionLost('the Web Connector session ended'));
    if (this.#pending) return Promise.reject(new Error('one request at a time'));
    return new Promise<string>((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#publish({ kind: 'request', xml: requestXml });
    });
  }

  /** The engine finished (ok or not): the next event QBWC sees. */
  finish(event: Extract<QbwcSessionEvent, { kind: 'done' | 'failed' }>): void {
    if (this.#ended) return;
    this.#ended = event;
    this.#publish(event);
  }

  /** Waits for the engine's next event without taking it (`receiveResponseXML` decides its percentage on it). */
  peek(): Promise<QbwcSessionEvent> {
    if (this.#next) return Promise.resolve(this.#next);
    return new Promise((resolve) => {
      this.#waiter = resolve;
    });
  }

  /** Takes the next event (`sendRequestXML`). */
  async take(): Promise<QbwcSessionEvent> {
    const event = await this.peek();
    if (event.kind === 'request') this.#next = null;
    return event;
  }

  /** QBWC brought the answer of the request it fetched (or the HRESULT of a ProcessRequest that failed). */
  deliver(answer: { response: string; hresult: string; message: string }): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    this.answered++;
    if (answer.hresult) {
      const code = normalizeHresult(answer.hresult);
      pending.reject(
        isHresult(code) && !isQuickBooksGone(code)
          ? new ComError(code as Hresult, answer.message)
          : new QbConnectionLost(
              `ProcessRequest failed: ${answer.hresult}: ${answer.message}`,
              isHresult(code) ? code : undefined,
            ),
      );
    } else pending.resolve(answer.response);
  }

  /** QBWC went away (closeConnection before the end, a dropped update, a newer update of the same file). */
  abort(reason: string): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(new QbConnectionLost(reason));
    this.finish({ kind: 'failed', message: reason });
  }

  /** True while the engine waits for QBWC. */
  get waiting(): boolean {
    return this.#pending !== null;
  }

  #publish(event: QbwcSessionEvent): void {
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = null;
      this.#next = event;
      w(event);
    } else this.#next = event;
  }
}
