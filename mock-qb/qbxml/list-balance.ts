import type { CompanyStore } from '../store/company-store.js';
import { ListRecords } from './records/list-records.js';
import { formatCents } from './request-values.js';

/** Cents of an amount as QuickBooks writes it (`-12.50`); 0 when absent. */
function centsOf(text: unknown): number {
  if (typeof text !== 'string' || text === '') return 0;
  const m = /^([+-])?(\d*)(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return 0;
  const cents = Number(m[2] || '0') * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return m[1] === '-' ? -cents : cents;
}

/**
 * Moves the balance of a list record that carries one (account, customer/job, vendor) by `cents`: its own `Balance`
 * (unless `ownBalance` is false, as when only a sub-record's total moves), and `TotalBalance` of the record and every
 * ancestor, since QuickBooks' TotalBalance includes the sub-accounts / jobs. Not an edit of the records: their
 * TimeModified and EditSequence stay (a bill entered against a vendor does not modify the vendor).
 */
export function adjustListBalance(
  db: CompanyStore,
  listId: string,
  cents: number,
  opts: { now: number; timeZone: string; ownBalance?: boolean },
): void {
  if (cents === 0) return;
  const records = ListRecords.of(db);
  let row = records.getById(listId);
  let own = opts.ownBalance ?? true;
  const seen = new Set<string>();
  while (row && !seen.has(row.listId)) {
    seen.add(row.listId);
    const doc = { ...row.doc };
    if (own && doc['Balance'] !== undefined) doc['Balance'] = formatCents(centsOf(doc['Balance']) + cents);
    if (doc['TotalBalance'] !== undefined) doc['TotalBalance'] = formatCents(centsOf(doc['TotalBalance']) + cents);
    records.save({ ...row, doc }, { now: opts.now, timeZone: opts.timeZone, touch: false });
    own = false;
    row = row.parentId ? records.getById(row.parentId) : undefined;
  }
}

/** The `TotalBalance` of a record in cents (0 when it has none). */
export function totalBalanceCents(doc: Readonly<Record<string, unknown>>): number {
  return centsOf(doc['TotalBalance']);
}
