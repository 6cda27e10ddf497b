import { formatQbDate, parseQbDateTime } from '../../src/protocol/qb-datetime.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { readDateTime } from './request-values.js';
import type { RetDoc } from './ret-doc.js';
import { child, type XmlElement } from './xml-element.js';

/**
 * Calendar arithmetic on `YYYY-MM-DD` dates (the QuickBooks machine's local dates), `DateMacro` ranges and due dates
 * from terms.
 */

interface Ymd {
  y: number;
  m: number; // 1-12
  d: number;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

function parse(date: string): Ymd {
  const [y, m, d] = date.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
}

function format(p: Ymd): string {
  return `${pad(p.y, 4)}-${pad(p.m)}-${pad(p.d)}`;
}

function fromUtc(ms: number): Ymd {
  const t = new Date(ms);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

function utc(p: Ymd): number {
  return Date.UTC(p.y, p.m - 1, p.d);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The date `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return format(fromUtc(utc(parse(date)) + days * 86_400_000));
}

/** The date `months` months after `date`, the day clamped to the month's length (Jan 31 + 1 month = Feb 28). */
export function addMonths(date: string, months: number): string {
  const p = parse(date);
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return format({ y, m, d: Math.min(p.d, daysInMonth(y, m)) });
}

let lastToday = { second: NaN, timeZone: '', date: '' };

/**
 * A DATETYPE field (`TxnDate`, `DueDate`, `FromTxnDate`) as `YYYY-MM-DD`; undefined when absent; 3020 when it is not
 * a calendar date. A date is a calendar day, not an instant: no time zone is involved.
 */
export function readTxnDate(el: XmlElement, name: string): string | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(v);
  const p = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
  if (!p || p.m < 1 || p.m > 12 || p.d < 1 || p.d > daysInMonth(p.y, p.m)) {
    throw QbxmlStatusError.of('badDate', { value: v, fieldName: name });
  }
  return format(p);
}

/** The QuickBooks machine's local date at an instant (remembered for the last second asked: requests come in bursts). */
export function localToday(now: number, timeZone: string): string {
  const second = Math.floor(now / 1000);
  if (second !== lastToday.second || timeZone !== lastToday.timeZone) {
    lastToday = { second, timeZone, date: formatQbDate(now, timeZone) };
  }
  return lastToday.date;
}

/** An inclusive date range; either end may be open. */
export interface DateRange {
  from?: string;
  to?: string;
}

/** The fiscal year's first month (CompanyRet has no FirstMonthFiscalYear in the simulator: January, as by default). */
const FISCAL_FIRST_MONTH = 1;

type Period = 'week' | 'month' | 'quarter' | 'fiscalQuarter' | 'year' | 'fiscalYear';

/** The first day of the period containing `date`. Weeks start on Sunday (QuickBooks' US calendar). */
function periodStart(date: string, period: Period): string {
  const p = parse(date);
  switch (period) {
    case 'week': {
      const weekday = new Date(utc(p)).getUTCDay(); // 0 = Sunday
      return addDays(date, -weekday);
    }
    case 'month':
      return format({ y: p.y, m: p.m, d: 1 });
    case 'quarter':
      return format({ y: p.y, m: p.m - ((p.m - 1) % 3), d: 1 });
    case 'fiscalQuarter': {
      const offset = (p.m - FISCAL_FIRST_MONTH + 12) % 3;
      return addMonths(format({ y: p.y, m: p.m, d: 1 }), -offset);
    }
    case 'year':
      return format({ y: p.y, m: 1, d: 1 });
    case 'fiscalYear': {
      const back = (p.m - FISCAL_FIRST_MONTH + 12) % 12;
      return addMonths(format({ y: p.y, m: p.m, d: 1 }), -back);
    }
  }
}

function step(date: string, period: Period, n: number): string {
  switch (period) {
    case 'week':
      return addDays(date, 7 * n);
    case 'month':
      return addMonths(date, n);
    case 'quarter':
    case 'fiscalQuarter':
      return addMonths(date, 3 * n);
    case 'year':
    case 'fiscalYear':
      return addMonths(date, 12 * n);
  }
}

/** The whole period `n` periods from the one containing `today` (0 = this, -1 = last, 1 = next). */
function periodRange(today: string, period: Period, n: number): Required<DateRange> {
  const from = step(periodStart(today, period), period, n);
  return { from, to: addDays(step(from, period, 1), -1) };
}

/** From the start of the period `n` periods back to the same point in it as today ("to date"). */
function periodToDate(today: string, period: Period, n: number): Required<DateRange> {
  const whole = periodRange(today, period, n);
  const sameDay = step(today, period, n);
  return { from: whole.from, to: sameDay < whole.to ? sameDay : whole.to };
}

const MACROS: Readonly<Record<string, (today: string) => DateRange>> = {
  All: () => ({}),
  Today: (t) => ({ from: t, to: t }),
  Yesterday: (t) => ({ from: addDays(t, -1), to: addDays(t, -1) }),
  ThisWeek: (t) => periodRange(t, 'week', 0),
  ThisWeekToDate: (t) => periodToDate(t, 'week', 0),
  ThisMonth: (t) => periodRange(t, 'month', 0),
  ThisMonthToDate: (t) => periodToDate(t, 'month', 0),
  ThisCalendarQuarter: (t) => periodRange(t, 'quarter', 0),
  ThisCalendarQuarterToDate: (t) => periodToDate(t, 'quarter', 0),
  ThisFiscalQuarter: (t) => periodRange(t, 'fiscalQuarter', 0),
  ThisFiscalQuarterToDate: (t) => periodToDate(t, 'fiscalQuarter', 0),
  ThisCalendarYear: (t) => periodRange(t, 'year', 0),
  ThisCalendarYearToDate: (t) => periodToDate(t, 'year', 0),
  ThisFiscalYear: (t) => periodRange(t, 'fiscalYear', 0),
  ThisFiscalYearToDate: (t) => periodToDate(t, 'fiscalYear', 0),
  LastWeek: (t) => periodRange(t, 'week', -1),
  LastWeekToDate: (t) => periodToDate(t, 'week', -1),
  LastMonth: (t) => periodRange(t, 'month', -1),
  LastMonthToDate: (t) => periodToDate(t, 'month', -1),
  LastCalendarQuarter: (t) => periodRange(t, 'quarter', -1),
  LastCalendarQuarterToDate: (t) => periodToDate(t, 'quarter', -1),
  LastFiscalQuarter: (t) => periodRange(t, 'fiscalQuarter', -1),
  LastFiscalQuarterToDate: (t) => periodToDate(t, 'fiscalQuarter', -1),
  LastCalendarYear: (t) => periodRange(t, 'year', -1),
  LastCalendarYearToDate: (t) => periodToDate(t, 'year', -1),
  LastFiscalYear: (t) => periodRange(t, 'fiscalYear', -1),
  LastFiscalYearToDate: (t) => periodToDate(t, 'fiscalYear', -1),
  NextWeek: (t) => periodRange(t, 'week', 1),
  NextFourWeeks: (t) => {
    const from = periodRange(t, 'week', 1).from;
    return { from, to: addDays(from, 27) };
  },
  NextMonth: (t) => periodRange(t, 'month', 1),
  NextCalendarQuarter: (t) => periodRange(t, 'quarter', 1),
  NextCalendarYear: (t) => periodRange(t, 'year', 1),
  NextFiscalQuarter: (t) => periodRange(t, 'fiscalQuarter', 1),
  NextFiscalYear: (t) => periodRange(t, 'fiscalYear', 1),
};

/**
 * The dates a `DateMacro` covers, computed from the QuickBooks machine's local date (`today`); undefined for a value
 * the schema allows but this table lacks (none today).
 */
export function dateMacroRange(macro: string, today: string): DateRange | undefined {
  return MACROS[macro]?.(today);
}

/**
 * The due date terms give a transaction dated `txnDate`: standard terms add `StdDueDays`; date-driven terms are due
 * on `DayOfMonthDue` of the month, or of the next month when the transaction is dated fewer than `DueNextMonthDays`
 * days before that day (or after it). Without terms, `defaultDays` after the date.
 */
export function dueDateFromTerms(
  terms: { kind: string; doc: RetDoc } | undefined,
  txnDate: string,
  defaultDays = 0,
): string {
  if (!terms) return addDays(txnDate, defaultDays);
  if (terms.kind === 'DateDrivenTerms') {
    const dayDue = Number(terms.doc['DayOfMonthDue'] ?? 1) || 1;
    const nextMonthDays = Number(terms.doc['DueNextMonthDays'] ?? 0) || 0;
    const p = parse(txnDate);
    const nextMonth = dayDue - p.d < nextMonthDays || p.d > dayDue;
    const month = nextMonth ? parse(addMonths(format({ y: p.y, m: p.m, d: 1 }), 1)) : { ...p, d: 1 };
    return format({ y: month.y, m: month.m, d: Math.min(dayDue, daysInMonth(month.y, month.m)) });
  }
  const days = Number(terms.doc['StdDueDays'] ?? 0) || 0;
  return addDays(txnDate, days);
}

/**
 * `ToModifiedDate`: a value with a time is that instant; a bare date means the end of that local day (inclusive),
 * the way QuickBooks-backed APIs document it (fidelity note).
 */
export function readToDateTime(el: XmlElement, name: string, timeZone: string): number | undefined {
  const instant = readDateTime(el, name, timeZone);
  const text = child(el, name)?.text.trim() ?? '';
  if (instant === undefined || text.includes('T')) return instant;
  const [y, m, d] = text.split('-');
  const date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  return parseQbDateTime(addDays(date, 1), timeZone)! - 1000;
}
