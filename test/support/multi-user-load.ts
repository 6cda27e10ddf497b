// The multi-user load of issue 10: N sessions at once (one request processor each, all sharing the company file in
// multi-user mode) run a seeded mix of reads and writes on a few shared ("hot") vendors, so their EditSequences
// conflict all the time. Shared by the bounded test (test/integration/load/multi-user-load.test.ts, 20 s) and the
// benchmark (test/bench/multi-user-load.ts, 60 s). It only observes what a connector observes: qbXML statuses.
import v8 from 'node:v8';
import vm from 'node:vm';
import { ControlClient } from '../../mock-qb/index.js';
import { Rp2BridgeClient } from '../../src/protocol/rp2-bridge-client.js';

const APP_NAME = 'qbd-sim multi-user load';
const QBXML_HEAD =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">';
const QBXML_TAIL = '</QBXMLMsgsRq></QBXML>';

/** What one run measured. Everything a test asserts is here. */
export interface MultiUserLoadReport {
  seed: number;
  sessions: number;
  durationMs: number;
  /** qbXML requests answered (all kinds). */
  requests: number;
  reads: number;
  /** VendorMods with the EditSequence just read: accepted (0) or stale because another session won (3200). */
  writesAccepted: number;
  writesConflicted: number;
  /** VendorMods sent on purpose with an EditSequence known to be stale, and how many got 3200. */
  staleWritesSent: number;
  staleWritesRefused3200: number;
  /** VendorAdds acknowledged (status 0) and the vendors of the run found at the end. */
  addsAcknowledged: number;
  addsFound: number;
  /** Per hot vendor: accepted increments vs the counter QuickBooks holds at the end (equal = no lost update). */
  counters: { listId: string; accepted: number; final: number }[];
  /** Any other status or failure: `what → statusCode / error` (must stay empty). */
  unexpected: string[];
  /** Heap used (MiB) sampled once a second during the run, and the journal's stats at the end. */
  heapMiB: number[];
  journal: { size: number; capacity: number; dropped: number };
  journalFullWarnings: number;
  requestsPerSec: number;
  /** The latency of every ProcessRequest of the run (ms), in completion order. */
  latenciesMs: number[];
}

/** A small seeded PRNG (mulberry32): the mix replays from the seed printed in every failure. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const status = (rs: string): string => /statusCode="(\d+)"/.exec(rs)?.[1] ?? `no status in ${rs.slice(0, 200)}`;
const field = (rs: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(rs)?.[1];

/**
 * Authorizes the load's application once (the Admin, single-user, answers the certificate dialog "when open"), then
 * puts the file back in multi-user mode.
 */
export async function authorizeApp(
  url: string,
  control: ControlClient,
  host: string,
  opts: { appName?: string; backToMultiUser?: boolean } = {},
): Promise<void> {
  const ui = control.ui(host);
  if ((await control.hostState(host)).openMode !== 'single-user') await ui.switchMode('single-user');
  const rp = await Rp2BridgeClient.createProcessor(url, { machine: host });
  await rp.OpenConnection2('', opts.appName ?? APP_NAME, 'localQBD');
  const begin = rp.BeginSession('', 'qbFileOpenDoNotCare');
  begin.catch(() => undefined);
  for (let i = 0; i < 1000 && !(await control.hostState(host)).dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((r) => setTimeout(r, 10));
  await ui.answerCertificateDialog({ choice: 'when-open', done: true });
  const ticket = await begin;
  await rp.EndSession(ticket);
  await rp.CloseConnection();
  await rp.release();
  if (opts.backToMultiUser ?? true) await ui.switchMode('multi-user');
}

/**
 * Runs the load against a running mock whose first host has a company file open (multi-user or not: it is switched to
 * multi-user) and returns the report. `sampleHeap` reads the heap of the process that runs the mock (this process
 * when the mock is in-process). Ends by itself after `durationMs` plus the requests in flight.
 */
export async function runMultiUserLoad(args: {
  url: string;
  host: string;
  sessions: number;
  durationMs: number;
  seed: number;
  hotVendors?: number;
  controlToken?: string;
  sampleHeap?: () => number;
  progress?: (message: string) => void;
}): Promise<MultiUserLoadReport> {
  const { url, host, sessions, durationMs, seed } = args;
  const control = new ControlClient(url, args.controlToken ? { token: args.controlToken } : {});
  await authorizeApp(url, control, host);
  const runTag = `L${seed.toString(36)}`;

  // Sessions, each on its own request processor, all in multi-user mode at once.
  const clients = await Promise.all(
    Array.from({ length: sessions }, async () => {
      const rp = await Rp2BridgeClient.createProcessor(url, { machine: host });
      await rp.OpenConnection2('', APP_NAME, 'localQBD');
      const ticket = await rp.BeginSession('', 'qbFileOpenMultiUser');
      return { rp, ticket };
    }),
  );
  let timing = false;
  const send = async (i: number, body: string): Promise<string> => {
    const t0 = performance.now();
    const rs = await clients[i]!.rp.ProcessRequest(clients[i]!.ticket, QBXML_HEAD + body + QBXML_TAIL);
    if (timing) report.latenciesMs.push(performance.now() - t0);
    return rs;
  };

  // The hot vendors: a counter each in AccountNumber, starting at 0.
  const hot: string[] = [];
  for (let v = 0; v < (args.hotVendors ?? 4); v++) {
    const rs = await send(
      0,
      `<VendorAddRq requestID="1"><VendorAdd><Name>${runTag} hot ${v}</Name><AccountNumber>0</AccountNumber></VendorAdd></VendorAddRq>`,
    );
    const listId = field(rs, 'ListID');
    if (status(rs) !== '0' || !listId) throw new Error(`could not add hot vendor ${v}: ${rs.slice(0, 300)}`);
    hot.push(listId);
  }

  const report: MultiUserLoadReport = {
    seed,
    sessions,
    durationMs,
    requests: 0,
    reads: 0,
    writesAccepted: 0,
    writesConflicted: 0,
    staleWritesSent: 0,
    staleWritesRefused3200: 0,
    addsAcknowledged: 0,
    addsFound: 0,
    counters: [],
    unexpected: [],
    heapMiB: [],
    journal: { size: 0, capacity: 0, dropped: 0 },
    journalFullWarnings: 0,
    requestsPerSec: 0,
    latenciesMs: [],
  };
  const accepted = new Map(hot.map((id) => [id, 0]));
  const sample = (): void => {
    if (args.sampleHeap) report.heapMiB.push(args.sampleHeap() / 2 ** 20);
  };
  sample();
  const sampler = setInterval(sample, 1_000);
  const ticker = setInterval(() => args.progress?.(`${report.requests} requests`), 5_000);
  timing = true;
  const start = performance.now();
  const deadline = start + durationMs;

  const worker = async (i: number): Promise<void> => {
    const random = prng(seed * 1_000 + i);
    /** EditSequences this worker knows are stale (it read them, then changed the vendor itself). */
    const staleOf = new Map<string, string>();
    let adds = 0;
    while (performance.now() < deadline) {
      const roll = random();
      const listId = hot[Math.floor(random() * hot.length)]!;
      const query = `<VendorQueryRq requestID="1"><ListID>${listId}</ListID></VendorQueryRq>`;
      try {
        if (roll < 0.3) {
          const rs = await send(i, query);
          report.requests++;
          report.reads++;
          if (status(rs) !== '0') report.unexpected.push(`VendorQuery → ${status(rs)}`);
        } else if (roll < 0.4) {
          const rs = await send(i, `<VendorQueryRq requestID="1"><MaxReturned>25</MaxReturned></VendorQueryRq>`);
          report.requests++;
          report.reads++;
          if (status(rs) !== '0') report.unexpected.push(`VendorQuery list → ${status(rs)}`);
        } else if (roll < 0.85) {
          // Read-modify-write: increment the counter with the EditSequence just read.
          const read = await send(i, query);
          report.requests++;
          const seq = field(read, 'EditSequence');
          const value = Number(field(read, 'AccountNumber'));
          if (status(read) !== '0' || !seq || !Number.isInteger(value)) {
            report.unexpected.push(`VendorQuery before a write → ${status(read)}`);
            continue;
          }
          const rs = await send(
            i,
            `<VendorModRq requestID="1"><VendorMod><ListID>${listId}</ListID><EditSequence>${seq}</EditSequence><AccountNumber>${value + 1}</AccountNumber></VendorMod></VendorModRq>`,
          );
          report.requests++;
          const code = status(rs);
          if (code === '0') {
            report.writesAccepted++;
            accepted.set(listId, accepted.get(listId)! + 1);
            staleOf.set(listId, seq); // this worker's own write made `seq` stale
          } else if (code === '3200') report.writesConflicted++;
          else report.unexpected.push(`VendorMod → ${code}`);
        } else if (roll < 0.95) {
          // A write with an EditSequence known to be stale: it must be refused with 3200, always.
          const stale = staleOf.get(listId);
          if (stale === undefined) continue;
          const rs = await send(
            i,
            `<VendorModRq requestID="1"><VendorMod><ListID>${listId}</ListID><EditSequence>${stale}</EditSequence><AccountNumber>-999</AccountNumber></VendorMod></VendorModRq>`,
          );
          report.requests++;
          report.staleWritesSent++;
          if (status(rs) === '3200') report.staleWritesRefused3200++;
          else report.unexpected.push(`stale VendorMod (EditSequence ${stale}) → ${status(rs)}`);
        } else {
          const rs = await send(
            i,
            `<VendorAddRq requestID="1"><VendorAdd><Name>${runTag} s${i} n${adds++}</Name></VendorAdd></VendorAddRq>`,
          );
          report.requests++;
          if (status(rs) === '0') report.addsAcknowledged++;
          else report.unexpected.push(`VendorAdd → ${status(rs)}`);
        }
      } catch (error) {
        report.unexpected.push(`session ${i}: ${(error as Error).message}`);
        return;
      }
    }
  };
  try {
    await Promise.all(clients.map((_, i) => worker(i)));
  } finally {
    clearInterval(sampler);
    clearInterval(ticker);
  }
  timing = false;
  const elapsed = performance.now() - start;
  sample();
  report.requestsPerSec = report.requests / (elapsed / 1000);

  // What QuickBooks holds at the end.
  for (const listId of hot) {
    const rs = await send(0, `<VendorQueryRq requestID="1"><ListID>${listId}</ListID></VendorQueryRq>`);
    report.counters.push({ listId, accepted: accepted.get(listId)!, final: Number(field(rs, 'AccountNumber')) });
  }
  const added = await send(
    0,
    `<VendorQueryRq requestID="1"><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>${runTag} s</Name></NameFilter></VendorQueryRq>`,
  );
  report.addsFound = (added.match(/<VendorRet>/g) ?? []).length;
  for (const { rp, ticket } of clients) {
    await rp.EndSession(ticket);
    await rp.CloseConnection();
    await rp.release();
  }
  const health = (await control.health()) as unknown as {
    journal: { size: number; capacity: number; dropped: number };
  };
  report.journal = { size: health.journal.size, capacity: health.journal.capacity, dropped: health.journal.dropped };
  report.journalFullWarnings = (await control.journal({ limit: 100_000, actor: 'journal' })).filter(
    (e) => e.kind === 'journal.dropped',
  ).length;
  return report;
}

/**
 * The live heap of this process (MiB·2²⁰ bytes): a full collection first, so samples compare what is kept, not what
 * the collector has not reached yet. One collection a second costs a few milliseconds of the run.
 */
export function liveHeapBytes(): number {
  collect();
  return process.memoryUsage().heapUsed;
}

let collector: (() => void) | undefined;
function collect(): void {
  if (!collector) {
    v8.setFlagsFromString('--expose-gc');
    collector = vm.runInNewContext('gc') as () => void;
  }
  collector();
}
