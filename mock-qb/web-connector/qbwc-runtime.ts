import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import type { QwcLog } from './qwc-log.js';
import type { SoapCallRecord, WebConnectorOptions } from './web-connector-types.js';

/** The QuickBooks host a Web Connector runs on (typed through the rp2 layer, which owns the host reference). */
export type QbwcHost = ReturnType<ProcessorRegistry['world']['host']>;

/** What the parts of one fake Web Connector share: its host, the request processors, its log and settings. */
export interface QbwcRuntime {
  host: QbwcHost;
  processors: ProcessorRegistry;
  log: QwcLog;
  version: string;
  timeoutMs: number;
  maxRequestRounds: number;
  maxConnectionErrors: number;
  noOpDelayMs: number;
  clientVersionWarning: 'continue' | 'cancel';
  connectRetry: NonNullable<WebConnectorOptions['connectRetry']>;
  interactive: NonNullable<WebConnectorOptions['interactive']>;
  interactivePollMs: number;
  cookies: NonNullable<WebConnectorOptions['cookies']>;
  interactiveTimeoutMs: number;
  certificate: { subject: string; status: 'valid' | 'expired' | 'revoked' | 'invalid' | 'none'; expires?: string };
  recordValueChars: number;
  /** Aborted when the Web Connector closes: SOAP calls in flight and NoOp waits end. */
  signal: AbortSignal;
  /** A journal entry (actor `qbwc`) on the host's journal. */
  journal(kind: string, summary: string, data?: Record<string, unknown>): void;
  /** The host clock as an ISO string. */
  nowIso(): string;
  /** Real elapsed time for call records (performance.now). */
  elapsed(): number;
  /** Around every SOAP call to a service (transcripts record it, a replay answers it): see WebConnectorOptions. */
  soapExchange?: WebConnectorOptions['soapExchange'];
  /** Each SOAP call of an update, as soon as it ended (streamed to `qbd-sim webconnector`). */
  onCall(appName: string, call: SoapCallRecord): void;
}

/** Waits `ms` on the host clock (a manual clock waits until it is moved); rejects when the Web Connector closes. */
export function waitOnHostClock(rt: QbwcRuntime, ms: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (rt.signal.aborted) return reject(new Error('the Web Connector was closed'));
    const onAbort = () => {
      timer.cancel();
      reject(new Error('the Web Connector was closed'));
    };
    const timer = rt.host.clock.at(rt.host.clock.now() + ms, () => {
      rt.signal.removeEventListener('abort', onAbort);
      resolve();
    });
    rt.signal.addEventListener('abort', onAbort, { once: true });
  });
}
