// Memory and snapshot figures measured in a process of their own (started by company-footprint.ts), so the resident
// set is the simulator's alone: `idle-hosts` builds N idle QuickBooks hosts (the sample machine: QuickBooks running,
// a company open, a baseline snapshot for /__qbd/reset); `records` loads a generated company into memory; `snapshot`
// copies a generated company into a data directory and times QbWorld.snapshot() and restore().
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { buildWorld, QbWorld, SAMPLE_WORLD_SPEC, type WorldSpec } from '../../mock-qb/index.js';
import { benchChild } from './bench-child.js';

export type FootprintArgs =
  | { mode: 'idle-hosts'; hosts: number }
  | { mode: 'records'; file: string }
  | { mode: 'snapshot'; file: string; repeats: number };

export interface FootprintResult {
  /** idle-hosts: resident set and heap added per host (MiB). */
  perHost?: { rssMiB: number; heapMiB: number; hosts: number };
  /** records: resident set added by the company in memory (MiB) and the image size. */
  records?: { rssMiB: number; heapMiB: number; imageMiB: number; loadMs: number };
  /** snapshot: per repeat, ms; or why it could not be done. */
  snapshot?: { copyMs: number; snapshotMs: number[]; restoreMs: number[]; imageMiB: number } | { error: string };
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const settle = (): { rss: number; heap: number } => {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss / 2 ** 20, heap: (m.heapUsed + m.external + m.arrayBuffers) / 2 ** 20 };
};

const child = benchChild<FootprintArgs, FootprintResult>();
const DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';

try {
  const args = child.args;
  if (args.mode === 'idle-hosts') {
    const one = SAMPLE_WORLD_SPEC.hosts[0]!;
    const spec = (n: number): WorldSpec => ({
      hosts: Array.from({ length: n }, (_, i) => ({ ...one, id: `PC-${i}` })),
    });
    buildWorld(spec(2), {}).close(); // warm every module and statement cache first
    const before = settle();
    const world = buildWorld(spec(args.hosts), {});
    const after = settle();
    child.done({
      perHost: {
        rssMiB: (after.rss - before.rss) / args.hosts,
        heapMiB: (after.heap - before.heap) / args.hosts,
        hosts: world.hosts().length,
      },
    });
  } else if (args.mode === 'records') {
    const world = new QbWorld({ seed: 'footprint' });
    const host = world.addHost({ id: 'MEM-PC', timeZone: 'America/New_York', seed: 'footprint' });
    const imageMiB = fs.statSync(args.file).size / 2 ** 20;
    const before = settle();
    const t0 = performance.now();
    host.addCompanyFile({ path: `${DIR}\\Footprint.QBW`, companyName: 'Footprint', image: fs.readFileSync(args.file) });
    const loadMs = performance.now() - t0;
    const after = settle();
    child.done({ records: { rssMiB: after.rss - before.rss, heapMiB: after.heap - before.heap, imageMiB, loadMs } });
    world.close();
  } else {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-snapshot-bench-'));
    try {
      const world = new QbWorld({ seed: 'snapshot-bench' }); // no baseline: that alone would be a snapshot
      const host = world.addHost({ id: 'SNAP-PC', timeZone: 'America/New_York', seed: 'snap', dataDir });
      child.progress(`copying ${(fs.statSync(args.file).size / 2 ** 30).toFixed(2)} GiB into ${dataDir}`);
      const t0 = performance.now();
      host.addCompanyFile({ path: `${DIR}\\Snapshot.QBW`, companyName: 'Snapshot', fromFile: args.file });
      const copyMs = performance.now() - t0;
      const snapshotMs: number[] = [];
      const restoreMs: number[] = [];
      let imageMiB = 0;
      try {
        for (let i = 0; i < args.repeats; i++) {
          const s0 = performance.now();
          const id = world.snapshot();
          snapshotMs.push(performance.now() - s0);
          const r0 = performance.now();
          world.restore(id);
          restoreMs.push(performance.now() - r0);
          world.dropSnapshot(id);
          child.progress(`snapshot ${snapshotMs.at(-1)!.toFixed(0)} ms, restore ${restoreMs.at(-1)!.toFixed(0)} ms`);
        }
        imageMiB = fs.statSync(args.file).size / 2 ** 20;
        child.done({ snapshot: { copyMs, snapshotMs, restoreMs, imageMiB } });
      } catch (error) {
        child.done({ snapshot: { error: error instanceof Error ? error.message : String(error) } });
      }
      world.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
} catch (error) {
  child.fail(error);
}
