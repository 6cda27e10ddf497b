import type { RqHandler } from '../rq-context.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import { includeRetElements } from './include-ret-element.js';

/** Preferences › Bills › "Bills are due N days after receipt": a bill without terms is due that many days after its date. */
export const DAYS_BILLS_ARE_DUE = 10;

/**
 * PreferencesQueryRq → PreferencesRet. Company preferences are a fixed, common US setup for now;
 * `CurrentAppAccessRights` is this session's own grant (facts §3.4).
 */
export const preferencesQuery: RqHandler = (ctx) => {
  const grant = ctx.store.getApp(ctx.session.appName);
  const auto = Boolean(grant?.autoLogin && grant.loginAs);
  const doc: RetDoc = {
    AccountingPreferences: {
      IsUsingAccountNumbers: 'false',
      IsRequiringAccounts: 'true',
      IsUsingClassTracking: 'false',
      IsUsingAuditTrail: 'true',
      IsAssigningJournalEntryNumbers: 'true',
    },
    FinanceChargePreferences: {
      AnnualInterestRate: '0.00',
      MinFinanceCharge: '0.00',
      GracePeriod: '0',
      IsAssessingForOverdueCharges: 'false',
      CalculateChargesFrom: 'DueDate',
      IsMarkedToBePrinted: 'false',
    },
    JobsAndEstimatesPreferences: {
      IsUsingEstimates: 'true',
      IsUsingProgressInvoicing: 'false',
      IsPrintingItemsWithZeroAmounts: 'false',
    },
    MultiCurrencyPreferences: { IsMultiCurrencyOn: 'false' },
    MultiLocationInventoryPreferences: {
      IsMultiLocationInventoryAvailable: 'false',
      IsMultiLocationInventoryEnabled: 'false',
    },
    PurchasesAndVendorsPreferences: {
      IsUsingInventory: 'false',
      DaysBillsAreDue: String(DAYS_BILLS_ARE_DUE),
      IsAutomaticallyUsingDiscounts: 'false',
    },
    ReportsPreferences: { AgingReportBasis: 'AgeFromDueDate', SummaryReportBasis: 'Accrual' },
    SalesAndCustomersPreferences: {
      IsTrackingReimbursedExpensesAsIncome: 'false',
      IsAutoApplyingPayments: 'true',
      PriceLevels: { IsUsingPriceLevels: 'false' },
    },
    TimeTrackingPreferences: { FirstDayOfWeek: 'Monday' },
    CurrentAppAccessRights: {
      IsAutomaticLoginAllowed: String(auto),
      ...(auto ? { AutomaticLoginUserName: grant!.loginAs! } : {}),
      IsPersonalDataAccessAllowed: String(Boolean(grant?.personalData)),
    },
  };
  const body: string[] = [];
  writeRetDoc('PreferencesRet', doc, body, includeRetElements(ctx.rq));
  return { body };
};
