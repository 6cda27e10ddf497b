import { parseQbDateTime } from '../../../src/protocol/qb-datetime.js';
import { localDate } from '../local-time.js';
import { addDays, addMonths, dueDateFromTerms } from '../txn-dates.js';
import type { RetDoc } from '../ret-doc.js';
import {
  AREA_CODES,
  CITIES,
  CUSTOMER_KINDS,
  EXPENSE_ACCOUNTS,
  FIRST_NAMES,
  PLACE_WORDS,
  SALUTATIONS,
  STREET_NAMES,
  STREET_TYPES,
  SUFFIXES,
  SURNAMES,
  TRADE_WEIGHTS,
  TRADES,
} from './company-names.js';
import { SeededRandom } from './seeded-random.js';
import { DEFAULT_CLOCK_START } from '../../../src/protocol/qb-datetime.js';

/**
 * The plan of a generated company: what happened in it, in the order it happened, as a stream of events (a setup
 * day, then bills, bill payments, vendors added later and vendors made inactive, in time order). The plan knows no
 * ids: whoever carries it out makes them (the generator through the records layer, a test through qbXML requests),
 * so both can be compared. Deterministic: the same options give the same stream.
 */

/** What to generate. */
export interface CompanyGeneratorOptions {
  vendors: number;
  bills: number;
  /** Customers (a list only: the generator makes no invoices). Default 0. */
  customers?: number;
  /** How far back the bills go, in months before `now`. Default 12. */
  months?: number;
  /** Default `qbd-sim`. */
  seed?: string | number;
  /** The QuickBooks machine's time zone: TimeCreated, TxnDate and business hours are local to it. Default New York. */
  timeZone?: string;
  /**
   * The company's present (ms since the epoch): every record is created before it. Default 2014-11-10T15:00:00Z,
   * the start of a world's manual clock.
   */
  now?: number;
}

/** The default "now" of a generated company: the default start of a world's manual clock. */
export const DEFAULT_COMPANY_NOW = DEFAULT_CLOCK_START;

/**
 * A record's request fields, in schema order: a value is text, a nested aggregate (an address), or for a `…Ref` key
 * a `{ FullName }` naming the record.
 */
export type PlannedFields = Record<string, string | Record<string, string>>;

/** Standard or date-driven terms the plan uses (the defaults of a new company plus the generator's own). */
export interface PlannedTerms {
  name: string;
  kind: 'StandardTerms' | 'DateDrivenTerms';
  /** The fields of a TermsRet the due-date rule reads (`StdDueDays`, `DayOfMonthDue`, `DueNextMonthDays`). */
  doc: RetDoc;
}

export interface PlannedVendor {
  index: number;
  name: string;
  /** VendorAdd fields after `Name`, in schema order. */
  fields: PlannedFields;
  terms: string | undefined;
  /** The account most of its bills post to. */
  account: string;
  payByCard: boolean;
  /** Made inactive near the end (VendorMod `IsActive` false): its bills are all paid before. */
  inactive: boolean;
}

export interface PlannedLine {
  account: string;
  cents: number;
  memo?: string;
}

export interface PlannedBill {
  /** 0-based, in creation order. */
  seq: number;
  vendor: number;
  txnDate: string;
  refNumber?: string;
  memo?: string;
  lines: PlannedLine[];
  /** Sum of the lines. */
  cents: number;
  /** What its payment (if any, before `now`) will take off. */
  paidCents: number;
}

export interface PlannedPayment {
  bill: number;
  vendor: number;
  kind: 'BillPaymentCheck' | 'BillPaymentCreditCard';
  txnDate: string;
  refNumber?: string;
  memo?: string;
  cents: number;
}

export type CompanyEvent =
  | { type: 'setup'; at: number }
  | { type: 'account'; at: number; name: string; accountType: string; desc?: string }
  | { type: 'terms'; at: number; terms: PlannedTerms }
  | { type: 'vendor'; at: number; vendor: PlannedVendor }
  | { type: 'customer'; at: number; name: string; fields: PlannedFields }
  | { type: 'bill'; at: number; bill: PlannedBill }
  | { type: 'payment'; at: number; payment: PlannedPayment }
  | { type: 'deactivateVendor'; at: number; vendor: number };

/** The bank account payments by check come from (a default of a new company). */
export const BANK_ACCOUNT = 'Checking';
/** The credit card account the generator adds for payments by card. */
export const CARD_ACCOUNT = 'Business Credit Card';

/** Terms a new company has (company-defaults.ts) and the ones the generator adds, with the share of vendors on each. */
const DEFAULT_TERMS: readonly PlannedTerms[] = [
  standard('Net 15', 15),
  standard('Net 30', 30),
  standard('Net 60', 60),
  standard('1% 10 Net 30', 30, 10, '1.00'),
  standard('Due on receipt', 0),
];
const ADDED_TERMS: readonly PlannedTerms[] = [
  standard('Net 45', 45),
  standard('2% 10 Net 30', 30, 10, '2.00'),
  {
    name: '15th of Month',
    kind: 'DateDrivenTerms',
    doc: { DayOfMonthDue: '15', DueNextMonthDays: '5', DiscountPct: '0.00' },
  },
];
const TERMS_SHARE: readonly (readonly [string | undefined, number])[] = [
  ['Net 30', 44],
  ['Net 15', 14],
  ['Net 45', 6],
  ['Net 60', 5],
  ['1% 10 Net 30', 5],
  ['2% 10 Net 30', 4],
  ['Due on receipt', 10],
  ['15th of Month', 4],
  [undefined, 8],
];

function standard(name: string, days: number, discountDays = 0, pct = '0.00'): PlannedTerms {
  return {
    name,
    kind: 'StandardTerms',
    doc: { StdDueDays: String(days), StdDiscountDays: String(discountDays), DiscountPct: pct },
  };
}

/** The terms the generator adds to the defaults of a new company (TermsAdd events). */
export function addedTerms(): readonly PlannedTerms[] {
  return ADDED_TERMS;
}

const LINE_COUNTS: readonly (readonly [number, number])[] = [
  [1, 35],
  [2, 25],
  [3, 20],
  [4, 12],
  [5, 8],
];
/** Expense accounts of a new company (company-defaults.ts): bills may post to them too. */
const DEFAULT_EXPENSE_ACCOUNTS = ['Office Supplies', 'Rent Expense', 'Utilities'];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** A date's weekday, 0 = Sunday. */
function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}

/** Business days (Monday–Friday, 09:00–17:00 local) between a first date and an instant, as one time line. */
class BusinessCalendar {
  readonly #opens: number[] = [];
  readonly #lengths: number[] = [];
  readonly #starts: number[] = [];
  readonly total: number;
  readonly #timeZone: string;
  readonly #hours = new Map<string, number>();
  #cursor = 0;

  constructor(firstDate: string, end: number, timeZone: string) {
    this.#timeZone = timeZone;
    const last = localDate(end, timeZone);
    let total = 0;
    for (let date = firstDate; date <= last; date = addDays(date, 1)) {
      const wd = weekday(date);
      if (wd === 0 || wd === 6) continue;
      const open = this.localTime(date, 9);
      const close = Math.min(this.localTime(date, 17), end);
      if (close <= open) continue;
      this.#opens.push(open);
      this.#lengths.push(close - open);
      this.#starts.push(total);
      total += close - open;
    }
    this.total = total;
  }

  /** The instant of `hour`:00 local on a date (remembered per date and hour). */
  localTime(date: string, hour: number): number {
    const key = `${date}T${hour}`;
    let t = this.#hours.get(key);
    if (t === undefined) {
      t = parseQbDateTime(`${date}T${String(hour).padStart(2, '0')}:00:00`, this.#timeZone)!;
      this.#hours.set(key, t);
    }
    return t;
  }

  /** The instant `position` ms into business time; positions must not decrease between calls. */
  at(position: number): number {
    while (this.#cursor < this.#starts.length - 1 && this.#starts[this.#cursor + 1]! <= position) this.#cursor++;
    return this.#opens[this.#cursor]! + (position - this.#starts[this.#cursor]!);
  }

  /** The instant of any position (not necessarily increasing). */
  seek(position: number): number {
    let lo = 0;
    let hi = this.#starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#starts[mid]! <= position) lo = mid;
      else hi = mid - 1;
    }
    return this.#opens[lo]! + Math.min(position - this.#starts[lo]!, this.#lengths[lo]! - 1);
  }
}

interface QueuedPayment {
  at: number;
  seq: number;
  payment: Omit<PlannedPayment, 'refNumber' | 'memo'>;
}

/**
 * Payments waiting for their time, bucketed by (UTC) day: a day's bucket is sorted once when the stream reaches that
 * day; a payment planned for the day under way is put in its place in it.
 */
class PaymentQueue {
  readonly #days = new Map<number, QueuedPayment[]>();
  #day = -Infinity;
  #today: QueuedPayment[] = [];
  #next = 0;
  #lastDay = -Infinity;

  push(item: QueuedPayment): void {
    const day = Math.floor(item.at / DAY_MS);
    if (day <= this.#day) {
      let i = this.#today.length;
      while (i > this.#next && before(item, this.#today[i - 1]!)) i--;
      this.#today.splice(i, 0, item);
      return;
    }
    let bucket = this.#days.get(day);
    if (!bucket) this.#days.set(day, (bucket = []));
    bucket.push(item);
    if (day > this.#lastDay) this.#lastDay = day;
  }

  /** The time of the next payment if it is on or before `until`'s day, else Infinity. */
  peekAt(until: number): number {
    while (this.#next >= this.#today.length) {
      if (this.#day >= this.#lastDay) return Infinity;
      const day = this.#day === -Infinity ? Math.min(...this.#days.keys()) : this.#day + 1;
      if (day > Math.floor(until / DAY_MS)) return Infinity;
      this.#day = day;
      this.#today = this.#days.get(day) ?? [];
      this.#days.delete(day);
      this.#today.sort((a, b) => a.at - b.at || a.seq - b.seq);
      this.#next = 0;
    }
    return this.#today[this.#next]!.at;
  }

  /** The next payment (after {@link peekAt} said it is due). */
  pop(): QueuedPayment {
    return this.#today[this.#next++]!;
  }
}

function before(a: QueuedPayment, b: QueuedPayment): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

/** The whole plan: its time line, its vendors (made up front) and the event stream. */
export class CompanyPlan {
  readonly vendorCount: number;
  readonly billCount: number;
  readonly customerCount: number;
  readonly months: number;
  readonly seed: string;
  readonly timeZone: string;
  readonly now: number;
  /** The first TxnDate a bill may have (`months` before today). */
  readonly firstDate: string;
  /** When the company was set up (its default lists, accounts, terms and most vendors). */
  readonly setupAt: number;
  readonly vendors: readonly PlannedVendor[];
  readonly terms: ReadonlyMap<string, PlannedTerms>;
  /** Accounts bills post to (the defaults' expense accounts and the generated ones). */
  readonly expenseAccounts: readonly string[];
  readonly #vendorAt: Float64Array;
  readonly #calendar: BusinessCalendar;
  readonly #inactiveCutoff: number;
  readonly #deactivateAt: number;
  /** The vendors' names: customers share their name space. */
  readonly #customerNames: NameRegistry;

  constructor(opts: CompanyGeneratorOptions) {
    for (const [k, v] of [
      ['vendors', opts.vendors],
      ['bills', opts.bills],
      ['customers', opts.customers ?? 0],
      ['months', opts.months ?? 12],
    ] as const) {
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`${k} must be a whole number ≥ 0, not ${v}`);
    }
    if (opts.bills > 0 && opts.vendors === 0) throw new RangeError('bills need at least one vendor');
    if ((opts.months ?? 12) < 1) throw new RangeError('months must be at least 1');
    this.vendorCount = opts.vendors;
    this.billCount = opts.bills;
    this.customerCount = opts.customers ?? 0;
    this.months = opts.months ?? 12;
    this.seed = String(opts.seed ?? 'qbd-sim');
    this.timeZone = opts.timeZone ?? 'America/New_York';
    this.now = opts.now ?? DEFAULT_COMPANY_NOW;
    const today = localDate(this.now, this.timeZone);
    this.firstDate = addMonths(today, -this.months);
    this.#calendar = new BusinessCalendar(this.firstDate, this.now, this.timeZone);
    if (this.#calendar.total <= 0) throw new RangeError('the period has no business hours before "now"');
    let setupDate = addDays(this.firstDate, -1);
    while (weekday(setupDate) === 0 || weekday(setupDate) === 6) setupDate = addDays(setupDate, -1);
    this.setupAt = this.#calendar.localTime(setupDate, 8);
    this.terms = new Map([...DEFAULT_TERMS, ...ADDED_TERMS].map((t) => [t.name, t]));
    this.expenseAccounts = [...DEFAULT_EXPENSE_ACCOUNTS, ...EXPENSE_ACCOUNTS.map((a) => a.name)];
    this.#deactivateAt = Math.max(
      this.setupAt + 6 * HOUR_MS,
      this.#calendar.localTime(addDays(today, -14), 16) < this.now
        ? this.#calendar.localTime(addDays(today, -14), 16)
        : this.now - HOUR_MS,
    );
    this.#inactiveCutoff = this.#deactivateAt - 100 * DAY_MS;

    const names = new NameRegistry();
    const rng = new SeededRandom(`${this.seed}:vendors`);
    const setupVendors = Math.ceil(this.vendorCount * 0.85);
    const lateVendors = this.vendorCount - setupVendors;
    this.#vendorAt = new Float64Array(this.vendorCount);
    const vendors: PlannedVendor[] = [];
    for (let i = 0; i < this.vendorCount; i++) {
      const late = i >= setupVendors;
      this.#vendorAt[i] = late
        ? this.#calendar.seek(((i - setupVendors + rng.next()) * this.#calendar.total) / lateVendors)
        : this.setupAt + 30 * 60_000 + Math.floor((i * 2 * HOUR_MS) / Math.max(1, setupVendors));
      vendors.push(makeVendor(rng, i, names, !late && rng.chance(0.04)));
    }
    this.vendors = vendors;
    this.#customerNames = names;
  }

  /** The events, in time order. Vendor ListIDs are made in creation order, bills' TxnIDs in entry order. */
  *events(): Generator<CompanyEvent> {
    let at = this.setupAt;
    yield { type: 'setup', at };
    for (const a of EXPENSE_ACCOUNTS) {
      at += 20_000;
      yield { type: 'account', at, name: a.name, accountType: a.type, ...(a.desc ? { desc: a.desc } : {}) };
    }
    at += 20_000;
    yield { type: 'account', at, name: CARD_ACCOUNT, accountType: 'CreditCard' };
    for (const t of ADDED_TERMS) {
      at += 20_000;
      yield { type: 'terms', at, terms: t };
    }
    const setupVendors = Math.ceil(this.vendorCount * 0.85);
    for (let i = 0; i < setupVendors; i++) yield { type: 'vendor', at: this.#vendorAt[i]!, vendor: this.vendors[i]! };
    const customerRng = new SeededRandom(`${this.seed}:customers`);
    const names = this.#customerNames.copy();
    const customerStart = this.setupAt + 3 * HOUR_MS;
    for (let i = 0; i < this.customerCount; i++) {
      const c = makeCustomer(customerRng, names);
      yield { type: 'customer', at: customerStart + Math.floor((i * HOUR_MS) / this.customerCount), ...c };
    }

    const rng = new SeededRandom(`${this.seed}:bills`);
    const payRng = new SeededRandom(`${this.seed}:payments`);
    const queue = new PaymentQueue();
    let nextLateVendor = setupVendors;
    let existing = setupVendors;
    let nextDeactivation = 0;
    const inactive = this.vendors.filter((v) => v.inactive).map((v) => v.index);
    // One vendor a second (an afternoon of clean-up), squeezed when that would run past "now".
    const deactivateStep = Math.min(
      1000,
      Math.floor((this.now - 1 - this.#deactivateAt) / Math.max(1, inactive.length)),
    );
    let checkNumber = 1001;
    let paymentSeq = 0;
    const vendorAt = this.#vendorAt;

    const deactivateAt = this.#deactivateAt;
    const vendors = this.vendors;
    const vendorCount = this.vendorCount;
    /** The next vendor added, payment or vendor made inactive at or before `until` (in time order), if any. */
    const due = (until: number): CompanyEvent | undefined => {
      const vAt = nextLateVendor < vendorCount ? vendorAt[nextLateVendor]! : Infinity;
      const pAt = queue.peekAt(until);
      const dAt = nextDeactivation < inactive.length ? deactivateAt + nextDeactivation * deactivateStep : Infinity;
      const first = Math.min(vAt, pAt, dAt);
      if (first > until || first === Infinity) return undefined;
      if (vAt === first) return { type: 'vendor', at: vAt, vendor: vendors[nextLateVendor++]! };
      if (pAt === first) {
        const q = queue.pop();
        const account = vendors[q.payment.vendor]!.fields['AccountNumber'];
        const payment: PlannedPayment = {
          ...q.payment,
          ...(q.payment.kind === 'BillPaymentCheck' ? { refNumber: String(checkNumber++) } : {}),
          ...(typeof account === 'string' ? { memo: account } : {}),
        };
        return { type: 'payment', at: q.at, payment };
      }
      return { type: 'deactivateVendor', at: dAt, vendor: inactive[nextDeactivation++]! };
    };

    const total = this.#calendar.total;
    for (let seq = 0; seq < this.billCount; seq++) {
      const created = this.#calendar.at(((seq + rng.next()) * total) / this.billCount);
      for (let e = due(created); e; e = due(created)) yield e;
      while (existing < this.vendorCount && vendorAt[existing]! <= created) existing++;
      const vendor = this.#pickVendor(rng, existing, created);
      const bill = this.#makeBill(rng, seq, vendor, created);
      const payment = this.#planPayment(payRng, bill, vendor, created);
      if (payment) {
        bill.paidCents = payment.payment.cents;
        queue.push({ ...payment, seq: paymentSeq++ });
      }
      yield { type: 'bill', at: created, bill };
    }
    for (let e = due(this.now - 1); e; e = due(this.now - 1)) yield e;
  }

  #pickVendor(rng: SeededRandom, existing: number, at: number): PlannedVendor {
    for (let attempt = 0; attempt < 20; attempt++) {
      // Long-standing vendors get more bills than ones added last week.
      const v = this.vendors[Math.floor(existing * Math.pow(rng.next(), 1.25))]!;
      if (!v.inactive || at <= this.#inactiveCutoff) return v;
    }
    const start = rng.int(existing);
    for (let k = 0; k < existing; k++) {
      const v = this.vendors[(start + k) % existing]!;
      if (!v.inactive) return v;
    }
    return this.vendors[start]!;
  }

  #makeBill(rng: SeededRandom, seq: number, vendor: PlannedVendor, created: number): PlannedBill {
    const createdDate = localDate(created, this.timeZone);
    const lag = rng.weighted<number>([
      [0, 40],
      [1, 20],
      [2, 10],
      [3, 8],
      [4, 8],
      [5, 7],
      [7, 7],
    ]);
    let txnDate = addDays(createdDate, -lag);
    if (txnDate < this.firstDate) txnDate = this.firstDate;
    const trade = TRADES[tradeOf(vendor)]!;
    const count = rng.weighted(LINE_COUNTS);
    const lines: PlannedLine[] = [];
    let cents = 0;
    for (let i = 0; i < count; i++) {
      const account = rng.chance(0.8) ? vendor.account : rng.pick(this.expenseAccounts);
      const dollars = Math.min(48_000, Math.max(1, (trade.median / Math.sqrt(count)) * Math.exp(0.75 * rng.normal())));
      const lineCents = Math.max(100, Math.round(dollars * 100));
      cents += lineCents;
      lines.push({ account, cents: lineCents, ...(rng.chance(0.35) ? { memo: rng.pick(trade.memos) } : {}) });
    }
    const refNumber = rng.chance(0.88) ? invoiceNumber(rng, vendor.index) : undefined;
    const memo = rng.chance(0.12) ? `${rng.pick(trade.memos)} - ${monthName(txnDate)}` : undefined;
    return {
      seq,
      vendor: vendor.index,
      txnDate,
      ...(refNumber !== undefined ? { refNumber } : {}),
      ...(memo !== undefined ? { memo } : {}),
      lines,
      cents,
      paidCents: 0,
    };
  }

  /** When (and whether) a bill is paid: around its due date, unless that is after `now` or the bill is disputed. */
  #planPayment(
    rng: SeededRandom,
    bill: PlannedBill,
    vendor: PlannedVendor,
    created: number,
  ): Omit<QueuedPayment, 'seq'> | undefined {
    const terms = vendor.terms === undefined ? undefined : this.terms.get(vendor.terms);
    const due = dueDateFromTerms(terms, bill.txnDate, terms ? 0 : 10);
    const late = Math.max(-20, Math.min(30, Math.round(rng.normal() * 7) + 2));
    const disputed = rng.chance(0.03);
    const partial = rng.chance(0.06);
    const split = 0.3 + 0.6 * rng.next();
    const minutes = rng.int(6 * 60);
    let payDate = addDays(due, late);
    const createdDate = localDate(created, this.timeZone);
    if (payDate <= createdDate) payDate = addDays(createdDate, 1);
    while (weekday(payDate) === 0 || weekday(payDate) === 6) payDate = addDays(payDate, 1);
    const at = this.#calendar.localTime(payDate, 10) + minutes * 60_000;
    if (at >= this.now) return undefined;
    if (!vendor.inactive && disputed) return undefined;
    const cents =
      !vendor.inactive && partial ? Math.max(1, Math.min(bill.cents - 1, Math.round(bill.cents * split))) : bill.cents;
    if (cents <= 0) return undefined;
    return {
      at,
      payment: {
        bill: bill.seq,
        vendor: vendor.index,
        kind: vendor.payByCard ? 'BillPaymentCreditCard' : 'BillPaymentCheck',
        txnDate: payDate,
        cents,
      },
    };
  }
}

/** Which trade a vendor is in (its primary account's trade). */
function tradeOf(vendor: PlannedVendor): number {
  const i = TRADES.findIndex((t) => t.account === vendor.account);
  return i < 0 ? 0 : i;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthName(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function invoiceNumber(rng: SeededRandom, vendorIndex: number): string {
  const n = rng.between(1000, 999_999);
  switch (vendorIndex % 5) {
    case 0:
      return `INV-${n}`;
    case 1:
      return String(n);
    case 2:
      return `${String.fromCharCode(65 + (vendorIndex % 26))}${n}`;
    case 3:
      return `${n}-${rng.between(1, 99)}`;
    default:
      return `${100000 + rng.int(900000)}`;
  }
}

/** Names already used in the name lists (vendors and customers share one name space, case-insensitively). */
class NameRegistry {
  readonly #used: Set<string>;

  constructor(used: Iterable<string> = []) {
    this.#used = new Set(used);
  }

  /** A registry with the same names taken (each run of the event stream claims its customers' names afresh). */
  copy(): NameRegistry {
    return new NameRegistry(this.#used);
  }

  /** `base`, or `base 2`, `base 3`, … when taken (within 41 characters). */
  claim(base: string): string {
    let name = base.slice(0, 41).trimEnd();
    for (let n = 2; this.#used.has(name.toUpperCase()); n++) {
      const suffix = ` ${n}`;
      name = `${base.slice(0, 41 - suffix.length).trimEnd()}${suffix}`;
    }
    this.#used.add(name.toUpperCase());
    return name;
  }
}

function phone(rng: SeededRandom): string {
  return `(${rng.pick(AREA_CODES)}) ${rng.between(200, 989)}-${String(rng.int(10000)).padStart(4, '0')}`;
}

function address(rng: SeededRandom): Record<string, string> {
  const [city, state, zip] = rng.pick(CITIES);
  const out: Record<string, string> = {
    Addr1: `${rng.between(1, 9899)} ${rng.pick(STREET_NAMES)} ${rng.pick(STREET_TYPES)}`,
  };
  if (rng.chance(0.2))
    out['Addr2'] = rng.chance(0.5) ? `Suite ${rng.between(100, 950)}` : `PO Box ${rng.between(10, 9999)}`;
  out['City'] = city;
  out['State'] = state;
  out['PostalCode'] = `${zip}${String(rng.int(100)).padStart(2, '0')}`;
  return out;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '')
    .slice(0, 30);
}

function makeVendor(rng: SeededRandom, index: number, names: NameRegistry, inactive: boolean): PlannedVendor {
  const trade = TRADES[rng.weighted(TRADE_WEIGHTS.map((w, i) => [i, w] as const))]!;
  const word = rng.pick(trade.words);
  const suffix = rng.weighted(SUFFIXES);
  const surname = rng.pick(SURNAMES);
  const pattern = rng.int(10);
  const base =
    pattern < 5
      ? `${surname} ${word}${suffix}`
      : pattern < 9
        ? `${rng.pick(PLACE_WORDS)} ${word}${suffix}`
        : `${surname} & ${rng.pick(SURNAMES)} ${word}`;
  const name = names.claim(base);
  const fields: PlannedFields = {};
  if (rng.chance(0.7)) fields['CompanyName'] = name;
  if (rng.chance(0.55)) {
    const salutation = rng.weighted(SALUTATIONS);
    if (salutation) fields['Salutation'] = salutation;
    fields['FirstName'] = rng.pick(FIRST_NAMES);
    fields['LastName'] = rng.pick(SURNAMES);
  }
  fields['VendorAddress'] = address(rng);
  if (rng.chance(0.9)) fields['Phone'] = phone(rng);
  if (rng.chance(0.2)) fields['Fax'] = phone(rng);
  if (rng.chance(0.7))
    fields['Email'] = `${rng.pick(['ap', 'billing', 'accounts', 'invoices', 'info'])}@${slug(name)}.com`;
  if (rng.chance(0.3)) fields['NameOnCheck'] = name;
  if (rng.chance(0.4)) fields['AccountNumber'] = `${rng.between(10, 99)}-${rng.between(100000, 999999)}`;
  if (rng.chance(0.04)) fields['Notes'] = 'Call before delivery';
  const terms = rng.weighted(TERMS_SHARE);
  if (terms !== undefined) fields['TermsRef'] = { FullName: terms };
  if (trade.contractor && rng.chance(0.8)) fields['IsVendorEligibleFor1099'] = 'true';
  return {
    index,
    name,
    fields,
    terms,
    account: trade.account,
    payByCard: rng.chance(0.15),
    inactive,
  };
}

function makeCustomer(rng: SeededRandom, names: NameRegistry): { name: string; fields: PlannedFields } {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(SURNAMES);
  const business = rng.chance(0.6);
  const name = names.claim(
    business ? `${rng.chance(0.5) ? last : rng.pick(PLACE_WORDS)} ${rng.pick(CUSTOMER_KINDS)}` : `${last}, ${first}`,
  );
  const fields: PlannedFields = {};
  if (business) fields['CompanyName'] = name;
  fields['FirstName'] = first;
  fields['LastName'] = last;
  fields['BillAddress'] = address(rng);
  if (rng.chance(0.85)) fields['Phone'] = phone(rng);
  if (rng.chance(0.6)) fields['Email'] = `${first.toLowerCase()}.${slug(last)}@example.com`;
  fields['TermsRef'] = { FullName: rng.chance(0.7) ? 'Net 30' : 'Due on receipt' };
  return { name, fields };
}
