import { formatQbDateTime } from '../../../src/protocol/qb-datetime.js';
import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { adjustEntityBalance } from '../entity-balance.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { TxnRecords, type TxnRow } from '../records/txn-records.js';
import { readDateTime } from '../request-values.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import { centsOf } from '../txn-amounts.js';
import { undoApplications } from '../txn-apply.js';
import { readToDateTime } from '../txn-dates.js';
import { requireUnlocked } from '../txn-write.js';
import { child, childrenNamed, childText } from '../xml-element.js';
import { writeXml } from '../xml-writer.js';
import { includeRetElements } from './include-ret-element.js';

/** Payments: deleting one gives back what it applied. */
const PAYMENT_KINDS = new Set(['BillPaymentCheck', 'BillPaymentCreditCard', 'ReceivePayment']);

/** What deleting a transaction undoes on the name's balance (and on the transactions it was applied to). */
function undoTransaction(ctx: RqContext, row: TxnRow): void {
  if (PAYMENT_KINDS.has(row.kind)) {
    undoApplications(ctx, row, { credits: true });
    // A payment received also took its unapplied part off the customer's balance.
    if (row.kind === 'ReceivePayment') adjustEntityBalance(ctx, row.entityId, centsOf(row.doc['UnusedPayment']));
    return;
  }
  if (TxnRecords.of(ctx.store).isLinked(row.txnId)) {
    // A bill or invoice with payments applied, a credit used in a payment: QuickBooks' UI asks before unlinking;
    // the SDK cannot answer, so it is refused (fidelity note).
    throw QbxmlStatusError.of('txnLinkedCannotDelete', { txnType: row.kind });
  }
  if (row.kind === 'Bill') adjustEntityBalance(ctx, row.entityId, -centsOf(row.doc['OpenAmount']));
  else if (row.kind === 'VendorCredit') adjustEntityBalance(ctx, row.entityId, centsOf(row.doc['OpenAmount']));
  else if (row.kind === 'Invoice') adjustEntityBalance(ctx, row.entityId, -centsOf(row.doc['BalanceRemaining']));
}

/**
 * TxnDel: `TxnDelType` + `TxnID`. A transaction of another type or none → 3120; another user has it open → 3175; a
 * bill, invoice or credit that payments are applied to → 3180 (refused: fidelity note). Deleting a payment gives the
 * bills (invoices) and credits back what it applied and raises the name's balance again; deleting a bill, credit or
 * invoice takes its open amount off the name's balance. TxnDelRs: TxnDelType, TxnID, TimeDeleted, RefNumber.
 */
const txnDel: RqHandler = (ctx) => {
  const type = childText(ctx.rq, 'TxnDelType')!.trim();
  const txnId = childText(ctx.rq, 'TxnID')!.trim();
  const records = TxnRecords.of(ctx.store);
  const row = records.getById(txnId);
  if (!row || row.kind !== type) throw QbxmlStatusError.of('objectNotFound', { id: txnId });
  requireUnlocked(ctx, row);
  undoTransaction(ctx, row);
  records.delete(row, ctx.now);
  const body = [
    ...writeXml({ name: 'TxnDelType', text: type }),
    ...writeXml({ name: 'TxnID', text: row.txnId }),
    ...writeXml({ name: 'TimeDeleted', text: formatQbDateTime(ctx.now, ctx.host.timeZone) }),
    ...(row.refNumber !== null ? writeXml({ name: 'RefNumber', text: row.refNumber }) : []),
  ];
  return { body };
};

/**
 * TxnDeletedQuery: `TxnDelType+`, `DeletedDateRangeFilter` (local time, a bare ToDeletedDate meaning the end of that
 * day), `IncludeRetElement*`; in deletion order; none → status 1. No iterator (facts §6.5). How long QuickBooks keeps
 * deleted transactions is undocumented: the simulator keeps them all.
 */
const txnDeletedQuery: RqHandler = (ctx) => {
  const kinds = childrenNamed(ctx.rq, 'TxnDelType').map((e) => e.text.trim());
  const range = child(ctx.rq, 'DeletedDateRangeFilter');
  const tz = ctx.host.timeZone;
  const from = range ? readDateTime(range, 'FromDeletedDate', tz) : undefined;
  const to = range ? readToDateTime(range, 'ToDeletedDate', tz) : undefined;
  if (from !== undefined && to !== undefined && from > to) throw QbxmlStatusError.of('badDateRange');
  const deleted = TxnRecords.of(ctx.store).deleted(kinds, from, to);
  const metaData = ctx.rq.attrs['metaData'] ?? 'NoMetaData';
  const attrs: [string, string][] = metaData !== 'NoMetaData' ? [['retCount', String(deleted.length)]] : [];
  const status = deleted.length ? qbxmlStatus('ok') : qbxmlStatus('noMatch');
  if (metaData === 'MetaDataOnly') return { status, attrs };
  const include = includeRetElements(ctx.rq);
  const body: string[] = [];
  for (const d of deleted) {
    const doc: RetDoc = {
      TxnDelType: d.kind,
      TxnID: d.txnId,
      TimeCreated: formatQbDateTime(d.timeCreated, tz),
      TimeDeleted: formatQbDateTime(d.timeDeleted, tz),
      ...(d.refNumber !== null ? { RefNumber: d.refNumber } : {}),
    };
    writeRetDoc('TxnDeletedRet', doc, body, include);
  }
  return { status, attrs, body };
};

/** TxnDel, TxnDeletedQuery. */
export const TXN_DEL_HANDLERS: Readonly<Record<string, RqHandler>> = {
  TxnDelRq: txnDel,
  TxnDeletedQueryRq: txnDeletedQuery,
};
