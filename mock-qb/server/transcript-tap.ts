import express, { type RequestHandler } from 'express';
import { RP2_BASE_PATH } from '../../src/protocol/rp2-bridge-contract.js';
import type { TranscriptChannel, TranscriptSink } from '../../src/protocol/transcript-format.js';
import { redactSecrets } from '../engine/journal.js';
import { CONTROL_BASE_PATH } from './control-app.js';
import { sendError } from './send-error.js';

/**
 * Middleware that reports every exchange a transcript keeps to `sink`: all QBXMLRP2 bridge calls and the control
 * API's changes (every method but GET: polling the state is not an exchange). Mounted before the apps, it parses the
 * JSON body itself (the apps then skip parsing) so a request is reported in the order the mock handles it, before a
 * `BeginSession` that waits on a dialog lets later requests through. Bodies are redacted (QBWC passwords). Each
 * request notes whether a Web Connector update was running when it arrived.
 */
export function createTranscriptTap(
  sink: TranscriptSink,
  opts: { qbwcBusy: () => boolean; bodyLimit: number },
): RequestHandler[] {
  // The tap parses bodies first, with the bridge's own limit (the apps then skip parsing).
  const json = express.json({ limit: opts.bodyLimit });
  // The Web Connector's "add application" takes the .qwc as XML text.
  const text = express.text({ type: ['text/xml', 'application/xml', 'text/plain'], limit: '4mb' });
  const parse: RequestHandler = (req, res, next) =>
    json(req, res, (error?: unknown) => (error ? next(error) : text(req, res, next)));
  const tap: RequestHandler = (req, res, next) => {
    const channel = channelOf(req.method, req.originalUrl);
    if (!channel) return next();
    const answered = sink.requestArrived({
      channel,
      method: req.method,
      path: req.originalUrl,
      // An update still running in the background when this arrived (a replay waits for the same).
      ...(opts.qbwcBusy() ? { qbwcBusy: true } : {}),
      ...(req.body !== undefined && !isEmptyObject(req.body)
        ? { body: typeof req.body === 'string' ? req.body : redactSecrets(req.body) }
        : {}),
    });
    let body: unknown;
    const sendJson = res.json.bind(res);
    res.json = (value: unknown) => {
      body = value;
      return sendJson(value);
    };
    res.on('close', () => {
      if (res.writableFinished)
        answered({ status: res.statusCode, ...(body !== undefined ? { body: redactSecrets(body) } : {}) });
      else answered({ status: 0, dropped: true });
    });
    next();
  };
  // A body that is not JSON is answered as the apps answer it (400 QBDSIM_ERR_BAD_REQUEST), unrecorded.
  const parseFirst: RequestHandler = (req, res, next) => {
    if (!channelOf(req.method, req.originalUrl)) return next();
    parse(req, res, (error?: unknown) => (error ? sendError(error, req, res, next) : next()));
  };
  return [parseFirst, tap];
}

function channelOf(method: string, url: string): TranscriptChannel | null {
  if (url.startsWith(`${RP2_BASE_PATH}/`)) return 'rp2';
  if (url.startsWith(`${CONTROL_BASE_PATH}/`) && method !== 'GET' && method !== 'HEAD') return 'control';
  return null;
}

function isEmptyObject(value: unknown): boolean {
  return !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0;
}
