import { formatPercent } from '../format-percent.js';
import { listKind } from '../list-kinds.js';
import { runListQuery } from '../list-query.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqHandler } from '../rq-context.js';
import { child } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

const STANDARD: ListWriteSpec = { kind: 'StandardTerms', objectType: 'StandardTerms', refKinds: {} };
const DATE_DRIVEN: ListWriteSpec = { kind: 'DateDrivenTerms', objectType: 'DateDrivenTerms', refKinds: {} };

/** An INTTYPE field written back as QuickBooks stores it (`030` → `30`), or `fallback` when absent. */
function int(doc: RetDoc, key: string, fallback?: string): RetDoc {
  const v = doc[key];
  if (typeof v === 'string' && v.trim() !== '') return { [key]: String(Number(v.trim())) };
  return fallback !== undefined ? { [key]: fallback } : {};
}

function percent(doc: RetDoc): RetDoc {
  const v = doc['DiscountPct'];
  return { DiscountPct: typeof v === 'string' ? formatPercent(v) : '0.00' };
}

/**
 * Standard terms ("Net 30", "1% 10 Net 30"): QuickBooks keeps due days, discount days and discount percent, zero
 * when not given, and returns all three.
 */
const standardTermsAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'StandardTermsAdd')!;
  const row = addListRecord(ctx, add, STANDARD, (doc) => ({
    ...doc,
    ...int(doc, 'StdDueDays', '0'),
    ...int(doc, 'StdDiscountDays', '0'),
    ...percent(doc),
  }));
  return { body: writeOne(ctx, row, 'StandardTermsRet', includeRetElements(ctx.rq)) };
};

/** Date-driven terms (due on a day of the month): `DayOfMonthDue` required; `DueNextMonthDays` zero when not given. */
const dateDrivenTermsAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'DateDrivenTermsAdd')!;
  const row = addListRecord(ctx, add, DATE_DRIVEN, (doc) => ({
    ...doc,
    ...int(doc, 'DayOfMonthDue'),
    ...int(doc, 'DueNextMonthDays', '0'),
    ...int(doc, 'DiscountDayOfMonth'),
    ...percent(doc),
  }));
  return { body: writeOne(ctx, row, 'DateDrivenTermsRet', includeRetElements(ctx.rq)) };
};

const termsQuery =
  (kinds: readonly string[]): RqHandler =>
  (ctx) =>
    runListQuery(ctx, { kinds, retName: (row) => listKind(row.kind).retName, iterators: false });

/** StandardTermsAdd/Query, DateDrivenTermsAdd/Query, and TermsQuery (both kinds, in name order; no iterator). */
export const TERMS_HANDLERS: Readonly<Record<string, RqHandler>> = {
  StandardTermsAddRq: standardTermsAdd,
  StandardTermsQueryRq: termsQuery(['StandardTerms']),
  DateDrivenTermsAddRq: dateDrivenTermsAdd,
  DateDrivenTermsQueryRq: termsQuery(['DateDrivenTerms']),
  TermsQueryRq: termsQuery(['StandardTerms', 'DateDrivenTerms']),
};
