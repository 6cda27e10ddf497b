import { qbxmlStatus } from '../../src/protocol/qbxml-status.js';
import { dataExtRets } from './handlers/data-ext-rets.js';
import { includeRetElements, ownerIds } from './handlers/include-ret-element.js';
import { iteratorRegistry } from './iterator-registry.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { ListRecords, nameKey, type ListFilter, type ListRow } from './records/list-records.js';
import { readDateTime, readInt } from './request-values.js';
import { readToDateTime } from './txn-dates.js';
import { writeRetDoc } from './ret-doc.js';
import type { RqContext, RqResult } from './rq-context.js';
import { child, childrenNamed } from './xml-element.js';

/** What a list query answers with. */
export interface ListQuerySpec {
  /** Record kinds the query covers (`['Vendor']`; `['StandardTerms', 'DateDrivenTerms']` for TermsQuery). */
  kinds: readonly string[];
  /** The Ret element of a record (`VendorRet`; per kind for mixed queries). */
  retName: (row: ListRow) => string;
  /** Whether the message's schema allows iterators (facts §6.5). */
  iterators: boolean;
  /** Extra filter on rows the generic filter returned (type-specific filters such as AccountType). */
  extraFilter?: (row: ListRow) => boolean;
  /**
   * The order QuickBooks lists the records in when it is not the name order (AccountQuery: the chart of
   * accounts order). Only for messages without iterators (iterators continue after the last name).
   */
  order?: (a: ListRow, b: ListRow) => number;
}

interface ListIteratorState {
  filter: ListFilter;
  extra: boolean;
  afterKey?: string;
}

/**
 * A list query (`…QueryRq`): `ListID+` | `FullName+` | the filter group (`MaxReturned`,
 * `ActiveStatus`, `FromModifiedDate`/`ToModifiedDate` read in the QuickBooks machine's local
 * time, `NameFilter` | `NameRangeFilter`), then `IncludeRetElement*`, `OwnerID*`; attributes
 * `metaData` and `iterator`/`iteratorID`. Results are in name order; none → status 1; named
 * records that do not exist → status 500 with the first missing name.
 */
export function runListQuery(ctx: RqContext, spec: ListQuerySpec): RqResult {
  const { rq, host, session } = ctx;
  const records = ListRecords.of(ctx.store);
  const iterator = rq.attrs['iterator'];
  const metaData = rq.attrs['metaData'] ?? 'NoMetaData';
  if (iterator && !spec.iterators) {
    // The schema has no iterator attribute here; the validator normally stops this first.
    throw QbxmlStatusError.of('fieldNotSupported', { fieldName: 'iterator' });
  }

  let rows: ListRow[];
  let status = qbxmlStatus('ok');
  const attrs: [string, string][] = [];

  if (iterator === 'Continue' || iterator === 'Stop') {
    const id = rq.attrs['iteratorID'] ?? '';
    const it = iteratorRegistry.get<ListIteratorState>(host, session, rq.name, id);
    if (iterator === 'Stop') {
      iteratorRegistry.stop(session, id);
      return {
        attrs: [
          ['iteratorRemainingCount', '0'],
          ['iteratorID', id],
        ],
      };
    }
    rows = fetchPage(records, spec, it.state, it.maxReturned);
    it.state.afterKey = rows.length ? nameKey(rows[rows.length - 1]!.fullName) : it.state.afterKey;
    it.remaining = Math.max(0, it.remaining - rows.length);
    if (it.remaining === 0) iteratorRegistry.stop(session, id);
    attrs.push(['iteratorRemainingCount', String(it.remaining)], ['iteratorID', id]);
  } else {
    const listIds = childrenNamed(rq, 'ListID').map((e) => e.text.trim());
    const fullNames = childrenNamed(rq, 'FullName').map((e) => e.text);
    if (listIds.length || fullNames.length) {
      rows = [];
      let missing: string | undefined;
      for (const id of listIds) {
        const row = records.getById(id);
        if (row && spec.kinds.includes(row.kind)) rows.push(row);
        else missing ??= id;
      }
      for (const name of fullNames) {
        const row = spec.kinds.map((k) => records.getByFullName(k, name)).find(Boolean);
        if (row) rows.push(row);
        else missing ??= name;
      }
      if (missing !== undefined) status = qbxmlStatus('queryIncomplete', { value: missing });
    } else {
      const filter = listFilter(ctx, spec);
      const max = readInt(rq, 'MaxReturned');
      if (iterator === 'Start') {
        const total = countMatching(records, spec, filter);
        const state: ListIteratorState = { filter, extra: Boolean(spec.extraFilter) };
        const pageSize = max ?? total;
        rows = fetchPage(records, spec, state, pageSize);
        const remaining = Math.max(0, total - rows.length);
        const it = iteratorRegistry.start(host, session, rq.name, pageSize, remaining, {
          ...state,
          ...(rows.length ? { afterKey: nameKey(rows[rows.length - 1]!.fullName) } : {}),
        });
        if (remaining === 0) iteratorRegistry.stop(session, it.id);
        attrs.push(['iteratorRemainingCount', String(remaining)], ['iteratorID', it.id]);
      } else {
        rows = fetchPage(records, spec, { filter, extra: Boolean(spec.extraFilter) }, max);
      }
    }
  }

  if (metaData !== 'NoMetaData') attrs.unshift(['retCount', String(rows.length)]);
  if (!rows.length && status.statusCode === 0) status = qbxmlStatus('noMatch');
  if (metaData === 'MetaDataOnly') return { status, attrs };
  return { status, attrs, body: writeRows(ctx, rows, spec) };
}

/** Writes the Ret of each row, trimmed by IncludeRetElement, with DataExtRet for the requested owners. */
export function writeRows(ctx: RqContext, rows: readonly ListRow[], spec: Pick<ListQuerySpec, 'retName'>): string[] {
  const include = includeRetElements(ctx.rq);
  const owners = ownerIds(ctx.rq);
  const out: string[] = [];
  for (const row of rows) {
    let doc = row.doc;
    if (owners.length) {
      const exts = dataExtRets(ctx.store, row.kind, row.listId, owners);
      if (exts.length) doc = { ...doc, DataExtRet: exts };
    }
    writeRetDoc(spec.retName(row), doc, out, include && new Set([...include, 'DataExtRet']));
  }
  return out;
}

function listFilter(ctx: RqContext, spec: ListQuerySpec): ListFilter {
  const { rq, host } = ctx;
  const tz = host.timeZone;
  const activeStatus = child(rq, 'ActiveStatus')?.text as ListFilter['activeStatus'] | undefined;
  const fromModified = readDateTime(rq, 'FromModifiedDate', tz);
  const toModified = readToDateTime(rq, 'ToModifiedDate', tz);
  if (fromModified !== undefined && toModified !== undefined && fromModified > toModified) {
    throw QbxmlStatusError.of('badDateRange');
  }
  const nameFilter = child(rq, 'NameFilter');
  const nameRange = child(rq, 'NameRangeFilter');
  const f: ListFilter = { kinds: spec.kinds };
  if (activeStatus) f.activeStatus = activeStatus;
  if (fromModified !== undefined) f.fromModified = fromModified;
  if (toModified !== undefined) f.toModified = toModified;
  if (nameFilter) {
    f.name = {
      criterion: (child(nameFilter, 'MatchCriterion')?.text ?? 'StartsWith') as 'StartsWith' | 'Contains' | 'EndsWith',
      value: child(nameFilter, 'Name')?.text ?? '',
    };
  }
  if (nameRange) {
    const from = child(nameRange, 'FromName')?.text;
    const to = child(nameRange, 'ToName')?.text;
    f.nameRange = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  }
  return f;
}

function countMatching(records: ListRecords, spec: ListQuerySpec, filter: ListFilter): number {
  if (!spec.extraFilter) return records.count(filter);
  return records.query(filter).filter(spec.extraFilter).length;
}

function fetchPage(
  records: ListRecords,
  spec: ListQuerySpec,
  state: ListIteratorState,
  max: number | undefined,
): ListRow[] {
  const filter: ListFilter = { ...state.filter, ...(state.afterKey !== undefined ? { afterKey: state.afterKey } : {}) };
  if (!spec.extraFilter && !spec.order) return records.query(max !== undefined ? { ...filter, limit: max } : filter);
  const all = spec.extraFilter ? records.query(filter).filter(spec.extraFilter) : records.query(filter);
  if (spec.order) all.sort(spec.order);
  return max !== undefined ? all.slice(0, max) : all;
}
