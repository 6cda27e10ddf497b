import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { RP2_BASE_PATH } from '../../src/protocol/rp2-bridge-contract.js';
import type { TranscriptSink } from '../../src/protocol/transcript-format.js';
import type { QbWorld } from '../engine/qb-world.js';
import { SAMPLE_WORLD_SPEC, buildWorld, type WorldSpec } from '../engine/world-spec.js';
import { QbxmlProcessor, type QbxmlLimits } from '../qbxml/qbxml-processor.js';
import { ProcessorRegistry } from '../rp2/processor-registry.js';
import { WebConnectorRegistry } from '../web-connector/web-connector-registry.js';
import type { WebConnectorOptions } from '../web-connector/web-connector-types.js';
import { bridgeBodyLimit, createBridgeApp } from './bridge-app.js';
import { createControlApp, CONTROL_BASE_PATH } from './control-app.js';
import { checkControlExposure, requireControlToken } from './control-token.js';
import { createDashboardApp } from './dashboard/dashboard-app.js';
import { createWebConnectorApp, WEB_CONNECTOR_BASE_PATH } from './web-connector-app.js';
import { createTranscriptTap } from './transcript-tap.js';

/** Options of {@link startMockQb}. */
export interface StartMockQbOptions {
  /** A world spec (see world-spec.ts), or an already built world. Default: the sample world. */
  world?: WorldSpec | QbWorld;
  /** Default 127.0.0.1 (loopback only). Any other address needs a `controlToken`. */
  host?: string;
  /**
   * When set, every control route (`/__qbd/…`, the Web Connector's too) needs `Authorization: Bearer <token>`
   * (else 401 `QBDSIM_ERR_UNAUTHORIZED`). Required to listen beyond loopback. The bridge needs none (QBXMLRP2 has no
   * authentication; the BeginSession gate is its authorization).
   */
  controlToken?: string;
  /** qbd-sim's own limits on a qbXML request (size, nesting depth); over one: 413 `QBDSIM_ERR_TOO_LARGE`. */
  qbxmlLimits?: Partial<QbxmlLimits>;
  /** Default 0 (any free port). */
  port?: number;
  /** Seed for tickets and ids (default: cryptographically random). */
  seed?: string | number;
  /** Keep company files on disk under this directory (default: in memory). */
  dataDir?: string;
  /** Options of the fake Web Connectors (one per host): QBWC version, SOAP timeout, guards, log level, … */
  webConnector?: WebConnectorOptions;
  /** Receives every bridge call and control-API change, for a transcript (src/scenario's TranscriptRecorder). */
  transcript?: TranscriptSink;
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
  opts: { webConnector?: WebConnectorOptions; transcript?: TranscriptSink; controlToken?: string } = {},
): express.Express {
  const app = express();
  app.disable('x-powered-by');
  if (opts.transcript)
    app.use(
      createTranscriptTap(opts.transcript, {
        qbwcBusy: () =>
          WebConnectorRegistry.of(processors)
            .list()
            .some((c) => c.busy),
        bodyLimit: bridgeBodyLimit(processors),
      }),
    );
  app.use(RP2_BASE_PATH, createBridgeApp(processors));
  if (opts.controlToken !== undefined) app.use(CONTROL_BASE_PATH, requireControlToken(opts.controlToken)); // all of /__qbd
  app.use(WEB_CONNECTOR_BASE_PATH, createWebConnectorApp(processors, opts.webConnector));
  app.use(CONTROL_BASE_PATH, createControlApp(world, processors));
  app.use(createDashboardApp()); // `/`: the live dashboard (it acts through the control API above)
  return app;
}

/** Builds the world, binds the port and serves the mock. */
export async function startMockQb(opts: StartMockQbOptions = {}): Promise<MockQbHandle> {
  checkControlExposure(opts.host ?? '127.0.0.1', opts.controlToken); // before anything is built or opened
  const world =
    opts.world && 'hosts' in opts.world && typeof (opts.world as QbWorld).host === 'function'
      ? (opts.world as QbWorld)
      : buildWorld(opts.world ?? SAMPLE_WORLD_SPEC, {
          ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
          ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
        });
  const processors = new ProcessorRegistry(
    world,
    opts.qbxmlLimits ? { qbxml: new QbxmlProcessor({ limits: opts.qbxmlLimits }) } : {},
  );
  const app = createMockQbApp(world, processors, {
    ...(opts.webConnector || opts.transcript?.soapExchange
      ? {
          webConnector: {
            ...opts.webConnector,
            // A transcript sees the fake Web Connector's SOAP calls too (and a replay answers them).
            ...(opts.transcript?.soapExchange
              ? { soapExchange: opts.transcript.soapExchange.bind(opts.transcript) }
              : {}),
          },
        }
      : {}),
    ...(opts.transcript ? { transcript: opts.transcript } : {}),
    ...(opts.controlToken !== undefined ? { controlToken: opts.controlToken } : {}),
  });
  const bindHost = opts.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    // Express 5 hands a listen error to this callback (and resolving first would hide it).
    const s = app.listen(opts.port ?? 0, bindHost, (error?: Error) => (error ? reject(error) : resolve(s)));
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
