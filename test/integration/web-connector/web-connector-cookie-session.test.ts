// Issue 21 item 13: a Web Connector service written the way Intuit's ASP.NET samples are ([WebMethod(EnableSession =
// true)]: the place in the conversation kept in the session, found again by the session cookie) — here with the
// `soap` package and express-session, the cookie named ASP.NET_SessionId. QBWC returns the cookies a service sets,
// so the update completes; cookies live per update by default (option `cookies`).
import express from 'express';
import session from 'express-session';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import soap from 'soap';
import { afterEach, expect, test } from 'vitest';
import { QBWC_WSDL_NAMES, qbwcWsdl } from '../../../src/protocol/qbwc-wsdl.js';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import { WebConnector } from '../../../mock-qb/web-connector/web-connector.js';
import type { WebConnectorOptions } from '../../../mock-qb/web-connector/web-connector-types.js';
import { APP_NAME, HOST, PASSWORD, qbxml, qwcXml, waitForDialog, webConnectorWorld } from './support.js';

declare module 'express-session' {
  interface SessionData {
    ticket: string;
    sent: number;
    updates: number;
  }
}

const REQUESTS = [1, 2, 3].map((n) => qbxml(`<HostQueryRq requestID="${n}"/>`));

interface SessionService {
  url: string;
  /** Session ids the service saw on each call (a new id = a new conversation). */
  sessionIds: string[];
  /** The `updates` counter authenticate found in the session (how many updates this session had seen). */
  updatesSeen: number[];
  close(): Promise<void>;
}

/** The conversation lives in the session: authenticate starts it, sendRequestXML/receiveResponseXML advance it. */
async function startSessionService(): Promise<SessionService> {
  const app = express();
  app.use(
    session({
      name: 'ASP.NET_SessionId',
      secret: 'test-only-session-secret',
      resave: false,
      saveUninitialized: true,
      cookie: { httpOnly: true, path: '/' },
    }),
  );
  const sessionIds: string[] = [];
  const updatesSeen: number[] = [];
  type Req = express.Request;
  const seen = (req: Req) => sessionIds.push(req.sessionID);
  const ops = {
    serverVersion: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => (seen(req), { serverVersionResult: '1.0' }),
    clientVersion: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => (seen(req), { clientVersionResult: '' }),
    authenticate: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => {
      seen(req);
      updatesSeen.push(req.session.updates ?? 0);
      req.session.updates = (req.session.updates ?? 0) + 1;
      req.session.ticket = `T-${req.sessionID.slice(0, 8)}`;
      req.session.sent = 0;
      return { authenticateResult: { string: [req.session.ticket, ''] } };
    },
    sendRequestXML: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => {
      seen(req);
      // A session the service does not know starts the conversation from the beginning (as the samples do).
      const n = req.session.sent ?? 0;
      req.session.sent = n + 1;
      return { sendRequestXMLResult: REQUESTS[n] ?? '' };
    },
    receiveResponseXML: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => {
      seen(req);
      return { receiveResponseXMLResult: Math.round(((req.session.sent ?? 0) / REQUESTS.length) * 100) };
    },
    getLastError: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => (seen(req), { getLastErrorResult: 'lost' }),
    connectionError: () => ({ connectionErrorResult: 'done' }),
    closeConnection: (_a: unknown, _cb: unknown, _h: unknown, req: Req) => (seen(req), { closeConnectionResult: 'OK' }),
  };
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}/qbwc`;
  soap.listen(app, '/qbwc', { [QBWC_WSDL_NAMES.service]: { [QBWC_WSDL_NAMES.port]: ops } }, qbwcWsdl(url));
  return {
    url,
    sessionIds,
    updatesSeen,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function bench(seed: string, wc: WebConnectorOptions = {}) {
  const world = buildWorld(webConnectorWorld(seed));
  const processors = new ProcessorRegistry(world);
  const connector = new WebConnector(processors, { host: HOST, maxRequestRounds: 30, ...wc });
  const service = await startSessionService();
  cleanups.push(
    () => world.close(),
    () => processors.releaseAll(),
    () => connector.close(),
    () => service.close(),
  );
  const adding = connector.addApplication(qwcXml(service.url));
  adding.catch(() => undefined);
  const host = world.host(HOST);
  await waitForDialog(host, 'certificate');
  host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await adding;
  connector.setPassword(APP_NAME, PASSWORD);
  return { connector, service };
}

test('a service that keeps its conversation in an ASP.NET-style session completes its update', async () => {
  const { connector, service } = await bench('cookie-session');
  const r = await connector.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', requests: 3, percentDone: 100 });
  expect(new Set(service.sessionIds).size).toBe(1);
});

test('cookies live per update by default: the next update starts a new session', async () => {
  const { connector, service } = await bench('cookie-per-update');
  await connector.update(APP_NAME);
  const r = await connector.update(APP_NAME);
  expect(r.outcome).toBe('ok');
  expect(service.updatesSeen).toEqual([0, 0]);
  expect(new Set(service.sessionIds).size).toBe(2);
});

test('option cookies "per-application": the session outlives the update', async () => {
  const { connector, service } = await bench('cookie-per-app', { cookies: 'per-application' });
  await connector.update(APP_NAME);
  expect((await connector.update(APP_NAME)).outcome).toBe('ok');
  expect(service.updatesSeen).toEqual([0, 1]);
});

test('option cookies "none": every call is a new session and the conversation never moves on', async () => {
  const { connector } = await bench('cookie-none', { cookies: 'none' });
  const r = await connector.update(APP_NAME);
  expect(r.outcome).toBe('stopped'); // qbd-sim's guard: 30 rounds of the first request
  expect(r.requests).toBe(30);
});
