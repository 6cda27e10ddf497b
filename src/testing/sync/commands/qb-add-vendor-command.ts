import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';

let added = 0;

/** A person adds a vendor in QuickBooks (Vendor Center › New Vendor): QuickBooks → cloud work for the next sync. */
export class QbAddVendorCommand extends SyncStep {
  override readonly actor = 'qb-ui';
  name = '';
  async act(_m: SyncModel, real: SyncReal): Promise<void> {
    this.name = `QB Vendor ${++added}`;
    const [rs] = real.bench.query(
      `<VendorAddRq requestID="1"><VendorAdd><Name>${this.name}</Name><Phone>555-0300</Phone></VendorAdd></VendorAddRq>`,
    );
    if (rs?.statusCode !== 0)
      throw new Error(`a person could not add ${this.name}: ${rs?.statusMessage ?? 'no answer'}`);
  }
  toString(): string {
    return `# qb: a person adds the vendor "${this.name || 'QB Vendor N'}" in QuickBooks (Vendor Center › New Vendor)`;
  }
}
