import { SYNC_COMPANY, SYNC_HOST } from '../sync-bench.js';
import { SyncStep } from '../sync-command.js';
import type { SyncModel, SyncReal } from '../sync-run.js';
import { observeSync } from '../sync-observation.js';

/**
 * A sync racing a person and the cloud: while the connector's cycle runs, a person edits a vendor in QuickBooks and
 * the cloud edits the same vendor. `fc.scheduler` decides where between the connector's QBXMLRP2 calls each lands.
 */
export class SyncRaceCommand extends SyncStep {
  override readonly actor = 'connector';
  order: string[] = [];
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
    const { bench } = real;
    const s = real.scheduler;
    if (!s) throw new Error('a race needs the fc.scheduler of the property (SyncReal.scheduler)');
    const v = m.vendors[this.vendorIndex % m.vendors.length]!;
    this.vendor = v.name;
    this.order = [];
    const realFetch = globalThis.fetch;
    let calls = 0;
    globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (!url.startsWith(bench.mock.url)) return realFetch(input, init);
      const n = ++calls;
      return s.schedule(Promise.resolve(), `RP2 call ${n}`).then(() => {
        this.order.push(`RP2 call ${n} (${url.split('/').pop()})`);
        return realFetch(input, init);
      });
    }) as typeof fetch;
    try {
      const sync = bench.connector!.syncNow();
      const uiEdit = s.schedule(Promise.resolve(), 'person edits vendor').then(async () => {
        this.order.push('person edits the vendor in QuickBooks');
        const inQb = (await observeSync(bench)).qb.vendors.find((x) => x.cloudId === v.cloudId);
        if (inQb) await bench.control.editRecord(SYNC_HOST, { path: SYNC_COMPANY, id: inQb.id });
      });
      const cloudEdit = s.schedule(Promise.resolve(), 'cloud edits vendor').then(async () => {
        this.order.push('the cloud edits the vendor');
        await bench.cloud.admin.editVendor(bench.companyId, v.cloudId, { phone: this.phone });
      });
      await s.waitFor(Promise.all([sync, uiEdit, cloudEdit]));
    } finally {
      globalThis.fetch = realFetch;
    }
  }
  toString(): string {
    return `# race (fc.scheduler): connector sync-now, a person edits ${this.vendor || 'a vendor'} in QuickBooks, the cloud sets its phone ${this.phone}; order: ${this.order.join(' → ')}`;
  }
}
