import { createHash } from 'node:crypto';
import type {
  BillWork,
  CloudCompanyState,
  CompanyFileIdentity,
  HeartbeatRequest,
  HelloRequest,
  HelloResponse,
  NewCloudBill,
  NewCloudPayment,
  PaymentWork,
  QbAccount,
  QbBill,
  QbDataRequest,
  QbTerms,
  QbVendor,
  VendorFields,
  VendorWork,
  WorkResponse,
  WorkResult,
} from '../protocol/ap-cloud-contract.js';
import { SystemCloudClock, type CloudClock } from './cloud-clock.js';
import { CloudError } from './cloud-error.js';
import { CloudIdSource } from './cloud-id-source.js';

/** Options of {@link ApCloud}. */
export interface ApCloudOptions {
  /** Default: the system clock. */
  clock?: CloudClock;
  /** Default: a new id source, seeded with `seed` when given (reproducible keys and ids), else random. */
  ids?: CloudIdSource;
  /** Seed for token keys and ids (ignored when `ids` is given). */
  seed?: string | number;
}

/** The company a token key belongs to, as an authenticated connector call sees it. */
export interface CloudSession {
  companyId: string;
  companyName: string;
  boundTo: CompanyFileIdentity;
}

type VendorState = CloudCompanyState['vendors'][number];
type BillState = CloudCompanyState['bills'][number];
type PaymentState = CloudCompanyState['payments'][number];

interface TokenRecord {
  companyId: string;
  revoked: boolean;
  boundTo: CompanyFileIdentity | null;
  issuedAt: number;
}

interface CompanyRecord {
  companyId: string;
  name: string;
  /** sha-256 of the active key; the key itself is never kept. */
  activeKeyHash: string | null;
  vendors: Map<string, VendorState>;
  bills: Map<string, BillState>;
  payments: Map<string, PaymentState>;
  qb: {
    vendors: Map<string, QbVendor>;
    accounts: Map<string, QbAccount>;
    terms: Map<string, QbTerms>;
    bills: Map<string, QbBill>;
  };
  lastHeartbeat: { at: string; status: string } | null;
}

/** Everything the cloud holds, as {@link ApCloud.snapshot} returns it (token keys only as hashes). */
export interface ApCloudSnapshot {
  readonly companies: ReadonlyMap<string, unknown>;
  readonly tokens: ReadonlyMap<string, unknown>;
}

/** The bank account a payment is drawn on when the cloud payment names none. */
export const DEFAULT_BANK_ACCOUNT = 'Checking';

/**
 * The fake AP cloud: companies (one per company file), their token keys, and the vendors, bills and payments the
 * connector syncs — no HTTP here (see `createCloudHandlers`). Refusals are {@link CloudError}s with the contract's codes.
 *
 * Token keys: "Get New Key" issues a key for one company and revokes the previous one. The first `hello` binds a key
 * to the company file identity (path + file id) it comes from; from any other identity it is refused with
 * `token_bound_to_other_file`. Keys are stored only as sha-256 hashes and never appear in the state.
 *
 * Work: a vendor add or edit is work until a result (a conflict result parks the vendor as `conflict` until an admin
 * edit); an approved bill is work until a result says entered (or failed); a payment is work once its bill has a
 * QuickBooks TxnID, until a result says recorded (or failed). Results are idempotent: a repeated result for the same
 * cloudId changes nothing.
 */
export class ApCloud {
  readonly clock: CloudClock;
  readonly ids: CloudIdSource;
  #companies = new Map<string, CompanyRecord>();
  #tokens = new Map<string, TokenRecord>();

  constructor(opts: ApCloudOptions = {}) {
    this.clock = opts.clock ?? new SystemCloudClock();
    this.ids = opts.ids ?? new CloudIdSource(opts.seed);
  }

  // ------------------------------------------------------------------ admin: companies and keys

  createCompany(name: string): { companyId: string } {
    if (typeof name !== 'string' || name.trim() === '') throw new CloudError('bad_request', 'a company needs a name');
    const companyId = this.ids.id('co');
    this.#companies.set(companyId, {
      companyId,
      name,
      activeKeyHash: null,
      vendors: new Map(),
      bills: new Map(),
      payments: new Map(),
      qb: { vendors: new Map(), accounts: new Map(), terms: new Map(), bills: new Map() },
      lastHeartbeat: null,
    });
    return { companyId };
  }

  /** "Get New Key": a new token key for the company; the previous key (if any) is revoked. */
  getNewKey(companyId: string): { tokenKey: string } {
    const company = this.#company(companyId);
    if (company.activeKeyHash) this.#tokens.get(company.activeKeyHash)!.revoked = true;
    const tokenKey = this.ids.tokenKey();
    const hash = hashKey(tokenKey);
    this.#tokens.set(hash, { companyId, revoked: false, boundTo: null, issuedAt: this.clock.now() });
    company.activeKeyHash = hash;
    return { tokenKey };
  }

  /** Revokes a key (idempotent); `not_found` when the cloud never issued it. */
  revokeKey(tokenKey: string): void {
    const hash = typeof tokenKey === 'string' ? hashKey(tokenKey) : '';
    const token = this.#tokens.get(hash);
    if (!token) throw new CloudError('not_found', 'the cloud never issued that token key');
    token.revoked = true;
    const company = this.#companies.get(token.companyId);
    if (company?.activeKeyHash === hash) company.activeKeyHash = null;
  }

  // ------------------------------------------------------------------ connector API

  /** Refuses a missing, unknown or revoked key (the first check of every connector-API call). */
  checkToken(tokenKey: string | undefined): void {
    this.#token(tokenKey);
  }

  /**
   * `POST /hello`: checks the key and binds it to `req.companyFile` on first use. `headerIdentity` is what the
   * identity headers said, if anything; when present it must agree with the body.
   */
  hello(tokenKey: string | undefined, req: HelloRequest, headerIdentity?: Partial<CompanyFileIdentity>): HelloResponse {
    const { token, company } = this.#token(tokenKey);
    const identity = req.companyFile;
    if (!isIdentity(identity)) {
      throw new CloudError('bad_request', 'hello needs companyFile: { path, fileId } (non-empty strings)');
    }
    if (
      headerIdentity &&
      (headerIdentity.path !== undefined || headerIdentity.fileId !== undefined) &&
      !(isIdentity(headerIdentity) && sameIdentity(identity, headerIdentity))
    ) {
      throw new CloudError('bad_request', 'the X-Qb-File-Path / X-Qb-File-Id headers disagree with companyFile');
    }
    if (token.boundTo && !sameIdentity(token.boundTo, identity)) throw boundElsewhere(token.boundTo);
    token.boundTo ??= { path: identity.path, fileId: identity.fileId };
    return { companyId: company.companyId, companyName: company.name, boundTo: { ...token.boundTo } };
  }

  /**
   * Authenticates a connector-API call after `hello`: the key must be live and bound to exactly the identity the
   * call names (its identity headers).
   */
  authenticate(tokenKey: string | undefined, identity: Partial<CompanyFileIdentity> | undefined): CloudSession {
    const { token, company } = this.#token(tokenKey);
    if (!identity || !isIdentity(identity)) {
      throw new CloudError(
        'bad_request',
        'every connector-API call names its company file: X-Qb-File-Path and X-Qb-File-Id',
      );
    }
    if (!token.boundTo) {
      throw new CloudError('bad_request', 'this token key has not been used yet: POST /api/v1/hello first');
    }
    if (!sameIdentity(token.boundTo, identity)) throw boundElsewhere(token.boundTo);
    return { companyId: company.companyId, companyName: company.name, boundTo: { ...token.boundTo } };
  }

  /** `GET /work`: what the connector must write to QuickBooks now. */
  work(companyId: string): WorkResponse {
    const company = this.#company(companyId);
    const vendors: VendorWork[] = [];
    for (const v of company.vendors.values()) {
      if (!v.pending || v.conflict !== undefined) continue;
      vendors.push({
        cloudId: v.cloudId,
        op: v.qbListId ? 'mod' : 'add',
        fields: vendorFields(v),
        ...(v.qbListId ? { qbListId: v.qbListId } : {}),
        ...(v.qbListId && v.qbEditSequence ? { qbEditSequence: v.qbEditSequence } : {}),
      });
    }
    const bills: BillWork[] = [];
    for (const b of company.bills.values()) {
      if (b.approved === false || b.status !== 'pending') continue;
      bills.push({
        cloudId: b.cloudId,
        vendor: this.#billVendor(company, b),
        ...(b.refNumber !== undefined ? { refNumber: b.refNumber } : {}),
        txnDate: b.txnDate,
        ...(b.dueDate !== undefined ? { dueDate: b.dueDate } : {}),
        ...(b.memo !== undefined ? { memo: b.memo } : {}),
        lines: b.lines.map((l) => ({ ...l })),
      });
    }
    const payments: PaymentWork[] = [];
    for (const p of company.payments.values()) {
      const bill = company.bills.get(p.billCloudId);
      if (p.status !== 'pending' || !bill?.qbTxnId) continue;
      const vendor = this.#billVendor(company, bill);
      payments.push({
        cloudId: p.cloudId,
        billCloudId: p.billCloudId,
        qbBillTxnId: bill.qbTxnId,
        vendor: { ...(vendor.qbListId ? { qbListId: vendor.qbListId } : {}), name: vendor.name },
        amount: p.amount,
        bankAccountName: p.bankAccountName ?? DEFAULT_BANK_ACCOUNT,
        date: p.date,
        ...(p.refNumber !== undefined ? { refNumber: p.refNumber } : {}),
      });
    }
    return { vendors, bills, payments };
  }

  /**
   * `POST /results`: what happened to each piece of work. All results are checked before any is applied (an unknown
   * cloudId or an `ok` without its QuickBooks id refuses the whole batch). Repeats are harmless: a result for work
   * that is no longer pending changes nothing — except that a late `ok` for a bill or payment marked failed records
   * it (QuickBooks has it after all). Returns how many results were accepted (repeats included).
   */
  postResults(companyId: string, results: readonly WorkResult[]): { accepted: number } {
    const company = this.#company(companyId);
    for (const r of results) {
      const found =
        r.kind === 'vendor'
          ? company.vendors.get(r.cloudId)
          : r.kind === 'bill'
            ? company.bills.get(r.cloudId)
            : r.kind === 'payment'
              ? company.payments.get(r.cloudId)
              : undefined;
      if (!found) throw new CloudError('not_found', `no ${String(r.kind)} ${String(r.cloudId)} in this company`);
      if (r.ok && !r.qbId && (r.kind !== 'vendor' || !(found as VendorState).qbListId)) {
        throw new CloudError('bad_request', `the ok result for ${r.kind} ${r.cloudId} needs qbId (the ListID/TxnID)`);
      }
    }
    for (const r of results) {
      if (r.kind === 'vendor') applyVendorResult(company.vendors.get(r.cloudId)!, r);
      else if (r.kind === 'bill') applyTxnResult(company.bills.get(r.cloudId)!, r, 'entered');
      else applyTxnResult(company.payments.get(r.cloudId)!, r, 'recorded');
    }
    return { accepted: results.length };
  }

  /** `POST /qb-data`: QuickBooks data the connector uploads, upserted by ListID/TxnID. */
  postQbData(companyId: string, data: QbDataRequest): { accepted: number } {
    const company = this.#company(companyId);
    let accepted = 0;
    const upsert = <T>(into: Map<string, T>, records: readonly T[] | undefined, id: (record: T) => string): void => {
      for (const record of records ?? []) {
        into.set(id(record), structuredClone(record));
        accepted++;
      }
    };
    upsert(company.qb.vendors, data.vendors, (v) => v.listId);
    upsert(company.qb.accounts, data.accounts, (a) => a.listId);
    upsert(company.qb.terms, data.terms, (t) => t.listId);
    upsert(company.qb.bills, data.bills, (b) => b.txnId);
    return { accepted };
  }

  /** `POST /heartbeat`. */
  heartbeat(companyId: string, req: HeartbeatRequest): { ok: true } {
    const company = this.#company(companyId);
    company.lastHeartbeat = { at: new Date(this.clock.now()).toISOString(), status: req.status };
    return { ok: true };
  }

  // ------------------------------------------------------------------ admin: vendors, bills, payments

  /** A vendor to create in QuickBooks. */
  createVendor(companyId: string, fields: VendorFields): { cloudId: string } {
    const company = this.#company(companyId);
    if (typeof fields?.name !== 'string' || fields.name.trim() === '') {
      throw new CloudError('bad_request', 'a vendor needs a name');
    }
    const cloudId = this.ids.id('v');
    company.vendors.set(cloudId, { ...(copyVendorFields(fields) as VendorFields), cloudId, pending: true });
    return { cloudId };
  }

  /** An edit to send to QuickBooks; also clears a conflict or an error (the admin decided). */
  editVendor(companyId: string, cloudId: string, patch: Partial<VendorFields>): void {
    const vendor = this.#company(companyId).vendors.get(cloudId);
    if (!vendor) throw new CloudError('not_found', `no vendor ${cloudId} in this company`);
    if (patch.name !== undefined && (typeof patch.name !== 'string' || patch.name.trim() === '')) {
      throw new CloudError('bad_request', 'a vendor needs a name');
    }
    Object.assign(vendor, copyVendorFields(patch));
    vendor.pending = true;
    delete vendor.conflict;
    delete vendor.error;
  }

  /** A bill; approved bills (the default) become work for the connector. */
  createBill(companyId: string, bill: NewCloudBill): { cloudId: string } {
    const company = this.#company(companyId);
    if (bill.vendorCloudId !== undefined && !company.vendors.has(bill.vendorCloudId)) {
      throw new CloudError('not_found', `no vendor ${bill.vendorCloudId} in this company`);
    }
    if (bill.vendorCloudId === undefined && !bill.vendorName) {
      throw new CloudError('bad_request', 'a bill needs vendorCloudId or vendorName');
    }
    if (!Array.isArray(bill.lines) || bill.lines.length === 0) {
      throw new CloudError('bad_request', 'a bill needs at least one line');
    }
    const cloudId = this.ids.id('b');
    company.bills.set(cloudId, {
      ...structuredClone(bill),
      approved: bill.approved ?? true,
      cloudId,
      status: 'pending',
    });
    return { cloudId };
  }

  /** A payment of a cloud bill; it becomes work once the bill is in QuickBooks. */
  createPayment(companyId: string, payment: NewCloudPayment): { cloudId: string } {
    const company = this.#company(companyId);
    if (!company.bills.has(payment.billCloudId)) {
      throw new CloudError('not_found', `no bill ${payment.billCloudId} in this company`);
    }
    const cloudId = this.ids.id('p');
    company.payments.set(cloudId, { ...structuredClone(payment), cloudId, status: 'pending' });
    return { cloudId };
  }

  // ------------------------------------------------------------------ state

  /** One company as the admin API shows it (no token keys: only whether one is active). */
  companyState(companyId: string): CloudCompanyState {
    const c = this.#company(companyId);
    const token = c.activeKeyHash ? this.#tokens.get(c.activeKeyHash) : undefined;
    return structuredClone({
      companyId: c.companyId,
      name: c.name,
      activeKey: token !== undefined && !token.revoked,
      boundTo: token?.boundTo ?? null,
      vendors: [...c.vendors.values()],
      bills: [...c.bills.values()],
      payments: [...c.payments.values()],
      qb: {
        vendors: [...c.qb.vendors.values()],
        accounts: [...c.qb.accounts.values()],
        terms: [...c.qb.terms.values()],
        bills: [...c.qb.bills.values()],
      },
      lastHeartbeat: c.lastHeartbeat,
    });
  }

  state(): { companies: CloudCompanyState[] } {
    return { companies: [...this.#companies.keys()].map((id) => this.companyState(id)) };
  }

  /** Forgets every company and key (the id source goes on). */
  reset(): void {
    this.#companies.clear();
    this.#tokens.clear();
  }

  /** A copy of everything (keys as hashes), for {@link restore}. */
  snapshot(): ApCloudSnapshot {
    return structuredClone({ companies: this.#companies, tokens: this.#tokens });
  }

  restore(snapshot: ApCloudSnapshot): void {
    const copy = structuredClone(snapshot) as {
      companies: Map<string, CompanyRecord>;
      tokens: Map<string, TokenRecord>;
    };
    this.#companies = copy.companies;
    this.#tokens = copy.tokens;
  }

  // ------------------------------------------------------------------ internals

  #company(companyId: string): CompanyRecord {
    const company = this.#companies.get(companyId);
    if (!company) throw new CloudError('not_found', `no company ${String(companyId)}`);
    return company;
  }

  #token(tokenKey: string | undefined): { token: TokenRecord; company: CompanyRecord } {
    if (typeof tokenKey !== 'string' || tokenKey === '') {
      throw new CloudError('token_missing', 'no token key: send Authorization: Bearer <token key>');
    }
    const token = this.#tokens.get(hashKey(tokenKey));
    const company = token ? this.#companies.get(token.companyId) : undefined;
    if (!token || !company) throw new CloudError('token_unknown', 'the cloud never issued this token key');
    if (token.revoked) {
      throw new CloudError('token_revoked', 'this token key was revoked; get a new key in the cloud (Get New Key)');
    }
    return { token, company };
  }

  #billVendor(company: CompanyRecord, bill: BillState): BillWork['vendor'] {
    const cloudVendor = bill.vendorCloudId !== undefined ? company.vendors.get(bill.vendorCloudId) : undefined;
    const name = cloudVendor?.name ?? bill.vendorName ?? '';
    const qbListId = cloudVendor?.qbListId ?? findQbVendorByName(company, name)?.listId;
    return {
      ...(cloudVendor ? { cloudId: cloudVendor.cloudId } : {}),
      ...(qbListId ? { qbListId } : {}),
      name,
    };
  }
}

// ------------------------------------------------------------------ helpers

function hashKey(tokenKey: string): string {
  return createHash('sha256').update(tokenKey, 'utf8').digest('hex');
}

function isIdentity(x: Partial<CompanyFileIdentity> | undefined | null): x is CompanyFileIdentity {
  return !!x && typeof x.path === 'string' && x.path !== '' && typeof x.fileId === 'string' && x.fileId !== '';
}

/**
 * Windows paths and GUIDs are compared without regard to case. `b` may come from the identity headers, where a path
 * with characters outside printable ASCII travels percent-encoded (`encodeURI`): its decoded form matches too.
 */
function sameIdentity(a: CompanyFileIdentity, b: CompanyFileIdentity): boolean {
  if (a.fileId.toLowerCase() !== b.fileId.toLowerCase()) return false;
  const path = a.path.toLowerCase();
  return path === b.path.toLowerCase() || path === decodedHeader(b.path)?.toLowerCase();
}

function decodedHeader(value: string): string | undefined {
  if (!value.includes('%')) return undefined;
  try {
    return decodeURI(value);
  } catch {
    return undefined;
  }
}

function boundElsewhere(boundTo: CompanyFileIdentity): CloudError {
  return new CloudError(
    'token_bound_to_other_file',
    'this token key belongs to another company file; get a new key for this company file',
    { ...boundTo },
  );
}

const VENDOR_FIELD_NAMES = [
  'name',
  'companyName',
  'email',
  'phone',
  'address',
  'termsName',
  'accountNumber',
  'isActive',
] as const satisfies readonly (keyof VendorFields)[];

function copyVendorFields<T extends Partial<VendorFields>>(fields: T): Partial<VendorFields> {
  const out: Partial<VendorFields> = {};
  for (const key of VENDOR_FIELD_NAMES) {
    if (fields[key] !== undefined) (out as Record<string, unknown>)[key] = structuredClone(fields[key]);
  }
  return out;
}

function vendorFields(v: VendorState): VendorFields {
  return copyVendorFields(v) as VendorFields;
}

function findQbVendorByName(company: CompanyRecord, name: string): QbVendor | undefined {
  const wanted = name.toLowerCase();
  for (const v of company.qb.vendors.values()) if (v.name.toLowerCase() === wanted) return v;
  return undefined;
}

function errorText(r: WorkResult): string {
  const message = r.error?.message ?? 'failed';
  return r.error?.statusCode !== undefined ? `${r.error.statusCode}: ${message}` : message;
}

function applyVendorResult(vendor: VendorState, r: WorkResult): void {
  if (!vendor.pending) return; // a repeat of a result already applied
  if (r.ok) {
    if (r.qbId) vendor.qbListId = r.qbId;
    if (r.qbEditSequence) vendor.qbEditSequence = r.qbEditSequence;
    else delete vendor.qbEditSequence; // the sequence the cloud knew is stale after a write
    vendor.pending = false;
    delete vendor.conflict;
    delete vendor.error;
  } else if (r.error?.conflict) {
    // Parked until an admin edit; remember what QuickBooks has now so that edit can be sent against it.
    vendor.conflict = r.error.message;
    if (r.qbId && !vendor.qbListId) vendor.qbListId = r.qbId;
    if (r.qbEditSequence) vendor.qbEditSequence = r.qbEditSequence;
  } else {
    vendor.pending = false;
    vendor.error = errorText(r);
  }
}

function applyTxnResult(record: BillState | PaymentState, r: WorkResult, done: 'entered' | 'recorded'): void {
  if (record.status === done) return; // a repeat: the first recorded TxnID stands
  if (r.ok) {
    (record as { status: string }).status = done;
    record.qbTxnId = r.qbId!;
    delete record.error;
  } else if (record.status === 'pending') {
    record.status = 'failed';
    record.error = errorText(r);
  }
}
