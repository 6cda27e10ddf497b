import { createHash } from 'node:crypto';

/**
 * The connector's marks on what it writes to QuickBooks, so that it can find a write whose answer was lost:
 *
 * - the **ExternalGUID** of the record (VendorAdd, BillAdd, BillPaymentCheckAdd carry one): a GUID derived from the
 *   connector's OwnerID, the kind of work and its cloud id, written in the same request as the record itself — so a
 *   committed record always carries it, whatever happens to the answer;
 * - a private data extension **`CloudId`** under the connector's OwnerID holding the cloud id (defined once per
 *   company file with DataExtDefAdd), written right after the record: readable by the cloud id, invisible in the
 *   QuickBooks UI; when a crash came between the record and its data extension, the ExternalGUID still finds the
 *   record and the data extension is added then.
 */
export const CLOUD_ID_EXT = 'CloudId';

/** The objects the `CloudId` data extension is assigned to. */
export const CLOUD_ID_OBJECTS = ['Vendor', 'Bill', 'BillPaymentCheck'] as const;

/** The Company data extension holding the file id (the name QBWC uses for its FileID stamp). */
export const FILE_ID_EXT = 'FileID';

/**
 * The ExternalGUID of the record written for one piece of cloud work: deterministic (the same work always gets the
 * same GUID, also after the state directory was lost), distinct per OwnerID, kind and cloud id.
 */
export function externalGuidFor(ownerId: string, kind: 'vendor' | 'bill' | 'payment', cloudId: string): string {
  const h = createHash('sha256').update(`${ownerId.toUpperCase()}\n${kind}\n${cloudId}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50; // a name-based GUID (version 5 layout)
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex').toUpperCase();
  return `{${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}}`;
}
