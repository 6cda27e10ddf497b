import { formatQbDateTime } from '../../../src/protocol/qb-datetime.js';
import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { LIST_KINDS } from '../list-kinds.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { queryDeletedLists } from '../records/deleted-lists.js';
import { ListRecords } from '../records/list-records.js';
import { listUsage } from '../records/list-usage.js';
import { readDateTime } from '../request-values.js';
import { orderDoc } from '../request-to-doc.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { escapeText } from '../xml-writer.js';
import { includeRetElements } from './include-ret-element.js';

/**
 * ListDel (`ListDelType` + `ListID`): deletes a list record and remembers it for ListDeletedQuery.
 *
 * - No record of that type with that ListID → 3120 (QuickBooks' "Object … cannot be found" text).
 * - Another user has the record open → 3170 (the list-lock text, as for a Mod).
 * - The record has sub-records (sub-accounts, jobs, sub-items, sub-classes), is used by a transaction, or is
 *   referenced by another list record (a vendor's terms, an item's account) → refused, nothing deleted.
 *   Fidelity note: the code for this refusal is UNCONFIRMED (facts §6.9: "3170/3180-class errors"). The simulator
 *   answers 3180 with the real list template and the real QuickBooks inner message "The list element is in use."
 *   (`listElementInUse` in src/protocol/qbxml-status.ts): 3180 is QuickBooks' code for a save QuickBooks itself
 *   refuses, while 3170 is kept for records another user holds, so a connector can tell "retry later" (3170) from
 *   "this will never succeed" (3180).
 */
const listDel: RqHandler = (ctx) => {
  const type = childText(ctx.rq, 'ListDelType')!;
  const listId = childText(ctx.rq, 'ListID')!.trim();
  const records = ListRecords.of(ctx.store);
  const row = records.getById(listId);
  if (!row || row.kind !== type) throw QbxmlStatusError.of('objectNotFound', { id: listId });
  const kind = LIST_KINDS[row.kind] ?? { saveListName: row.kind, objectDescription: row.kind.toLowerCase() };
  if (ctx.host.recordLock(ctx.session.filePath, row.listId)) {
    throw QbxmlStatusError.of('listLocked', { objectDescription: kind.objectDescription, name: row.fullName });
  }
  if (listUsage(ctx.store, row.listId)) {
    throw QbxmlStatusError.of('listElementInUse', { list: kind.saveListName, name: row.fullName });
  }
  records.delete(row, ctx.now);
  // ListDelRs carries its fields directly (no Ret aggregate).
  const fields: RetDoc = {
    ListDelType: type,
    ListID: row.listId,
    TimeDeleted: formatQbDateTime(ctx.now, ctx.host.timeZone),
    FullName: row.fullName,
  };
  const body: string[] = [];
  for (const [k, v] of Object.entries(orderDoc(fields, ctx.schema.childOrder('ListDelRs')))) {
    body.push(`<${k}>${escapeText(String(v))}</${k}>\n`);
  }
  return { body };
};

/**
 * ListDeletedQuery: `ListDelType+`, `DeletedDateRangeFilter` (FromDeletedDate/ToDeletedDate, read in the
 * QuickBooks machine's local time when they carry no offset), `IncludeRetElement*`; `metaData`; no iterator.
 * Records come back in the order they were deleted; none → status 1.
 */
const listDeletedQuery: RqHandler = (ctx) => {
  const kinds = childrenNamed(ctx.rq, 'ListDelType').map((e) => e.text);
  const range = child(ctx.rq, 'DeletedDateRangeFilter');
  const tz = ctx.host.timeZone;
  const from = range && readDateTime(range, 'FromDeletedDate', tz);
  const to = range && readDateTime(range, 'ToDeletedDate', tz);
  if (from !== undefined && to !== undefined && from > to) throw QbxmlStatusError.of('badDateRange');
  const rows = queryDeletedLists(ctx.store, kinds, {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
  });
  const metaData = ctx.rq.attrs['metaData'] ?? 'NoMetaData';
  const attrs: [string, string][] = metaData !== 'NoMetaData' ? [['retCount', String(rows.length)]] : [];
  const status = rows.length ? qbxmlStatus('ok') : qbxmlStatus('noMatch');
  if (metaData === 'MetaDataOnly') return { status, attrs };
  const include = includeRetElements(ctx.rq);
  const body: string[] = [];
  const order = ctx.schema.retOrder('ListDeletedRet');
  for (const r of rows) {
    writeRetDoc(
      'ListDeletedRet',
      orderDoc(
        {
          ListDelType: r.kind,
          ListID: r.listId,
          TimeCreated: formatQbDateTime(r.timeCreated, tz),
          TimeDeleted: formatQbDateTime(r.timeDeleted, tz),
          FullName: r.fullName,
        },
        order,
      ),
      body,
      include,
    );
  }
  return { status, attrs, body };
};

/** ListDel, ListDeletedQuery. */
export const LIST_DEL_HANDLERS: Readonly<Record<string, RqHandler>> = {
  ListDelRq: listDel,
  ListDeletedQueryRq: listDeletedQuery,
};
