// Every action of the page goes through the control API (/__qbd/…): the same routes the scenarios use.

const TOKEN_KEY = 'qbd-sim-control-token';

/** The control token, when the mock was started with one: `/#token=…` once, then kept for this tab. */
function readToken() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

let token = readToken();
const unauthorizedListeners = new Set();

export function setToken(value) {
  token = value || null;
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

/** Called when the control API asks for the token (401). */
export function onUnauthorized(listener) {
  unauthorizedListeners.add(listener);
}

export function authHeaders() {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** What QuickBooks' own UI refused (409 `{ refused, message }`): simulated behaviour, shown as QuickBooks shows it. */
export class Refusal extends Error {}

/** Anything else that went wrong: the simulator's own error (`{ code, message }`), a QBWC error, the network. */
export class ApiError extends Error {
  constructor(message, status, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** One control API call. Resolves to the JSON answer; rejects with {@link Refusal} or {@link ApiError}. */
export async function api(method, path, body) {
  const headers = { ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(`/__qbd${path}`, {
      method,
      headers,
      cache: 'no-store',
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new ApiError(`The mock is not reachable (${error.message}).`, 0, null);
  }
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    json = { message: text };
  }
  if (res.ok) return json;
  if (res.status === 409 && json.refused === true) throw new Refusal(json.message);
  if (res.status === 401) for (const l of unauthorizedListeners) l();
  const message = json.qbwcCode
    ? (json.lines ?? [json.message]).join('\n')
    : `${json.code ? `${json.code}: ` : ''}${json.message ?? `HTTP ${res.status}`}`;
  throw new ApiError(message, res.status, json);
}

const enc = encodeURIComponent;

/** A UI action of one host (`POST /__qbd/hosts/{host}/ui/{action}`): answers `{ ok, state }`. */
export function uiAction(host, action, body = {}) {
  return api('POST', `/hosts/${enc(host)}/ui/${action}`, body);
}

export const control = {
  state: () => api('GET', '/state'),
  journal: (query) => api('GET', `/journal?${new URLSearchParams(query)}`),
  records: (host, path, list) =>
    api('GET', `/hosts/${enc(host)}/records?${new URLSearchParams({ path, list, limit: '200' })}`),
  webConnector: (host) => api('GET', `/webconnector/${enc(host)}`),
  wcLog: (host) => api('GET', `/webconnector/${enc(host)}/log`),
  wcAddApp: (host, qwc) => api('POST', `/webconnector/${enc(host)}/apps`, { qwc }),
  wcRemoveApp: (host, app) => api('DELETE', `/webconnector/${enc(host)}/apps/${enc(app)}`),
  wcSetPassword: (host, app, password) =>
    api('PUT', `/webconnector/${enc(host)}/apps/${enc(app)}/password`, { password }),
  wcAutoRun: (host, app, body) => api('PUT', `/webconnector/${enc(host)}/apps/${enc(app)}/auto-run`, body),
  wcUpdate: (host, apps) => api('POST', `/webconnector/${enc(host)}/update`, { apps }),
};

/**
 * Follows the journal (`GET /__qbd/events`, server-sent events) with fetch, so the control token can be sent.
 * Reconnects after a drop, resuming after the last entry seen. `onStatus(live)` reports the connection.
 * Returns `{ stop(), reconnect() }`.
 */
export function followJournal(onEntry, onStatus) {
  let last = null;
  let stopped = false;
  let controller = null;
  let skipWait = false;
  let wake = null;
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const query = last === null ? '?backlog=300' : `?since=${last}`;
        const res = await fetch(`/__qbd/events${query}`, {
          headers: { accept: 'text/event-stream', ...authHeaders() },
          cache: 'no-store',
          signal: controller.signal,
        });
        if (res.status === 401) for (const l of unauthorizedListeners) l();
        if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
        onStatus(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('data: ')) data += line.slice(6);
              else if (line.startsWith('id: ')) last = Number(line.slice(4));
            }
            if (data) onEntry(JSON.parse(data));
          }
        }
      } catch {
        // Dropped (the mock stopped or restarted): say so and try again.
      }
      if (stopped) break;
      onStatus(false);
      if (!skipWait) {
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, 2000);
        });
      }
      skipWait = false;
      wake = null;
    }
  })();
  return {
    stop() {
      stopped = true;
      controller?.abort();
    },
    /** Connects again now (e.g. with a new control token). */
    reconnect() {
      skipWait = true;
      controller?.abort();
      wake?.();
    },
  };
}
