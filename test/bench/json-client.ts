import http from 'node:http';

/** A request that got no answer in this time fails (a run must always end, even against a stuck server). */
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * A minimal JSON-over-HTTP client on one origin with a keep-alive agent, so a benchmark measures requests and not TCP
 * handshakes. Every benchmark drives its target through this same code, so client cost is equal on both sides of a
 * ratio. A 4xx/5xx answer rejects with the status and body.
 */
export class JsonClient {
  readonly #agent: http.Agent;
  readonly #hostname: string;
  readonly #port: number;

  /** @param origin `http://127.0.0.1:PORT`; @param maxSockets at least the number of concurrent workers. */
  constructor(origin: string, maxSockets = 1) {
    const url = new URL(origin);
    if (url.protocol !== 'http:') throw new Error(`JsonClient speaks plain http only, got ${origin}`);
    this.#hostname = url.hostname;
    this.#port = Number(url.port || 80);
    this.#agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  post(path: string, body: unknown): Promise<unknown> {
    return this.#send('POST', path, JSON.stringify(body));
  }

  delete(path: string): Promise<unknown> {
    return this.#send('DELETE', path, undefined);
  }

  /** Closes the kept-alive sockets. */
  close(): void {
    this.#agent.destroy();
  }

  #send(method: string, path: string, payload: string | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.#agent,
          hostname: this.#hostname,
          port: this.#port,
          method,
          path,
          headers:
            payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status >= 400) {
              reject(new Error(`${method} ${path} answered HTTP ${status}: ${text.slice(0, 500)}`));
              return;
            }
            try {
              resolve(text ? (JSON.parse(text) as unknown) : null);
            } catch {
              reject(
                new Error(
                  `${method} ${path} answered HTTP ${status} with a body that is not JSON: ${text.slice(0, 200)}`,
                ),
              );
            }
          });
        },
      );
      req.setTimeout(REQUEST_TIMEOUT_MS, () => {
        req.destroy(new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`));
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}
