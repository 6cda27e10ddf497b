import { createHash } from 'node:crypto';
import type {
  BillWork,
  PaymentWork,
  QbAccount,
  QbBill,
  QbDataRequest,
  QbTerms,
  QbVendor,
  VendorFields,
  VendorWork,
  WorkResult,
} from '../protocol/ap-cloud-contract.js';
import { isComError } from '../protocol/com-error.js';
import type { XmlTreeElement } from '../protocol/xml-tree.js';
import type { CloudClient } from './cloud-client.js';
import { CLOUD_ID_EXT, CLOUD_ID_OBJECTS, externalGuidFor } from './cloud-mark.js';
import type { CompanyState, WatermarkKind } from './company-state.js';
import { CloudUnavailable, QbRequestFailed } from './connector-errors.js';
import type { Outbox } from './outbox.js';
import type { QbSession } from './qb-session.js';
import { qbxmlRequests as Q, type IteratorPage } from './qbxml-requests.js';
import {
  childrenNamed,
  dataExtValue,
  parseQbxmlResponse,
  rsById,
  sameGuid,
  textAt,
  type QbxmlRs,
} from './qbxml-response.js';
import { advanceWatermark, type Watermark } from './watermark.js';

/** What one sync cycle works with. */
export interface SyncEngineDeps {
  company: string;
  qb: QbSession;
  cloud: CloudClient;
  state: CompanyState;
  outbox: Outbox;
  /** The connector's OwnerID (private data extensions). */
  ownerId: string;
  /** MaxReturned of each iterator page (default 100). */
  pageSize?: number;
  /** Diagnostics (stderr in the CLI). Never receives token keys. */
  log?: (line: string) => void;
}

/** What a cycle did. */
export interface SyncSummary {
  results: WorkResult[];
  uploaded: { vendors: number; accounts: number; terms: number; bills: number };
}

/** The account types the AP cloud wants (flows.md: bank, credit card, expense, AP). */
const AP_ACCOUNT_TYPES = ['AccountsPayable', 'Bank', 'CreditCard', 'Expense'] as const;

/** Most records per qb-data upload. */
const UPLOAD_CHUNK = 500;

type Ref = { listId?: string; fullName?: string };

/**
 * One sync cycle of one company file, on a QuickBooks session of either transport:
 *
 * 1. the connector's private data extension `CloudId` is defined once (DataExtDefAdd);
 * 2. cloud → QuickBooks: the work the cloud lists (vendor adds and edits, approved bills, payments) is written
 *    **exactly once**: each write is recorded in the outbox before it is sent and carries the connector's marks
 *    (cloud-mark.ts); work found in the outbox without an answer is looked for in QuickBooks first, and found work
 *    is reported `alreadyPresent` instead of written again. A vendor edit that QuickBooks refuses with 3200 (edited
 *    in QuickBooks meanwhile) is re-read and reported as a conflict, never overwritten;
 * 3. results go to the cloud; their outbox entries are then forgotten;
 * 4. QuickBooks → cloud: vendors, accounts, terms, bills (and bills whose payments changed) modified since each
 *    list's watermark (watermark.ts), through iterators where qbXML has them; the watermarks move only after the
 *    cloud accepted the upload.
 */
export class SyncEngine {
  readonly #d: SyncEngineDeps;
  readonly #owner: string;
  readonly #pageSize: number;
  #requestId = 0;
  /** Outbox entries whose results this cycle posts. */
  readonly #posting = new Set<string>();

  constructor(deps: SyncEngineDeps) {
    this.#d = deps;
    this.#owner = deps.ownerId;
    this.#pageSize = deps.pageSize ?? 100;
  }

  /** Runs the cycle. Throws on a lost QuickBooks connection, a refused token or an unreachable cloud. */
  async run(): Promise<SyncSummary> {
    await this.#ensureCloudIdDefinition();
    const work = await this.#d.cloud.work();
    const results: WorkResult[] = [];
    const touchedVendors: QbVendor[] = [];
    for (const v of work.vendors) results.push(await this.#vendor(v, touchedVendors));
    for (const b of work.bills) results.push(await this.#bill(b));
    for (const p of work.payments) results.push(await this.#payment(p));
    await this.#postResults(results);
    const uploaded = await this.#pullAndUpload(touchedVendors);
    return { results, uploaded };
  }

  // ------------------------------------------------------------------ QuickBooks calls

  #id(): string {
    return String(++this.#requestId);
  }

  async #send(requests: string[], onError: 'stopOnError' | 'continueOnError' = 'stopOnError'): Promise<QbxmlRs[]> {
    const response = await this.#d.qb.process(Q.set(this.#d.qb.qbxmlVersion, onError, requests));
    return parseQbxmlResponse(response);
  }

  /** One request, its Rs. */
  async #one(request: string): Promise<QbxmlRs> {
    const rs = await this.#send([request]);
    const first = rs[0];
    if (!first) throw new QbRequestFailed(request.slice(1, request.search(/[\s>]/)), -1, 'no answer in the response');
    return first;
  }

  async #ensureCloudIdDefinition(force = false): Promise<void> {
    if (!force && this.#d.state.data.definitions.includes(CLOUD_ID_EXT)) return;
    const rs = await this.#one(Q.dataExtDefAdd(this.#id(), this.#owner, CLOUD_ID_EXT, CLOUD_ID_OBJECTS));
    // 3100: the definition exists already (an earlier run whose answer was lost, or another install of the connector).
    if (rs.statusCode !== 0 && rs.statusCode !== 3100) {
      throw new QbRequestFailed('DataExtDefAddRq', rs.statusCode, rs.statusMessage);
    }
    this.#d.state.update((s) => {
      if (!s.definitions.includes(CLOUD_ID_EXT)) s.definitions.push(CLOUD_ID_EXT);
    });
  }

  /** Adds the `CloudId` data extension to a record (once more after redefining, when the file lost the definition). */
  async #mark(
    target: { listType: 'Vendor'; listId: string } | { txnType: 'Bill' | 'BillPaymentCheck'; txnId: string },
    cloudId: string,
  ): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const rs = await this.#one(Q.dataExtAdd(this.#id(), this.#owner, CLOUD_ID_EXT, cloudId, target));
      if (rs.statusCode === 0 || rs.statusCode === 3100) return;
      if (rs.statusCode === 3120 && attempt === 0 && rs.statusMessage.includes(CLOUD_ID_EXT)) {
        await this.#ensureCloudIdDefinition(true);
        continue;
      }
      this.#log(`could not mark ${JSON.stringify(target)} with its cloud id: ${rs.statusCode} ${rs.statusMessage}`);
      return;
    }
  }

  // ------------------------------------------------------------------ cloud → QuickBooks: vendors

  async #vendor(w: VendorWork, touched: QbVendor[]): Promise<WorkResult> {
    const key = w.op === 'add' ? `vendor:add:${w.cloudId}` : vendorModKey(w);
    try {
      return w.op === 'add' ? await this.#vendorAdd(w, key) : await this.#vendorMod(w, key, touched);
    } catch (error) {
      if (!isComError(error)) throw error;
      return this.#refused(key, 'vendor', w.cloudId, error);
    }
  }

  /**
   * QuickBooks refused a request set as a whole (a ComError such as 0x80040400): nothing in it was processed, so a
   * write recorded as `sending` did not happen — the failure is its result.
   */
  #refused(
    key: string,
    kind: WorkResult['kind'],
    cloudId: string,
    error: { hresult: string; message: string },
  ): WorkResult {
    const result = this.#failed(kind, cloudId, `${error.hresult}: ${error.message}`);
    return this.#d.outbox.get(key)?.phase === 'sending' ? this.#answer(key, result) : result;
  }

  async #vendorAdd(w: VendorWork, key: string): Promise<WorkResult> {
    const guid = externalGuidFor(this.#owner, 'vendor', w.cloudId);
    const entry = this.#d.outbox.get(key);
    if (entry?.phase === 'answered' && entry.result) return this.#reuse(key, entry.result);
    if (entry) {
      // Sent before without an answer: look before writing again.
      const found = await this.#findVendor(
        entry.qbId ? { listId: entry.qbId } : { fullName: w.fields.name },
        guid,
        w.cloudId,
      );
      if (found) return this.#answer(key, vendorResult(w.cloudId, found, true));
    }
    this.#d.outbox.sending(key, { kind: 'vendor', cloudId: w.cloudId, externalGuid: guid });
    const ids = [this.#id(), this.#id(), this.#id()] as const;
    const rs = await this.#send([
      Q.vendorAdd(ids[0], w.fields, guid),
      Q.dataExtAdd(ids[1], this.#owner, CLOUD_ID_EXT, w.cloudId, { listType: 'Vendor', fullName: w.fields.name }),
      Q.vendorByRef(ids[2], { fullName: w.fields.name }, this.#owner),
    ]);
    const add = rsById(rs, ids[0]);
    if (add?.statusCode === 0) {
      const ret = childrenNamed(add.el, 'VendorRet')[0];
      const listId = textAt(ret, 'ListID')!;
      this.#d.outbox.written(key, listId);
      const after = childrenNamed(rsById(rs, ids[2])?.el, 'VendorRet')[0] ?? ret;
      return this.#answer(key, vendorResult(w.cloudId, toQbVendor(after), false));
    }
    if (add?.statusCode === 3100) {
      // The name is taken: by this very vendor (an earlier add whose answer was lost), or by another one.
      const found = await this.#findVendor({ fullName: w.fields.name }, guid, w.cloudId);
      if (found) return this.#answer(key, vendorResult(w.cloudId, found, true));
    }
    return this.#answer(key, this.#failed('vendor', w.cloudId, add?.statusMessage ?? 'no answer', add?.statusCode));
  }

  /** A vendor carrying this work's mark (ExternalGUID or CloudId), its mark completed; undefined when none. */
  async #findVendor(ref: Ref, guid: string, cloudId: string): Promise<QbVendor | undefined> {
    const rs = await this.#one(Q.vendorByRef(this.#id(), ref, this.#owner));
    if (rs.statusCode !== 0) return undefined;
    const ret = childrenNamed(rs.el, 'VendorRet')[0];
    if (!ret || !isMarked(ret, guid, this.#owner, cloudId)) return undefined;
    const listId = textAt(ret, 'ListID')!;
    if (dataExtValue(ret, this.#owner, CLOUD_ID_EXT) === undefined) {
      await this.#mark({ listType: 'Vendor', listId }, cloudId);
      return this.#readVendor(listId);
    }
    return toQbVendor(ret);
  }

  async #readVendor(listId: string): Promise<QbVendor | undefined> {
    const rs = await this.#one(Q.vendorByRef(this.#id(), { listId }, this.#owner));
    const ret = rs.statusCode === 0 ? childrenNamed(rs.el, 'VendorRet')[0] : undefined;
    return ret ? toQbVendor(ret) : undefined;
  }

  async #readVendorRet(listId: string): Promise<XmlTreeElement | undefined> {
    const rs = await this.#one(Q.vendorByRef(this.#id(), { listId }, this.#owner));
    return rs.statusCode === 0 ? childrenNamed(rs.el, 'VendorRet')[0] : undefined;
  }

  async #vendorMod(w: VendorWork, key: string, touched: QbVendor[]): Promise<WorkResult> {
    const entry = this.#d.outbox.get(key);
    if (entry?.phase === 'answered' && entry.result) return this.#reuse(key, entry.result);
    if (!w.qbListId) return this.#failed('vendor', w.cloudId, 'the vendor has no QuickBooks ListID to edit');
    if (entry) {
      // Sent before without an answer: if QuickBooks holds the edit already, it was applied.
      const ret = await this.#readVendorRet(w.qbListId);
      if (ret && vendorMatches(ret, w.fields)) {
        return this.#answer(key, vendorResult(w.cloudId, toQbVendor(ret), true));
      }
    }
    let editSequence = w.qbEditSequence;
    if (editSequence === undefined) {
      // The cloud asked for no conflict check: edit the current version.
      const current = await this.#readVendor(w.qbListId);
      if (!current) return this.#failed('vendor', w.cloudId, `vendor ${w.qbListId} is not in QuickBooks`, 3120);
      editSequence = current.editSequence;
    }
    this.#d.outbox.sending(key, { kind: 'vendor', cloudId: w.cloudId, qbId: w.qbListId });
    const rs = await this.#one(Q.vendorMod(this.#id(), w.qbListId, editSequence, w.fields));
    if (rs.statusCode === 0) {
      const ret = childrenNamed(rs.el, 'VendorRet')[0];
      this.#d.outbox.written(key, w.qbListId);
      return this.#answer(key, vendorResult(w.cloudId, toQbVendor(ret), false));
    }
    if (rs.statusCode === 3200) {
      // Edited in QuickBooks since the cloud saw it: re-read and report the conflict; QuickBooks' version stands.
      const current = await this.#readVendor(w.qbListId);
      if (current) touched.push(current);
      return this.#answer(key, {
        kind: 'vendor',
        cloudId: w.cloudId,
        ok: false,
        qbId: w.qbListId,
        ...(current ? { qbEditSequence: current.editSequence } : {}),
        error: { statusCode: 3200, message: rs.statusMessage, conflict: true },
      });
    }
    return this.#answer(key, this.#failed('vendor', w.cloudId, rs.statusMessage, rs.statusCode, w.qbListId));
  }

  // ------------------------------------------------------------------ cloud → QuickBooks: bills and payments

  async #bill(w: BillWork): Promise<WorkResult> {
    const key = `bill:add:${w.cloudId}`;
    const guid = externalGuidFor(this.#owner, 'bill', w.cloudId);
    const vendor: Ref = w.vendor.qbListId ? { listId: w.vendor.qbListId } : { fullName: w.vendor.name };
    try {
      const entry = this.#d.outbox.get(key);
      if (entry?.phase === 'answered' && entry.result)
        return this.#billEntered(w.cloudId, this.#reuse(key, entry.result));
      if (entry) {
        const found = await this.#findTxn('Bill', entry.qbId, vendor, w.txnDate, guid, w.cloudId);
        if (found) return this.#billEntered(w.cloudId, this.#answer(key, txnResult('bill', w.cloudId, found, true)));
      }
      this.#d.outbox.sending(key, { kind: 'bill', cloudId: w.cloudId, externalGuid: guid });
      const rs = await this.#one(
        Q.billAdd(
          this.#id(),
          {
            vendor,
            txnDate: w.txnDate,
            ...(w.dueDate ? { dueDate: w.dueDate } : {}),
            ...(w.refNumber ? { refNumber: w.refNumber } : {}),
            ...(w.memo ? { memo: w.memo } : {}),
            lines: w.lines,
          },
          guid,
        ),
      );
      if (rs.statusCode !== 0)
        return this.#answer(key, this.#failed('bill', w.cloudId, rs.statusMessage, rs.statusCode));
      const ret = childrenNamed(rs.el, 'BillRet')[0];
      const txnId = textAt(ret, 'TxnID')!;
      this.#d.outbox.written(key, txnId);
      this.#d.state.update((s) => {
        s.billTxnIds[w.cloudId] = txnId;
      });
      await this.#mark({ txnType: 'Bill', txnId }, w.cloudId);
      const found = { txnId, editSequence: textAt(ret, 'EditSequence') ?? '' };
      return this.#billEntered(w.cloudId, this.#answer(key, txnResult('bill', w.cloudId, found, false)));
    } catch (error) {
      if (!isComError(error)) throw error;
      return this.#refused(key, 'bill', w.cloudId, error);
    }
  }

  #billEntered(cloudId: string, result: WorkResult): WorkResult {
    if (result.ok && result.qbId && this.#d.state.data.billTxnIds[cloudId] !== result.qbId) {
      this.#d.state.update((s) => {
        s.billTxnIds[cloudId] = result.qbId!;
      });
    }
    return result;
  }

  async #payment(w: PaymentWork): Promise<WorkResult> {
    const key = `payment:add:${w.cloudId}`;
    const guid = externalGuidFor(this.#owner, 'payment', w.cloudId);
    const vendor: Ref = w.vendor.qbListId ? { listId: w.vendor.qbListId } : { fullName: w.vendor.name };
    try {
      const entry = this.#d.outbox.get(key);
      if (entry?.phase === 'answered' && entry.result) return this.#reuse(key, entry.result);
      if (entry) {
        const found = await this.#findTxn('BillPaymentCheck', entry.qbId, vendor, w.date, guid, w.cloudId);
        if (found) return this.#answer(key, txnResult('payment', w.cloudId, found, true));
      }
      const billTxnId = w.qbBillTxnId ?? this.#d.state.data.billTxnIds[w.billCloudId];
      if (!billTxnId) {
        return this.#failed('payment', w.cloudId, `bill ${w.billCloudId} has not been entered in QuickBooks`);
      }
      this.#d.outbox.sending(key, { kind: 'payment', cloudId: w.cloudId, externalGuid: guid });
      const rs = await this.#one(
        Q.billPaymentCheckAdd(
          this.#id(),
          {
            vendor,
            txnDate: w.date,
            bankAccountName: w.bankAccountName,
            ...(w.refNumber ? { refNumber: w.refNumber } : {}),
            billTxnId,
            amount: w.amount,
          },
          guid,
        ),
      );
      if (rs.statusCode !== 0)
        return this.#answer(key, this.#failed('payment', w.cloudId, rs.statusMessage, rs.statusCode));
      const ret = childrenNamed(rs.el, 'BillPaymentCheckRet')[0];
      const txnId = textAt(ret, 'TxnID')!;
      this.#d.outbox.written(key, txnId);
      await this.#mark({ txnType: 'BillPaymentCheck', txnId }, w.cloudId);
      const found = { txnId, editSequence: textAt(ret, 'EditSequence') ?? '' };
      return this.#answer(key, txnResult('payment', w.cloudId, found, false));
    } catch (error) {
      if (!isComError(error)) throw error;
      return this.#refused(key, 'payment', w.cloudId, error);
    }
  }

  /**
   * A bill or bill payment carrying this work's mark: by its TxnID when QuickBooks answered one, else among the
   * vendor's transactions on that date (ExternalGUID or CloudId). Its CloudId data extension is completed.
   */
  async #findTxn(
    kind: 'Bill' | 'BillPaymentCheck',
    txnId: string | undefined,
    vendor: Ref,
    date: string,
    guid: string,
    cloudId: string,
  ): Promise<{ txnId: string; editSequence: string } | undefined> {
    const request = txnId
      ? Q.txnById(this.#id(), kind, txnId, this.#owner)
      : Q.txnsOfVendorOn(this.#id(), kind, vendor, date, this.#owner);
    const rs = await this.#one(request);
    if (rs.statusCode !== 0) return undefined;
    const ret = childrenNamed(rs.el, `${kind}Ret`).find((r) => isMarked(r, guid, this.#owner, cloudId));
    if (!ret) return undefined;
    const found = { txnId: textAt(ret, 'TxnID')!, editSequence: textAt(ret, 'EditSequence') ?? '' };
    if (dataExtValue(ret, this.#owner, CLOUD_ID_EXT) === undefined) {
      await this.#mark({ txnType: kind, txnId: found.txnId }, cloudId);
    }
    return found;
  }

  #answer(key: string, result: WorkResult): WorkResult {
    this.#d.outbox.answered(key, result);
    this.#posting.add(key);
    return result;
  }

  /** A result decided in an earlier cycle whose posting did not complete: posted again now. */
  #reuse(key: string, result: WorkResult): WorkResult {
    this.#posting.add(key);
    return result;
  }

  #failed(kind: WorkResult['kind'], cloudId: string, message: string, statusCode?: number, qbId?: string): WorkResult {
    return {
      kind,
      cloudId,
      ok: false,
      ...(qbId ? { qbId } : {}),
      error: { ...(statusCode !== undefined ? { statusCode } : {}), message },
    };
  }

  /**
   * Posts the results of this cycle, then forgets their outbox entries. Results left from an earlier cycle for work
   * the cloud no longer lists (posted, then a crash before the outbox was cleared) are posted one by one; the cloud
   * answers repeats harmlessly, and one it refuses as unknown (400/404) is dropped rather than blocking every cycle.
   */
  async #postResults(results: WorkResult[]): Promise<void> {
    if (results.length) {
      await this.#d.cloud.results(results);
      this.#d.outbox.remove([...this.#posting]);
    }
    for (const e of this.#d.outbox.list()) {
      if (e.phase !== 'answered' || !e.result || this.#posting.has(e.key)) continue;
      try {
        await this.#d.cloud.results([e.result]);
      } catch (error) {
        if (!(error instanceof CloudUnavailable && (error.httpStatus === 400 || error.httpStatus === 404))) throw error;
        this.#log(`the cloud refused an old result (${e.key}): ${error.message}; dropped`);
      }
      this.#d.outbox.remove([e.key]);
    }
  }

  // ------------------------------------------------------------------ QuickBooks → cloud

  /** Pages through an iterator query; each page's Ret elements named `retNames`. Status 1 (none) ends it. */
  async #iterate(build: (page: IteratorPage) => string, retNames: readonly string[]): Promise<XmlTreeElement[]> {
    const out: XmlTreeElement[] = [];
    let page: IteratorPage = { iterator: 'Start' };
    for (;;) {
      const request = build(page);
      const rs = await this.#one(request);
      if (rs.statusCode === 1) break;
      if (rs.statusCode !== 0) throw new QbRequestFailed(rs.name.replace(/Rs$/, 'Rq'), rs.statusCode, rs.statusMessage);
      for (const name of retNames) out.push(...childrenNamed(rs.el, name));
      if (!rs.iteratorRemainingCount || !rs.iteratorId) break;
      page = { iterator: 'Continue', iteratorId: rs.iteratorId };
    }
    return out;
  }

  /** A query without iterator (AccountQuery, TermsQuery): its Ret elements. */
  async #query(request: string, retNames: readonly string[]): Promise<XmlTreeElement[]> {
    const rs = await this.#one(request);
    if (rs.statusCode === 1) return [];
    if (rs.statusCode !== 0) throw new QbRequestFailed(rs.name.replace(/Rs$/, 'Rq'), rs.statusCode, rs.statusMessage);
    return retNames.flatMap((n) => childrenNamed(rs.el, n));
  }

  async #pullAndUpload(touchedVendors: QbVendor[]): Promise<SyncSummary['uploaded']> {
    const wm = this.#d.state.data.watermarks;
    const next: Partial<Record<WatermarkKind, Watermark>> = {};
    const size = this.#pageSize;
    const times = (rets: XmlTreeElement[]) => rets.map((r) => textAt(r, 'TimeModified') ?? '');

    const vendorRets = await this.#iterate(
      (page) => Q.vendorsModifiedSince(this.#id(), wm.vendors, this.#owner, page, size),
      ['VendorRet'],
    );
    next.vendors = advanceWatermark(wm.vendors, times(vendorRets));
    const accountRets = await this.#query(Q.accountsModifiedSince(this.#id(), wm.accounts, AP_ACCOUNT_TYPES), [
      'AccountRet',
    ]);
    next.accounts = advanceWatermark(wm.accounts, times(accountRets));
    const termsRets = await this.#query(Q.termsModifiedSince(this.#id(), wm.terms), [
      'StandardTermsRet',
      'DateDrivenTermsRet',
    ]);
    next.terms = advanceWatermark(wm.terms, times(termsRets));
    const billRets = await this.#iterate(
      (page) => Q.billsModifiedSince(this.#id(), wm.bills, this.#owner, page, size),
      ['BillRet'],
    );
    next.bills = advanceWatermark(wm.bills, times(billRets));

    // Paying a bill does not modify it (its TimeModified stays): the bills whose payments changed are read again.
    const paidBillIds = new Set<string>();
    for (const [kind, mark] of [
      ['BillPaymentCheck', 'billPaymentChecks'],
      ['BillPaymentCreditCard', 'billPaymentCreditCards'],
    ] as const) {
      const rets = await this.#iterate(
        (page) => Q.paymentsModifiedSince(this.#id(), kind, wm[mark], page, size),
        [`${kind}Ret`],
      );
      next[mark] = advanceWatermark(wm[mark], times(rets));
      if (wm[mark] === undefined) continue; // first cycle: every bill is read anyway
      for (const r of rets)
        for (const a of childrenNamed(r, 'AppliedToTxnRet')) paidBillIds.add(textAt(a, 'TxnID') ?? '');
    }
    const billIds = new Set(billRets.map((r) => textAt(r, 'TxnID')));
    const missing = [...paidBillIds].filter((id) => id && !billIds.has(id));
    for (let i = 0; i < missing.length; i += 50) {
      billRets.push(
        ...(await this.#query(Q.billsById(this.#id(), missing.slice(i, i + 50), this.#owner), ['BillRet'])),
      );
    }

    const vendors = new Map<string, QbVendor>();
    for (const r of vendorRets) {
      const v = toQbVendor(r);
      vendors.set(v.listId, v);
    }
    for (const v of touchedVendors) vendors.set(v.listId, v);
    const data: Required<QbDataRequest> = {
      vendors: [...vendors.values()],
      accounts: accountRets.map(toQbAccount),
      terms: termsRets.map(toQbTerms),
      bills: billRets.map((r) => toQbBill(r, this.#owner)),
    };
    const longest = Math.max(data.vendors.length, data.accounts.length, data.terms.length, data.bills.length);
    for (let i = 0; i < longest; i += UPLOAD_CHUNK) {
      const chunk: QbDataRequest = {};
      for (const k of ['vendors', 'accounts', 'terms', 'bills'] as const) {
        const part = data[k].slice(i, i + UPLOAD_CHUNK);
        if (part.length) (chunk as Record<string, unknown>)[k] = part;
      }
      await this.#d.cloud.qbData(chunk);
    }
    // The cloud has everything up to here: the watermarks move.
    this.#d.state.update((s) => {
      for (const [k, v] of Object.entries(next)) if (v !== undefined) s.watermarks[k as WatermarkKind] = v;
    });
    return {
      vendors: data.vendors.length,
      accounts: data.accounts.length,
      terms: data.terms.length,
      bills: data.bills.length,
    };
  }

  #log(line: string): void {
    this.#d.log?.(`[${this.#d.company}] ${line}`);
  }
}

// ------------------------------------------------------------------ reading Ret elements

/** A vendor edit's outbox key: the same edit (fields and the EditSequence it is based on) is the same key. */
function vendorModKey(w: VendorWork): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([w.fields, w.qbEditSequence ?? null]))
    .digest('hex')
    .slice(0, 12);
  return `vendor:mod:${w.cloudId}:${digest}`;
}

function isMarked(ret: XmlTreeElement, guid: string, ownerId: string, cloudId: string): boolean {
  const external = textAt(ret, 'ExternalGUID');
  if (external !== undefined && sameGuid(external, guid)) return true;
  return dataExtValue(ret, ownerId, CLOUD_ID_EXT) === cloudId;
}

function toQbVendor(ret: XmlTreeElement | undefined): QbVendor {
  return {
    listId: textAt(ret, 'ListID') ?? '',
    editSequence: textAt(ret, 'EditSequence') ?? '',
    name: textAt(ret, 'Name') ?? '',
    isActive: textAt(ret, 'IsActive') !== 'false',
    balance: textAt(ret, 'Balance') ?? '0.00',
    timeModified: textAt(ret, 'TimeModified') ?? '',
  };
}

function toQbAccount(ret: XmlTreeElement): QbAccount {
  return {
    listId: textAt(ret, 'ListID') ?? '',
    fullName: textAt(ret, 'FullName') ?? '',
    accountType: textAt(ret, 'AccountType') ?? '',
    isActive: textAt(ret, 'IsActive') !== 'false',
  };
}

function toQbTerms(ret: XmlTreeElement): QbTerms {
  return {
    listId: textAt(ret, 'ListID') ?? '',
    name: textAt(ret, 'Name') ?? '',
    kind: ret.local === 'DateDrivenTermsRet' ? 'date-driven' : 'standard',
  };
}

function toQbBill(ret: XmlTreeElement, ownerId: string): QbBill {
  const refNumber = textAt(ret, 'RefNumber');
  const cloudId = dataExtValue(ret, ownerId, CLOUD_ID_EXT);
  return {
    txnId: textAt(ret, 'TxnID') ?? '',
    editSequence: textAt(ret, 'EditSequence') ?? '',
    vendorListId: textAt(ret, 'VendorRef/ListID') ?? '',
    ...(refNumber !== undefined ? { refNumber } : {}),
    txnDate: textAt(ret, 'TxnDate') ?? '',
    amountDue: textAt(ret, 'AmountDue') ?? '0.00',
    openAmount: textAt(ret, 'OpenAmount') ?? textAt(ret, 'AmountDue') ?? '0.00',
    isPaid: textAt(ret, 'IsPaid') === 'true',
    timeModified: textAt(ret, 'TimeModified') ?? '',
    ...(cloudId !== undefined ? { cloudId } : {}),
  };
}

function vendorResult(cloudId: string, v: QbVendor | undefined, alreadyPresent: boolean): WorkResult {
  return {
    kind: 'vendor',
    cloudId,
    ok: true,
    ...(v ? { qbId: v.listId, qbEditSequence: v.editSequence } : {}),
    alreadyPresent,
  };
}

function txnResult(
  kind: 'bill' | 'payment',
  cloudId: string,
  found: { txnId: string; editSequence: string },
  alreadyPresent: boolean,
): WorkResult {
  return { kind, cloudId, ok: true, qbId: found.txnId, qbEditSequence: found.editSequence, alreadyPresent };
}

/** Whether a VendorRet holds every field of an edit (the edit was applied). */
function vendorMatches(ret: XmlTreeElement, f: Partial<VendorFields>): boolean {
  const checks: [string | undefined, string | undefined][] = [
    [f.name, textAt(ret, 'Name')],
    [f.companyName, textAt(ret, 'CompanyName')],
    [f.email, textAt(ret, 'Email')],
    [f.phone, textAt(ret, 'Phone')],
    [f.accountNumber, textAt(ret, 'AccountNumber')],
    [f.termsName, textAt(ret, 'TermsRef/FullName')],
    [f.isActive === undefined ? undefined : String(f.isActive), textAt(ret, 'IsActive')],
    [f.address?.addr1, textAt(ret, 'VendorAddress/Addr1')],
    [f.address?.city, textAt(ret, 'VendorAddress/City')],
    [f.address?.state, textAt(ret, 'VendorAddress/State')],
    [f.address?.postalCode, textAt(ret, 'VendorAddress/PostalCode')],
  ];
  return checks.every(([want, have]) => want === undefined || want === have);
}
