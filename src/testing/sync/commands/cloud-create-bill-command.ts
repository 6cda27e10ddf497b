import { SyncStep, billDate } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The cloud: an approved bill for one of its vendors (work for the connector: BillAdd). */
export class CloudCreateBillCommand extends SyncStep {
  override readonly actor = 'cloud';
  vendor = '';
  alias = '';
  constructor(
    readonly vendorIndex: number,
    readonly amount: string,
    readonly day: number,
  ) {
    super();
  }
  override check(m: Readonly<SyncModel>): boolean {
    return m.vendors.length > 0;
  }
  async act(m: SyncModel, real: SyncReal): Promise<void> {
    const v = m.vendors[this.vendorIndex % m.vendors.length]!;
    this.vendor = v.name;
    const { cloudId } = await real.bench.cloud.admin.createBill(real.bench.companyId, {
      vendorCloudId: v.cloudId,
      txnDate: billDate(this.day),
      lines: [{ accountName: 'Office Supplies', amount: this.amount }],
    });
    this.alias = `bill-${m.bills.length + 1}`;
    m.bills.push({ cloudId, vendor: v.name, alias: this.alias });
  }
  toString(): string {
    return `- { cloud: create-bill, vendor: ${this.vendor || `#${this.vendorIndex}`}, txnDate: '${billDate(this.day)}', lines: [{ account: Office Supplies, amount: '${this.amount}' }]${this.alias ? `, as: ${this.alias}` : ''} }`;
  }
}
