/**
 * The statement-of-cash-flows section QuickBooks files an account under by default (`CashFlowClassification`):
 * working-capital accounts are operating, long-term assets investing, long-term liabilities and equity financing;
 * cash itself and the profit-and-loss accounts are not classified. Fidelity note: inferred from QuickBooks'
 * cash-flow preferences, not from a capture.
 */
export function cashFlowClassification(accountType: string): string {
  switch (accountType) {
    case 'AccountsReceivable':
    case 'OtherCurrentAsset':
    case 'AccountsPayable':
    case 'CreditCard':
    case 'OtherCurrentLiability':
      return 'Operating';
    case 'FixedAsset':
    case 'OtherAsset':
      return 'Investing';
    case 'LongTermLiability':
    case 'Equity':
      return 'Financing';
    default:
      return 'NotApplicable';
  }
}
