import { getResponse, http, passthrough, type HttpHandler } from 'msw';
import { setupServer, type SetupServer } from 'msw/node';
import { QbdSimError } from '../protocol/qbd-sim-error.js';
import { ApCloud, type ApCloudOptions } from './ap-cloud.js';
import { CloudAdminClient } from './cloud-admin-client.js';
import { createCloudHandlers, type CloudRequestLogEntry } from './cloud-handlers.js';

/** The origin of the in-process cloud when none is given. */
export const DEFAULT_CLOUD_ORIGIN = 'https://ap-cloud.test';

/** Options of {@link startCloudInProcess}. */
export interface StartCloudInProcessOptions extends ApCloudOptions {
  /** The cloud's origin (scheme, host, port): requests to it are answered in process. Default {@link DEFAULT_CLOUD_ORIGIN}. */
  origin?: string;
  /** An existing cloud to serve (default: a new one built from the clock/ids/seed options). */
  cloud?: ApCloud;
  /** Called once per answered request; never sees a token key. */
  log?: (entry: CloudRequestLogEntry) => void;
}

/** A cloud answered by a `fetch` function of its own: nothing in the process is patched. */
export interface CloudFetchHandle {
  readonly cloud: ApCloud;
  /** e.g. `https://ap-cloud.test`: the only origin {@link fetch} answers. */
  readonly origin: string;
  /** A `fetch` that answers requests to {@link origin} with the cloud's handlers, in process; any other URL rejects. */
  readonly fetch: typeof fetch;
  /** An admin client on {@link fetch}. */
  readonly admin: CloudAdminClient;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The cloud answering inside this process, and how to stop it. */
export interface CloudInProcessHandle {
  readonly cloud: ApCloud;
  /** e.g. `https://ap-cloud.test` (connector API at `…/api/v1`, admin API at `…/admin`). */
  readonly origin: string;
  /** An admin client for {@link origin}. */
  readonly admin: CloudAdminClient;
  /** msw's server, for `use()`-ing extra handlers (faults) in a test. */
  readonly server: SetupServer;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** True for loopback hosts: the mock's RP2 bridge and SOAP endpoints, and any other local test server. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * The cloud behind a `fetch` function of its own (msw's `getResponse` over the cloud's handlers): hand it to a client
 * that takes a `fetch` (the reference connector's `cloudFetch`, {@link CloudAdminClient}'s `fetch`). Unlike
 * {@link startCloudInProcess} it patches nothing, so other requests in the process pay no interception and any number
 * of such clouds can run side by side.
 *
 * @example
 * await using cloud = createCloudFetch({ seed: 'demo' });
 * const { companyId } = await cloud.admin.createCompany('Acme Supplies');
 * const connector = await ApConnector.start({ cloudUrl: cloud.origin, cloudFetch: cloud.fetch, ... });
 */
export function createCloudFetch(opts: StartCloudInProcessOptions = {}): CloudFetchHandle {
  const origin = new URL(opts.origin ?? DEFAULT_CLOUD_ORIGIN).origin;
  const cloud = opts.cloud ?? new ApCloud(opts);
  const handlers = createCloudHandlers(cloud, { origin, ...(opts.log ? { log: opts.log } : {}) });
  let closed = false;
  const cloudFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (closed) throw new TypeError(`fetch failed: the in-process AP cloud at ${origin} is closed`);
    if (new URL(request.url).origin !== origin) {
      throw new TypeError(`fetch failed: ${request.url} is not the in-process AP cloud (${origin})`);
    }
    request.signal.throwIfAborted();
    const response = await getResponse(handlers, request);
    if (!response)
      throw new TypeError(`fetch failed: no handler of the AP cloud answers ${request.method} ${request.url}`);
    return response;
  };
  const close = async (): Promise<void> => {
    closed = true;
  };
  return {
    cloud,
    origin,
    fetch: cloudFetch,
    admin: new CloudAdminClient(origin, { fetch: cloudFetch }),
    close,
    [Symbol.asyncDispose]: close,
  };
}

let active: CloudInProcessHandle | null = null;

/**
 * Runs the cloud inside this process through msw's `setupServer`: requests to `origin` are answered by the cloud's
 * handlers, requests to loopback hosts (127.0.0.1, localhost, [::1]) pass through to the real network, and any other
 * request fails (msw's `onUnhandledRequest: 'error'`: the fetch rejects). msw patches the process-wide `fetch` and
 * `http`, so one in-process cloud at a time: starting a second before closing the first is refused.
 */
export function startCloudInProcess(opts: StartCloudInProcessOptions = {}): CloudInProcessHandle {
  if (active) {
    throw new QbdSimError(
      'QBDSIM_ERR_DUPLICATE',
      `an in-process AP cloud is already answering ${active.origin} in this process; close() it first ` +
        '(msw intercepts the whole process), or create more companies in the same cloud',
    );
  }
  const origin = new URL(opts.origin ?? DEFAULT_CLOUD_ORIGIN).origin;
  const cloud = opts.cloud ?? new ApCloud(opts);
  const loopback: HttpHandler = http.all(
    ({ request }) => isLoopbackHost(new URL(request.url).hostname),
    () => passthrough(),
  );
  const server = setupServer(
    ...createCloudHandlers(cloud, { origin, ...(opts.log ? { log: opts.log } : {}) }),
    loopback,
  );
  server.listen({ onUnhandledRequest: 'error' });

  let closed: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      server.close();
      if (active === handle) active = null;
    })());
  const handle: CloudInProcessHandle = {
    cloud,
    origin,
    admin: new CloudAdminClient(origin),
    server,
    close,
    [Symbol.asyncDispose]: close,
  };
  active = handle;
  return handle;
}
