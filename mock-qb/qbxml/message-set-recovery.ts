import { createHash } from 'node:crypto';
import { MESSAGE_SET_STATUS_CODES, type MessageSetStatusKey } from '../../src/protocol/qbxml-status.js';
import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';
import type { CompanyStore } from '../store/company-store.js';
import type { RequestSchema } from './schema/request-schema.js';
import type { XmlElement } from './xml-element.js';

/*
 * qbXML error recovery (issue item 8, best effort; facts §6.1, §6.3; the codes' meanings from Intuit's SDK sample
 * InvoiceAdd.cs). Per application and company file, the answer to each message set sent with a `newMessageSetID` is
 * kept, so an application that lost an answer can ask for it. What is implemented (mock-qb/README.md):
 *
 * - `newMessageSetID="N"`: the set runs and its Rs elements are kept under N; the answer carries
 *   `newMessageSetID="N" messageSetStatusCode="0"`, and each successful Add/Mod/Del Rs whose schema allows it an
 *   `ErrorRecovery` aggregate (ListID | OwnerID | TxnID, TxnNumber, EditSequence, ExternalGUID of the object).
 *   Sent again with the same N: the same requests (same checksum) are not run again, the kept answer is returned;
 *   other requests → 9001 and nothing runs; a set whose answer was never kept (the simulator failed mid-set) → 9002.
 * - `oldMessageSetID="O"` with no requests and no newMessageSetID (a status check): the kept Rs elements of O with
 *   status 0; O unknown → 600; O's answer never kept → 9002. With requests (or a newMessageSetID) O is acknowledged
 *   and forgotten; an unknown O is ignored, or 600 when there is no newMessageSetID (the requests still run).
 * - `oldMessageSetID="ClearAllMessageSets"`: forgets every kept answer of the application (is2qb).
 * - An ID longer than 24 characters → 9004 and nothing runs.
 * - Gaps: 9005 (unable to store) is never produced; how QuickBooks scopes and expires kept answers is unknown (here:
 *   per application name and company file, the latest 100, until acknowledged, cleared or the file is reset).
 */

/** What error recovery asks of the processor for one message set. */
export interface MessageSetPlan {
  /** Attributes of `QBXMLMsgsRs` (none when the request set had no error-recovery attributes). */
  readonly attrs: [string, string][];
  /** Rs elements to answer with instead of running the requests (a kept answer, or `''` for none). */
  readonly answer?: string;
  /** Whether successful Add/Mod/Del Rs get an `ErrorRecovery` aggregate. */
  readonly errorRecovery: boolean;
  /** Keeps the Rs elements of the set that ran (no-op without a newMessageSetID). */
  complete(rsElements: string): void;
}

/** Longest message set ID QuickBooks accepts (InvoiceAdd.cs: 9004 is "greater than 24 character"). */
const MAX_ID_LENGTH = 24;
/** Kept answers per application and company file; the oldest go first. */
const KEPT_PER_APP = 100;
const CLEAR_ALL = 'ClearAllMessageSets';

const noop = (): void => undefined;
const NO_RECOVERY: MessageSetPlan = { attrs: [], errorRecovery: false, complete: noop };

/** Reads a request set's error-recovery attributes and decides what happens to it. */
export function beginMessageSet(
  host: QbHost,
  session: SessionInfo,
  store: CompanyStore,
  msgs: XmlElement,
): MessageSetPlan {
  const oldId = msgs.attrs['oldMessageSetID'];
  const newId = msgs.attrs['newMessageSetID'];
  if (oldId === undefined && newId === undefined) return NO_RECOVERY;
  const sets = store.messageSets;
  const app = session.appName.toUpperCase();
  const attrs = (key: MessageSetStatusKey): [string, string][] => [
    ...(newId !== undefined ? [['newMessageSetID', newId] as [string, string]] : []),
    ['messageSetStatusCode', String(MESSAGE_SET_STATUS_CODES[key].code)],
  ];
  const log = (key: MessageSetStatusKey, summary: string): void => {
    host.log(
      'qbxml',
      'qbxml.error-recovery',
      `${summary} (messageSetStatusCode ${MESSAGE_SET_STATUS_CODES[key].code})`,
      {
        appName: session.appName,
        ...(oldId !== undefined ? { oldMessageSetID: oldId } : {}),
        ...(newId !== undefined ? { newMessageSetID: newId } : {}),
        messageSetStatusCode: MESSAGE_SET_STATUS_CODES[key].code,
      },
    );
  };
  const answer = (key: MessageSetStatusKey, rs: string, summary: string): MessageSetPlan => {
    log(key, summary);
    return { attrs: attrs(key), answer: rs, errorRecovery: false, complete: noop };
  };

  if ((newId?.length ?? 0) > MAX_ID_LENGTH || (oldId !== CLEAR_ALL && (oldId?.length ?? 0) > MAX_ID_LENGTH)) {
    return answer('idTooLong', '', 'a message set ID is longer than 24 characters; nothing was processed');
  }
  const hasRequests = msgs.children.length > 0;
  let status: MessageSetStatusKey = 'ok';
  if (oldId === CLEAR_ALL) {
    sets.clearApp(app);
    log('ok', 'every kept message set of the application was cleared');
  } else if (oldId !== undefined) {
    const old = sets.get(app, oldId);
    if (!hasRequests && newId === undefined) {
      if (!old) return answer('noStoredState', '', `no kept message set "${oldId}"`);
      if (old.response === null) return answer('noStoredResponse', '', `message set "${oldId}" has no kept answer`);
      return answer('ok', old.response, `kept answer of message set "${oldId}" returned`);
    }
    if (old) sets.delete(app, oldId);
    else if (newId === undefined) status = 'noStoredState';
  }
  if (newId === undefined) {
    if (status !== 'ok') log(status, `no kept message set "${oldId ?? ''}"; the requests run`);
    return { attrs: attrs(status), errorRecovery: false, complete: noop };
  }

  const checksum = checksumOf(msgs);
  const kept = sets.get(app, newId);
  if (kept) {
    if (kept.checksum !== checksum) {
      return answer(
        'checksumMismatch',
        '',
        `message set "${newId}" was kept for other requests; nothing was processed`,
      );
    }
    if (kept.response === null) {
      return answer('noStoredResponse', '', `message set "${newId}" was started but its answer was never kept`);
    }
    return answer('ok', kept.response, `message set "${newId}" was already processed; its kept answer returned`);
  }
  sets.insert(app, newId, checksum, host.clock.now());
  sets.trim(app, KEPT_PER_APP);
  return {
    attrs: attrs(status),
    errorRecovery: true,
    complete: (rs) => sets.setResponse(app, newId, rs),
  };
}

/** Identifies a request set's content: its requests and the attributes that change how they run. */
function checksumOf(msgs: XmlElement): string {
  const canonical = JSON.stringify([msgs.attrs['onError'] ?? '', msgs.attrs['responseData'] ?? '', msgs.children]);
  return createHash('sha256').update(canonical).digest('hex');
}

// ---------------------------------------------------------------------------------------------- ErrorRecovery

const IDENTITY = ['ListID', 'TxnID', 'OwnerID'] as const;
const AFTER_IDENTITY = ['TxnNumber', 'EditSequence', 'ExternalGUID'] as const;
const TAG = /<(\/?)([A-Za-z][A-Za-z0-9_]*)[^>]*?(\/?)>/g;

/**
 * Appends `<ErrorRecovery>` to a successful Rs body when the response's schema has it: the identity of the object
 * the request added, changed or deleted, read from the Ret (its direct children) or from a top-level group
 * (TxnDelRs). Nothing is added when the body names no object.
 */
export function withErrorRecovery(
  schema: RequestSchema,
  rsName: string,
  body: string[] | undefined,
): string[] | undefined {
  if (!body?.length || !allowsErrorRecovery(schema, rsName)) return body;
  const fields = topLevelLeaves(body.join(''));
  const identity = IDENTITY.find((k) => fields.has(k));
  if (identity === undefined) return body;
  const lines = ['<ErrorRecovery>\n', `<${identity}>${fields.get(identity)}</${identity}>\n`];
  for (const k of AFTER_IDENTITY) if (fields.has(k)) lines.push(`<${k}>${fields.get(k)}</${k}>\n`);
  lines.push('</ErrorRecovery>\n');
  return [...body, ...lines];
}

const allowed = new WeakMap<RequestSchema, Map<string, boolean>>();

function allowsErrorRecovery(schema: RequestSchema, rsName: string): boolean {
  let bySchema = allowed.get(schema);
  if (!bySchema) allowed.set(schema, (bySchema = new Map()));
  let yes = bySchema.get(rsName);
  if (yes === undefined) {
    try {
      yes = schema.childOrder(rsName).includes('ErrorRecovery');
    } catch {
      yes = false; // a response the schema table does not hold in full
    }
    bySchema.set(rsName, yes);
  }
  return yes;
}

/** Leaf elements at the top level of an Rs body and directly inside its first aggregate (text kept escaped). */
function topLevelLeaves(xml: string): Map<string, string> {
  const leaves = new Map<string, string>();
  let depth = 0;
  let top = 0;
  let firstAggregate: number | undefined;
  let open: { name: string; depth: number; textStart: number } | undefined;
  for (const m of xml.matchAll(TAG)) {
    const [token, close, name, selfClose] = m as unknown as [string, string, string, string];
    if (selfClose) continue;
    if (!close) {
      if (depth === 0) top++;
      else if (depth === 1) firstAggregate ??= top;
      open = { name, depth, textStart: m.index + token.length };
      depth++;
      continue;
    }
    depth--;
    if (open && open.name === name && open.depth === depth) {
      const wanted = depth === 0 || (depth === 1 && firstAggregate === top);
      if (wanted && !leaves.has(name)) leaves.set(name, xml.slice(open.textStart, m.index));
    }
    open = undefined;
  }
  return leaves;
}

// ---------------------------------------------------------------------------------------------- the kept answers
