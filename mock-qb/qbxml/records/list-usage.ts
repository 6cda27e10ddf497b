import type { CompanyStore } from '../../store/company-store.js';

/** Why a list record cannot be deleted. */
export type ListUsage = 'children' | 'transactions' | 'lists';

/**
 * What still uses a list record, if anything: sub-records (sub-accounts, jobs, sub-items, sub-classes), a
 * transaction (as its entity, its account, or any reference inside it), or another list record (a vendor's terms,
 * an item's account). Records are stored as JSON RetDocs, so a reference is the text `"ListID":"<id>"`.
 */
export function listUsage(store: CompanyStore, listId: string): ListUsage | undefined {
  if (store.lists.hasChildren(listId)) return 'children';
  return store.lists.referencedBy(listId, JSON.stringify({ ListID: listId }).slice(1, -1));
}
