// Issue 10, isolation: several QuickBooks hosts and company files in one process (one world with two machines, a
// second mock beside it) never see each other's data, tickets, iterators or clock. Without a seed (the default for
// `serve`) tickets and iterator ids come from crypto.randomBytes; with a seed they are reproducible.
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient, SAMPLE_WORLD_SPEC, startMockQb, type WorldSpec } from '../../../mock-qb/index.js';
import { ComError } from '../../../src/protocol/com-error.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { authorizeApp } from '../../support/multi-user-load.js';

const DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
const ACME = `${DIR}\\Acme Supplies.QBW`;
const BETA = `${DIR}\\Beta Traders.QBW`;
const GAMMA = `${DIR}\\Gamma Goods.QBW`;
const APP = 'Isolation Probe';
const users = [{ name: 'Admin', password: 'admin', role: 'admin' as const }];
const PI = '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>';
const rq = (body: string) => `${PI}<QBXML><QBXMLMsgsRq onError="continueOnError">${body}</QBXMLMsgsRq></QBXML>`;
const status = (rs: string) => /statusCode="(\d+)"/.exec(rs)?.[1];
const field = (rs: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(rs)?.[1];

/** Two machines on manual clocks, no seed: PC-A with Acme (open) and Beta, PC-B with Gamma (open). */
function twoMachines(): WorldSpec {
  return {
    clock: 'manual',
    clockStart: '2024-03-01T12:00:00Z',
    hosts: [
      {
        id: 'PC-A',
        companyFiles: [
          { path: ACME, companyName: 'Acme Supplies', users },
          { path: BETA, companyName: 'Beta Traders', users },
        ],
        ui: { running: true, open: { path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' } },
      },
      {
        id: 'PC-B',
        companyFiles: [{ path: GAMMA, companyName: 'Gamma Goods', users }],
        ui: { running: true, open: { path: GAMMA, mode: 'single-user', user: 'Admin', password: 'admin' } },
      },
    ],
  };
}

async function session(url: string, machine: string): Promise<{ rp: Rp2BridgeClient; ticket: string }> {
  const rp = await Rp2BridgeClient.createProcessor(url, { machine });
  await rp.OpenConnection2('', APP, 'localQBD');
  return { rp, ticket: await rp.BeginSession('', 'qbFileOpenDoNotCare') };
}

async function hresultOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ComError);
  return (error as ComError).hresult;
}

test('two machines and three company files in one process: no data, ticket, iterator or clock crosses over', async () => {
  const mock = await startMockQb({ world: twoMachines() });
  onTestFinished(() => mock.stop());
  const control = new ControlClient(mock.url);
  for (const host of ['PC-A', 'PC-B'])
    await authorizeApp(mock.url, control, host, { appName: APP, backToMultiUser: false });
  const a = await session(mock.url, 'PC-A');
  const b = await session(mock.url, 'PC-B');
  expect(await a.rp.GetCurrentCompanyFileName(a.ticket)).toBe(ACME);
  expect(await b.rp.GetCurrentCompanyFileName(b.ticket)).toBe(GAMMA);

  // Clock: PC-A moves three days; PC-B does not.
  const bBefore = (await control.hostState('PC-B')).clock.now;
  await fetch(`${mock.controlUrl}/hosts/PC-A/clock/advance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ seconds: 3 * 86_400 }),
  });
  expect((await control.hostState('PC-B')).clock.now).toBe(bBefore);
  expect((await control.hostState('PC-A')).clock.now).toBe('2024-03-04T12:00:00.000Z');

  // Data: each machine adds a vendor; neither sees the other's, by name or by ListID.
  const addA = await a.rp.ProcessRequest(
    a.ticket,
    rq('<VendorAddRq><VendorAdd><Name>Alpha Only</Name></VendorAdd></VendorAddRq>'),
  );
  const addB = await b.rp.ProcessRequest(
    b.ticket,
    rq('<VendorAddRq><VendorAdd><Name>Bravo Only</Name></VendorAdd></VendorAddRq>'),
  );
  expect([status(addA), status(addB)]).toEqual(['0', '0']);
  expect(field(addA, 'TimeCreated')).toMatch(/^2024-03-04T/);
  expect(field(addB, 'TimeCreated')).toMatch(/^2024-03-01T/);
  const idA = field(addA, 'ListID')!;
  const idB = field(addB, 'ListID')!;
  const byName = (name: string) => rq(`<VendorQueryRq><FullName>${name}</FullName></VendorQueryRq>`);
  const byId = (id: string) => rq(`<VendorQueryRq><ListID>${id}</ListID></VendorQueryRq>`);
  for (const [s, foreignName, foreignId] of [
    [a, 'Bravo Only', idB],
    [b, 'Alpha Only', idA],
  ] as const) {
    expect(await s.rp.ProcessRequest(s.ticket, byName(foreignName))).not.toContain('<VendorRet>');
    expect(await s.rp.ProcessRequest(s.ticket, byId(foreignId))).not.toContain('<VendorRet>');
  }

  // Tickets: one machine's ticket is nothing on the other (nor on another processor of the same machine).
  expect(await hresultOf(b.rp.ProcessRequest(a.ticket, byName('Alpha Only')))).toBe('0x8004040D');
  expect(await hresultOf(a.rp.ProcessRequest(b.ticket, byName('Bravo Only')))).toBe('0x8004040D');
  expect(await hresultOf(b.rp.EndSession(a.ticket))).toBe('0x8004040D');

  // Iterators: belong to their session.
  for (let i = 0; i < 3; i++)
    await a.rp.ProcessRequest(
      a.ticket,
      rq(`<VendorAddRq><VendorAdd><Name>Alpha ${i}</Name></VendorAdd></VendorAddRq>`),
    );
  const started = await a.rp.ProcessRequest(
    a.ticket,
    rq('<VendorQueryRq iterator="Start"><MaxReturned>1</MaxReturned></VendorQueryRq>'),
  );
  const iteratorId = /iteratorID="([^"]+)"/.exec(started)?.[1];
  expect(iteratorId).toMatch(/^\{[0-9a-f-]{36}\}$/);
  const cont = rq(
    `<VendorQueryRq iterator="Continue" iteratorID="${iteratorId}"><MaxReturned>1</MaxReturned></VendorQueryRq>`,
  );
  const foreign = await b.rp.ProcessRequest(b.ticket, cont);
  expect(status(foreign)).toBe('3391');
  expect(foreign).not.toContain('Alpha');
  expect(status(await a.rp.ProcessRequest(a.ticket, cont))).toBe('0');

  // The other company file of PC-A: Beta never sees Acme's vendors.
  await a.rp.EndSession(a.ticket);
  await a.rp.CloseConnection();
  await control.ui('PC-A').closeCompany();
  await control.ui('PC-A').openCompany({ path: BETA, mode: 'single-user', user: 'Admin', password: 'admin' });
  await authorizeApp(mock.url, control, 'PC-A', { appName: APP, backToMultiUser: false });
  const beta = await session(mock.url, 'PC-A');
  expect(await beta.rp.GetCurrentCompanyFileName(beta.ticket)).toBe(BETA);
  expect(await beta.rp.ProcessRequest(beta.ticket, byName('Alpha Only'))).not.toContain('<VendorRet>');
  expect(await beta.rp.ProcessRequest(beta.ticket, byId(idA))).not.toContain('<VendorRet>');
  expect(await beta.rp.ProcessRequest(beta.ticket, byName('Bravo Only'))).not.toContain('<VendorRet>');

  // The state of one host says nothing of the other's files.
  expect(JSON.stringify(await control.hostState('PC-B'))).not.toContain('Acme');
  expect(JSON.stringify(await control.hostState('PC-A'))).not.toContain('Gamma');
});

test('a second mock in the same process: separate processors, tickets and journal', async () => {
  const one = await startMockQb({});
  const two = await startMockQb({});
  onTestFinished(async () => void (await Promise.all([one.stop(), two.stop()])));
  const host = SAMPLE_WORLD_SPEC.hosts[0]!.id;
  const [c1, c2] = [new ControlClient(one.url), new ControlClient(two.url)];
  await authorizeApp(one.url, c1, host, { appName: APP, backToMultiUser: false });
  await authorizeApp(two.url, c2, host, { appName: APP, backToMultiUser: false });
  const s1 = await session(one.url, host);
  const s2 = await session(two.url, host);
  expect(s1.ticket).not.toBe(s2.ticket);
  expect(await hresultOf(s2.rp.ProcessRequest(s1.ticket, rq('<HostQueryRq/>')))).toBe('0x8004040D');
  // The first mock's processor does not exist on the second.
  const res = await fetch(`${two.bridgeUrl}/processors/${encodeURIComponent(s1.rp.processorId)}/GetQBLastError`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status).toBe(404);
  expect(((await res.json()) as { code: string }).code).toBe('QBDSIM_ERR_UNKNOWN_PROCESSOR');
  await s1.rp.ProcessRequest(
    s1.ticket,
    rq('<VendorAddRq><VendorAdd><Name>Mock One Vendor</Name></VendorAdd></VendorAddRq>'),
  );
  expect(JSON.stringify(await c2.journal({ limit: 100_000 }))).not.toContain('Mock One Vendor');
});

test('without a seed ids are cryptographically random; with a seed they are reproducible, per host', async () => {
  // Unseeded: the engine says so, and nothing repeats across mocks.
  const unseeded = await Promise.all([startMockQb({}), startMockQb({})]);
  onTestFinished(async () => void (await Promise.all(unseeded.map((m) => m.stop()))));
  for (const m of unseeded) for (const h of m.world.hosts()) expect(h.ids.seeded).toBe(false);
  const guids = unseeded.flatMap((m) => Array.from({ length: 500 }, () => m.world.hosts()[0]!.ids.guid()));
  expect(new Set(guids).size).toBe(guids.length);
  // The bytes are not patterned: about half of 128 Ki bits are set (a crude check; crypto.randomBytes is the source).
  const bytes = unseeded[0]!.world.hosts()[0]!.ids.bytes(16 * 1024);
  let ones = 0;
  for (const byte of bytes) for (let bit = 0; bit < 8; bit++) ones += (byte >> bit) & 1;
  expect(ones / (bytes.length * 8)).toBeGreaterThan(0.49);
  expect(ones / (bytes.length * 8)).toBeLessThan(0.51);

  // Seeded: the same seed gives the same tickets; two hosts of one world never share them.
  const ticketsOf = async (seed: string) => {
    const m = await startMockQb({ world: twoMachines(), seed });
    try {
      const control = new ControlClient(m.url);
      const out: string[] = [];
      for (const host of ['PC-A', 'PC-B']) {
        await authorizeApp(m.url, control, host, { appName: APP, backToMultiUser: false });
        out.push((await session(m.url, host)).ticket);
      }
      return out;
    } finally {
      await m.stop();
    }
  };
  const first = await ticketsOf('iso-seed');
  expect(await ticketsOf('iso-seed')).toEqual(first);
  expect(first[0]).not.toBe(first[1]);
  expect(await ticketsOf('another-seed')).not.toEqual(first);
});
