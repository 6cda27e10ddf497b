// The testcontainers module's options reach `qbd-sim serve` inside the container: a company database generated on
// this machine (copied in, kept on disk with withDataDir), the time zone, the manual clock, no cloud, the seed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { QbdSimContainer, type StartedQbdSimContainer } from '../../src/harness/qbd-sim-container.js';
import { Rp2BridgeClient } from '../../src/protocol/rp2-bridge-client.js';
import { HOST } from './support.js';

const QBD_SIM = fileURLToPath(new URL('../../bin/qbd-sim.js', import.meta.url));
const GENERATED = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Northwind Parts.QBW';

let dir: string;
let qb: StartedQbdSimContainer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-e2e-company-'));
  const file = path.join(dir, 'northwind.sqlite');
  const generated = spawnSync(
    process.execPath,
    [QBD_SIM, 'company', 'generate', '--vendors', '12', '--bills', '40', '--months', '2', '--out', file],
    { env: { ...process.env }, encoding: 'utf8', timeout: 120_000 },
  );
  expect(generated.status, generated.stderr).toBe(0);
  qb = await new QbdSimContainer()
    .withSeed(42)
    .withClock('manual')
    .withTimeZone('America/Chicago')
    .withCompanyFile(file, GENERATED)
    .withDataDir()
    .withoutCloud()
    .start();
});

afterAll(async () => {
  await qb?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the generated company file is open in QuickBooks inside the container, on the chosen time zone and clock', async () => {
  const state = await qb.control.hostState(HOST);
  expect(state).toMatchObject({
    timeZone: 'America/Chicago',
    clock: { kind: 'manual' },
    openFile: GENERATED,
    openMode: 'multi-user',
    loggedInUser: 'Admin',
  });
  expect(state.files.map((f) => f.path)).toContain(GENERATED);
  // The manual clock moves only when told to, across the boundary.
  const before = Date.parse(state.clock.now);
  const after = Date.parse(await qb.control.advanceClock(HOST, 3_600_000));
  expect(after - before).toBe(3_600_000);
});

test('the RP2 bridge of the container answers a client on this machine', async () => {
  const rp2 = await Rp2BridgeClient.createProcessor(qb.getBridgeUrl());
  expect(rp2.machine).toBe(HOST);
  expect(qb.getRp2Url()).toBe(`${qb.getBridgeUrl()}/qbxmlrp2`);
});

test('withoutCloud: no cloud port, and getCloudUrl() says why', () => {
  expect(() => qb.getCloudUrl()).toThrow(/withoutCloud/);
});

test('an image that is not there: the error says how to build it', async () => {
  await expect(new QbdSimContainer('qbd-sim:no-such-tag').withStartupTimeout(30_000).start()).rejects.toThrow(
    /not on this Docker engine and could not be pulled.*ci\/build-image\.sh/s,
  );
});
