import { SyncStep, billDate } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The cloud: a payment of one of its bills (work for the connector: BillPaymentCheckAdd applied to the bill). */
export class CloudCreatePaymentCommand extends SyncStep {
  override readonly actor = 'cloud';
  bill = '';
  constructor(
    readonly billIndex: number,
    readonly amount: string,
    readonly day: number,
  ) {
    super();
  }
  override check(m: Readonly<SyncModel>): boolean {
    return m.bills.length > 0;
  }
  async act(m: SyncModel, real: SyncReal): Promise<void> {
    const b = m.bills[this.billIndex % m.bills.length]!;
    this.bill = b.alias;
    const { cloudId } = await real.bench.cloud.admin.createPayment(real.bench.companyId, {
      billCloudId: b.cloudId,
      amount: this.amount,
      date: billDate(this.day + 5),
    });
    m.payments.push({ cloudId });
  }
  toString(): string {
    return `- { cloud: create-payment, bill: ${this.bill || `#${this.billIndex}`}, amount: '${this.amount}', date: '${billDate(this.day + 5)}' }`;
  }
}
