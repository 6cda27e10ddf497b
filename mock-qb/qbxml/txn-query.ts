import type { CompanyStore } from '../store/company-store.js';
import { qbxmlStatus, type QbxmlStatus } from '../../src/protocol/qbxml-status.js';
import { dataExtRets } from './handlers/data-ext-rets.js';
import { includeRetElements, ownerIds } from './handlers/include-ret-element.js';
import { iteratorRegistry } from './iterator-registry.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { ListRecords, type ListRow } from './records/list-records.js';
import { TxnRecords, type TxnFilter, type TxnKeyset, type TxnOrder, type TxnRow } from './records/txn-records.js';
import { readBool, readDateTime, readInt } from './request-values.js';
import { writeRetDoc } from './ret-doc.js';
import type { RqContext, RqResult } from './rq-context.js';
import { dateMacroRange, localToday, readToDateTime, readTxnDate } from './txn-dates.js';
import type { TxnRender } from './txn-write.js';
import { child, childrenNamed, type XmlElement } from './xml-element.js';

/** What a transaction query answers with. */
export interface TxnQuerySpec {
  /** The transaction kind (`Bill`). */
  kind: string;
  /** Its Ret element (`BillRet`). */
  retName: string;
  /** The Ret doc of a row for this request (lines and links as asked). */
  render: TxnRender;
}

interface TxnIteratorState {
  filter: TxnFilter;
  order: TxnOrder;
  after?: TxnKeyset;
}

/**
 * A transaction query (`BillQueryRq`, `CheckQueryRq`, …): `TxnID+` | `RefNumber+` (case-insensitive) |
 * `RefNumberCaseSensitive+` | the filter group (`MaxReturned`, `ModifiedDateRangeFilter` read in the QuickBooks
 * machine's local time, `TxnDateRangeFilter` with dates or a `DateMacro` of the local calendar, `EntityFilter`,
 * `AccountFilter`, `RefNumberFilter` | `RefNumberRangeFilter`, `CurrencyFilter`, `PaidStatus`), then
 * `IncludeLineItems` (lines only when true), `IncludeLinkedTxns`, `IncludeRetElement*`, `OwnerID*`; attributes
 * `metaData` and `iterator`/`iteratorID`. Results come in creation order — in modified-time order with a
 * ModifiedDateRangeFilter, in TxnDate order with a TxnDateRangeFilter (fidelity note) — and every page is a keyset
 * seek on an index, so paging through a million bills never scans the table. None → status 1; named transactions or
 * names in filters that do not exist → status 500 with the first one.
 */
export function runTxnQuery(ctx: RqContext, spec: TxnQuerySpec): RqResult {
  const { rq, host, session } = ctx;
  const records = TxnRecords.of(ctx.store);
  const iterator = rq.attrs['iterator'];
  const metaData = rq.attrs['metaData'] ?? 'NoMetaData';

  let rows: TxnRow[];
  let status: QbxmlStatus = qbxmlStatus('ok');
  const attrs: [string, string][] = [];

  if (iterator === 'Continue' || iterator === 'Stop') {
    const id = rq.attrs['iteratorID'] ?? '';
    const it = iteratorRegistry.get<TxnIteratorState>(host, session, rq.name, id);
    if (iterator === 'Stop') {
      iteratorRegistry.stop(session, id);
      return {
        attrs: [
          ['iteratorRemainingCount', '0'],
          ['iteratorID', id],
        ],
      };
    }
    const { filter, order, after } = it.state;
    rows = records.query(filter, order, after, it.maxReturned);
    if (rows.length) it.state.after = TxnRecords.keysetOf(rows[rows.length - 1]!, order);
    it.remaining = Math.max(0, it.remaining - rows.length);
    if (it.remaining === 0) iteratorRegistry.stop(session, id);
    attrs.push(['iteratorRemainingCount', String(it.remaining)], ['iteratorID', id]);
  } else {
    const txnIds = childrenNamed(rq, 'TxnID').map((e) => e.text.trim());
    const refs = childrenNamed(rq, 'RefNumber').map((e) => e.text);
    const exactRefs = childrenNamed(rq, 'RefNumberCaseSensitive').map((e) => e.text);
    if (txnIds.length || refs.length || exactRefs.length) {
      rows = [];
      let missing: string | undefined;
      for (const id of txnIds) {
        const row = records.getById(id);
        if (row && row.kind === spec.kind) rows.push(row);
        else missing ??= id;
      }
      for (const ref of refs) {
        const found = records.getByRefNumber(spec.kind, ref);
        if (found.length) rows.push(...found);
        else missing ??= ref;
      }
      for (const ref of exactRefs) {
        const found = records.getByRefNumber(spec.kind, ref).filter((r) => r.refNumber === ref);
        if (found.length) rows.push(...found);
        else missing ??= ref;
      }
      if (missing !== undefined) status = qbxmlStatus('queryIncomplete', { value: missing });
    } else {
      const { filter, order, missing } = txnFilter(ctx, spec.kind);
      if (missing !== undefined) status = qbxmlStatus('queryIncomplete', { value: missing });
      const max = readInt(rq, 'MaxReturned');
      if (iterator === 'Start') {
        // The iterator returns what matched when it started: transactions entered later are not in its pages.
        filter.maxSeq = records.lastSeq();
        const total = records.count(filter);
        const pageSize = max ?? total;
        rows = records.query(filter, order, undefined, pageSize);
        const remaining = Math.max(0, total - rows.length);
        const state: TxnIteratorState = {
          filter,
          order,
          ...(rows.length ? { after: TxnRecords.keysetOf(rows[rows.length - 1]!, order) } : {}),
        };
        const it = iteratorRegistry.start(host, session, rq.name, pageSize, remaining, state);
        if (remaining === 0) iteratorRegistry.stop(session, it.id);
        attrs.push(['iteratorRemainingCount', String(remaining)], ['iteratorID', it.id]);
      } else {
        rows = records.query(filter, order, undefined, max);
      }
    }
  }

  if (metaData !== 'NoMetaData') attrs.unshift(['retCount', String(rows.length)]);
  if (!rows.length && status.statusCode === 0) status = qbxmlStatus('noMatch');
  if (metaData === 'MetaDataOnly') return { status, attrs };
  return { status, attrs, body: writeTxnRows(ctx, rows, spec) };
}

/** Writes each row's Ret as the request asks (lines, links, IncludeRetElement, DataExtRet for OwnerIDs). */
export function writeTxnRows(ctx: RqContext, rows: readonly TxnRow[], spec: TxnQuerySpec): string[] {
  const opts = {
    lines: readBool(ctx.rq, 'IncludeLineItems') ?? false,
    linked: readBool(ctx.rq, 'IncludeLinkedTxns') ?? false,
  };
  const include = includeRetElements(ctx.rq);
  const keep = include && new Set([...include, 'DataExtRet']);
  const owners = ownerIds(ctx.rq);
  const out: string[] = [];
  for (const row of rows) {
    let doc = spec.render(ctx, row, opts);
    if (owners.length) {
      const exts = dataExtRets(ctx.store, row.kind, row.txnId, owners);
      if (exts.length) doc = { ...doc, DataExtRet: exts };
    }
    writeRetDoc(spec.retName, doc, out, keep);
  }
  return out;
}

/** The filter group of a query, the order it walks in, and the first name in a filter that does not exist. */
function txnFilter(ctx: RqContext, kind: string): { filter: TxnFilter; order: TxnOrder; missing?: string } {
  const { rq, host } = ctx;
  const tz = host.timeZone;
  const f: TxnFilter = { kind };
  let order: TxnOrder = 'seq';
  let missing: string | undefined;

  const modified = child(rq, 'ModifiedDateRangeFilter');
  if (modified) {
    const from = readDateTime(modified, 'FromModifiedDate', tz);
    const to = readToDateTime(modified, 'ToModifiedDate', tz);
    if (from !== undefined && to !== undefined && from > to) throw QbxmlStatusError.of('badDateRange');
    if (from !== undefined) f.fromModified = from;
    if (to !== undefined) f.toModified = to;
    order = 'modified';
  }

  const dates = child(rq, 'TxnDateRangeFilter');
  if (dates) {
    const macro = child(dates, 'DateMacro')?.text.trim();
    let from: string | undefined;
    let to: string | undefined;
    if (macro !== undefined) {
      const range = dateMacroRange(macro, localToday(ctx.now, tz));
      if (!range) throw QbxmlStatusError.of('enumNotSupported', { value: macro, fieldName: 'DateMacro' });
      ({ from, to } = range);
    } else {
      from = readTxnDate(dates, 'FromTxnDate');
      to = readTxnDate(dates, 'ToTxnDate');
      if (from !== undefined && to !== undefined && from > to) throw QbxmlStatusError.of('badDateRange');
    }
    if (from !== undefined) f.fromDate = from;
    if (to !== undefined) f.toDate = to;
    if (order === 'seq' && (from !== undefined || to !== undefined)) order = 'date';
  }

  const entity = child(rq, 'EntityFilter');
  if (entity) {
    const r = resolveListFilter(ctx.store, entity, (records, name) => records.getByClassName('entity', name));
    f.entityIds = r.ids;
    missing ??= r.missing;
  }
  const account = child(rq, 'AccountFilter');
  if (account) {
    const r = resolveListFilter(ctx.store, account, (records, name) => records.getByFullName('Account', name));
    f.accountIds = r.ids;
    missing ??= r.missing;
  }
  const currency = child(rq, 'CurrencyFilter');
  if (currency) {
    // Multicurrency is off in the simulated company: there are no currency records to match.
    const names = currency.children.map((c) => c.text.trim());
    missing ??= names[0];
    f.entityIds = [];
  }

  const refFilter = child(rq, 'RefNumberFilter');
  if (refFilter) {
    f.ref = {
      criterion: (child(refFilter, 'MatchCriterion')?.text ?? 'StartsWith') as 'StartsWith' | 'Contains' | 'EndsWith',
      value: child(refFilter, 'RefNumber')?.text ?? '',
    };
  }
  const refRange = child(rq, 'RefNumberRangeFilter');
  if (refRange) {
    const from = child(refRange, 'FromRefNumber')?.text;
    const to = child(refRange, 'ToRefNumber')?.text;
    f.refRange = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  }

  const paid = child(rq, 'PaidStatus')?.text.trim();
  if (paid === 'PaidOnly' || paid === 'NotPaidOnly') f.paid = paid;

  return { filter: f, order, ...(missing !== undefined ? { missing } : {}) };
}

/**
 * An EntityFilter / AccountFilter (`ListID+` | `FullName+` | `ListIDWithChildren` | `FullNameWithChildren`) as the
 * ListIDs it matches; the first name or id that does not exist is reported (status 500).
 */
function resolveListFilter(
  db: CompanyStore,
  el: XmlElement,
  byName: (records: ListRecords, name: string) => ListRow | undefined,
): { ids: string[]; missing?: string } {
  const records = ListRecords.of(db);
  const ids: string[] = [];
  let missing: string | undefined;
  for (const c of el.children) {
    const value = c.name.startsWith('ListID') ? c.text.trim() : c.text;
    const row = c.name.startsWith('ListID') ? records.getById(value) : byName(records, value);
    if (!row) {
      missing ??= value;
      continue;
    }
    if (c.name.endsWith('WithChildren')) ids.push(...db.lists.withDescendants(row.listId));
    else ids.push(row.listId);
  }
  return { ids, ...(missing !== undefined ? { missing } : {}) };
}
