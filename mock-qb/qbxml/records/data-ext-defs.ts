import type { DataExtRecord } from '../../store/company-records.js';
import type { CompanyStore } from '../../store/company-store.js';
import { dataExtDefKey, type DataExtDefRecord, type DataExtDefTable } from '../../store/data-ext-def-table.js';

/** A data extension's value type (qbXML `DataExtType`). */
export type DataExtType = DataExtRecord['type'];

/** A data extension definition (DataExtDefAdd) as stored. */
export type DataExtDefRow = DataExtDefRecord;

/** Compares data extension names and owners the way QuickBooks does: ignoring case. */
export const defKey = dataExtDefKey;

/**
 * The data extension definitions of a company (the store's table): per OwnerID, names unique per owner ignoring
 * case. The values themselves are the store's data extensions (CompanyStore.putDataExt).
 */
export const DataExtDefs = {
  of(store: CompanyStore): DataExtDefTable {
    return store.dataExtDefs;
  },
};
