import { SYNC_COMPANY, SYNC_HOST } from '../sync-bench.js';
import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';
import { observeSync } from '../sync-observation.js';

/** A person edits a vendor in QuickBooks (its phone; EditSequence moves on) — when QuickBooks has it yet. */
export class QbEditVendorCommand extends SyncStep {
  override readonly actor = 'qb-ui';
  vendor = '';
  phone = '';
  constructor(readonly vendorIndex: number) {
    super();
  }
  override check(m: Readonly<SyncModel>): boolean {
    return m.vendors.length > 0;
  }
  async act(m: SyncModel, real: SyncReal): Promise<void> {
    const v = m.vendors[this.vendorIndex % m.vendors.length]!;
    this.vendor = v.name;
    const inQb = (await observeSync(real.bench)).qb.vendors.find((x) => x.cloudId === v.cloudId || x.name === v.name);
    if (!inQb) return;
    await real.bench.control.editRecord(SYNC_HOST, { path: SYNC_COMPANY, id: inQb.id });
    this.phone = (await observeSync(real.bench)).qb.vendors.find((x) => x.id === inQb.id)?.phone ?? '';
  }
  toString(): string {
    const who = this.vendor || `#${this.vendorIndex}`;
    return this.phone
      ? `- { qb: edit-vendor, vendor: ${who}, phone: '${this.phone}' }`
      : `# qb: a person would edit ${who}, which QuickBooks does not have yet`;
  }
}
