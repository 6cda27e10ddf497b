import express, { type ErrorRequestHandler, type Router } from 'express';
import { z } from 'zod';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { isQbwcError } from '../../src/protocol/qbwc-codes.js';
import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { QWC_LOG_LEVELS, type QwcLogLevel } from '../web-connector/qwc-log.js';
import { WebConnectorRegistry } from '../web-connector/web-connector-registry.js';
import type {
  SoapCallRecord,
  UpdateSelectedResult,
  WebConnectorOptions,
} from '../web-connector/web-connector-types.js';
import { CONTROL_BASE_PATH } from './control-app.js';
import { sendError } from './send-error.js';

/** One line of `POST /{host}/update/stream`. */
export type UpdateStreamEvent =
  | { kind: 'call'; appName: string; call: SoapCallRecord }
  | { kind: 'heartbeat' }
  | { kind: 'result'; result: UpdateSelectedResult }
  | { kind: 'error'; status: number; body: unknown };

/** Where the fake Web Connector's control routes live (`/__qbd/webconnector/{host}/…`). */
export const WEB_CONNECTOR_BASE_PATH = `${CONTROL_BASE_PATH}/webconnector`;

/**
 * A QBWC error dialog is simulated behaviour: 422 `{ qbwcCode, message, lines }` (as a COM error is 422 on the
 * bridge). Everything else goes to the mock's one error mapping.
 */
/** The status and body the mock's error mapping gives an error (for a stream that has already sent its headers). */
function errorAnswer(error: unknown): { status: number; body: unknown } {
  const answer = { status: 500, body: undefined as unknown };
  const res = {
    headersSent: false,
    status(code: number) {
      answer.status = code;
      return res;
    },
    json(body: unknown) {
      answer.body = body;
    },
  };
  sendQbwcError(error, {} as never, res as never, () => undefined);
  return answer;
}

const sendQbwcError: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (!res.headersSent && isQbwcError(error)) return void res.status(422).json(error.toJSON());
  sendError(error, req, res, next);
};

/**
 * The control routes of the fake Web Connectors (one per QuickBooks host), what the person at QBWC does:
 *
 * | Route | Body → answer |
 * |---|---|
 * | `GET /{host}` | → `{ host, version, busy, logLevel, apps }` |
 * | `GET /{host}/apps` | → `{ apps }` (never passwords) |
 * | `POST /{host}/apps` | the `.qwc` XML (`text/xml`, `application/xml`, `text/plain`) or `{ qwc }` → 201 `{ app }` |
 * | `DELETE /{host}/apps/{app}` | → `{ ok }` (the company file keeps its FileID) |
 * | `PUT /{host}/apps/{app}/password` | `{ password }` → `{ ok }` |
 * | `PUT /{host}/apps/{app}/auto-run` | `{ enabled, everyMinutes?, everySeconds? }` → `{ app }` |
 * | `POST /{host}/update` | `{ apps: [names] }` (Update Selected) → `{ results, qbwcCode, lines }` |
 * | `POST /{host}/update/stream` | `{ apps }` → `application/x-ndjson`: `{ kind: "call", appName, call }` per SOAP call as it ends, `{ kind: "heartbeat" }` every 10 s, then `{ kind: "result", result }` or `{ kind: "error", status, body }` |
 * | `GET /{host}/updates?since=N` | → `{ updates: [{ seq, result }], last }`: updates (manual and Auto-Run) ended after N |
 * | `GET /{host}/log` | → `{ text, lines, level }` (`?format=text`: QWCLog.txt as text/plain) |
 * | `PUT /{host}/log-level` | `{ level: "NONE" \| "DEBUG" \| "VERBOSE" }` → `{ ok }` |
 *
 * `options` apply when the mock's Web Connector registry is created (the first call for these processors).
 * A QBWC error (QBWC1051, QBWC1039, QBWC1016, …) answers 422 `{ qbwcCode, message, lines }`. Adding an application
 * and updating may wait on the certificate dialog, like BeginSession on the bridge; the server never times them out.
 */
export function createWebConnectorApp(processors: ProcessorRegistry, options: WebConnectorOptions = {}): Router {
  // The mock's one registry: programmatic users reach the same Web Connectors with WebConnectorRegistry.of(processors).
  const connectors = WebConnectorRegistry.of(processors, options);
  const app = express.Router();
  app.use(express.text({ type: ['text/xml', 'application/xml', 'text/plain'], limit: '4mb' }));
  app.use(express.json({ limit: '4mb' }));

  app.get('/:host', (req, res) => {
    const wc = connectors.get(req.params.host);
    res.json({ host: wc.host.id, version: wc.version, busy: wc.busy, logLevel: wc.log.level, apps: wc.applications() });
  });

  app.get('/:host/apps', (req, res) => {
    res.json({ apps: connectors.get(req.params.host).applications() });
  });

  app.post('/:host/apps', async (req, res) => {
    const wc = connectors.get(req.params.host);
    const qwc = typeof req.body === 'string' ? req.body : parse(z.object({ qwc: z.string().min(1) }), req.body).qwc;
    res.status(201).json({ app: await wc.addApplication(qwc) });
  });

  app.delete('/:host/apps/:app', (req, res) => {
    connectors.get(req.params.host).removeApplication(req.params.app);
    res.json({ ok: true });
  });

  app.put('/:host/apps/:app/password', (req, res) => {
    const b = parse(z.object({ password: z.string() }), req.body);
    connectors.get(req.params.host).setPassword(req.params.app, b.password);
    res.json({ ok: true });
  });

  app.put('/:host/apps/:app/auto-run', (req, res) => {
    const b = parse(
      z.object({
        enabled: z.boolean(),
        everyMinutes: z.number().int().min(1).optional(),
        everySeconds: z.number().int().min(1).optional(),
      }),
      req.body,
    );
    res.json({ app: connectors.get(req.params.host).setAutoRun(req.params.app, b) });
  });

  app.post('/:host/update', async (req, res) => {
    const b = parse(z.object({ apps: z.array(z.string().min(1)) }), req.body);
    res.json(await connectors.get(req.params.host).updateSelected(b.apps));
  });

  // Update Selected with its progress streamed: one JSON line per SOAP call as it ends, a heartbeat line every
  // 10 s while nothing happens (QuickBooks waiting on a dialog, a slow service), then the result — so an update
  // of any length reaches the caller, with no timeout but the update's own.
  app.post('/:host/update/stream', async (req, res) => {
    const b = parse(z.object({ apps: z.array(z.string().min(1)) }), req.body);
    const wc = connectors.get(req.params.host);
    res.status(200).type('application/x-ndjson');
    res.flushHeaders();
    const line = (event: UpdateStreamEvent) => res.write(`${JSON.stringify(event)}\n`);
    const stopWatching = wc.watchCalls((appName, call) => {
      if (b.apps.some((a) => a.toLowerCase() === appName.toLowerCase())) line({ kind: 'call', appName, call });
    });
    const heartbeat = setInterval(() => line({ kind: 'heartbeat' }), 10_000);
    try {
      line({ kind: 'result', result: await wc.updateSelected(b.apps) });
    } catch (error) {
      line({ kind: 'error', ...errorAnswer(error) });
    } finally {
      clearInterval(heartbeat);
      stopWatching();
      res.end();
    }
  });

  app.get('/:host/updates', (req, res) => {
    const q = parse(z.object({ since: z.coerce.number().int().min(0).optional() }), req.query);
    res.json(connectors.get(req.params.host).updates(q.since ?? 0));
  });

  app.get('/:host/log', (req, res) => {
    const wc = connectors.get(req.params.host);
    if (req.query['format'] === 'text') {
      res.type('text/plain').send(wc.log.text());
      return;
    }
    res.json({ text: wc.log.text(), lines: wc.log.lines(), level: wc.log.level });
  });

  app.put('/:host/log-level', (req, res) => {
    const b = parse(z.object({ level: z.enum(QWC_LOG_LEVELS as [QwcLogLevel, ...QwcLogLevel[]]) }), req.body);
    connectors.get(req.params.host).setLogLevel(b.level);
    res.json({ ok: true });
  });

  app.use((req, _res) => {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      `no control route ${req.method} ${WEB_CONNECTOR_BASE_PATH}${req.path}`,
    );
  });
  app.use(sendQbwcError);
  return app;
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `invalid request: ${issues}`);
  }
  return r.data;
}
