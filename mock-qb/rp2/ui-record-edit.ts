import type { QbHost } from '../engine/qb-host.js';
import { ListRecords } from '../qbxml/records/list-records.js';
import { TxnRecords } from '../qbxml/records/txn-records.js';

/** Fields a person typically edits, changed in place when the record has them (schema order is kept). */
const EDITABLE = { Memo: 4095, Notes: 4095, Phone: 21, CompanyName: 41 } as const;

/**
 * A person edits a record in the QuickBooks UI (the `edit-sequence-bumped` fault): its EditSequence and TimeModified
 * move forward — at least one second past the old EditSequence, which is Unix seconds (facts §6.4), so an
 * application's `…Mod` with the EditSequence it read before answers 3200 even within the same second — and the first
 * editable field it has changes. Returns the new EditSequence, or undefined when the file has no such record.
 */
export function editRecordInUi(host: QbHost, path: string, id: string): string | undefined {
  const db = host.companyStore(path);
  const txns = TxnRecords.of(db);
  const lists = ListRecords.of(db);
  const row = txns.getById(id) ?? lists.getById(id);
  if (!row) return undefined;
  const old = Number(row.editSequence);
  const now = Math.max(host.clock.now(), Number.isFinite(old) ? (old + 1) * 1000 : 0);
  const edited = { ...row, doc: { ...row.doc } };
  let change: { field: string; value: string } | undefined;
  for (const [field, max] of Object.entries(EDITABLE)) {
    const value = edited.doc[field];
    if (typeof value === 'string') {
      // " ed<last four digits of the new EditSequence>": each edit a new value, within the field's schema length.
      const suffix = ` ed${String(Math.floor(now / 1000)).slice(-4)}`;
      change = { field, value: `${value.replace(/ ed\d{4}$/, '').slice(0, max - suffix.length)}${suffix}` };
      edited.doc[field] = change.value;
      break;
    }
  }
  const saved =
    'txnId' in edited
      ? txns.save(edited, { now, timeZone: host.timeZone })
      : lists.save(edited, { now, timeZone: host.timeZone });
  host.log('fault', 'ui.edit-record', `a person edited record ${id} in QuickBooks`, {
    path,
    id,
    editSequence: saved.editSequence,
    ...change,
  });
  return saved.editSequence;
}
