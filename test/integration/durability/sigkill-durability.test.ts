// Issue 10, durability with a data directory: a writer sends message sets continuously while the mock is killed with
// SIGKILL at random points, 20 times, and restarted on the same directory. Every write QuickBooks acknowledged is
// there; no message set is applied beyond what stopOnError allows (each set's requests land as a prefix, and a
// request — a bill with its lines — lands whole or not at all); the company files pass SQLite's integrity check and
// the mock opens them again each time.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient } from '../../../mock-qb/index.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { bundleScript } from '../../support/bundle-script.js';
import { authorizeApp } from '../../support/multi-user-load.js';

const KILLS = 20;
const SEED = Number(process.env['QBDSIM_DURABILITY_SEED'] ?? 20);
const CHILD = fileURLToPath(new URL('./fixtures/durable-mock.ts', import.meta.url));
const HOST = 'OFFICE-PC';
const APP = 'Durability Writer';
const PI = '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>';

/** A small seeded PRNG (mulberry32): the kill points replay from the seed. */
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

/** Starts the mock on the data directory; resolves with its URL once it listens. */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [await bundleScript(CHILD), dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.once('exit', (code, signal) =>
      reject(new Error(`the mock exited (${code ?? signal}) before listening: ${err}`)),
    );
  });
}

/** One message set of the writer: three requests with stopOnError; `failSecond` makes the second a duplicate (3100). */
interface SentSet {
  k: number;
  names: [string, string, string];
  failSecond: boolean;
  /** The statuses QuickBooks answered, in order (undefined: no answer — killed in flight). */
  statuses?: string[];
}

function messageSet(set: SentSet): string {
  const [a, b] = set.names;
  const bill = (vendor: string) =>
    `<BillAddRq><BillAdd><VendorRef><FullName>${vendor}</FullName></VendorRef><TxnDate>2024-03-01</TxnDate><RefNumber>D-${set.k}</RefNumber>` +
    ['Office Supplies', 'Rent Expense', 'Utilities']
      .map(
        (acct, i) =>
          `<ExpenseLineAdd><AccountRef><FullName>${acct}</FullName></AccountRef><Amount>${i + 1}.00</Amount></ExpenseLineAdd>`,
      )
      .join('') +
    `</BillAdd></BillAddRq>`;
  return (
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError">` +
    `<VendorAddRq requestID="1"><VendorAdd><Name>${a}</Name></VendorAdd></VendorAddRq>` +
    // The second: a vendor (or, to fail, the first one's name again: 3100), the third a bill for the first vendor.
    `<VendorAddRq requestID="2"><VendorAdd><Name>${set.failSecond ? a : b}</Name></VendorAdd></VendorAddRq>` +
    bill(a).replace('<BillAddRq>', '<BillAddRq requestID="3">') +
    `</QBXMLMsgsRq></QBXML>`
  );
}

test(`${KILLS} SIGKILLs at random points while writing: every acknowledged write survives, sets land as prefixes, files open cleanly`, async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-durability-'));
  onTestFinished(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const random = prng(SEED);
  const sets: SentSet[] = [];
  let k = 0;

  for (let round = 0; round <= KILLS; round++) {
    const { child, url } = await startChild(dataDir);
    const control = new ControlClient(url);
    if (round === 0) await authorizeApp(url, control, HOST, { appName: APP, backToMultiUser: false });
    const rp = await Rp2BridgeClient.createProcessor(url, {});
    await rp.OpenConnection2('', APP, 'localQBD');
    const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
    if (round === KILLS) {
      // The last start: read everything back.
      await verify(rp, ticket, sets, `seed ${SEED}`);
      child.kill('SIGKILL');
      break;
    }
    // Write until killed, at a random point 30–400 ms into the writing.
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let killed = false;
    setTimeout(
      () => {
        killed = true;
        child.kill('SIGKILL');
      },
      30 + Math.floor(random() * 370),
    );
    while (!killed) {
      const set: SentSet = {
        k: ++k,
        names: [`D${SEED} ${k} a`, `D${SEED} ${k} b`, `D${SEED} ${k} c`],
        failSecond: random() < 0.25,
      };
      sets.push(set);
      try {
        const rs = await rp.ProcessRequest(ticket, messageSet(set));
        set.statuses = [...rs.matchAll(/statusCode="(\d+)"/g)].map((m) => m[1]!);
      } catch {
        break; // the connection died with the process: this set has no answer
      }
    }
    await exited;
  }
  const acknowledged = sets.filter((s) => s.statuses).length;
  const inFlight = sets.length - acknowledged;
  expect(acknowledged, `seed ${SEED}`).toBeGreaterThan(KILLS);
  expect(inFlight, `seed ${SEED}: the kills must hit requests in flight`).toBeGreaterThan(0);
  expect(sets.some((s) => s.statuses && s.failSecond)).toBe(true);
  console.log(
    `durability: ${KILLS} SIGKILLs, ${acknowledged} message sets acknowledged and found, ${inFlight} in flight`,
  );

  // The files open cleanly: SQLite's integrity check on every database of the data directory.
  const dbs = fs
    .readdirSync(path.join(dataDir, HOST))
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => path.join(dataDir, HOST, f));
  expect(dbs.length).toBeGreaterThan(0);
  for (const file of dbs) {
    const db = new Database(file);
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  }
}, 240_000);

/** Reads every vendor and bill of the run and holds them against what was sent and acknowledged. */
async function verify(rp: Rp2BridgeClient, ticket: string, sets: SentSet[], replay: string): Promise<void> {
  const vendors = await rp.ProcessRequest(
    ticket,
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>D${SEED} </Name></NameFilter></VendorQueryRq></QBXMLMsgsRq></QBXML>`,
  );
  const present = new Set([...vendors.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1]!));
  const bills = await rp.ProcessRequest(
    ticket,
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><BillQueryRq><IncludeLineItems>true</IncludeLineItems></BillQueryRq></QBXMLMsgsRq></QBXML>`,
  );
  const billLines = new Map<string, number>();
  for (const m of bills.matchAll(/<BillRet>([\s\S]*?)<\/BillRet>/g)) {
    const ref = /<RefNumber>([^<]*)<\/RefNumber>/.exec(m[1]!)?.[1] ?? '';
    billLines.set(ref, (billLines.get(ref) ?? 0) + (m[1]!.match(/<ExpenseLineRet>/g) ?? []).length);
  }
  for (const set of sets) {
    const [a, b] = set.names;
    const applied = [present.has(a), set.failSecond ? false : present.has(b), billLines.has(`D-${set.k}`)];
    const what = `set ${set.k} (${set.failSecond ? 'second fails' : 'all succeed'}) ${replay}`;
    // A bill lands whole: all three lines or none.
    if (billLines.has(`D-${set.k}`)) expect(billLines.get(`D-${set.k}`), what).toBe(3);
    if (set.statuses) {
      // Acknowledged: exactly what QuickBooks answered.
      if (set.failSecond) {
        expect(set.statuses, what).toEqual(['0', '3100']);
        expect(applied, what).toEqual([true, false, false]);
      } else {
        expect(set.statuses, what).toEqual(['0', '0', '0']);
        expect(applied, what).toEqual([true, true, true]);
      }
    } else {
      // In flight when killed: a prefix of the set (requests are applied in order, each in its own transaction), and
      // never past the failing request.
      const firstMissing = applied.indexOf(false);
      if (firstMissing >= 0)
        expect(
          applied.slice(firstMissing).every((x) => !x),
          `${what}: ${applied}`,
        ).toBe(true);
      if (set.failSecond) expect(applied[2], what).toBe(false);
    }
  }
}
