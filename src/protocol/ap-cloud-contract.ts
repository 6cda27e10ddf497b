/**
 * The fake AP cloud's HTTP contract: what the reference connector (src/connector) and the cloud
 * (src/cloud) agree on. JSON in and out. The connector API authenticates with the company file's
 * token key (`Authorization: Bearer <tokenKey>`) and names the company file it speaks for in
 * `X-Qb-File-Path` / `X-Qb-File-Id` on every call; the first `hello` binds a token to that identity
 * and the cloud refuses the token from any other company file.
 *
 * Connector API (prefix {@link CLOUD_API_PREFIX}):
 *
 *   POST /hello        HelloRequest   → 200 HelloResponse | 401/403 CloudErrorBody
 *   GET  /work                        → 200 WorkResponse   (what the connector must write to QuickBooks)
 *   POST /results      ResultsRequest → 200 { accepted }   (what happened to each piece of work)
 *   POST /qb-data      QbDataRequest  → 200 { accepted }   (QuickBooks → cloud: vendors, accounts, terms, bills, paid status)
 *   POST /heartbeat    HeartbeatRequest → 200 { ok: true }
 *
 * Admin API (prefix {@link CLOUD_ADMIN_PREFIX}, for tests, scenarios and people):
 *
 *   POST /companies                          { name }                    → 201 { companyId }
 *   POST /companies/{companyId}/keys         {}   "Get New Key"          → 201 { tokenKey } (revokes the previous key)
 *   POST /keys/revoke                        { tokenKey }                → 200 { ok: true }
 *   POST /companies/{companyId}/vendors      VendorFields                → 201 { cloudId }   (a vendor to create in QuickBooks)
 *   PATCH /companies/{companyId}/vendors/{cloudId}  Partial<VendorFields> → 200 { ok: true } (an edit to send to QuickBooks)
 *   POST /companies/{companyId}/bills        NewCloudBill                → 201 { cloudId }   (approved → work for the connector)
 *   POST /companies/{companyId}/payments     NewCloudPayment             → 201 { cloudId }
 *   GET  /companies/{companyId}/state                                    → 200 CloudCompanyState
 *   GET  /state                                                          → 200 { companies: CloudCompanyState[] }
 *   POST /reset                                                          → 200 { ok: true }
 */
export const CLOUD_API_PREFIX = '/api/v1';
export const CLOUD_ADMIN_PREFIX = '/admin';
/** The port `qbd-sim cloud serve` listens on by default. */
export const DEFAULT_CLOUD_PORT = 4520;

/**
 * Headers the connector sends on every connector-API call. HTTP header values are bytes: a path with characters
 * outside printable ASCII travels percent-encoded (`encodeURI`); the cloud matches the raw and the decoded form.
 */
export const CLOUD_HEADERS = {
  filePath: 'x-qb-file-path',
  fileId: 'x-qb-file-id',
} as const;

/** The identity of a company file: its Windows path and a file id (QBWC FileID, or the GUID the connector stamps). */
export interface CompanyFileIdentity {
  path: string;
  fileId: string;
}

export interface HelloRequest {
  companyFile: CompanyFileIdentity;
  connector: { name: string; version: string; transport: 'rp2' | 'qbwc' };
}

export interface HelloResponse {
  companyId: string;
  companyName: string;
  /** The identity the token is bound to (equal to the one sent). */
  boundTo: CompanyFileIdentity;
}

/** Why the cloud refused a token. */
export type CloudErrorCode =
  'token_missing' | 'token_unknown' | 'token_revoked' | 'token_bound_to_other_file' | 'not_found' | 'bad_request';

export interface CloudErrorBody {
  error: CloudErrorCode;
  message: string;
  /** With `token_bound_to_other_file`: the identity the token belongs to. */
  boundTo?: CompanyFileIdentity;
}

/** Vendor fields the cloud keeps and sends (a subset of QuickBooks' VendorAdd). */
export interface VendorFields {
  name: string;
  companyName?: string;
  email?: string;
  phone?: string;
  address?: { addr1?: string; city?: string; state?: string; postalCode?: string };
  termsName?: string;
  accountNumber?: string;
  isActive?: boolean;
}

/** A vendor to create in QuickBooks (`add`, no ListID yet) or an edit to apply (`mod`). */
export interface VendorWork {
  cloudId: string;
  op: 'add' | 'mod';
  fields: VendorFields;
  /** For `mod`: the QuickBooks record the cloud knows. */
  qbListId?: string;
  /** For `mod`: the EditSequence the cloud last saw (a conflict check). */
  qbEditSequence?: string;
}

export interface BillLine {
  /** Expense account by QuickBooks full name (`Office Supplies`). */
  accountName: string;
  /** Dollars with two decimals (`123.45`). */
  amount: string;
  memo?: string;
}

/** An approved bill to enter in QuickBooks as an open bill. */
export interface BillWork {
  cloudId: string;
  vendor: { cloudId?: string; qbListId?: string; name: string };
  refNumber?: string;
  /** YYYY-MM-DD */
  txnDate: string;
  dueDate?: string;
  memo?: string;
  lines: BillLine[];
}

/** A payment made in the cloud, to record as a bill payment applied to its bill. */
export interface PaymentWork {
  cloudId: string;
  billCloudId: string;
  /** Known once the bill was entered. */
  qbBillTxnId?: string;
  vendor: { qbListId?: string; name: string };
  amount: string;
  /** Bank account by QuickBooks full name (`Checking`). */
  bankAccountName: string;
  /** YYYY-MM-DD */
  date: string;
  refNumber?: string;
}

export interface WorkResponse {
  vendors: VendorWork[];
  bills: BillWork[];
  payments: PaymentWork[];
}

/** What happened to one piece of work. */
export interface WorkResult {
  kind: 'vendor' | 'bill' | 'payment';
  cloudId: string;
  ok: boolean;
  /** The QuickBooks id written or found (ListID / TxnID). */
  qbId?: string;
  qbEditSequence?: string;
  /** True when the connector found the record already in QuickBooks (a retry of a write whose answer was lost). */
  alreadyPresent?: boolean;
  /** When not ok: QuickBooks' status, or a conflict the connector reports instead of overwriting. */
  error?: { statusCode?: number; message: string; conflict?: boolean };
}

export interface ResultsRequest {
  results: WorkResult[];
}

/** QuickBooks data the connector uploads. */
export interface QbVendor {
  listId: string;
  editSequence: string;
  name: string;
  isActive: boolean;
  balance: string;
  timeModified: string;
}
export interface QbAccount {
  listId: string;
  fullName: string;
  accountType: string;
  isActive: boolean;
}
export interface QbTerms {
  listId: string;
  name: string;
  kind: 'standard' | 'date-driven';
}
export interface QbBill {
  txnId: string;
  editSequence: string;
  vendorListId: string;
  refNumber?: string;
  txnDate: string;
  amountDue: string;
  openAmount: string;
  isPaid: boolean;
  timeModified: string;
  /** Set when the bill was written by the connector for a cloud bill. */
  cloudId?: string;
}

export interface QbDataRequest {
  vendors?: QbVendor[];
  accounts?: QbAccount[];
  terms?: QbTerms[];
  bills?: QbBill[];
}

export interface HeartbeatRequest {
  status: string;
  detail?: Record<string, unknown>;
}

/** New cloud bill (admin). */
export interface NewCloudBill {
  vendorCloudId?: string;
  vendorName?: string;
  refNumber?: string;
  txnDate: string;
  dueDate?: string;
  memo?: string;
  lines: BillLine[];
  /** Approved bills become work; default true. */
  approved?: boolean;
}

/** New cloud payment (admin). */
export interface NewCloudPayment {
  billCloudId: string;
  amount: string;
  bankAccountName?: string;
  date: string;
  refNumber?: string;
}

/** The cloud's view of one company (admin). Token keys are never listed, only whether one is active. */
export interface CloudCompanyState {
  companyId: string;
  name: string;
  activeKey: boolean;
  boundTo: CompanyFileIdentity | null;
  vendors: (VendorFields & {
    cloudId: string;
    qbListId?: string;
    qbEditSequence?: string;
    pending: boolean;
    conflict?: string;
    /** A result that failed without a conflict (QuickBooks' status and message); not re-sent until an admin edit. */
    error?: string;
  })[];
  bills: (NewCloudBill & {
    cloudId: string;
    qbTxnId?: string;
    status: 'pending' | 'entered' | 'failed';
    error?: string;
  })[];
  payments: (NewCloudPayment & {
    cloudId: string;
    qbTxnId?: string;
    status: 'pending' | 'recorded' | 'failed';
    error?: string;
  })[];
  /** What the connector uploaded from QuickBooks. */
  qb: Required<QbDataRequest>;
  lastHeartbeat: { at: string; status: string } | null;
}
