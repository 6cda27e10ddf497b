import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The cloud: a vendor's phone changes (work for the connector: VendorMod with the EditSequence the cloud saw). */
export class CloudEditVendorCommand extends SyncStep {
  override readonly actor = 'cloud';
  vendor = '';
  constructor(
    readonly vendorIndex: number,
    readonly phone: string,
  ) {
    super();
  }
  override check(m: Readonly<SyncModel>): boolean {
    return m.vendors.length > 0;
  }
  async act(m: SyncModel, real: SyncReal): Promise<void> {
    const v = m.vendors[this.vendorIndex % m.vendors.length]!;
    this.vendor = v.name;
    await real.bench.cloud.admin.editVendor(real.bench.companyId, v.cloudId, { phone: this.phone });
  }
  toString(): string {
    return `- { cloud: edit-vendor, vendor: ${this.vendor || `#${this.vendorIndex}`}, phone: ${this.phone} }`;
  }
}
