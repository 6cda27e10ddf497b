import { ComError } from '../../src/protocol/com-error.js';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { qbxmlStatus } from '../../src/protocol/qbxml-status.js';
import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';
import { REQUEST_HANDLERS } from './handlers/request-handlers.js';
import { beginMessageSet, withErrorRecovery } from './message-set-recovery.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { ensureCompanyDefaults } from './records/company-defaults.js';
import { RequestPermissions } from './request-permissions.js';
import { logQbxmlResponse } from './response-log.js';
import type { RqContext, RqHandler, RqResult } from './rq-context.js';
import { createRequestSchema, type RequestSchema } from './schema/request-schema.js';
import {
  parseXmlDocumentWithProlog,
  pseudoAttributes,
  XmlLimitError,
  XmlParseError,
  type XmlDocument,
} from './xml-element.js';
import { escapeAttr } from './xml-writer.js';

/** Options of a {@link QbxmlProcessor}. */
export interface QbxmlProcessorOptions {
  /**
   * Strict mode: validate every request against the full XSD in this directory (Intuit's qbXML SDK
   * schema, e.g. `…/qbxml-xsd/13.0`), compiled once and cached. Default: the project's own tables.
   */
  xsdDir?: string;
  /** Request handlers by request name (default: every simulated message). */
  handlers?: Readonly<Record<string, RqHandler>>;
  /** qbd-sim's own limits on a request document (default {@link DEFAULT_QBXML_LIMITS}). */
  limits?: Partial<QbxmlLimits>;
}

/**
 * qbd-sim's own limits on one qbXML request document, so a huge or pathologically nested document cannot take the
 * mock down. Over a limit the answer is the simulator's `QBDSIM_ERR_TOO_LARGE` (HTTP 413 on the bridge), never a
 * QuickBooks HRESULT: QuickBooks' own limits are not documented.
 */
export interface QbxmlLimits {
  /** The document's size in UTF-8 bytes at most. */
  maxRequestBytes: number;
  /** Elements nested at most this deep (`<QBXML>` is 1; real requests stay under 15). */
  maxDepth: number;
}

export const DEFAULT_QBXML_LIMITS: Readonly<QbxmlLimits> = { maxRequestBytes: 32 * 1024 * 1024, maxDepth: 64 };

/**
 * The qbXML version a document asks for: the `version` of its first `<?qbxml?>` processing instruction before the
 * root element, as the parser read it (so never one inside a comment or after the root). The XML declaration's
 * `encoding` is not consulted: the request arrives as a string (a BSTR to MSXML, a JSON string on the bridge), so
 * the declaration is informational, as it is to MSXML's `loadXML`.
 */
export function qbxmlVersionOf(doc: XmlDocument): string | undefined {
  const pi = doc.prolog.instructions.find((i) => i.target === 'qbxml');
  return pi === undefined ? undefined : pseudoAttributes(pi.body)['version'];
}

/**
 * The QuickBooks side of `ProcessRequest`: parse, check (version, `onError`, schema order), run
 * each request in its own transaction (a message set is not atomic: QuickBooks has no rollback),
 * stop at the first error with `stopOnError`, and write the response set in QuickBooks' shape.
 */
export class QbxmlProcessor {
  readonly schema: RequestSchema;
  readonly limits: Readonly<QbxmlLimits>;
  readonly #handlers: Readonly<Record<string, RqHandler>>;

  constructor(opts: QbxmlProcessorOptions = {}) {
    this.schema = createRequestSchema(opts.xsdDir !== undefined ? { xsdDir: opts.xsdDir } : {});
    this.#handlers = opts.handlers ?? REQUEST_HANDLERS;
    const limits = { ...DEFAULT_QBXML_LIMITS, ...opts.limits };
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value < 1)
        throw new RangeError(`qbXML limit ${name} must be a whole number ≥ 1`);
    }
    this.limits = Object.freeze(limits);
  }

  /**
   * Answers a request set, or throws ComError (0x80040400, 0x80040413, 0x80040423, 0x80040429), or QbdSimError
   * `QBDSIM_ERR_TOO_LARGE` for a document over {@link limits}.
   */
  process(host: QbHost, session: SessionInfo, inputRequest: string): string {
    const { maxRequestBytes, maxDepth } = this.limits;
    // Characters ≤ bytes ≤ 3 × characters (UTF-16 → UTF-8): count bytes only when it can matter.
    if (inputRequest.length * 3 > maxRequestBytes) {
      const bytes = Buffer.byteLength(inputRequest, 'utf8');
      if (bytes > maxRequestBytes)
        throw this.#limitFailure(
          host,
          session,
          `the document is ${bytes} bytes, over qbd-sim's limit of ${maxRequestBytes} bytes`,
          {
            bytes,
            maxRequestBytes,
          },
        );
    }
    let parsed: XmlDocument;
    try {
      parsed = parseXmlDocumentWithProlog(inputRequest, { maxDepth });
    } catch (error) {
      if (error instanceof XmlParseError)
        throw this.#parseFailure(host, session, `not well-formed XML: ${error.message}`);
      if (error instanceof XmlLimitError) throw this.#limitFailure(host, session, error.message, { maxDepth });
      throw error;
    }
    const doc = parsed.root;
    const version = qbxmlVersionOf(parsed);
    if (doc.name !== 'QBXML') throw this.#parseFailure(host, session, `the root element is <${doc.name}>, not <QBXML>`);
    if (version === undefined)
      throw this.#parseFailure(host, session, 'no <?qbxml version="…"?> processing instruction');
    if (!host.product.qbxmlVersions.includes(version)) {
      host.log(
        'qbxml',
        'qbxml.version-unsupported',
        `qbXML version ${version} is not supported by ${host.product.productName}`,
        {
          version,
          supported: host.product.qbxmlVersions,
        },
      );
      throw new ComError('0x80040423');
    }
    const msgs = doc.children.find((c) => c.name === 'QBXMLMsgsRq');
    if (!msgs) {
      if (doc.children.some((c) => c.name === 'QBXMLSubscriptionMsgsRq')) throw new ComError('0x80040429');
      throw this.#parseFailure(host, session, '<QBXML> has no <QBXMLMsgsRq>');
    }
    const onError = msgs.attrs['onError'];
    if (onError === 'rollbackOnError') throw new ComError('0x80040413');
    if (onError !== 'stopOnError' && onError !== 'continueOnError') {
      throw this.#parseFailure(
        host,
        session,
        `QBXMLMsgsRq onError="${onError ?? ''}" is not stopOnError or continueOnError`,
      );
    }
    const check = this.schema.validateMessageSet(msgs);
    if (!check.ok) throw this.#parseFailure(host, session, `${check.path}: ${check.reason}`);

    const store = host.companyStore(session.filePath);
    ensureCompanyDefaults(store, this.schema, host.clock.now(), host.timeZone); // a new company is not empty
    // Who may do what (request-permissions.ts) and error recovery (message-set-recovery.ts), once per set.
    const permissions = RequestPermissions.forSession(host, session, store);
    const recovery = beginMessageSet(host, session, store, msgs);
    const setAttrs = recovery.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
    const out: string[] = [`<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs${setAttrs}>\n`];
    if (recovery.answer !== undefined) out.push(recovery.answer);
    let stopped = false;
    const summary: string[] = [];
    for (const rq of recovery.answer === undefined ? msgs.children : []) {
      if (stopped) break; // stopOnError: later requests are not processed and get no Rs (facts §10.1 default)
      const rsName = rq.name.replace(/Rq$/, 'Rs');
      const requestID = rq.attrs['requestID'];
      const ctx: RqContext = {
        host,
        session,
        store,
        rq,
        qbxmlVersion: version,
        now: host.clock.now(),
        schema: this.schema,
      };
      const refusal = permissions.check(rq);
      const result = refusal ? { status: refusal } : this.#run(ctx);
      const status = result.status ?? qbxmlStatus('ok');
      let body = permissions.filterBody(rsName, result.body);
      if (recovery.errorRecovery && status.statusSeverity !== 'Error')
        body = withErrorRecovery(this.schema, rsName, body);
      summary.push(`${rq.name} → ${status.statusCode}`);
      const attrs =
        // An absent requestID comes back as requestID="" (real capture, facts §6.1).
        ` requestID="${escapeAttr(requestID ?? '')}"` +
        ` statusCode="${status.statusCode}" statusSeverity="${status.statusSeverity}" statusMessage="${escapeAttr(status.statusMessage)}"` +
        (result.attrs ?? []).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('');
      if (body?.length) {
        out.push(`<${rsName}${attrs}>\n`, ...body, `</${rsName}>\n`);
      } else {
        out.push(`<${rsName}${attrs} />\n`);
      }
      if (status.statusSeverity === 'Error' && onError === 'stopOnError') stopped = true;
    }
    // Only a set with a newMessageSetID keeps its answer (the join is the size of the response: skip it otherwise).
    if (recovery.answer === undefined && recovery.errorRecovery) recovery.complete(out.slice(1).join(''));
    out.push('</QBXMLMsgsRs>\n</QBXML>\n');
    const response = out.join('');
    host.log('qbxml', 'qbxml.exchange', `ProcessRequest: ${summary.join(', ') || 'no requests'}`, {
      appName: session.appName,
      request: inputRequest,
      response,
    });
    logQbxmlResponse(response);
    return response;
  }

  #run(ctx: RqContext): RqResult {
    const handler = this.#handlers[ctx.rq.name];
    if (!handler) {
      ctx.host.log('qbxml', 'qbxml.unsupported', `${ctx.rq.name} is not simulated by qbd-sim; answered status 1030`, {
        request: ctx.rq.name,
      });
      return { status: qbxmlStatus('notSupported') };
    }
    try {
      return ctx.store.transaction(() => handler(ctx));
    } catch (error) {
      if (error instanceof QbxmlStatusError) return { status: error.status };
      ctx.host.log('qbxml', 'qbxml.internal-error', `qbd-sim failed on ${ctx.rq.name}: ${(error as Error).message}`, {
        request: ctx.rq.name,
        error: String((error as Error).stack ?? error),
      });
      // A bug in the simulator must never look like a QuickBooks answer.
      throw new QbdSimError(
        'QBDSIM_ERR_INTERNAL',
        `qbd-sim failed on ${ctx.rq.name} (a bug in qbd-sim): ${(error as Error).message}`,
      );
    }
  }

  #limitFailure(host: QbHost, session: SessionInfo, reason: string, details: Record<string, unknown>): QbdSimError {
    host.log('qbxml', 'qbxml.limit', `ProcessRequest refused by qbd-sim (not a QuickBooks answer): ${reason}`, {
      appName: session.appName,
      reason,
      ...details,
    });
    return new QbdSimError(
      'QBDSIM_ERR_TOO_LARGE',
      `qbd-sim refused the qbXML request: ${reason}. This is the simulator's limit, not a QuickBooks answer; ` +
        'send a smaller request or raise the limit (startMockQb({ qbxmlLimits }))',
      details,
    );
  }

  #parseFailure(host: QbHost, session: SessionInfo, reason: string): ComError {
    // QuickBooks only says 0x80040400; the reason goes to the journal (our qbsdklog.txt).
    host.log('qbxml', 'qbxml.parse-error', `ProcessRequest rejected: ${reason}`, { appName: session.appName, reason });
    return new ComError('0x80040400');
  }
}
