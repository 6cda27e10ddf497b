import { adjustListBalance } from './list-balance.js';
import type { RqContext } from './rq-context.js';

/**
 * Moves what a vendor or customer owes or is owed: a vendor's `Balance` (bills raise it, payments and credits lower
 * it); a customer's or job's `Balance` and the `TotalBalance` of it and every parent (invoices raise them, payments
 * lower them). A balance change is not an edit of the name: TimeModified and EditSequence stay, as in QuickBooks, so
 * a connector's EditSequence for the vendor stays valid.
 */
export function adjustEntityBalance(ctx: RqContext, listId: string | null, cents: number): void {
  if (!listId || cents === 0) return;
  adjustListBalance(ctx.store, listId, cents, { now: ctx.now, timeZone: ctx.host.timeZone });
}
