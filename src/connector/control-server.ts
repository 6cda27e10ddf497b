import { randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { stateFiles } from './state-files.js';

/** What `control.json` in the state directory says about a running connector (mode 0600: it holds the secret). */
export interface ControlInfo {
  pid: number;
  /** `http://127.0.0.1:PORT`. */
  url: string;
  /** Bearer secret of the control port. */
  secret: string;
  transport: 'rp2' | 'qbwc';
  startedAt: string;
  /** QBWC: the SOAP endpoint. */
  qbwcUrl?: string;
}

/** A control route: its answer (JSON). */
export type ControlHandler = (body: Record<string, unknown>) => Promise<unknown> | unknown;

/**
 * The local control port of a running connector (loopback only, a bearer secret from `control.json`): how
 * `ap-connector exit`, `sync-now` and `token set` reach the instance that runs. `control.json` is removed when the
 * instance stops cleanly.
 */
export class ControlServer {
  readonly file: string;
  #server: Server | null = null;
  readonly #secret = randomBytes(24).toString('base64url');
  readonly #routes: Record<string, ControlHandler>;

  constructor(stateDir: string, routes: Record<string, ControlHandler>) {
    this.file = path.join(stateDir, 'control.json');
    this.#routes = routes;
  }

  /** Reads `control.json` (undefined when no instance wrote one). */
  static read(stateDir: string): ControlInfo | undefined {
    return stateFiles.readJson<ControlInfo | undefined>(path.join(stateDir, 'control.json'), undefined);
  }

  /** Listens on 127.0.0.1 and writes `control.json`. */
  async listen(info: Omit<ControlInfo, 'url' | 'secret' | 'pid'>): Promise<ControlInfo> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) json(res, 500, { error: (error as Error).message });
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.#server = server;
    const control: ControlInfo = {
      pid: process.pid,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      secret: this.#secret,
      ...info,
    };
    stateFiles.writeJson(this.file, control, 0o600);
    return control;
  }

  /** Stops listening and removes `control.json`. */
  async close(): Promise<void> {
    const server = this.#server;
    this.#server = null;
    rmSync(this.file, { force: true });
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const auth = req.headers.authorization ?? '';
    const given = Buffer.from(auth.replace(/^Bearer\s+/i, ''));
    const expected = Buffer.from(this.#secret);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return json(res, 403, { error: 'forbidden' });
    }
    const route = `${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname}`;
    const handler = this.#routes[route];
    if (!handler) return json(res, 404, { error: `no route ${route}` });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown>;
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      return json(res, 400, { error: 'the body is not JSON' });
    }
    json(res, 200, (await handler(body)) ?? { ok: true });
  }
}

/**
 * Calls a route of a running connector's control port. Plain `node:http`, not `fetch`: a one-shot command (`exit`,
 * `sync-now`, `token set`) would pay for loading fetch's HTTP stack and then linger on its idle connection.
 */
export function callControl(
  info: ControlInfo,
  method: 'GET' | 'POST',
  route: string,
  body?: unknown,
): Promise<unknown> {
  const payload = body !== undefined ? JSON.stringify(body) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      `${info.url}${route}`,
      {
        method,
        agent: false, // one request, then the socket closes: nothing keeps the command alive
        headers: {
          authorization: `Bearer ${info.secret}`,
          ...(payload !== undefined
            ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
        timeout: 600_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          } catch {
            // not JSON: the status says what happened
          }
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(new Error(`the running connector answered ${status}: ${String(json['error'] ?? '')}`));
          } else resolve(json);
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('the running connector did not answer within 600 s')));
    req.on('error', reject);
    req.end(payload);
  });
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}
