import type Database from 'better-sqlite3';
import { ensureRecordSchema } from './record-schema.js';

/** A deleted list record as ListDeletedQuery reports it. */
export interface DeletedListRow {
  /** The record kind (= its `ListDelType`). */
  kind: string;
  listId: string;
  timeCreated: number;
  timeDeleted: number;
  fullName: string;
}

/**
 * The list records deleted with ListDel (kept in `qbx_deleted` by `ListRecords.delete`), of the given kinds,
 * optionally within a deletion time range (instants, inclusive), in the order they were deleted.
 */
export function queryDeletedLists(
  db: Database.Database,
  kinds: readonly string[],
  range: { from?: number; to?: number } = {},
): DeletedListRow[] {
  ensureRecordSchema(db);
  const params: Record<string, unknown> = {};
  kinds.forEach((k, i) => (params[`k${i}`] = k));
  const where = [`class = 'list'`, `kind IN (${kinds.map((_, i) => `@k${i}`).join(', ')})`];
  if (range.from !== undefined) {
    where.push('time_deleted >= @from');
    params['from'] = range.from;
  }
  if (range.to !== undefined) {
    where.push('time_deleted <= @to');
    params['to'] = range.to;
  }
  const rows = db
    .prepare(
      `SELECT kind, id, time_created, time_deleted, label FROM qbx_deleted WHERE ${where.join(' AND ')} ORDER BY seq`,
    )
    .all(params) as { kind: string; id: string; time_created: number; time_deleted: number; label: string | null }[];
  return rows.map((r) => ({
    kind: r.kind,
    listId: r.id,
    timeCreated: r.time_created,
    timeDeleted: r.time_deleted,
    fullName: r.label ?? '',
  }));
}
