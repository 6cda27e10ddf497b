import { CLOUD_ID_EXT } from '../../connector/index.js';
import { childrenNamed, textAt } from '../../connector/qbxml-response.js';
import type { CloudCompanyState } from '../../protocol/ap-cloud-contract.js';
import type { XmlTreeElement } from '../../protocol/xml-tree.js';
import { SYNC_OWNER_ID, type SyncBench } from './sync-bench.js';

/** A record as the sync properties see it in QuickBooks. */
export interface QbRecord {
  id: string;
  editSequence: string;
  /** The connector's marks: its ExternalGUID and its `CloudId` data extension. */
  externalGuid?: string;
  cloudId?: string;
  name?: string;
  phone?: string;
  isPaid?: boolean;
}

/** QuickBooks and the cloud at one moment. */
export interface SyncObservation {
  qb: { vendors: QbRecord[]; bills: QbRecord[]; payments: QbRecord[] };
  cloud: CloudCompanyState;
}

function record(ret: XmlTreeElement, idField: 'ListID' | 'TxnID'): QbRecord {
  const ext = childrenNamed(ret, 'DataExtRet').find((d) => textAt(d, 'DataExtName') === CLOUD_ID_EXT);
  const r: QbRecord = { id: textAt(ret, idField) ?? '', editSequence: textAt(ret, 'EditSequence') ?? '' };
  const guid = textAt(ret, 'ExternalGUID');
  if (guid) r.externalGuid = guid;
  const cloudId = ext ? textAt(ext, 'DataExtValue') : undefined;
  if (cloudId) r.cloudId = cloudId;
  const name = textAt(ret, 'Name');
  if (name) r.name = name;
  const phone = textAt(ret, 'Phone');
  if (phone) r.phone = phone;
  const paid = textAt(ret, 'IsPaid');
  if (paid) r.isPaid = paid === 'true';
  return r;
}

/** Reads every vendor, bill and bill payment of QuickBooks (with the connector's marks) and the cloud's state. */
export async function observeSync(bench: SyncBench): Promise<SyncObservation> {
  const owner = `<OwnerID>${SYNC_OWNER_ID}</OwnerID>`;
  const [vendors, bills, payments] = bench.query(
    `<VendorQueryRq requestID="1">${owner}</VendorQueryRq>` +
      `<BillQueryRq requestID="2">${owner}</BillQueryRq>` +
      `<BillPaymentCheckQueryRq requestID="3">${owner}</BillPaymentCheckQueryRq>`,
  );
  return {
    qb: {
      vendors: childrenNamed(vendors!.el, 'VendorRet').map((r) => record(r, 'ListID')),
      bills: childrenNamed(bills!.el, 'BillRet').map((r) => record(r, 'TxnID')),
      payments: childrenNamed(payments!.el, 'BillPaymentCheckRet').map((r) => record(r, 'TxnID')),
    },
    cloud: await bench.cloud.admin.companyState(bench.companyId),
  };
}
