import type { CompanyStore } from '../../store/company-store.js';

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
 * The list records deleted with ListDel (kept by `ListRecords.delete`), of the given kinds, optionally within a
 * deletion time range (instants, inclusive), in the order they were deleted.
 */
export function queryDeletedLists(
  store: CompanyStore,
  kinds: readonly string[],
  range: { from?: number; to?: number } = {},
): DeletedListRow[] {
  return store.lists.deleted(kinds, range).map((r) => ({
    kind: r.kind,
    listId: r.id,
    timeCreated: r.timeCreated,
    timeDeleted: r.timeDeleted,
    fullName: r.label ?? '',
  }));
}
