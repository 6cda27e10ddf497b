import type { QbHost } from '../engine/qb-host.js';
import { samePath } from '../engine/windows-path.js';
import { ListRecords } from '../qbxml/records/list-records.js';
import { TxnRecords } from '../qbxml/records/txn-records.js';
import type { DocValue, RetDoc } from '../qbxml/ret-doc.js';

/** The lists the data browser shows (`GET /__qbd/hosts/{host}/records?path=&list=`). */
export const RECORD_LISTS = ['vendors', 'bills', 'payments'] as const;
export type RecordList = (typeof RECORD_LISTS)[number];

/** One row of the data browser: the columns a person reads, and the whole stored Ret. */
export interface RecordView {
  id: string;
  kind: string;
  /** Vendor name, or the bill's / payment's vendor. */
  name: string | null;
  refNumber: string | null;
  txnDate: string | null;
  /** Vendor balance, bill amount due, payment amount. */
  amount: string | null;
  /** Bills: the open amount. */
  openAmount: string | null;
  isPaid: boolean | null;
  isActive: boolean | null;
  timeModified: string;
  doc: RetDoc;
}

const PAYMENT_KINDS = ['BillPaymentCheck', 'BillPaymentCreditCard'];

/**
 * Read-only: the vendors, bills or bill payments of a company file, as stored (never through a QuickBooks session,
 * so nothing is journaled and no grant is needed). Newest transactions first; vendors by name. At most `limit` rows.
 */
export function companyRecordsView(
  host: QbHost,
  path: string,
  list: RecordList,
  limit = 200,
): { path: string; list: RecordList; records: RecordView[] } {
  const db = host.companyStore(path);
  const canonical = host.companyFilePaths().find((p) => samePath(p, path)) ?? path;
  if (list === 'vendors') {
    const records = ListRecords.of(db)
      .query({ kinds: ['Vendor'], activeStatus: 'All', limit })
      .map((r): RecordView => ({
        id: r.listId,
        kind: r.kind,
        name: r.fullName,
        refNumber: null,
        txnDate: null,
        amount: text(r.doc['Balance']),
        openAmount: null,
        isPaid: null,
        isActive: r.isActive,
        timeModified: new Date(r.timeModified).toISOString(),
        doc: r.doc,
      }));
    return { path: canonical, list, records };
  }
  const txns = TxnRecords.of(db);
  const kinds = list === 'bills' ? ['Bill'] : PAYMENT_KINDS;
  // Newest first, without walking the whole company (TxnRecords pages oldest first).
  const rows = db.txns.recentIds(kinds, limit).flatMap((id) => txns.getById(id) ?? []);
  const records = rows.map((r): RecordView => ({
    id: r.txnId,
    kind: r.kind,
    name: refName(r.doc['VendorRef'] ?? r.doc['PayeeEntityRef']),
    refNumber: r.refNumber,
    txnDate: r.txnDate,
    amount: text(r.doc['AmountDue'] ?? r.doc['Amount']),
    openAmount: text(r.doc['OpenAmount']),
    isPaid: r.isPaid,
    isActive: null,
    timeModified: new Date(r.timeModified).toISOString(),
    doc: r.doc,
  }));
  return { path: canonical, list, records };
}

function text(value: DocValue | undefined): string | null {
  return typeof value === 'string' ? value : null;
}

function refName(ref: DocValue | undefined): string | null {
  return ref && typeof ref === 'object' && !Array.isArray(ref) ? text(ref['FullName']) : null;
}
