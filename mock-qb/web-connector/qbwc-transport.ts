import type { CookieJar } from 'tough-cookie';
import {
  buildQbwcRequest,
  readQbwcReply,
  type QbwcOperation,
  type QbwcResultValue,
  type QbwcSoapFailure,
  type QbwcSoapRequest,
  type QbwcSoapStyle,
} from '../../src/protocol/qbwc-soap.js';

/** A failure of one SOAP call: the reply could not be read, or the HTTP exchange failed (`transport`, `timeout`). */
export interface QbwcCallFailure {
  kind: QbwcSoapFailure['kind'] | 'transport' | 'timeout';
  /** The .NET exception message QBWC logs and shows. */
  message: string;
  status?: number;
}

/** The outcome of one SOAP call, with what went over the wire (for QWCLog and the journal). */
export type QbwcCallOutcome<Op extends QbwcOperation> = (
  { ok: true; value: QbwcResultValue<Op> } | { ok: false; failure: QbwcCallFailure }
) & { request: QbwcSoapRequest; status: number | null; responseBody: string | null; elapsedMs: number };

export interface QbwcTransportOptions {
  /** Per call (the whole HTTP exchange). .NET's SoapHttpClientProtocol default is 100 s. */
  timeoutMs: number;
  /** Aborts calls in flight (the Web Connector closing). */
  signal?: AbortSignal;
  /** Measures elapsed time (real time, for the call record only). */
  elapsed?: () => number;
  /**
   * The cookies of this conversation (a .NET CookieContainer): sent with each call the jar matches, and the
   * service's `Set-Cookie` headers kept (an ASP.NET session lives in `ASP.NET_SessionId`). None: no cookies.
   */
  cookies?: CookieJar;
  /** The `.qwc` `Style`: `Document` (default), `DocWrapped` (the same on the wire) or `RPC` (rpc/encoded). */
  style?: QbwcSoapStyle;
}

/** .NET WebException texts for transport failures. */
const DOTNET = {
  timeout: 'The operation has timed out',
  connect: 'Unable to connect to the remote server',
  receive: 'The underlying connection was closed: An unexpected error occurred on a receive.',
  send: 'The underlying connection was closed: An unexpected error occurred on a send.',
  trust: 'The underlying connection was closed: Could not establish trust relationship for the SSL/TLS secure channel.',
  tls: 'The request was aborted: Could not create SSL/TLS secure channel.',
  aborted: 'The request was aborted: The request was canceled.',
  resolve: (host: string) => `The remote name could not be resolved: '${host}'`,
} as const;

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const RESOLVE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const TRUST_CODES =
  /^(CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_(GET|VERIFY)_|ERR_TLS_CERT_ALTNAME_INVALID)/;

/**
 * Calls one operation of a QBWC service over HTTP as QBWC does: the request of {@link buildQbwcRequest}, no
 * redirects followed (.NET's SoapHttpClientProtocol does not), a timeout over the whole exchange, and the reply read
 * by {@link readQbwcReply}. A `http://localhost` URL reaches a service on 127.0.0.1 or ::1 whichever the name
 * resolves to first. Never throws for a failure of the service: the outcome carries the .NET message.
 */
export async function callQbwcService<Op extends QbwcOperation>(
  url: string,
  operation: Op,
  args: Readonly<Record<string, string | number | null | undefined>>,
  opts: QbwcTransportOptions,
): Promise<QbwcCallOutcome<Op>> {
  const request = buildQbwcRequest(operation, args, opts.style);
  const started = opts.elapsed?.() ?? 0;
  const done = <T extends object>(rest: T) => ({
    ...rest,
    request,
    elapsedMs: Math.max(0, (opts.elapsed?.() ?? 0) - started),
  });
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const target = new URL(url);
  const candidates = [target.href];
  if (target.hostname.toLowerCase() === 'localhost') {
    for (const loopback of ['127.0.0.1', '[::1]']) {
      const alt = new URL(target.href);
      alt.hostname = loopback;
      candidates.push(alt.href);
    }
  }
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const cookie = opts.cookies ? await opts.cookies.getCookieString(candidate) : '';
      const res = await fetch(candidate, {
        method: 'POST',
        headers: cookie ? { ...request.headers, Cookie: cookie } : request.headers,
        body: request.body,
        redirect: 'manual',
        signal,
      });
      if (opts.cookies) {
        // A cookie .NET would refuse (bad domain, malformed) is dropped, as CookieContainer drops it.
        for (const set of res.headers.getSetCookie())
          await opts.cookies.setCookie(set, candidate, { ignoreError: true });
      }
      const body = await res.text();
      const reply = readQbwcReply(
        operation,
        { status: res.status, statusText: res.statusText, contentType: res.headers.get('content-type'), body },
        opts.style,
      );
      return done({ ...reply, status: res.status, responseBody: body }) as QbwcCallOutcome<Op>;
    } catch (error) {
      lastError = error;
      // Only a refused connection to `localhost` tries the next loopback address; nothing was sent.
      if (!CONNECT_CODES.has(errorCode(error) ?? '') || signal.aborted) break;
    }
  }
  const failure = transportFailure(lastError, target.hostname, timeout.aborted);
  return done({ ok: false as const, failure, status: null, responseBody: null }) as QbwcCallOutcome<Op>;
}

function errorCode(error: unknown): string | undefined {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function transportFailure(error: unknown, hostname: string, timedOut: boolean): QbwcCallFailure {
  if (timedOut) return { kind: 'timeout', message: DOTNET.timeout };
  const name = (error as { name?: string } | null)?.name;
  if (name === 'AbortError' || name === 'TimeoutError') return { kind: 'transport', message: DOTNET.aborted };
  const code = errorCode(error) ?? '';
  if (CONNECT_CODES.has(code)) return { kind: 'transport', message: DOTNET.connect };
  if (RESOLVE_CODES.has(code)) return { kind: 'transport', message: DOTNET.resolve(hostname) };
  if (TRUST_CODES.test(code)) return { kind: 'transport', message: DOTNET.trust };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return { kind: 'transport', message: DOTNET.tls };
  if (code === 'ECONNRESET' || code === 'EPIPE' || code.startsWith('UND_ERR')) {
    return { kind: 'transport', message: DOTNET.receive };
  }
  return { kind: 'transport', message: DOTNET.send };
}
