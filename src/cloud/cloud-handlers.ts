import { http, HttpResponse, type HttpHandler } from 'msw';
import type { z } from 'zod';
import {
  CLOUD_ADMIN_PREFIX,
  CLOUD_API_PREFIX,
  CLOUD_HEADERS,
  type CloudErrorCode,
  type CompanyFileIdentity,
} from '../protocol/ap-cloud-contract.js';
import type { ApCloud } from './ap-cloud.js';
import { CloudError, isCloudError } from './cloud-error.js';
import { cloudRequestSchemas as schemas } from './cloud-request-schemas.js';

/** One answered request, as {@link CloudHandlersOptions.log} sees it. Never holds a token key or a body. */
export interface CloudRequestLogEntry {
  method: string;
  /** The URL path (no query). */
  path: string;
  status: number;
  /** The contract's error code of a refusal, or `internal` for a bug in the cloud (HTTP 500). */
  error?: CloudErrorCode | 'internal';
  /** The company the call was for, when known. */
  companyId?: string;
}

/** Options of {@link createCloudHandlers}. */
export interface CloudHandlersOptions {
  /**
   * The cloud's origin, e.g. `https://ap-cloud.test`: the handlers answer that origin only (in-process use through
   * msw's `setupServer`). Omit it to match the paths on whatever origin the request came to (the served cloud, where
   * `@mswjs/http-middleware` resolves paths against the server's own origin).
   */
  origin?: string;
  /** Called once per answered request (the CLI prints these). */
  log?: (entry: CloudRequestLogEntry) => void;
}

interface RouteContext {
  request: Request;
  params: Record<string, string>;
}

interface RouteAnswer {
  status?: number;
  body: unknown;
  companyId?: string;
}

type Route = (ctx: RouteContext) => RouteAnswer | Promise<RouteAnswer>;

/**
 * The fake AP cloud as msw request handlers: the connector API ({@link CLOUD_API_PREFIX}) and the admin API
 * ({@link CLOUD_ADMIN_PREFIX}) of `src/protocol/ap-cloud-contract.ts`, in front of one {@link ApCloud}. The same
 * handlers serve in process (`startCloudInProcess`) and over HTTP (`startCloudServer`). The last handler answers
 * any other path of the cloud with 404 `not_found`.
 */
export function createCloudHandlers(cloud: ApCloud, opts: CloudHandlersOptions = {}): HttpHandler[] {
  const base = opts.origin === undefined ? '' : new URL(opts.origin).origin;
  const api = (path: string): string => `${base}${CLOUD_API_PREFIX}${path}`;
  const admin = (path: string): string => `${base}${CLOUD_ADMIN_PREFIX}${path}`;

  const handle =
    (route: Route) =>
    async ({
      request,
      params,
    }: {
      request: Request;
      params: Record<string, string | readonly string[] | undefined>;
    }) => {
      const entry: CloudRequestLogEntry = { method: request.method, path: new URL(request.url).pathname, status: 500 };
      let response: Response;
      try {
        const answer = await route({ request, params: stringParams(params) });
        entry.status = answer.status ?? 200;
        if (answer.companyId !== undefined) entry.companyId = answer.companyId;
        response = HttpResponse.json(answer.body as Record<string, unknown>, { status: entry.status });
      } catch (error) {
        if (isCloudError(error)) {
          entry.status = error.status;
          entry.error = error.code;
          const headers: Record<string, string> =
            error.status === 401
              ? { 'www-authenticate': `Bearer error="invalid_token", error_description="${error.code}"` }
              : {};
          response = HttpResponse.json(error.toBody(), { status: error.status, headers });
        } else {
          entry.error = 'internal';
          const message = `the fake AP cloud failed: ${(error as Error)?.message ?? String(error)}`;
          response = HttpResponse.json({ error: 'internal', message }, { status: 500 });
        }
      }
      opts.log?.(entry);
      return response;
    };

  /** A connector-API route: key first, then the identity the call names, then the body. */
  const connector = <T>(schema: z.ZodType<T> | null, run: (companyId: string, body: T) => unknown): Route => {
    return async ({ request }) => {
      const session = cloud.authenticate(bearer(request), identityHeaders(request));
      const body = schema ? await readBody(request, schema) : (undefined as T);
      return { body: run(session.companyId, body), companyId: session.companyId };
    };
  };

  return [
    // ---------------------------------------------------------------- connector API
    http.post(
      api('/hello'),
      handle(async ({ request }) => {
        const tokenKey = bearer(request);
        cloud.checkToken(tokenKey);
        const body = await readBody(request, schemas.hello);
        const hello = cloud.hello(tokenKey, body, identityHeaders(request));
        return { body: hello, companyId: hello.companyId };
      }),
    ),
    http.get(api('/work'), handle(connector(null, (companyId) => cloud.work(companyId)))),
    http.post(
      api('/results'),
      handle(connector(schemas.results, (companyId, body) => cloud.postResults(companyId, body.results))),
    ),
    http.post(
      api('/qb-data'),
      handle(connector(schemas.qbData, (companyId, body) => cloud.postQbData(companyId, body))),
    ),
    http.post(
      api('/heartbeat'),
      handle(connector(schemas.heartbeat, (companyId, body) => cloud.heartbeat(companyId, body))),
    ),

    // ---------------------------------------------------------------- admin API
    http.post(
      admin('/companies'),
      handle(async ({ request }) => {
        const { name } = await readBody(request, schemas.company);
        const created = cloud.createCompany(name);
        return { status: 201, body: created, companyId: created.companyId };
      }),
    ),
    http.post(
      admin('/companies/:companyId/keys'),
      handle(({ params }) => ({
        status: 201,
        body: cloud.getNewKey(param(params, 'companyId')),
        companyId: param(params, 'companyId'),
      })),
    ),
    http.post(
      admin('/keys/revoke'),
      handle(async ({ request }) => {
        cloud.revokeKey((await readBody(request, schemas.revokeKey)).tokenKey);
        return { body: { ok: true } };
      }),
    ),
    http.post(
      admin('/companies/:companyId/vendors'),
      handle(async ({ request, params }) => {
        const companyId = param(params, 'companyId');
        return {
          status: 201,
          body: cloud.createVendor(companyId, await readBody(request, schemas.vendor)),
          companyId,
        };
      }),
    ),
    http.patch(
      admin('/companies/:companyId/vendors/:cloudId'),
      handle(async ({ request, params }) => {
        const companyId = param(params, 'companyId');
        cloud.editVendor(companyId, param(params, 'cloudId'), await readBody(request, schemas.vendorPatch));
        return { body: { ok: true }, companyId };
      }),
    ),
    http.post(
      admin('/companies/:companyId/bills'),
      handle(async ({ request, params }) => {
        const companyId = param(params, 'companyId');
        return { status: 201, body: cloud.createBill(companyId, await readBody(request, schemas.bill)), companyId };
      }),
    ),
    http.post(
      admin('/companies/:companyId/payments'),
      handle(async ({ request, params }) => {
        const companyId = param(params, 'companyId');
        return {
          status: 201,
          body: cloud.createPayment(companyId, await readBody(request, schemas.payment)),
          companyId,
        };
      }),
    ),
    http.get(
      admin('/companies/:companyId/state'),
      handle(({ params }) => ({
        body: cloud.companyState(param(params, 'companyId')),
        companyId: param(params, 'companyId'),
      })),
    ),
    http.get(
      admin('/state'),
      handle(() => ({ body: cloud.state() })),
    ),
    http.post(
      admin('/reset'),
      handle(() => {
        cloud.reset();
        return { body: { ok: true } };
      }),
    ),

    // ---------------------------------------------------------------- anything else on the cloud's origin
    http.all(
      `${base}/*`,
      handle(({ request }) => {
        throw new CloudError('not_found', `the AP cloud has no ${request.method} ${new URL(request.url).pathname}`);
      }),
    ),
  ];
}

// ------------------------------------------------------------------ request parsing

/** The token key of `Authorization: Bearer <key>`, or undefined. */
function bearer(request: Request): string | undefined {
  const header = request.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** What the identity headers say (either may be missing). */
function identityHeaders(request: Request): Partial<CompanyFileIdentity> | undefined {
  const path = request.headers.get(CLOUD_HEADERS.filePath) ?? undefined;
  const fileId = request.headers.get(CLOUD_HEADERS.fileId) ?? undefined;
  if (path === undefined && fileId === undefined) return undefined;
  return { ...(path !== undefined ? { path } : {}), ...(fileId !== undefined ? { fileId } : {}) };
}

/** The JSON body, checked against its schema (an empty body is `{}`); `bad_request` otherwise. */
async function readBody<T>(request: Request, schema: z.ZodType<T>): Promise<T> {
  const text = await request.text();
  let json: unknown;
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new CloudError('bad_request', 'the body is not JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const why = parsed.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(body)'}: ${issue.message}`)
      .join('; ');
    throw new CloudError('bad_request', `the body does not match the contract: ${why}`);
  }
  return parsed.data;
}

function stringParams(params: Record<string, string | readonly string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) if (typeof value === 'string') out[key] = value;
  return out;
}

function param(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new CloudError('bad_request', `missing ${name} in the path`);
  return value;
}
