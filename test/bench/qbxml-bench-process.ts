// The qbXML processor benchmarks, in their own process (started by qbxml-processor.ts), so their peak memory is the
// simulator's alone: a world without HTTP whose hosts hold the generated companies (the big and the small one copied
// into a data directory, the small one again in memory), sessions opened as a connector opens them, and each
// measured call timed beside its floor — the same request parsed and the same response built with xml2js.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Builder, Parser } from 'xml2js';
import { ProcessorRegistry, QbWorld, type QbHost, type RequestProcessor } from '../../mock-qb/index.js';
import { benchChild, peakRssMiB } from './bench-child.js';

export interface QbxmlBenchArgs {
  big: string;
  small: string;
  warmupMs: number;
  durationMs: number;
}

/** Per-call cost of one measured operation, in microseconds. */
export interface OpFigure {
  meanUs: number;
  p50Us: number;
  ops: number;
}

export interface QbxmlBenchResult {
  /** Adding the companies to the hosts (copying the files into the data directory; the image into memory). */
  loadMs: { big: number; small: number; memory: number };
  billAdd: { mock: OpFigure; floor: OpFigure };
  vendorQuery: { names: number; big: OpFigure; bigFloor: OpFigure; small: OpFigure; smallFloor: OpFigure };
  iterate: { bills: number; pages: number; mockMs: number; floorMs: number };
  peakRssMiB: number;
  sampledMaxRssMiB: number;
}

const DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
const BIG_PATH = `${DIR}\\Bench Big.QBW`;
const SMALL_PATH = `${DIR}\\Bench Small.QBW`;
const MEMORY_PATH = `${DIR}\\Bench Memory.QBW`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function envelope(body: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML>\n` +
    `<QBXMLMsgsRq onError="stopOnError">\n${body}\n</QBXMLMsgsRq>\n</QBXML>\n`
  );
}

// The floor: xml2js with its defaults for parsing; its builder writing one element per line, as QuickBooks does.
const floorParser = new Parser();
const floorBuilder = new Builder({ renderOpts: { pretty: true, indent: '', newline: '\n' } });

function floorParse(xml: string): unknown {
  let out: unknown;
  floorParser.parseString(xml, (err: Error | null, result: unknown) => {
    if (err) throw err;
    out = result;
  });
  return out;
}

/** Runs operations in interleaved blocks, timing every call after the warm-up, until each had `durationMs`. */
function measure(
  ops: readonly ((i: number) => void)[],
  opts: { warmupMs: number; durationMs: number; block: number },
): OpFigure[] {
  const samples = ops.map(() => [] as number[]);
  const spent = ops.map(() => 0);
  const warmEnd = performance.now() + opts.warmupMs;
  let i = 0;
  while (performance.now() < warmEnd) {
    for (const op of ops) for (let k = 0; k < opts.block; k++) op(i + k);
    i += opts.block;
  }
  while (spent.some((s) => s < opts.durationMs)) {
    ops.forEach((op, n) => {
      for (let k = 0; k < opts.block; k++) {
        const t0 = performance.now();
        op(i + k);
        const dt = performance.now() - t0;
        samples[n]!.push(dt * 1000);
        spent[n]! += dt;
      }
    });
    i += opts.block;
  }
  return samples.map((s) => {
    const sorted = Float64Array.from(s).sort();
    return {
      meanUs: s.reduce((a, b) => a + b, 0) / s.length,
      p50Us: sorted[Math.floor(sorted.length / 2)]!,
      ops: s.length,
    };
  });
}

const child = benchChild<QbxmlBenchArgs, QbxmlBenchResult>();
const { args } = child;
const progress = (message: string) =>
  child.progress(`${message} (RSS ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB)`);
let maxRss = 0;
const sampler = setInterval(() => (maxRss = Math.max(maxRss, process.memoryUsage.rss())), 200);
sampler.unref();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-qbxml-bench-'));

try {
  const world = new QbWorld({ seed: 'qbxml-bench' }); // no baseline snapshot: that would hold every company in memory
  const processors = new ProcessorRegistry(world);

  const hostWith = (id: string, spec: Parameters<QbHost['addCompanyFile']>[0], disk: boolean): [QbHost, number] => {
    const host = world.addHost({
      id,
      timeZone: 'America/New_York',
      seed: `qbxml-bench:${id}`,
      ...(disk ? { dataDir } : {}),
    });
    const t0 = performance.now();
    host.addCompanyFile(spec);
    const ms = performance.now() - t0;
    host.launch();
    host.openCompany({ path: spec.path, mode: 'single-user', user: 'Admin', password: '' });
    return [host, ms];
  };
  progress(`loading the companies (the big one is copied into ${dataDir})`);
  const [big, bigMs] = hostWith('BIG-PC', { path: BIG_PATH, companyName: 'Bench Big', fromFile: args.big }, true);
  const [small, smallMs] = hostWith(
    'SMALL-PC',
    { path: SMALL_PATH, companyName: 'Bench Small', fromFile: args.small },
    true,
  );
  const [memory, memoryMs] = hostWith(
    'MEMORY-PC',
    { path: MEMORY_PATH, companyName: 'Bench Memory', image: fs.readFileSync(args.small) },
    false,
  );
  progress(
    `loaded: big ${(bigMs / 1000).toFixed(1)} s, small ${smallMs.toFixed(0)} ms, small in memory ${memoryMs.toFixed(0)} ms`,
  );

  const open = async (host: QbHost): Promise<(xml: string) => string> => {
    const p: RequestProcessor = processors.create({
      machine: host.id,
      certificate: { subject: 'CN=qbd-sim bench', status: 'valid' },
    });
    p.OpenConnection2('', 'qbd-sim qbXML bench', 1);
    const pending = p.BeginSession('', 2);
    for (let i = 0; i < 50 && !host.dialogs.some((d) => d.kind === 'certificate'); i++) {
      await new Promise((r) => setImmediate(r));
    }
    host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
    const ticket = await pending;
    return (xml) => p.ProcessRequest(ticket, xml);
  };
  const sendBig = await open(big);
  const sendSmall = await open(small);
  const sendMemory = await open(memory);
  const opts = { warmupMs: args.warmupMs, durationMs: args.durationMs, block: 50 };

  // (a) BillAdd with five expense lines, in memory, against parsing it and building its BillAddRs with xml2js.
  const vendorRow = memory
    .companyStore(MEMORY_PATH)
    .db.prepare(`SELECT full_name FROM qbx_list WHERE kind = 'Vendor' AND is_active = 1 ORDER BY seq LIMIT 1`)
    .get() as { full_name: string };
  const accounts = [
    'Office Supplies',
    'Utilities',
    'Freight and Shipping Costs',
    'Repairs and Maintenance',
    'Travel Expense',
  ];
  const billAdd = envelope(
    `<BillAddRq requestID="1">\n<BillAdd>\n<VendorRef>\n<FullName>${esc(vendorRow.full_name)}</FullName>\n</VendorRef>\n` +
      `<TxnDate>2014-11-07</TxnDate>\n<RefNumber>INV-88231</RefNumber>\n<Memo>October services</Memo>\n` +
      accounts
        .map(
          (a, i) =>
            `<ExpenseLineAdd>\n<AccountRef>\n<FullName>${a}</FullName>\n</AccountRef>\n<Amount>${(120 + 37.25 * i).toFixed(2)}</Amount>\n<Memo>Line ${i + 1}</Memo>\n</ExpenseLineAdd>\n`,
        )
        .join('') +
      `</BillAdd>\n</BillAddRq>`,
  );
  const billAddResponse = sendMemory(billAdd);
  if (!billAddResponse.includes('statusCode="0"') || (billAddResponse.match(/<ExpenseLineRet>/g) ?? []).length !== 5) {
    throw new Error(`BillAdd did not answer a BillRet with five lines:\n${billAddResponse}`);
  }
  const billAddObject = floorParse(billAddResponse);
  progress('BillAdd (5 expense lines): ProcessRequest vs xml2js parse + build');
  const [billMock, billFloor] = measure(
    [
      () => sendMemory(billAdd),
      () => {
        floorParse(billAdd);
        floorBuilder.buildObject(billAddObject);
      },
    ],
    opts,
  );

  // (b) VendorQuery by FullName: the big company, its floor, and the small company.
  const names = (host: QbHost, file: string): string[] => {
    const db = host.companyStore(file).db;
    const n = (db.prepare(`SELECT COUNT(*) AS n FROM qbx_list WHERE kind = 'Vendor'`).get() as { n: number }).n;
    const step = Math.max(1, Math.floor(n / 1000));
    return (
      db
        .prepare(`SELECT full_name FROM qbx_list WHERE kind = 'Vendor' AND seq % ? = 0 ORDER BY seq LIMIT 1000`)
        .all(step) as { full_name: string }[]
    ).map((r) => r.full_name);
  };
  const queries = (list: string[]) =>
    list.map((name) => envelope(`<VendorQueryRq requestID="1">\n<FullName>${esc(name)}</FullName>\n</VendorQueryRq>`));
  const bigQueries = queries(names(big, BIG_PATH));
  const smallQueries = queries(names(small, SMALL_PATH));
  const objects = (send: (xml: string) => string, list: string[]) =>
    list.map((q) => {
      const r = send(q);
      if (!r.includes('<VendorRet>')) throw new Error(`VendorQuery found nothing:\n${q}\n${r}`);
      return floorParse(r);
    });
  const bigObjects = objects(sendBig, bigQueries);
  const smallObjects = objects(sendSmall, smallQueries);
  progress(`VendorQuery by FullName (${bigQueries.length} names each): big company, its floor, small company`);
  const [vBig, vBigFloor, vSmall, vSmallFloor] = measure(
    [
      (i) => sendBig(bigQueries[i % bigQueries.length]!),
      (i) => {
        floorParse(bigQueries[i % bigQueries.length]!);
        floorBuilder.buildObject(bigObjects[i % bigObjects.length]);
      },
      (i) => sendSmall(smallQueries[i % smallQueries.length]!),
      (i) => {
        floorParse(smallQueries[i % smallQueries.length]!);
        floorBuilder.buildObject(smallObjects[i % smallObjects.length]);
      },
    ],
    opts,
  );

  // (c) Every bill of the big company, 500 a page (Start, then Continue until nothing remains), against building
  // the same BillRets (the stored docs without their lines, as the query answers) with xml2js's builder.
  const bigDb = big.companyStore(BIG_PATH).db;
  const totalBills = (bigDb.prepare(`SELECT COUNT(*) AS n FROM qbx_txn WHERE kind = 'Bill'`).get() as { n: number }).n;
  const page = bigDb.prepare(`SELECT seq, doc FROM qbx_txn WHERE kind = 'Bill' AND seq > ? ORDER BY seq LIMIT 500`);
  const LINES = new Set(['ExpenseLineRet', 'ItemLineRet', 'ItemGroupLineRet']);
  let request = envelope(
    `<BillQueryRq requestID="1" iterator="Start">\n<MaxReturned>500</MaxReturned>\n</BillQueryRq>`,
  );
  let mockMs = 0;
  let floorMs = 0;
  let pages = 0;
  let seen = 0;
  let lastSeq = 0;
  let lastReport = performance.now();
  progress(`iterating ${totalBills.toLocaleString('en-US')} bills, 500 a page`);
  for (;;) {
    const t0 = performance.now();
    const response = sendBig(request);
    mockMs += performance.now() - t0;
    pages++;
    const attrs = /<BillQueryRs ([^>]*?)\/?>/.exec(response)?.[1] ?? '';
    const attr = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1];
    const remaining = Number(attr('iteratorRemainingCount'));
    const iteratorId = attr('iteratorID');
    const rows = page.all(lastSeq) as { seq: number; doc: string }[];
    const count = (response.match(/<BillRet>/g) ?? []).length;
    const firstId = /<TxnID>([^<]*)<\/TxnID>/.exec(response)?.[1];
    if (rows.length !== count || (count > 0 && firstId !== (JSON.parse(rows[0]!.doc) as { TxnID: string }).TxnID)) {
      throw new Error(`page ${pages}: the iterator and the floor's page differ (${count} vs ${rows.length} bills)`);
    }
    seen += count;
    if (rows.length) lastSeq = rows[rows.length - 1]!.seq;
    const docs = rows.map((r) => {
      const doc = JSON.parse(r.doc) as Record<string, unknown>;
      for (const k of LINES) delete doc[k];
      return doc;
    });
    const object = {
      QBXML: {
        QBXMLMsgsRs: {
          BillQueryRs: {
            $: {
              requestID: '1',
              statusCode: '0',
              statusSeverity: 'Info',
              statusMessage: 'Status OK',
              iteratorRemainingCount: String(remaining),
              iteratorID: iteratorId,
            },
            BillRet: docs,
          },
        },
      },
    };
    const t1 = performance.now();
    floorParse(request);
    floorBuilder.buildObject(object);
    floorMs += performance.now() - t1;
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      progress(
        `iterating: ${seen.toLocaleString('en-US')} bills in ${pages} pages; mock ${(mockMs / 1000).toFixed(1)} s, floor ${(floorMs / 1000).toFixed(1)} s`,
      );
    }
    if (!iteratorId || remaining === 0) break;
    request = envelope(
      `<BillQueryRq requestID="1" iterator="Continue" iteratorID="${iteratorId}">\n<MaxReturned>500</MaxReturned>\n</BillQueryRq>`,
    );
  }
  if (seen !== totalBills) throw new Error(`the iterator returned ${seen} bills of ${totalBills}`);

  processors.releaseAll();
  world.close();
  child.done({
    loadMs: { big: bigMs, small: smallMs, memory: memoryMs },
    billAdd: { mock: billMock!, floor: billFloor! },
    vendorQuery: {
      names: bigQueries.length,
      big: vBig!,
      bigFloor: vBigFloor!,
      small: vSmall!,
      smallFloor: vSmallFloor!,
    },
    iterate: { bills: seen, pages, mockMs, floorMs },
    peakRssMiB: peakRssMiB(),
    sampledMaxRssMiB: Math.max(maxRss, process.memoryUsage.rss()) / 2 ** 20,
  });
} catch (error) {
  child.fail(error);
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
