// A QBWC web service written with the `soap` package from the project's WSDL — an independent SOAP stack, not the
// project's own SOAP code — on 127.0.0.1. Each test scripts its answers; `inject` makes an operation fail the way
// broken services fail (HTTP errors, faults, hangs, malformed XML) before `soap` sees the request.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import * as soap from 'soap';
import { QBWC_WSDL_NAMES, qbwcWsdl } from '../../../src/protocol/qbwc-wsdl.js';

export interface SendRequestArgs {
  ticket: string;
  strHCPResponse: string;
  strCompanyFileName: string;
  qbXMLCountry: string;
  qbXMLMajorVers: number;
  qbXMLMinorVers: number;
}

export interface ReceiveResponseArgs {
  ticket: string;
  response: string;
  hresult: string;
  message: string;
}

/** What the service answers, per operation (anything left out has a sensible default). */
export interface ServiceScript {
  serverVersion?: () => string;
  clientVersion?: (strVersion: string) => string;
  authenticate?: (userName: string, password: string) => (string | null)[] | null;
  sendRequestXML?: (args: SendRequestArgs) => string | null;
  receiveResponseXML?: (args: ReceiveResponseArgs) => number;
  connectionError?: (args: { ticket: string; hresult: string; message: string }) => string;
  getLastError?: (ticket: string) => string;
  closeConnection?: (ticket: string) => string;
  getInteractiveURL?: (wcTicket: string, sessionID: string) => string;
  interactiveDone?: (wcTicket: string) => string;
  interactiveRejected?: (wcTicket: string, reason: string) => string;
}

/** How an operation is broken for its next calls. */
export type Injection =
  | { kind: 'status'; status: number; contentType?: string; body?: string }
  | { kind: 'fault'; faultstring: string }
  | { kind: 'hang'; ms: number }
  | { kind: 'raw'; body: string; contentType?: string; status?: number }
  | { kind: 'close-socket' };

/** One call the service answered: the operation and its arguments as `soap` parsed them (`injected`: broken on purpose). */
export interface ServiceCall {
  operation: string;
  args: Record<string, unknown>;
  injected?: Injection['kind'];
}

/** One HTTP request as it arrived. */
export interface WireRecord {
  operation: string;
  soapAction: string;
  contentType: string;
  userAgent: string;
  body: string;
}

export interface QbwcTestService {
  url: string;
  calls: ServiceCall[];
  wire: WireRecord[];
  /** Operations called, in order. */
  operations(): string[];
  /** Makes the next `times` calls of an operation fail this way. */
  inject(operation: string, injection: Injection, times?: number): void;
  close(): Promise<void>;
}

const SOAP_PATH = '/qbwc';

export async function startQbwcService(script: ServiceScript = {}): Promise<QbwcTestService> {
  const calls: ServiceCall[] = [];
  const wire: WireRecord[] = [];
  const injections = new Map<string, { injection: Injection; times: number }[]>();
  const app = express();
  const pendingTimers = new Set<NodeJS.Timeout>();

  // Record every raw request and apply injections before `soap` parses it.
  app.post(SOAP_PATH, express.text({ type: () => true, limit: '16mb' }), (req, res, next) => {
    const action = String(req.headers['soapaction'] ?? '');
    const operation = action.replace(/^"|"$/g, '').replace('http://developer.intuit.com/', '');
    const raw = typeof req.body === 'string' ? req.body : '';
    wire.push({
      operation,
      soapAction: action,
      contentType: req.headers['content-type'] ?? '',
      userAgent: req.headers['user-agent'] ?? '',
      body: raw,
    });
    const queue = injections.get(operation);
    const pending = queue?.[0];
    if (pending) {
      if (--pending.times <= 0) queue.shift();
      const inj = pending.injection;
      calls.push({ operation, args: {}, injected: inj.kind });
      switch (inj.kind) {
        case 'status':
          res
            .status(inj.status)
            .type(inj.contentType ?? 'text/html')
            .send(inj.body ?? `<html><body>${inj.status}</body></html>`);
          return;
        case 'fault':
          res
            .status(500)
            .type('text/xml; charset=utf-8')
            .send(
              '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">' +
                `<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>${inj.faultstring}</faultstring>` +
                '</soap:Fault></soap:Body></soap:Envelope>',
            );
          return;
        case 'hang': {
          const t = setTimeout(() => {
            pendingTimers.delete(t);
            if (!res.headersSent) res.status(503).end();
          }, inj.ms);
          pendingTimers.add(t);
          return;
        }
        case 'raw':
          res
            .status(inj.status ?? 200)
            .type(inj.contentType ?? 'text/xml; charset=utf-8')
            .send(inj.body);
          return;
        case 'close-socket':
          req.socket.destroy();
          return;
      }
    }
    // `soap` reads the body from req.body when it is a string.
    req.body = raw;
    next();
  });

  const record = (operation: string, args: Record<string, unknown>) => {
    calls.push({ operation, args });
  };
  const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  const service = {
    [QBWC_WSDL_NAMES.service]: {
      [QBWC_WSDL_NAMES.port]: {
        serverVersion: (args: Record<string, unknown>) => {
          record('serverVersion', args);
          return { serverVersionResult: script.serverVersion?.() ?? '1.0.0' };
        },
        clientVersion: (args: Record<string, unknown>) => {
          record('clientVersion', args);
          return { clientVersionResult: script.clientVersion?.(str(args['strVersion'])) ?? '' };
        },
        authenticate: (args: Record<string, unknown>) => {
          record('authenticate', args);
          const result = script.authenticate
            ? script.authenticate(str(args['strUserName']), str(args['strPassword']))
            : ['TICKET-1', ''];
          // null: the result element is left out (`soap` would write xsi:nil without declaring the xsi prefix).
          return result === null ? {} : { authenticateResult: { string: result } };
        },
        sendRequestXML: (args: Record<string, unknown>) => {
          record('sendRequestXML', args);
          const result = script.sendRequestXML
            ? script.sendRequestXML({
                ticket: str(args['ticket']),
                strHCPResponse: str(args['strHCPResponse']),
                strCompanyFileName: str(args['strCompanyFileName']),
                qbXMLCountry: str(args['qbXMLCountry']),
                qbXMLMajorVers: Number(args['qbXMLMajorVers']),
                qbXMLMinorVers: Number(args['qbXMLMinorVers']),
              })
            : '';
          return result === null ? {} : { sendRequestXMLResult: result };
        },
        receiveResponseXML: (args: Record<string, unknown>) => {
          record('receiveResponseXML', args);
          const result = script.receiveResponseXML?.({
            ticket: str(args['ticket']),
            response: str(args['response']),
            hresult: str(args['hresult']),
            message: str(args['message']),
          });
          return { receiveResponseXMLResult: result ?? 100 };
        },
        connectionError: (args: Record<string, unknown>) => {
          record('connectionError', args);
          const result = script.connectionError?.({
            ticket: str(args['ticket']),
            hresult: str(args['hresult']),
            message: str(args['message']),
          });
          return { connectionErrorResult: result ?? 'done' };
        },
        getLastError: (args: Record<string, unknown>) => {
          record('getLastError', args);
          return { getLastErrorResult: script.getLastError?.(str(args['ticket'])) ?? '' };
        },
        closeConnection: (args: Record<string, unknown>) => {
          record('closeConnection', args);
          return { closeConnectionResult: script.closeConnection?.(str(args['ticket'])) ?? 'OK' };
        },
        getInteractiveURL: (args: Record<string, unknown>) => {
          record('getInteractiveURL', args);
          return {
            getInteractiveURLResult:
              script.getInteractiveURL?.(str(args['wcTicket']), str(args['sessionID'])) ??
              'https://localhost/interactive',
          };
        },
        interactiveDone: (args: Record<string, unknown>) => {
          record('interactiveDone', args);
          return { interactiveDoneResult: script.interactiveDone?.(str(args['wcTicket'])) ?? 'Done' };
        },
        interactiveRejected: (args: Record<string, unknown>) => {
          record('interactiveRejected', args);
          return {
            interactiveRejectedResult: script.interactiveRejected?.(str(args['wcTicket']), str(args['reason'])) ?? '',
          };
        },
      },
    },
  };

  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://localhost:${port}${SOAP_PATH}`;
  soap.listen(app, SOAP_PATH, service, qbwcWsdl(url));

  return {
    url,
    calls,
    wire,
    operations: () => calls.map((c) => c.operation),
    inject(operation, injection, times = 1) {
      const queue = injections.get(operation) ?? [];
      queue.push({ injection, times });
      injections.set(operation, queue);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of pendingTimers) clearTimeout(t);
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
