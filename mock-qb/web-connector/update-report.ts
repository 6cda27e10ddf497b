import type { SoapCallRecord, UpdateOutcome, UpdateResult } from './web-connector-types.js';

/**
 * Outcomes that count as a failed update: what "Update Selected" lists under QBWC1017 and what makes
 * `qbd-sim webconnector` exit non-zero. `no-data`, `busy` and `interactive` are answers of the service, not failures.
 */
export const FAILED_OUTCOMES: ReadonlySet<UpdateOutcome> = new Set(['error', 'invalid-user', 'cancelled', 'stopped']);

/** The order outcomes are counted in a summary. */
const OUTCOME_ORDER: readonly UpdateOutcome[] = [
  'ok',
  'no-data',
  'busy',
  'interactive',
  'invalid-user',
  'cancelled',
  'error',
  'stopped',
];

/** True when an update failed (see {@link FAILED_OUTCOMES}). */
export function updateFailed(result: Pick<UpdateResult, 'outcome'>): boolean {
  return FAILED_OUTCOMES.has(result.outcome);
}

export interface UpdateReportOptions {
  /** Print every value whole (default: strings longer than 72 characters are cut, with their length). */
  full?: boolean;
}

const SHORT_STRING = 120;

/** A string in double quotes, `"` and line ends escaped (backslashes kept, so Windows paths read as they are). */
function quote(text: string): string {
  return `"${text.replace(/"/g, '\\"').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;
}

/**
 * A qbXML document in one line: its version and the messages in it, each response with its statusCode
 * (`qbXML 13.0: HostQueryRs 0, CompanyQueryRs 0 (4,114 characters)`); null when the text is not qbXML.
 */
function qbxmlSummary(text: string): string | null {
  if (!/<QBXML[\s>]/.test(text)) return null;
  const version = /<\?qbxml\s+version="([^"]+)"/.exec(text)?.[1];
  const messages = [...text.matchAll(/<(\w+(?:Rq|Rs))\b([^>]*)>/g)]
    .filter((m) => m[1] !== 'QBXMLMsgsRq' && m[1] !== 'QBXMLMsgsRs')
    .map((m) => {
      const status = /\bstatusCode="(-?\d+)"/.exec(m[2] ?? '')?.[1];
      return status === undefined ? m[1]! : `${m[1]} ${status}`;
    });
  const shown = messages.length > 6 ? [...messages.slice(0, 6), `… ${messages.length - 6} more`] : messages;
  return `qbXML${version ? ` ${version}` : ''}: ${shown.join(', ') || 'no messages'} (${length(text)} characters)`;
}

/** One value of a call record as text: strings quoted, qbXML summarized and other long strings cut (unless `full`). */
function formatValue(value: unknown, opts: UpdateReportOptions): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => formatValue(v, opts)).join(', ')}]`;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (opts.full || text.length <= SHORT_STRING) return quote(text);
  const qbxml = qbxmlSummary(text);
  if (qbxml !== null) return `<${qbxml}>`;
  return `${quote(text.slice(0, SHORT_STRING - 30))}… (${length(text)} characters)`;
}

/** The length of a value as it was sent: a call record cuts long values, ending them `…(N characters)`. */
function length(text: string): string {
  const cut = /…\((\d+) characters\)$/.exec(text);
  return (cut ? Number(cut[1]) : text.length).toLocaleString('en-US');
}

/**
 * One SOAP call as a line: `authenticate(strUserName="sync", strPassword=<MaskedForSecurity>) → ["T-1", ""]`, or
 * `sendRequestXML(…) ✗ <the .NET message> (HTTP 404)` when it failed. The password is never in a call record.
 */
export function formatSoapCall(call: SoapCallRecord, opts: UpdateReportOptions = {}): string {
  const args = Object.entries(call.args)
    .map(([name, value]) =>
      name === 'strPassword' ? `${name}=<MaskedForSecurity>` : `${name}=${formatValue(value, opts)}`,
    )
    .join(', ');
  const head = `${call.operation}(${args})`;
  if (call.ok) return `${head} → ${formatValue(call.result, opts)}`;
  const http = call.httpStatus === null ? '' : ` (HTTP ${call.httpStatus})`;
  return `${head} ✗ ${(call.error ?? 'failed').split(/\r?\n/).join(' ')}${http}`;
}

/**
 * One update as lines of text: a heading, each SOAP call with its result (indented), and how it ended — the lines
 * QBWC shows for an error (its code first), else the status text.
 */
export function formatUpdateResult(
  result: UpdateResult,
  opts: UpdateReportOptions & {
    title?: string;
    /** The heading and this many calls were already printed (streamed as they happened): leave them out. */
    alreadyShown?: number;
  } = {},
): string[] {
  const lines = opts.alreadyShown === undefined ? [formatUpdateHeading(result, opts.title)] : [];
  for (const call of result.calls.slice(opts.alreadyShown ?? 0)) lines.push(`  ${formatSoapCall(call, opts)}`);
  const facts: string[] = [];
  if (result.companyFile !== null) facts.push(`company file ${result.companyFile}`);
  if (result.requests > 0) facts.push(`${result.requests} request${result.requests === 1 ? '' : 's'} processed`);
  if (result.postponeSeconds !== null) facts.push(`postpone ${result.postponeSeconds} s`);
  if (result.minIntervalSeconds !== null) facts.push(`minimum interval ${result.minIntervalSeconds} s`);
  if (result.interactiveUrl !== undefined) facts.push(`interactive URL ${result.interactiveUrl}`);
  const verdict = updateFailed(result) ? 'FAILED' : 'done';
  if (result.lines.length > 0) {
    lines.push(`  ${verdict}: ${result.outcome}${facts.length ? ` (${facts.join(', ')})` : ''}`);
    for (const line of result.lines) lines.push(`    ${line}`);
  } else {
    const status = result.status === '' ? '' : ` — ${JSON.stringify(result.status)}`;
    lines.push(`  ${verdict}: ${result.outcome}${status}${facts.length ? ` (${facts.join(', ')})` : ''}`);
  }
  return lines;
}

/** The heading of an update: `Update 1 (manual, 2024-03-01T15:00:00.000Z)`. */
export function formatUpdateHeading(
  result: Pick<UpdateResult, 'appName' | 'trigger' | 'startedAt'>,
  title = `Update of "${result.appName}"`,
): string {
  return `${title} (${result.trigger}, ${result.startedAt})`;
}

/** `3 updates: 2 ok, 1 error; 1 failed` (or `… none failed`). */
export function formatUpdateSummary(results: readonly Pick<UpdateResult, 'outcome'>[]): string {
  const counts = OUTCOME_ORDER.map((o) => [o, results.filter((r) => r.outcome === o).length] as const).filter(
    ([, n]) => n > 0,
  );
  const failed = results.filter(updateFailed).length;
  const by = counts.map(([o, n]) => `${n} ${o}`).join(', ');
  return (
    `${results.length} update${results.length === 1 ? '' : 's'}${by ? `: ${by}` : ''}; ` +
    (failed === 0 ? 'none failed' : `${failed} failed`)
  );
}
