import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { RP2_BASE_PATH } from '../../src/protocol/rp2-bridge-contract.js';
import type { QbWorld } from '../engine/qb-world.js';
import { SAMPLE_WORLD_SPEC, buildWorld, type WorldSpec } from '../engine/world-spec.js';
import { ProcessorRegistry } from '../rp2/processor-registry.js';
import { WebConnectorRegistry } from '../web-connector/web-connector-registry.js';
import type { WebConnectorOptions } from '../web-connector/web-connector-types.js';
import { createBridgeApp } from './bridge-app.js';
import { createControlApp, CONTROL_BASE_PATH } from './control-app.js';
import { createWebConnectorApp, WEB_CONNECTOR_BASE_PATH } from './web-connector-app.js';

/** Options of {@link startMockQb}. */
export interface StartMockQbOptions {
  /** A world spec (see world-spec.ts), or an already built world. Default: the sample world. */
  world?: WorldSpec | QbWorld;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Seed for tickets and ids (default: cryptographically random). */
  seed?: string | number;
  /** Keep company files on disk under this directory (default: in memory). */
  dataDir?: string;
  /** Options of the fake Web Connectors (one per host): QBWC version, SOAP timeout, guards, log level, … */
  webConnector?: WebConnectorOptions;
}

/** A running mock: its URLs, its world, and how to stop it. */
export interface MockQbHandle {
  /** Base URL, e.g. `http://127.0.0.1:4510`. */
  url: string;
  /** `…/qbxmlrp2`: the QBXMLRP2 bridge. */
  bridgeUrl: string;
  /** `…/__qbd`: the control API. */
  controlUrl: string;
  port: number;
  world: QbWorld;
  processors: ProcessorRegistry;
  server: Server;
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Builds the express app of a mock (bridge, Web Connector routes, control API) without listening. */
export function createMockQbApp(
  world: QbWorld,
  processors: ProcessorRegistry,
  opts: { webConnector?: WebConnectorOptions } = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(RP2_BASE_PATH, createBridgeApp(processors));
  app.use(WEB_CONNECTOR_BASE_PATH, createWebConnectorApp(processors, opts.webConnector));
  app.use(CONTROL_BASE_PATH, createControlApp(world, processors));
  return app;
}

/** Builds the world, binds the port and serves the mock. */
export async function startMockQb(opts: StartMockQbOptions = {}): Promise<MockQbHandle> {
  const world =
    opts.world && 'hosts' in opts.world && typeof (opts.world as QbWorld).host === 'function'
      ? (opts.world as QbWorld)
      : buildWorld(opts.world ?? SAMPLE_WORLD_SPEC, {
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        });
  const processors = new ProcessorRegistry(world);
  const app = createMockQbApp(world, processors, opts.webConnector ? { webConnector: opts.webConnector } : {});
  const bindHost = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, bindHost, () => resolve(s));
    s.once('error', reject);
  });
  // A BeginSession waiting on the certificate dialog must never be timed out by Node (default 300 s).
  server.requestTimeout = 0;
  server.timeout = 0;
  server.keepAliveTimeout = 5_000;
  const port = (server.address() as AddressInfo).port;
  const hostForUrl =
    bindHost === '0.0.0.0' || bindHost === '::' ? '127.0.0.1' : bindHost.includes(':') ? `[${bindHost}]` : bindHost;
  const url = `http://${hostForUrl}:${port}`;
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      // Web Connectors first: their timers stop and SOAP calls in flight end before QuickBooks goes away.
      WebConnectorRegistry.of(processors).closeAll();
      processors.releaseAll();
      world.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    })());
  return {
    url,
    bridgeUrl: `${url}${RP2_BASE_PATH}`,
    controlUrl: `${url}${CONTROL_BASE_PATH}`,
    port,
    world,
    processors,
    server,
    stop,
    [Symbol.asyncDispose]: stop,
  };
}
