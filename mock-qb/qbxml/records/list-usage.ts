import type Database from 'better-sqlite3';
import { ListRecords } from './list-records.js';
import { ensureRecordSchema } from './record-schema.js';

/** Why a list record cannot be deleted. */
export type ListUsage = 'children' | 'transactions' | 'lists';

const statements = new WeakMap<Database.Database, { txn: Database.Statement; list: Database.Statement }>();

/**
 * What still uses a list record, if anything: sub-records (sub-accounts, jobs, sub-items, sub-classes), a
 * transaction (as its entity, its account, or any reference inside it), or another list record (a vendor's terms,
 * an item's account). Records are stored as JSON RetDocs, so a reference is the text `"ListID":"<id>"`.
 */
export function listUsage(db: Database.Database, listId: string): ListUsage | undefined {
  ensureRecordSchema(db);
  if (ListRecords.of(db).hasChildren(listId)) return 'children';
  let s = statements.get(db);
  if (!s) {
    s = {
      txn: db.prepare('SELECT 1 FROM qbx_txn WHERE entity_id = ? OR account_id = ? OR instr(doc, ?) > 0 LIMIT 1'),
      list: db.prepare('SELECT 1 FROM qbx_list WHERE list_id <> ? AND instr(doc, ?) > 0 LIMIT 1'),
    };
    statements.set(db, s);
  }
  const needle = JSON.stringify({ ListID: listId }).slice(1, -1);
  if (s.txn.get(listId, listId, needle)) return 'transactions';
  if (s.list.get(listId, needle)) return 'lists';
  return undefined;
}
