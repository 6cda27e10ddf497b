// A copy of the reference connector with one bug planted in it (the teeth of the sync properties): src/connector is
// copied to a temporary folder next to a link to src/protocol, one piece of its source is replaced, and the copy is
// imported in place of the original. The reference connector itself is never touched.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ApConnectorOptions } from '../../../src/connector/index.js';
import type { SyncConnectorFactory } from '../../../src/testing/sync/sync-bench.js';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** A bug: in which file, what the reference says, and what the broken copy says instead. */
export interface PlantedBug {
  name: string;
  file: string;
  find: string;
  replace: string;
}

export const PLANTED_BUGS = {
  /** A BillAdd found in the outbox without an answer is sent again without looking for it first. */
  resendAfterLostAnswer: {
    name: 'resend after a lost answer',
    file: 'sync-engine.ts',
    find: "      if (entry) {\n        const found = await this.#findTxn('Bill', entry.qbId, vendor, w.txnDate, guid, w.cloudId);",
    replace:
      "      if (entry && entry.phase === 'never') {\n        const found = await this.#findTxn('Bill', entry.qbId, vendor, w.txnDate, guid, w.cloudId);",
  },
  /** A BillPaymentCheckAdd found in the outbox without an answer is sent again without looking for it first. */
  resendPaymentAfterLostAnswer: {
    name: 'resend a payment after a lost answer',
    file: 'sync-engine.ts',
    find: "      if (entry) {\n        const found = await this.#findTxn('BillPaymentCheck',",
    replace:
      "      if (entry && entry.phase === 'never') {\n        const found = await this.#findTxn('BillPaymentCheck',",
  },
  /** A VendorMod refused with 3200 (edited in QuickBooks meanwhile) is re-read and sent again with the new EditSequence. */
  overwriteOnConflict: {
    name: 'overwrite on conflict',
    file: 'sync-engine.ts',
    find: '    if (rs.statusCode === 3200) {',
    replace:
      '    if (rs.statusCode === 3200) {\n' +
      '      const fresh = await this.#readVendor(w.qbListId);\n' +
      '      const again = fresh ? await this.#one(Q.vendorMod(this.#id(), w.qbListId, fresh.editSequence, w.fields)) : rs;\n' +
      '      if (again.statusCode === 0) {\n' +
      "        const ret = childrenNamed(again.el, 'VendorRet')[0];\n" +
      '        this.#d.outbox.written(key, w.qbListId);\n' +
      '        return this.#answer(key, vendorResult(w.cloudId, toQbVendor(ret), false));\n' +
      '      }\n' +
      '    }\n' +
      '    if (rs.statusCode === 3200) {',
  },
  /** An iterator query stops after its first page, whatever `iteratorRemainingCount` says. */
  ignoreIteratorRemaining: {
    name: 'ignore iterator remaining count',
    file: 'sync-engine.ts',
    find: '      if (!rs.iteratorRemainingCount || !rs.iteratorId) break;',
    replace: '      break;',
  },
  /** The vendors' watermark goes back to QuickBooks as UTC without an offset (QuickBooks reads it as its local time). */
  watermarkInUtc: {
    name: 'watermark in UTC instead of local time',
    file: 'sync-engine.ts',
    find: '(page) => Q.vendorsModifiedSince(this.#id(), wm.vendors, this.#owner, page, size),',
    replace:
      '(page) => Q.vendorsModifiedSince(this.#id(), wm.vendors && new Date(Date.parse(wm.vendors)).toISOString().slice(0, 19), this.#owner, page, size),',
  },
  /**
   * Every vendor the pull reads is written back as it is ("keep QuickBooks in step"): the watermark is inclusive, so
   * the newest vendor is read — and written — again on every sync, its EditSequence moving each time.
   */
  echoVendorsBack: {
    name: 'write pulled vendors back',
    file: 'sync-engine.ts',
    find: '    next.vendors = advanceWatermark(wm.vendors, times(vendorRets));',
    replace:
      '    next.vendors = advanceWatermark(wm.vendors, times(vendorRets));\n' +
      '    for (const r of vendorRets) {\n' +
      "      const listId = textAt(r, 'ListID');\n" +
      "      const seq = textAt(r, 'EditSequence');\n" +
      "      if (listId && seq) await this.#one(Q.vendorMod(this.#id(), listId, seq, { name: textAt(r, 'Name') ?? '' }));\n" +
      '    }',
  },
} satisfies Record<string, PlantedBug>;

/** A connector factory for a copy of src/connector with `bug` planted; `cleanup()` removes the copy. */
export async function plantedConnector(bug: PlantedBug): Promise<{ factory: SyncConnectorFactory; cleanup(): void }> {
  const root = mkdtempSync(path.join(tmpdir(), 'qbd-planted-'));
  cpSync(path.join(SRC, 'connector'), path.join(root, 'connector'), { recursive: true });
  symlinkSync(path.join(SRC, 'protocol'), path.join(root, 'protocol'), 'dir');
  const target = path.join(root, 'connector', bug.file);
  const text = readFileSync(target, 'utf8');
  if (!text.includes(bug.find)) throw new Error(`cannot plant "${bug.name}": the reference ${bug.file} changed`);
  writeFileSync(target, text.replace(bug.find, bug.replace));
  const mod = (await import(pathToFileURL(path.join(root, 'connector', 'index.ts')).href)) as {
    ApConnector: { start(opts: ApConnectorOptions): ReturnType<SyncConnectorFactory> };
  };
  return {
    factory: (opts) => mod.ApConnector.start(opts),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
