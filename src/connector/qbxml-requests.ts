import type { BillLine, VendorFields } from '../protocol/ap-cloud-contract.js';
import { escapeXmlText } from '../protocol/xml-tree.js';

/**
 * The qbXML requests the connector sends, built as strings in the element order of the qbXML 13.0 schema (order is
 * schema-significant: QuickBooks answers a request out of order with 0x80040400). Values are escaped; names and
 * amounts are the caller's.
 */

/** One element with escaped text, or '' when the value is undefined. */
function el(name: string, value: string | number | boolean | undefined | null): string {
  if (value === undefined || value === null) return '';
  return `<${name}>${escapeXmlText(String(value))}</${name}>`;
}

/** A list reference: `ListID` when known, else `FullName`. */
function ref(name: string, r: { listId?: string | undefined; fullName?: string | undefined }): string {
  if (r.listId) return `<${name}>${el('ListID', r.listId)}</${name}>`;
  return `<${name}>${el('FullName', r.fullName ?? '')}</${name}>`;
}

function attrs(requestId: string, extra: Record<string, string> = {}): string {
  const all = { requestID: requestId, ...extra };
  return Object.entries(all)
    .map(([k, v]) => ` ${k}="${escapeXmlText(v).replace(/"/g, '&quot;')}"`)
    .join('');
}

/** VendorAdd / VendorMod fields in schema order (Name … TermsRef), the subset the cloud sends. */
function vendorFields(f: Partial<VendorFields>): string {
  const address = f.address
    ? `<VendorAddress>${el('Addr1', f.address.addr1)}${el('City', f.address.city)}${el('State', f.address.state)}${el(
        'PostalCode',
        f.address.postalCode,
      )}</VendorAddress>`
    : '';
  return (
    el('Name', f.name) +
    el('IsActive', f.isActive) +
    el('CompanyName', f.companyName) +
    address +
    el('Phone', f.phone) +
    el('Email', f.email) +
    el('AccountNumber', f.accountNumber) +
    (f.termsName ? ref('TermsRef', { fullName: f.termsName }) : '')
  );
}

/** Query paging: `iterator="Start"` on the first page, `Continue` with the iteratorID after. */
export interface IteratorPage {
  iterator: 'Start' | 'Continue';
  iteratorId?: string;
}

function iteratorAttrs(page: IteratorPage | undefined): Record<string, string> {
  if (!page) return {};
  return page.iterator === 'Start'
    ? { iterator: 'Start' }
    : { iterator: 'Continue', iteratorID: page.iteratorId ?? '' };
}

export const qbxmlRequests = {
  /** A request set: `<?qbxml version?>`, `QBXMLMsgsRq` with `onError`. */
  set(version: string, onError: 'stopOnError' | 'continueOnError', requests: readonly string[]): string {
    return (
      `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?>` +
      `<QBXML><QBXMLMsgsRq onError="${onError}">${requests.join('')}</QBXMLMsgsRq></QBXML>`
    );
  },

  /** CompanyQuery with the private data extensions of `ownerId` (the FileID stamp). */
  companyQuery(requestId: string, ownerId: string): string {
    return `<CompanyQueryRq${attrs(requestId)}>${el('OwnerID', ownerId)}</CompanyQueryRq>`;
  },

  /** DataExtDefAdd of a private STR255TYPE extension assigned to `objects`. */
  dataExtDefAdd(requestId: string, ownerId: string, name: string, objects: readonly string[]): string {
    return (
      `<DataExtDefAddRq${attrs(requestId)}><DataExtDefAdd>${el('OwnerID', ownerId)}${el('DataExtName', name)}` +
      `${el('DataExtType', 'STR255TYPE')}${objects.map((o) => el('AssignToObject', o)).join('')}</DataExtDefAdd></DataExtDefAddRq>`
    );
  },

  /** DataExtAdd on the Company, a list record (by ListID or FullName) or a transaction. */
  dataExtAdd(
    requestId: string,
    ownerId: string,
    name: string,
    value: string,
    target:
      | { company: true }
      | { listType: 'Vendor'; listId?: string; fullName?: string }
      | { txnType: 'Bill' | 'BillPaymentCheck'; txnId: string },
  ): string {
    let object: string;
    if ('company' in target) object = el('OtherDataExtType', 'Company');
    else if ('listType' in target)
      object =
        el('ListDataExtType', target.listType) +
        ref('ListObjRef', { listId: target.listId, fullName: target.fullName });
    else object = el('TxnDataExtType', target.txnType) + el('TxnID', target.txnId);
    return (
      `<DataExtAddRq${attrs(requestId)}><DataExtAdd>${el('OwnerID', ownerId)}${el('DataExtName', name)}${object}` +
      `${el('DataExtValue', value)}</DataExtAdd></DataExtAddRq>`
    );
  },

  /** VendorAdd with the connector's ExternalGUID mark. */
  vendorAdd(requestId: string, fields: VendorFields, externalGuid: string): string {
    return `<VendorAddRq${attrs(requestId)}><VendorAdd>${vendorFields(fields)}${el('ExternalGUID', externalGuid)}</VendorAdd></VendorAddRq>`;
  },

  /** VendorMod: ListID + the EditSequence the cloud saw (QuickBooks answers 3200 when it is stale). */
  vendorMod(requestId: string, listId: string, editSequence: string, fields: Partial<VendorFields>): string {
    return (
      `<VendorModRq${attrs(requestId)}><VendorMod>${el('ListID', listId)}${el('EditSequence', editSequence)}` +
      `${vendorFields(fields)}</VendorMod></VendorModRq>`
    );
  },

  /** VendorQuery by ListID or FullName (with the connector's data extensions). */
  vendorByRef(requestId: string, r: { listId?: string; fullName?: string }, ownerId: string): string {
    const by = r.listId ? el('ListID', r.listId) : el('FullName', r.fullName ?? '');
    return `<VendorQueryRq${attrs(requestId)}>${by}${el('OwnerID', ownerId)}</VendorQueryRq>`;
  },

  /** VendorQuery of every vendor (active or not) modified since `from` (a QuickBooks TimeModified, offset kept). */
  vendorsModifiedSince(
    requestId: string,
    from: string | undefined,
    ownerId: string,
    page: IteratorPage,
    maxReturned: number,
  ): string {
    return (
      `<VendorQueryRq${attrs(requestId, iteratorAttrs(page))}>${el('MaxReturned', maxReturned)}${el('ActiveStatus', 'All')}` +
      `${el('FromModifiedDate', from)}${el('OwnerID', ownerId)}</VendorQueryRq>`
    );
  },

  /** AccountQuery (no iterator in qbXML): the AP-relevant account types, active or not, modified since `from`. */
  accountsModifiedSince(requestId: string, from: string | undefined, types: readonly string[]): string {
    return (
      `<AccountQueryRq${attrs(requestId)}>${el('ActiveStatus', 'All')}${el('FromModifiedDate', from)}` +
      `${types.map((t) => el('AccountType', t)).join('')}</AccountQueryRq>`
    );
  },

  /** TermsQuery (no iterator): standard and date-driven terms modified since `from`. */
  termsModifiedSince(requestId: string, from: string | undefined): string {
    return `<TermsQueryRq${attrs(requestId)}>${el('ActiveStatus', 'All')}${el('FromModifiedDate', from)}</TermsQueryRq>`;
  },

  /** BillQuery of bills modified since `from`, with the connector's data extensions. */
  billsModifiedSince(
    requestId: string,
    from: string | undefined,
    ownerId: string,
    page: IteratorPage,
    maxReturned: number,
  ): string {
    const range = from ? `<ModifiedDateRangeFilter>${el('FromModifiedDate', from)}</ModifiedDateRangeFilter>` : '';
    return `<BillQueryRq${attrs(requestId, iteratorAttrs(page))}>${el('MaxReturned', maxReturned)}${range}${el('OwnerID', ownerId)}</BillQueryRq>`;
  },

  /** BillQuery by TxnIDs. */
  billsById(requestId: string, txnIds: readonly string[], ownerId: string): string {
    return `<BillQueryRq${attrs(requestId)}>${txnIds.map((id) => el('TxnID', id)).join('')}${el('OwnerID', ownerId)}</BillQueryRq>`;
  },

  /** BillQuery / BillPaymentCheckQuery of one transaction by TxnID, with the connector's data extensions. */
  txnById(requestId: string, kind: 'Bill' | 'BillPaymentCheck', txnId: string, ownerId: string): string {
    return `<${kind}QueryRq${attrs(requestId)}>${el('TxnID', txnId)}${el('OwnerID', ownerId)}</${kind}QueryRq>`;
  },

  /** BillQuery / BillPaymentCheckQuery of one vendor's transactions on one date (a look for the connector's mark). */
  txnsOfVendorOn(
    requestId: string,
    kind: 'Bill' | 'BillPaymentCheck',
    vendor: { listId?: string; fullName?: string },
    date: string,
    ownerId: string,
  ): string {
    const entity = vendor.listId ? el('ListID', vendor.listId) : el('FullName', vendor.fullName ?? '');
    return (
      `<${kind}QueryRq${attrs(requestId)}><TxnDateRangeFilter>${el('FromTxnDate', date)}${el('ToTxnDate', date)}</TxnDateRangeFilter>` +
      `<EntityFilter>${entity}</EntityFilter>${el('OwnerID', ownerId)}</${kind}QueryRq>`
    );
  },

  /** BillPaymentCheckQuery / BillPaymentCreditCardQuery modified since `from`, with the bills they pay. */
  paymentsModifiedSince(
    requestId: string,
    kind: 'BillPaymentCheck' | 'BillPaymentCreditCard',
    from: string | undefined,
    page: IteratorPage,
    maxReturned: number,
  ): string {
    const range = from ? `<ModifiedDateRangeFilter>${el('FromModifiedDate', from)}</ModifiedDateRangeFilter>` : '';
    return `<${kind}QueryRq${attrs(requestId, iteratorAttrs(page))}>${el('MaxReturned', maxReturned)}${range}${el('IncludeLineItems', true)}</${kind}QueryRq>`;
  },

  /** BillAdd of an approved cloud bill: expense lines by account full name, the connector's ExternalGUID mark. */
  billAdd(
    requestId: string,
    bill: {
      vendor: { listId?: string; fullName?: string };
      txnDate: string;
      dueDate?: string;
      refNumber?: string;
      memo?: string;
      lines: readonly BillLine[];
    },
    externalGuid: string,
  ): string {
    const lines = bill.lines
      .map(
        (l) =>
          `<ExpenseLineAdd>${ref('AccountRef', { fullName: l.accountName })}${el('Amount', l.amount)}${el('Memo', l.memo)}</ExpenseLineAdd>`,
      )
      .join('');
    return (
      `<BillAddRq${attrs(requestId)}><BillAdd>${ref('VendorRef', bill.vendor)}${el('TxnDate', bill.txnDate)}` +
      `${el('DueDate', bill.dueDate)}${el('RefNumber', bill.refNumber)}${el('Memo', bill.memo)}` +
      `${el('ExternalGUID', externalGuid)}${lines}</BillAdd></BillAddRq>`
    );
  },

  /** BillPaymentCheckAdd paying one bill (RefNumber = the check number when given, else not to be printed). */
  billPaymentCheckAdd(
    requestId: string,
    payment: {
      vendor: { listId?: string; fullName?: string };
      txnDate: string;
      bankAccountName: string;
      refNumber?: string;
      billTxnId: string;
      amount: string;
    },
    externalGuid: string,
  ): string {
    const printOrNumber = payment.refNumber ? el('RefNumber', payment.refNumber) : el('IsToBePrinted', false);
    return (
      `<BillPaymentCheckAddRq${attrs(requestId)}><BillPaymentCheckAdd>${ref('PayeeEntityRef', payment.vendor)}` +
      `${el('TxnDate', payment.txnDate)}${ref('BankAccountRef', { fullName: payment.bankAccountName })}${printOrNumber}` +
      `${el('ExternalGUID', externalGuid)}<AppliedToTxnAdd>${el('TxnID', payment.billTxnId)}${el('PaymentAmount', payment.amount)}` +
      `</AppliedToTxnAdd></BillPaymentCheckAdd></BillPaymentCheckAddRq>`
    );
  },
};
