import fs from 'node:fs';
import path from 'node:path';
import { CompanyStore } from '../../store/company-store.js';
import { addressBlock } from '../address-block.js';
import { cashFlowClassification } from '../cash-flow-classification.js';
import { listKind } from '../list-kinds.js';
import { orderDocDeep } from '../order-doc-deep.js';
import { ensureCompanyDefaults } from '../records/company-defaults.js';
import { idFactory } from '../records/id-factory.js';
import { ListRecords, type ListRow } from '../records/list-records.js';
import { TxnRecords } from '../records/txn-records.js';
import { refDoc } from '../ref-resolver.js';
import { mergeDoc, orderDoc } from '../request-to-doc.js';
import { formatCents } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import { createRequestSchema, type RequestSchema } from '../schema/request-schema.js';
import { dueDateFromTerms } from '../txn-dates.js';
import { defaultAccount } from '../txn-refs.js';
import {
  BANK_ACCOUNT,
  CARD_ACCOUNT,
  CompanyPlan,
  type CompanyEvent,
  type CompanyGeneratorOptions,
  type PlannedBill,
  type PlannedFields,
  type PlannedPayment,
  type PlannedTerms,
  type PlannedVendor,
} from './company-plan.js';

/**
 * Bumped whenever the same options would give a different company (caches of generated companies are keyed by it).
 */
export const COMPANY_GENERATOR_VERSION = 1;

/** What {@link generateCompany} made. Amounts in cents. */
export interface GeneratedCompanySummary {
  generatorVersion: number;
  seed: string;
  timeZone: string;
  /** The company's present, ISO. */
  now: string;
  firstTxnDate: string;
  accounts: number;
  terms: number;
  vendors: { total: number; inactive: number };
  customers: number;
  bills: { total: number; open: number; paid: number; partlyPaid: number; lines: number };
  payments: { check: number; creditCard: number };
  billedCents: number;
  openCents: number;
  elapsedMs: number;
}

/** How far generation got (for progress lines). */
export interface GenerationProgress {
  phase: 'lists' | 'transactions' | 'balances' | 'indexes' | 'done';
  bills: number;
  billsTotal: number;
  payments: number;
  vendors: number;
  elapsedMs: number;
}

export interface GenerateOptions extends CompanyGeneratorOptions {
  /** Called now and then (about every 2% of the bills) while generating. */
  progress?: (p: GenerationProgress) => void;
  /** Events per SQLite transaction (default 50,000). */
  batchSize?: number;
  /** Elapsed time for progress and the summary (performance.now-like, ms); default `performance.now`. */
  timer?: () => number;
}

/** A written bill a later payment applies to (kept only until it is paid). */
interface OpenBill {
  txnId: string;
  txnDate: string;
  refNumber: string | null;
  cents: number;
}

/** A vendor as bills and payments refer to it. */
interface VendorRef {
  listId: string;
  fullName: string;
  address: RetDoc[string] | undefined;
  /** The check's AddressBlock (the vendor's address as printed). */
  addressBlock: RetDoc | undefined;
  terms: ListRow | undefined;
  termsRef: RetDoc | undefined;
}

/**
 * Writes a planned company into a company database through the records layer (ListRecords, TxnRecords, the id
 * factory), leaving exactly what the qbXML handlers leave after the same requests at the same host times: records in
 * Ret shape and schema order, QuickBooks ids and TimeCreated in the machine's zone, bills' `OpenAmount`/`IsPaid` and
 * their links to payments, vendors' `Balance` equal to the sum of their open bills (a test replays the plan through
 * `ProcessRequest` and compares the databases). Unlike the handlers it writes each bill once in its final state
 * (its payment is planned up front) and each vendor balance once at the end, in big transactions.
 */
class CompanyWriter {
  readonly #store: CompanyStore;
  readonly #schema: RequestSchema;
  readonly #tz: string;
  readonly #lists: ListRecords;
  readonly #txns: TxnRecords;
  readonly #vendors: VendorRef[] = [];
  readonly #balances: Float64Array;
  readonly #openBills = new Map<number, OpenBill>();
  readonly #accounts = new Map<string, RetDoc>();
  readonly #termsRows = new Map<string, ListRow>();
  readonly #checked = new Set<string>();
  #ap: RetDoc | undefined;
  readonly summary: Omit<GeneratedCompanySummary, 'elapsedMs' | 'generatorVersion' | 'seed' | 'timeZone' | 'now'> = {
    firstTxnDate: '',
    accounts: 0,
    terms: 0,
    vendors: { total: 0, inactive: 0 },
    customers: 0,
    bills: { total: 0, open: 0, paid: 0, partlyPaid: 0, lines: 0 },
    payments: { check: 0, creditCard: 0 },
    billedCents: 0,
    openCents: 0,
  };

  constructor(db: CompanyStore, schema: RequestSchema, plan: CompanyPlan) {
    this.#store = db;
    this.#schema = schema;
    this.#tz = plan.timeZone;
    this.#lists = ListRecords.of(db);
    this.#txns = TxnRecords.of(db);
    this.#balances = new Float64Array(plan.vendorCount);
    this.summary.firstTxnDate = plan.firstDate;
  }

  apply(e: CompanyEvent): void {
    switch (e.type) {
      case 'setup':
        return this.#setup(e.at);
      case 'account':
        return this.#account(e.at, e.name, e.accountType, e.desc);
      case 'terms':
        return this.#terms(e.at, e.terms);
      case 'vendor':
        return this.#vendor(e.at, e.vendor);
      case 'customer':
        return this.#customer(e.at, e.name, e.fields);
      case 'bill':
        return this.#bill(e.at, e.bill);
      case 'payment':
        return this.#payment(e.at, e.payment);
      case 'deactivateVendor':
        return this.#deactivate(e.at, e.vendor);
    }
  }

  /** Writes every vendor's balance (the open amounts of its bills), as the handlers' balance moves leave it. */
  finishBalances(): void {
    for (let i = 0; i < this.#balances.length; i++) {
      const cents = this.#balances[i]!;
      if (cents === 0) continue;
      const row = this.#lists.getById(this.#vendors[i]!.listId)!;
      this.#lists.save(
        { ...row, doc: { ...row.doc, Balance: formatCents(cents) } },
        { now: 0, timeZone: this.#tz, touch: false },
      );
    }
  }

  #setup(at: number): void {
    // What the first ProcessRequest on a new company does.
    ensureCompanyDefaults(this.#store, this.#schema, at, this.#tz);
    for (const row of this.#lists.query({ kinds: ['Account', 'StandardTerms'], activeStatus: 'All' })) {
      if (row.kind === 'Account') this.#accounts.set(row.fullName, refDoc(row));
      else this.#termsRows.set(row.fullName, row);
    }
    const ap = defaultAccount(this.#store, 'AccountsPayable');
    if (!ap) throw new Error('the default lists have no Accounts Payable account');
    this.#ap = refDoc(ap);
  }

  /** AccountAdd (Name, AccountType, Desc): what addListRecord + the AccountAdd handler store. */
  #account(at: number, name: string, accountType: string, desc: string | undefined): void {
    const doc: RetDoc = {
      IsActive: 'true',
      Name: name,
      AccountType: accountType,
      ...(desc !== undefined ? { Desc: desc } : {}),
      FullName: name,
      Sublevel: '0',
      Balance: '0.00',
      TotalBalance: '0.00',
      CashFlowClassification: cashFlowClassification(accountType),
    };
    const row = this.#insertList(at, 'Account', name, doc);
    this.#accounts.set(name, refDoc(row));
    this.summary.accounts++;
  }

  /** StandardTermsAdd / DateDrivenTermsAdd with the fields QuickBooks fills in. */
  #terms(at: number, terms: PlannedTerms): void {
    const row = this.#insertList(at, terms.kind, terms.name, { IsActive: 'true', Name: terms.name, ...terms.doc });
    this.#termsRows.set(terms.name, row);
    this.summary.terms++;
  }

  #vendor(at: number, v: PlannedVendor): void {
    const fields = this.#resolve(v.fields);
    const row = this.#lists.insert({
      kind: 'Vendor',
      nameClass: listKind('Vendor').nameClass,
      name: v.name,
      fullName: v.name,
      isActive: true,
      now: at,
      timeZone: this.#tz,
      build: () =>
        orderDoc({ IsActive: 'true', Name: v.name, ...fields, Balance: '0.00' }, this.#schema.retOrder('VendorRet')),
    });
    const terms = v.terms === undefined ? undefined : this.#termsRows.get(v.terms);
    this.#vendors[v.index] = {
      listId: row.listId,
      fullName: row.fullName,
      address: row.doc['VendorAddress'],
      addressBlock: addressBlock(row.doc['VendorAddress']),
      terms,
      termsRef: terms && refDoc(terms),
    };
    this.summary.vendors.total++;
  }

  /** CustomerAdd: addListRecord + the CustomerAdd handler's computed fields (JobStatus, address blocks). */
  #customer(at: number, name: string, planned: PlannedFields): void {
    const fields = this.#resolve(planned);
    const doc: RetDoc = {
      IsActive: 'true',
      Name: name,
      ...fields,
      FullName: name,
      Sublevel: '0',
      Balance: '0.00',
      TotalBalance: '0.00',
      JobStatus: 'None',
    };
    const block = addressBlock(doc['BillAddress']);
    if (block) doc['BillAddressBlock'] = block;
    this.#insertList(at, 'Customer', name, doc);
    this.summary.customers++;
  }

  /** VendorMod `IsActive` false: the vendor handler's merge and a touching save. */
  #deactivate(at: number, index: number): void {
    const row = this.#lists.getById(this.#vendors[index]!.listId)!;
    const doc = orderDoc(mergeDoc(row.doc, { IsActive: 'false' }), this.#schema.retOrder('VendorRet'));
    this.#lists.save({ ...row, isActive: false, doc }, { now: at, timeZone: this.#tz });
    this.summary.vendors.inactive++;
  }

  /**
   * BillAdd (VendorRef, TxnDate, RefNumber, Memo, ExpenseLineAdd+), written in its final state: what its planned
   * payment leaves (`OpenAmount`, `IsPaid`; applying a payment does not touch a bill's TimeModified).
   */
  #bill(at: number, b: PlannedBill): void {
    const vendor = this.#vendors[b.vendor]!;
    const open = b.cents - b.paidCents;
    const row = this.#txns.insert({
      kind: 'Bill',
      now: at,
      timeZone: this.#tz,
      columns: {
        refNumber: b.refNumber ?? null,
        txnDate: b.txnDate,
        entityId: vendor.listId,
        accountId: this.#ap!['ListID'] as string,
        isPaid: open === 0,
      },
      // Built in BillRet's schema order directly (the first bill is checked against orderDoc).
      build: () => {
        const ids = idFactory.txnLineIds(this.#store, at, b.lines.length);
        const lines: RetDoc[] = b.lines.map((l, i) => {
          const line: RetDoc = {
            TxnLineID: ids[i]!,
            AccountRef: this.#account$(l.account),
            Amount: formatCents(l.cents),
          };
          if (l.memo !== undefined) line['Memo'] = l.memo;
          return line;
        });
        const amount = formatCents(b.cents);
        const doc: RetDoc = { VendorRef: { ListID: vendor.listId, FullName: vendor.fullName } };
        if (vendor.address !== undefined) doc['VendorAddress'] = vendor.address;
        doc['APAccountRef'] = this.#ap!;
        doc['TxnDate'] = b.txnDate;
        doc['DueDate'] = dueDateFromTerms(vendor.terms, b.txnDate, vendor.terms ? 0 : 10);
        doc['AmountDue'] = amount;
        if (b.refNumber !== undefined) doc['RefNumber'] = b.refNumber;
        if (vendor.termsRef) doc['TermsRef'] = vendor.termsRef;
        if (b.memo !== undefined) doc['Memo'] = b.memo;
        doc['IsPaid'] = String(open === 0);
        doc['ExpenseLineRet'] = lines;
        doc['OpenAmount'] = formatCents(open);
        this.#checkOrder('BillRet', doc);
        this.#checkOrder('BillRet/ExpenseLineRet', lines[0]!);
        return doc;
      },
    });
    if (b.paidCents > 0) {
      this.#openBills.set(b.seq, {
        txnId: row.txnId,
        txnDate: b.txnDate,
        refNumber: b.refNumber ?? null,
        cents: b.cents,
      });
    }
    this.#balances[b.vendor] = this.#balances[b.vendor]! + open;
    const s = this.summary;
    s.bills.total++;
    s.bills.lines += b.lines.length;
    if (open === 0) s.bills.paid++;
    else if (b.paidCents > 0) s.bills.partlyPaid++;
    else s.bills.open++;
    s.billedCents += b.cents;
    s.openCents += open;
  }

  /** BillPaymentCheckAdd / BillPaymentCreditCardAdd applied to one bill: the payment and its link to the bill. */
  #payment(at: number, p: PlannedPayment): void {
    const vendor = this.#vendors[p.vendor]!;
    const bill = this.#openBills.get(p.bill);
    if (!bill) throw new Error(`payment of bill #${p.bill}, which is not open`);
    this.#openBills.delete(p.bill);
    const check = p.kind === 'BillPaymentCheck';
    const from = this.#account$(check ? BANK_ACCOUNT : CARD_ACCOUNT);
    const block = check ? vendor.addressBlock : undefined;
    const row = this.#txns.insert({
      kind: p.kind,
      now: at,
      timeZone: this.#tz,
      columns: {
        refNumber: p.refNumber ?? null,
        txnDate: p.txnDate,
        entityId: vendor.listId,
        accountId: from['ListID'] as string,
        isPaid: null,
      },
      // Built in the Ret's schema order directly (the first payment of each kind is checked against orderDoc).
      build: () => {
        const doc: RetDoc = {
          PayeeEntityRef: { ListID: vendor.listId, FullName: vendor.fullName },
          APAccountRef: this.#ap!,
          TxnDate: p.txnDate,
          [check ? 'BankAccountRef' : 'CreditCardAccountRef']: from,
          Amount: formatCents(p.cents),
        };
        if (p.refNumber !== undefined) doc['RefNumber'] = p.refNumber;
        if (p.memo !== undefined) doc['Memo'] = p.memo;
        if (check) {
          if (vendor.address !== undefined) doc['Address'] = vendor.address;
          if (block) doc['AddressBlock'] = block;
          doc['IsToBePrinted'] = 'false';
        }
        const applied: RetDoc = { TxnID: bill.txnId, TxnType: 'Bill', TxnDate: bill.txnDate };
        if (bill.refNumber !== null) applied['RefNumber'] = bill.refNumber;
        applied['BalanceRemaining'] = formatCents(bill.cents);
        applied['Amount'] = formatCents(p.cents);
        doc['AppliedToTxnRet'] = [applied];
        this.#checkOrder(`${p.kind}Ret`, doc);
        this.#checkOrder(`${p.kind}Ret/AppliedToTxnRet`, applied);
        return doc;
      },
    });
    this.#txns.addLink(row.txnId, bill.txnId, p.cents);
    if (check) this.summary.payments.check++;
    else this.summary.payments.creditCard++;
  }

  /** Once per aggregate: the hand-ordered doc's keys must be in the order orderDoc (the handlers) would give. */
  #checkOrder(path: string, doc: RetDoc): void {
    if (this.#checked.has(path)) return;
    this.#checked.add(path);
    const keys = Object.keys(doc).join(',');
    const ordered = Object.keys(orderDoc(doc, this.#schema.childOrder(path))).join(',');
    if (keys !== ordered)
      throw new Error(`generator: ${path} fields out of schema order: ${keys} (schema: ${ordered})`);
  }

  #account$(name: string): RetDoc {
    const ref = this.#accounts.get(name);
    if (!ref) throw new Error(`no account "${name}" in the generated company`);
    return ref;
  }

  /** Request fields → stored fields: `…Ref` `{ FullName }` to the record's `{ ListID, FullName }`. */
  #resolve(fields: PlannedFields): RetDoc {
    const out: RetDoc = {};
    for (const [k, v] of Object.entries(fields)) {
      if (k.endsWith('Ref') && typeof v === 'object') {
        const name = v['FullName']!;
        const row = k === 'TermsRef' ? this.#termsRows.get(name) : undefined;
        if (!row) throw new Error(`no record "${name}" for ${k}`);
        out[k] = refDoc(row);
      } else out[k] = typeof v === 'string' ? v : { ...v };
    }
    return out;
  }

  /** A list record through addListRecord's steps: name class, placement, the doc in deep schema order. */
  #insertList(at: number, kind: string, name: string, doc: RetDoc): ListRow {
    const k = listKind(kind);
    return this.#lists.insert({
      kind,
      nameClass: k.nameClass,
      name,
      fullName: name,
      parentId: null,
      isActive: doc['IsActive'] !== 'false',
      now: at,
      timeZone: this.#tz,
      build: () => orderDocDeep(doc, this.#schema, k.retName),
    });
  }
}

/**
 * Generates a company into a company database (its qbXML tables; the database must hold no qbXML records yet):
 * QuickBooks' default lists, expense accounts, terms, vendors (some inactive), optional customers, bills with one to
 * five expense lines over the last `months`, and bill payments (by check or card) applied to paid bills.
 * Deterministic: the same options (seed, `now`, time zone) give the same content. Runs in transactions of
 * `batchSize` events; memory stays bounded (vendors are kept, bills only until they are paid).
 */
export function generateCompany(db: CompanyStore, opts: GenerateOptions): GeneratedCompanySummary {
  const timer = opts.timer ?? (() => performance.now());
  const started = timer();
  const plan = new CompanyPlan(opts);
  if (db.lists.size() > 0) throw new Error('the company already has qbXML records: generate into a new company');
  const writer = new CompanyWriter(db, createRequestSchema(), plan);
  const batch = Math.max(1, opts.batchSize ?? 50_000);
  const every = Math.max(1, Math.floor(plan.billCount / 50));
  const report = (phase: GenerationProgress['phase']) =>
    opts.progress?.({
      phase,
      bills: writer.summary.bills.total,
      billsTotal: plan.billCount,
      payments: writer.summary.payments.check + writer.summary.payments.creditCard,
      vendors: writer.summary.vendors.total,
      elapsedMs: timer() - started,
    });
  let inBatch = 0;
  // The store builds the transactions' secondary indexes once at the end (a sort) instead of row by row: with a
  // million bills, random inserts into the RefNumber and vendor indexes dominated. The generator looks up ids only.
  db.bulkLoad((checkpoint) => {
    report('lists');
    for (const e of plan.events()) {
      writer.apply(e);
      if (e.type === 'bill' && (e.bill.seq + 1) % every === 0) report('transactions');
      if (++inBatch >= batch) {
        checkpoint();
        inBatch = 0;
      }
    }
    report('balances');
    writer.finishBalances();
    report('indexes');
  });
  const summary: GeneratedCompanySummary = {
    generatorVersion: COMPANY_GENERATOR_VERSION,
    seed: plan.seed,
    timeZone: plan.timeZone,
    now: new Date(plan.now).toISOString(),
    ...writer.summary,
    elapsedMs: timer() - started,
  };
  report('done');
  return summary;
}

/** Options of {@link generateCompanyFile}. */
export interface GenerateFileOptions extends GenerateOptions {
  /** Company name (CompanyRet); default `Generated Company`. */
  companyName?: string;
  /** Replace an existing file (default: refuse). */
  overwrite?: boolean;
}

/**
 * Generates a whole company file: a company database (company info, an `Admin` user without a password, the qbXML
 * records of {@link generateCompany}) written to `out` — a SQLite file `qbd-sim serve --company` and world specs
 * (`fromFile`) load. Written to a temporary file beside it with the journal in memory, no fsync and a large cache, then renamed, so a
 * crash never leaves a half company at `out`.
 */
export function generateCompanyFile(out: string, opts: GenerateFileOptions): GeneratedCompanySummary {
  const target = path.resolve(out);
  if (fs.existsSync(target) && !opts.overwrite) throw new Error(`${target} exists (use overwrite to replace it)`);
  const tmp = `${target}.partial`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
  const store = CompanyStore.open({ path: tmp });
  try {
    const name = opts.companyName ?? 'Generated Company';
    store.setCompanyInfo({ companyName: name, legalCompanyName: name });
    store.addUser({ name: 'Admin', password: '', role: 'admin' });
    // The journal in memory, no fsync: a crash leaves only the temporary file.
    store.scratchWrites(true);
    const summary = generateCompany(store, opts);
    store.scratchWrites(false);
    store.close();
    fs.renameSync(tmp, target);
    return summary;
  } catch (error) {
    store.close();
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(f, { force: true });
    throw error;
  }
}
