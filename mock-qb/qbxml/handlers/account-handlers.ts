import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { cashFlowClassification } from '../cash-flow-classification.js';
import { runListQuery } from '../list-query.js';
import { listKind } from '../list-kinds.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { ListRecords, nameKey, type ListRow } from '../records/list-records.js';
import { refFilter } from '../ref-filter.js';
import { formatCents, readCents } from '../request-values.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqContext, RqHandler } from '../rq-context.js';
import { child, childText, childrenNamed } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, modListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

/**
 * Account types in the order of QuickBooks' chart of accounts (balance-sheet accounts first, then income and
 * expense, then non-posting). AccountQuery lists accounts in this order, sub-accounts under their parent.
 */
export const CHART_OF_ACCOUNTS_ORDER = [
  'Bank',
  'AccountsReceivable',
  'OtherCurrentAsset',
  'FixedAsset',
  'OtherAsset',
  'AccountsPayable',
  'CreditCard',
  'OtherCurrentLiability',
  'LongTermLiability',
  'Equity',
  'Income',
  'CostOfGoodsSold',
  'Expense',
  'OtherIncome',
  'OtherExpense',
  'NonPosting',
] as const;

const ACCOUNT: ListWriteSpec = {
  kind: 'Account',
  parentKinds: ['Account'],
  objectType: 'Account',
  refKinds: { SalesTaxCodeRef: ['SalesTaxCode'] },
  // OpenBalance becomes Balance (Add) and is not changed by a Mod (the opening balance is a transaction in
  // QuickBooks); tax lines are not simulated (TaxLineInfoRet needs QuickBooks' tax-line names).
  skip: ['OpenBalance', 'OpenBalanceDate', 'TaxLineID'],
};

/** 3180 when another account already has this account number (QuickBooks' "The account number is already in use."). */
function checkAccountNumberFree(ctx: RqContext, accountNumber: string | undefined, fullName: string, self?: string) {
  if (!accountNumber) return;
  const taken = ListRecords.of(ctx.store)
    .query({ kinds: ['Account'], activeStatus: 'All' })
    .some((r) => r.listId !== self && r.doc['AccountNumber'] === accountNumber);
  if (taken)
    throw QbxmlStatusError.of('accountNumberInUse', { list: listKind('Account').saveListName, name: fullName });
}

const accountAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'AccountAdd')!;
  const opening = readCents(add, 'OpenBalance') ?? 0;
  const row = addListRecord(ctx, add, ACCOUNT, (doc) => {
    checkAccountNumberFree(ctx, childText(add, 'AccountNumber'), String(doc['FullName']));
    return {
      ...doc,
      Balance: formatCents(opening),
      TotalBalance: formatCents(opening),
      CashFlowClassification: cashFlowClassification(String(doc['AccountType'])),
    };
  });
  return { body: writeOne(ctx, row, 'AccountRet', includeRetElements(ctx.rq)) };
};

const accountMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'AccountMod')!;
  const row = modListRecord(ctx, mod, ACCOUNT, (doc: RetDoc, before: ListRow) => {
    const number = childText(mod, 'AccountNumber');
    if (number !== undefined && number !== before.doc['AccountNumber']) {
      checkAccountNumberFree(ctx, number, String(doc['FullName']), before.listId);
    }
    if (doc['AccountType'] === before.doc['AccountType']) return doc;
    return { ...doc, CashFlowClassification: cashFlowClassification(String(doc['AccountType'])) };
  });
  return { body: writeOne(ctx, row, 'AccountRet', includeRetElements(ctx.rq)) };
};

function chartKey(row: ListRow): number {
  const i = CHART_OF_ACCOUNTS_ORDER.indexOf(String(row.doc['AccountType']) as (typeof CHART_OF_ACCOUNTS_ORDER)[number]);
  return i < 0 ? CHART_OF_ACCOUNTS_ORDER.length : i;
}

/** Chart-of-accounts order: by account type, then by name level by level (a sub-account right under its parent). */
function chartOrder(a: ListRow, b: ListRow): number {
  const byType = chartKey(a) - chartKey(b);
  if (byType) return byType;
  const pa = nameKey(a.fullName).split(':');
  const pb = nameKey(b.fullName).split(':');
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    if (pa[i] !== pb[i]) return pa[i]! < pb[i]! ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** AccountQuery: the list filters plus `AccountType*` and `CurrencyFilter`; no iterator (facts §6.5). */
const accountQuery: RqHandler = (ctx) => {
  const types = new Set(childrenNamed(ctx.rq, 'AccountType').map((e) => e.text));
  const currency = child(ctx.rq, 'CurrencyFilter');
  // Currencies are not kept (multicurrency is off): a currency filter names nothing QuickBooks can find.
  const byCurrency = currency && refFilter(ctx.store, currency, ['Currency'], 'CurrencyRef');
  if (byCurrency?.missing !== undefined)
    return { status: qbxmlStatus('queryIncomplete', { value: byCurrency.missing }) };
  return runListQuery(ctx, {
    kinds: ['Account'],
    retName: () => 'AccountRet',
    iterators: false,
    order: chartOrder,
    ...(types.size || byCurrency
      ? {
          extraFilter: (row: ListRow) =>
            (!types.size || types.has(String(row.doc['AccountType']))) && (!byCurrency || byCurrency.match(row)),
        }
      : {}),
  });
};

/** AccountAdd, AccountMod, AccountQuery. */
export const ACCOUNT_HANDLERS: Readonly<Record<string, RqHandler>> = {
  AccountAddRq: accountAdd,
  AccountModRq: accountMod,
  AccountQueryRq: accountQuery,
};
