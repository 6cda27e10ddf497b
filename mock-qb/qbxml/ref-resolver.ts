import type { CompanyStore } from '../store/company-store.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { ListRecords, type ListRow } from './records/list-records.js';
import { child, type XmlElement } from './xml-element.js';

/** A resolved reference as QuickBooks writes it back: both ListID and FullName. */
export interface RefDoc {
  [k: string]: string;
  ListID: string;
  FullName: string;
}

/** Where a reference appears, for the 3140 text: `the Bill` / `the Bill line`. */
export interface RefSite {
  /** What QuickBooks calls the referenced list in the message (`Vendor`, `Account`, `Terms`, `Item`). */
  refKind: string;
  /** The object being saved (`Bill`, `Vendor`, `BillPaymentCheck`). */
  txnType: string;
  line?: boolean;
}

/**
 * Resolves a `…Ref` element (`ListID` and/or `FullName`; ListID wins when both are given, as in
 * QuickBooks) against records of the given kinds. A miss answers 3140 with QuickBooks' text.
 */
export function resolveRef(db: CompanyStore, ref: XmlElement, kinds: readonly string[], site: RefSite): ListRow {
  const records = ListRecords.of(db);
  const listId = child(ref, 'ListID')?.text.trim();
  const fullName = child(ref, 'FullName')?.text;
  let row: ListRow | undefined;
  if (listId) {
    row = records.getById(listId);
    if (row && !kinds.includes(row.kind)) row = undefined;
  } else if (fullName !== undefined) {
    for (const kind of kinds) {
      row = records.getByFullName(kind, fullName);
      if (row) break;
    }
  }
  if (!row) {
    throw QbxmlStatusError.of(site.line ? 'invalidLineReference' : 'invalidReference', {
      refKind: site.refKind,
      name: listId || fullName || '',
      txnType: site.txnType,
    });
  }
  return row;
}

/** The RefDoc of a record. */
export function refDoc(row: ListRow): RefDoc {
  return { ListID: row.listId, FullName: row.fullName };
}
