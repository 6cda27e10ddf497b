import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMiddleware } from '@mswjs/http-middleware';
import express from 'express';
import { ApCloud, type ApCloudOptions } from './ap-cloud.js';
import { CloudAdminClient } from './cloud-admin-client.js';
import { createCloudHandlers, type CloudRequestLogEntry } from './cloud-handlers.js';

export { DEFAULT_CLOUD_PORT } from '../protocol/ap-cloud-contract.js';

/** Options of {@link createCloudApp}. */
export interface CloudAppOptions {
  /** Called once per answered request; never sees a token key. */
  log?: (entry: CloudRequestLogEntry) => void;
}

/** Options of {@link startCloudServer}. */
export interface StartCloudServerOptions extends ApCloudOptions, CloudAppOptions {
  /** Default 0 (any free port); the CLI's default is {@link DEFAULT_CLOUD_PORT}. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** An existing cloud to serve (default: a new one built from the clock/ids/seed options). */
  cloud?: ApCloud;
}

/** A served cloud: its URL, its state, and how to stop it. */
export interface CloudServerHandle {
  readonly cloud: ApCloud;
  /** e.g. `http://127.0.0.1:4520` (connector API at `…/api/v1`, admin API at `…/admin`). */
  readonly url: string;
  readonly port: number;
  readonly admin: CloudAdminClient;
  readonly server: Server;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The cloud's express app (without listening): the same msw handlers as in process, served through
 * `@mswjs/http-middleware`. No body parser in front: the middleware reads the raw request.
 */
export function createCloudApp(cloud: ApCloud, opts: CloudAppOptions = {}): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // The middleware's typings are CommonJS and name msw's CommonJS build; the handlers are msw's ESM build. Same
  // objects at runtime (the middleware only calls their public `run`), two nominal types for TypeScript.
  const handlers = createCloudHandlers(cloud, opts.log ? { log: opts.log } : {}) as unknown as Parameters<
    typeof createMiddleware
  >;
  app.use(createMiddleware(...handlers));
  // The handlers end with a catch-all, so this is reached only if the middleware itself passes the request on.
  app.use((req: express.Request, res: express.Response) => {
    res.status(404).json({ error: 'not_found', message: `the AP cloud has no ${req.method} ${req.path}` });
  });
  app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(500).json({ error: 'internal', message: `the fake AP cloud failed: ${error.message}` });
  });
  return app;
}

/** Serves a cloud over HTTP (what `qbd-sim cloud serve` runs), for a connector running as its own process. */
export async function startCloudServer(opts: StartCloudServerOptions = {}): Promise<CloudServerHandle> {
  const cloud = opts.cloud ?? new ApCloud(opts);
  const app = createCloudApp(cloud, opts.log ? { log: opts.log } : {});
  const bindHost = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listen error to this callback (and resolving first would hide it).
    const s = app.listen(opts.port ?? 0, bindHost, (error?: Error) => (error ? reject(error) : resolve(s)));
    s.once('error', reject);
  });
  server.keepAliveTimeout = 5_000;
  const port = (server.address() as AddressInfo).port;
  const hostForUrl =
    bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${hostForUrl}:${port}`;
  let closed: Promise<void> | null = null;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { cloud, url, port, admin: new CloudAdminClient(url), server, close, [Symbol.asyncDispose]: close };
}
