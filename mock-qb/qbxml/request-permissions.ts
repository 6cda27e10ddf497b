import { qbxmlStatus, type QbxmlStatus } from '../../src/protocol/qbxml-status.js';
import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';
import type { UserRole } from '../store/company-records.js';
import type { CompanyStore } from '../store/company-store.js';
import { childText, type XmlElement } from './xml-element.js';

/*
 * Who may do what through qbXML (issue item 7; facts §3.2–3.4, §6.3). One check per request, made by the processor
 * before the handler runs, and one filter over every answer. The tables below are the whole policy; each choice is a
 * fidelity note in mock-qb/README.md.
 *
 * 1. An application that declared itself read-only (AuthPreferences PutIsReadOnly(true), recorded on its grant)
 *    cannot write: every request that is not a query answers 3260. Exception: private data extensions (a GUID
 *    OwnerID) on the Company and their definitions, which is how the Web Connector keeps FileID and AppLock for
 *    read-only .qwc applications too.
 * 2. The session's QuickBooks user (the login-as user of an auto-login session, else the one logged in at the UI)
 *    needs the right for the request's area: Admin and "All areas" users have every right; an External Accountant
 *    every right except personal data; a "Selected areas" user what AREA_DEFAULTS or setUserAreas() give. → 3260.
 * 3. Personal data (customer credit cards, Social Security numbers): writing it needs the grant's personal-data box
 *    (→ 3261) and a user who may see it (External Accountant → 3260). Reading never fails: without both, the fields
 *    are left out of every Ret.
 */

/** The areas of QuickBooks' "Selected areas" user setup the simulator distinguishes. */
export type Area = 'sales' | 'purchases' | 'banking' | 'inventory' | 'time' | 'payroll' | 'accounting' | 'reports';

/** A "Selected areas" right: none (not even viewing), read (view only), full (create, modify, delete). */
export type AreaAccess = 'none' | 'read' | 'full';

export const AREAS: readonly Area[] = [
  'sales',
  'purchases',
  'banking',
  'inventory',
  'time',
  'payroll',
  'accounting',
  'reports',
];

/** A "Selected areas" user nobody configured: full accounts payable, every other area view-only. */
export const AREA_DEFAULTS: Readonly<Record<Area, AreaAccess>> = {
  sales: 'read',
  purchases: 'full',
  banking: 'read',
  inventory: 'read',
  time: 'read',
  payroll: 'read',
  accounting: 'read',
  reports: 'read',
};

/**
 * The area of an object type (the request name without `Add`/`Mod`/`Query`… and `Rq`; a `TxnDelType`,
 * `ListDelType` or data extension object type). Objects not listed (classes, terms, payment methods, sales tax codes,
 * the company, host and preferences) belong to no area: every user may read and write them.
 */
const OBJECT_AREAS: Readonly<Record<string, Area>> = {
  Customer: 'sales',
  CustomerType: 'sales',
  Invoice: 'sales',
  ReceivePayment: 'sales',
  ReceivePaymentToDeposit: 'sales',
  SalesReceipt: 'sales',
  Estimate: 'sales',
  SalesOrder: 'sales',
  CreditMemo: 'sales',
  Charge: 'sales',
  ARRefundCreditCard: 'sales',
  Vendor: 'purchases',
  VendorType: 'purchases',
  Bill: 'purchases',
  BillToPay: 'purchases',
  BillPaymentCheck: 'purchases',
  BillPaymentCreditCard: 'purchases',
  VendorCredit: 'purchases',
  PurchaseOrder: 'purchases',
  ItemReceipt: 'purchases',
  Check: 'banking',
  Deposit: 'banking',
  CreditCardCharge: 'banking',
  CreditCardCredit: 'banking',
  Transfer: 'banking',
  Item: 'inventory',
  InventoryAdjustment: 'inventory',
  BuildAssembly: 'inventory',
  TimeTracking: 'time',
  Employee: 'payroll',
  Account: 'accounting',
  JournalEntry: 'accounting',
};

/**
 * Personal-data fields a request may carry (paths below the request element). Writing any of them needs the
 * personal-data grant and a user allowed to see it.
 */
export const PERSONAL_DATA_REQUEST_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CustomerAddRq: ['CustomerAdd/CreditCardInfo'],
  CustomerModRq: ['CustomerMod/CreditCardInfo'],
  EmployeeAddRq: ['EmployeeAdd/SSN'],
  ReceivePaymentAddRq: ['ReceivePaymentAdd/CreditCardTxnInfo'],
  SalesReceiptAddRq: ['SalesReceiptAdd/CreditCardTxnInfo', 'SalesReceiptAdd/SalesReceiptLineAdd/CreditCardTxnInfo'],
  CreditMemoAddRq: ['CreditMemoAdd/CreditMemoLineAdd/CreditCardTxnInfo'],
  ARRefundCreditCardAddRq: ['ARRefundCreditCardAdd/CreditCardTxnInfo'],
};

/** Personal-data fields of Ret aggregates (direct children), left out when the session may not see them. */
export const PERSONAL_DATA_RET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  CustomerRet: ['CreditCardInfo'],
  EmployeeRet: ['SSN'],
  CompanyRet: ['SSN'],
  ReceivePaymentRet: ['CreditCardTxnInfo'],
  SalesReceiptRet: ['CreditCardTxnInfo'],
  SalesReceiptLineRet: ['CreditCardTxnInfo'],
  CreditMemoLineRet: ['CreditCardTxnInfo'],
  ARRefundCreditCardRet: ['CreditCardTxnInfo'],
};

const PERSONAL_FIELD_NAMES = new Set(Object.values(PERSONAL_DATA_RET_FIELDS).flat());

/** The responses that can carry those Rets (`CustomerQueryRs`, `CompanyQueryRs`, …): only they are scanned. */
const PERSONAL_RS =
  /^(?:Customer|Employee|Company|ReceivePayment|SalesReceipt|CreditMemo|ARRefundCreditCard)[A-Za-z]*Rs$/;

/** Queries read; every other request (Add, Mod, Del, Void, TxnDel, ListDel, DataExt…, display requests) writes. */
export function isWriteRequest(name: string): boolean {
  return !name.endsWith('QueryRq');
}

const OPERATION = /^(.*?)(?:Add|Mod|Del|Void|Query)Rq$/;

/** The object type a request acts on, for the area table (`VendorAddRq` → `Vendor`, `TxnDelRq` → its TxnDelType). */
function objectOf(rq: XmlElement): string | undefined {
  switch (rq.name) {
    case 'TxnDelRq':
      return childText(rq, 'TxnDelType')?.trim();
    case 'TxnVoidRq':
      return childText(rq, 'TxnVoidType')?.trim();
    case 'ListDelRq':
      return childText(rq, 'ListDelType')?.trim();
    case 'DataExtAddRq':
    case 'DataExtModRq':
    case 'DataExtDelRq': {
      const ext = rq.children[0];
      return ext && (childText(ext, 'ListDataExtType') ?? childText(ext, 'TxnDataExtType'))?.trim();
    }
  }
  if (/ReportQueryRq$/.test(rq.name)) return 'Report';
  const base = OPERATION.exec(rq.name)?.[1];
  if (base === undefined) return undefined;
  return base.startsWith('Item') ? 'Item' : base;
}

function areaOf(rq: XmlElement): Area | undefined {
  const object = objectOf(rq);
  if (object === undefined) return undefined;
  if (object === 'Report') return 'reports';
  return OBJECT_AREAS[object.startsWith('Item') ? 'Item' : object];
}

/** Whether a read-only application may still send this write: private data extensions on the Company (QBWC). */
function readOnlyExempt(rq: XmlElement): boolean {
  if (rq.name === 'DataExtDefDelRq') return isPrivateOwner(childText(rq, 'OwnerID'));
  if (!rq.name.startsWith('DataExt')) return false;
  const el = rq.children[0];
  if (!el || !isPrivateOwner(childText(el, 'OwnerID'))) return false;
  if (rq.name.startsWith('DataExtDef')) return true;
  return childText(el, 'OtherDataExtType')?.trim() === 'Company';
}

function isPrivateOwner(ownerId: string | undefined): boolean {
  const id = ownerId?.trim();
  return id !== undefined && id !== '' && id !== '0';
}

function hasPath(el: XmlElement, path: string): boolean {
  const [first, ...rest] = path.split('/');
  for (const c of el.children) {
    if (c.name !== first) continue;
    if (!rest.length || hasPath(c, rest.join('/'))) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------- "Selected areas"

/**
 * The rights of a "Selected areas" user (Company › Set Up Users › Selected areas), kept in the company file beside
 * the user. Areas not set keep their {@link AREA_DEFAULTS}.
 */
export function setUserAreas(store: CompanyStore, userName: string, areas: Partial<Record<Area, AreaAccess>>): void {
  store.transaction(() => {
    for (const [area, access] of Object.entries(areas)) store.userAreas.put(userName, area, access);
  });
}

/** A "Selected areas" user's rights, defaults filled in. */
export function userAreas(store: CompanyStore, userName: string): Record<Area, AreaAccess> {
  const rows = store.userAreas.get(userName) as { area: Area; access: AreaAccess }[];
  const areas = { ...AREA_DEFAULTS };
  for (const r of rows) if (AREAS.includes(r.area)) areas[r.area] = r.access;
  return areas;
}

// ---------------------------------------------------------------------------------------------- the check

/** What one session may do, read once per message set from the grant and the user. */
export class RequestPermissions {
  readonly #host: QbHost;
  readonly #session: SessionInfo;
  readonly #readOnly: boolean;
  readonly #personalDataGranted: boolean;
  readonly #role: UserRole | undefined;
  readonly #areas: Record<Area, AreaAccess> | undefined;

  private constructor(host: QbHost, session: SessionInfo, store: CompanyStore) {
    this.#host = host;
    this.#session = session;
    const grant = store.getApp(session.appName);
    this.#readOnly = grant?.requested.isReadOnly ?? false;
    this.#personalDataGranted = grant?.personalData ?? false;
    const user = session.user ? store.getUser(session.user) : undefined;
    this.#role = user?.role;
    this.#areas = user?.role === 'selected-areas' ? userAreas(store, user.name) : undefined;
  }

  static forSession(host: QbHost, session: SessionInfo, store: CompanyStore): RequestPermissions {
    return new RequestPermissions(host, session, store);
  }

  /** Whether personal-data fields appear in this session's answers. */
  get seesPersonalData(): boolean {
    return this.#personalDataGranted && this.#role !== 'external-accountant';
  }

  /** The refusal of a request (3260 / 3261), or undefined when it may run. */
  check(rq: XmlElement): QbxmlStatus | undefined {
    const write = isWriteRequest(rq.name);
    if (write && this.#readOnly && !readOnlyExempt(rq)) {
      return this.#refuse(rq, 'insufficientPermission', 'the application asked for read-only access');
    }
    if (this.#areas) {
      const area = areaOf(rq);
      const access = area ? this.#areas[area] : 'full';
      if (access === 'none' || (write && access !== 'full')) {
        return this.#refuse(
          rq,
          'insufficientPermission',
          `user "${this.#session.user}" has ${access} access to the ${area} area`,
        );
      }
    }
    const personal = PERSONAL_DATA_REQUEST_FIELDS[rq.name];
    if (personal?.some((p) => hasPath(rq, p))) {
      if (!this.#personalDataGranted) {
        return this.#refuse(rq, 'noPersonalDataPermission', 'the application may not access personal data');
      }
      if (this.#role === 'external-accountant') {
        return this.#refuse(
          rq,
          'insufficientPermission',
          `user "${this.#session.user}" is an External Accountant (no sensitive customer data)`,
        );
      }
    }
    return undefined;
  }

  /** An Rs element's content without the personal-data fields this session may not see. */
  filterBody(rsName: string, body: string[] | undefined): string[] | undefined {
    if (!body?.length || this.seesPersonalData || !PERSONAL_RS.test(rsName)) return body;
    const text = body.join('');
    if (![...PERSONAL_FIELD_NAMES].some((f) => text.includes(`<${f}>`) || text.includes(`<${f} `))) return body;
    return [withoutPersonalData(text)];
  }

  #refuse(rq: XmlElement, key: 'insufficientPermission' | 'noPersonalDataPermission', why: string): QbxmlStatus {
    const status = qbxmlStatus(key);
    this.#host.log('qbxml', 'qbxml.permission-refused', `${rq.name} refused with ${status.statusCode}: ${why}`, {
      appName: this.#session.appName,
      user: this.#session.user,
      request: rq.name,
      statusCode: status.statusCode,
    });
    return status;
  }
}

const TAG = /<(\/?)([A-Za-z][A-Za-z0-9_]*)[^>]*?(\/?)>/g;

/** Removes personal-data elements that are direct children of the Ret aggregates that hold them. */
function withoutPersonalData(xml: string): string {
  const stack: string[] = [];
  let out = '';
  let copiedTo = 0;
  let skipFrom = -1;
  let skipDepth = 0;
  for (const m of xml.matchAll(TAG)) {
    const [token, close, name, selfClose] = m as unknown as [string, string, string, string];
    const at = m.index;
    if (close) {
      stack.pop();
      if (skipFrom >= 0 && stack.length === skipDepth) {
        let end = at + token.length;
        if (xml[end] === '\n') end++;
        out += xml.slice(copiedTo, skipFrom);
        copiedTo = end;
        skipFrom = -1;
      }
      continue;
    }
    if (skipFrom < 0) {
      const parent = stack[stack.length - 1];
      if (parent !== undefined && PERSONAL_DATA_RET_FIELDS[parent]?.includes(name)) {
        if (selfClose) {
          let end = at + token.length;
          if (xml[end] === '\n') end++;
          out += xml.slice(copiedTo, at);
          copiedTo = end;
          continue;
        }
        skipFrom = at;
        skipDepth = stack.length;
      }
    }
    if (!selfClose) stack.push(name);
  }
  return out + xml.slice(copiedTo);
}
