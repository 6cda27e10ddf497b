import type { CompanyStore } from '../../store/company-store.js';
import type { RetDoc } from '../ret-doc.js';

/**
 * DataExtRet aggregates of an object for the given owners (`0` = public custom fields). Private
 * data (a GUID owner) is only returned to a query that names its OwnerID.
 */
export function dataExtRets(store: CompanyStore, objectType: string, objectId: string, owners: string[]): RetDoc[] {
  return store.listDataExts({ objectType, objectId, ownerIds: owners }).map((d) => ({
    ...(d.ownerId !== '0' ? { OwnerID: d.ownerId } : {}),
    DataExtName: d.name,
    DataExtType: d.type,
    DataExtValue: d.value,
  }));
}
