import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

/** The cloud: a new vendor (work for the connector: VendorAdd). */
export class CloudCreateVendorCommand extends SyncStep {
  override readonly actor = 'cloud';
  name = '';
  async act(m: SyncModel, real: SyncReal): Promise<void> {
    this.name = `Vendor ${m.vendors.length}`;
    const { cloudId } = await real.bench.cloud.admin.createVendor(real.bench.companyId, {
      name: this.name,
      phone: `555-01${String(m.vendors.length).padStart(2, '0')}`,
    });
    m.vendors.push({ name: this.name, cloudId });
  }
  toString(): string {
    return `- { cloud: create-vendor, name: ${this.name || 'Vendor N'}, phone: 555-01${this.name.replace(/\D/g, '').padStart(2, '0')} }`;
  }
}
