import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { HostStore, type HostStoreOptions } from '../../../../mock-qb/store/host-store.js';
import { StoreError } from '../../../../mock-qb/store/store-error.js';
import { sampleGrant } from './fixtures/sample-records.js';

const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
const ACME = `${COMPANY_DIR}\\Acme Supplies.QBW`;
const GLOBEX = `${COMPANY_DIR}\\Globex.QBW`;
const INITECH = `${COMPANY_DIR}\\Initech.QBW`;

/** A HostStore closed when the test ends. */
function hostStore(opts: HostStoreOptions): HostStore {
  const hosts = new HostStore(opts);
  onTestFinished(() => hosts.closeAll());
  return hosts;
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-host-store-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function readIndex(dataDir: string, hostId: string): { companyFiles: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(dataDir, hostId, 'index.json'), 'utf8')) as {
    companyFiles: Record<string, string>;
  };
}

function expectStoreError(fn: () => unknown, code: StoreError['code']): void {
  expect(fn).toThrow(StoreError);
  try {
    fn();
  } catch (err) {
    expect((err as StoreError).code).toBe(code);
  }
}

test('company files are matched by Windows path ignoring case, separators style and a trailing backslash', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  const store = hosts.create(ACME);
  expect(store.path).toBeNull(); // in memory without dataDir
  expect(hosts.get(ACME.toUpperCase())).toBe(store);
  expect(hosts.get(ACME.replaceAll('\\', '/'))).toBe(store);
  expect(hosts.has(`${ACME.toLowerCase()}\\`)).toBe(true);
  expect(hosts.has(GLOBEX)).toBe(false);
  expect(hosts.paths()).toEqual([ACME]);
});

test('a new company file is named after its file and has no users', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  const store = hosts.create(ACME);
  expect(store.getCompanyInfo()).toEqual({
    companyName: 'Acme Supplies',
    legalCompanyName: 'Acme Supplies',
    isSampleCompany: false,
  });
  expect(store.listUsers()).toEqual([]);
});

test('creating a company file twice (any casing) throws StoreError DUPLICATE; get of a missing one NOT_FOUND', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  hosts.create(ACME);
  expectStoreError(() => hosts.create(ACME.toLowerCase()), 'DUPLICATE');
  expectStoreError(() => hosts.get(GLOBEX), 'NOT_FOUND');
});

test('a host id that is not a plain directory name is refused', () => {
  expect(() => new HostStore({ hostId: '../escape' })).toThrow(RangeError);
  expect(() => new HostStore({ hostId: '' })).toThrow(RangeError);
});

test('rename keeps the data and the store object in memory, in the same list position', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  hosts.create(ACME).addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  hosts.create(GLOBEX);
  const store = hosts.get(ACME);
  const moved = `D:\\QB\\Acme Moved.QBW`;

  hosts.rename(ACME.toUpperCase(), moved);

  expect(hosts.paths()).toEqual([moved, GLOBEX]);
  expect(hosts.has(ACME)).toBe(false);
  expect(hosts.get(moved)).toBe(store);
  expect(hosts.get(moved).getUser('admin')?.password).toBe('secret');
  expectStoreError(() => hosts.rename(ACME, INITECH), 'NOT_FOUND');
  expectStoreError(() => hosts.rename(moved, GLOBEX.toLowerCase()), 'DUPLICATE');
});

test('rename on disk moves the SQLite file, keeps the data, and the new path survives a restart', () => {
  const dataDir = tempDir();
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  const store = hosts.create(ACME);
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const oldFile = store.path;
  const moved = `${COMPANY_DIR}\\Acme Renamed.QBW`;

  hosts.rename(ACME, moved);

  expect(hosts.get(moved)).toBe(store);
  expect(store.path).not.toBe(oldFile);
  expect(fs.existsSync(oldFile!)).toBe(false);
  expect(path.basename(store.path!)).toMatch(/^c-users-public-.*-acme-renamed-qbw-[0-9a-f]{10}\.sqlite$/);
  expect(store.getUser('Admin')?.password).toBe('secret');
  store.addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' }); // still writable
  expect(Object.keys(readIndex(dataDir, 'pc-1').companyFiles)).toEqual([moved]);
  hosts.closeAll();

  const restarted = hostStore({ dataDir, hostId: 'pc-1' });
  expect(restarted.loadExisting()).toEqual([moved]);
  expect(
    restarted
      .get(moved)
      .listUsers()
      .map((u) => u.name),
  ).toEqual(['Admin', 'Bookkeeper']);
});

test('a rename that only changes casing keeps the file and shows the new spelling', () => {
  const dataDir = tempDir();
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  const file = hosts.create(ACME).path;
  hosts.rename(ACME, ACME.toUpperCase());
  expect(hosts.paths()).toEqual([ACME.toUpperCase()]);
  expect(hosts.get(ACME).path).toBe(file);
  expect(Object.keys(readIndex(dataDir, 'pc-1').companyFiles)).toEqual([ACME.toUpperCase()]);
});

test('on disk, each company is <dataDir>/<hostId>/<slug>-<hash>.sqlite, listed in index.json', () => {
  const dataDir = tempDir();
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  const file = hosts.create(ACME).path!;
  expect(path.dirname(file)).toBe(path.join(dataDir, 'pc-1'));
  expect(path.basename(file)).toMatch(
    /^c-users-public-documents-intuit-quickbooks-company-files-acme-supplies-qbw-[0-9a-f]{10}\.sqlite$/,
  );
  expect(readIndex(dataDir, 'pc-1').companyFiles).toEqual({ [ACME]: path.basename(file) });
});

test('on disk, company files persist across closeAll and a new HostStore through loadExisting', () => {
  const dataDir = tempDir();
  const first = hostStore({ dataDir, hostId: 'pc-1' });
  first.create(ACME).putApp(sampleGrant());
  first.create(GLOBEX).addUser({ name: 'Admin', password: 'pw', role: 'admin' });
  first.closeAll();
  expect(first.paths()).toEqual([]);
  expect(first.loadExisting()).toEqual([ACME, GLOBEX]);
  expect(first.loadExisting()).toEqual([]); // already open
  first.closeAll();

  const restarted = hostStore({ dataDir, hostId: 'pc-1' });
  expect(restarted.paths()).toEqual([]);
  expect(restarted.loadExisting()).toEqual([ACME, GLOBEX]);
  expect(restarted.get(ACME).listApps()).toEqual([sampleGrant()]);
  expect(restarted.get(GLOBEX).getUser('ADMIN')?.password).toBe('pw');
  expect(hostStore({ dataDir, hostId: 'pc-2' }).loadExisting()).toEqual([]); // another machine
});

test('on disk, creating a company that an earlier run left unloaded is refused instead of overwritten', () => {
  const dataDir = tempDir();
  const first = hostStore({ dataDir, hostId: 'pc-1' });
  first.create(ACME).addUser({ name: 'Admin', password: 'pw', role: 'admin' });
  first.closeAll();

  const restarted = hostStore({ dataDir, hostId: 'pc-1' });
  expectStoreError(() => restarted.create(ACME), 'DUPLICATE');
  restarted.loadExisting();
  expect(restarted.get(ACME).getUser('Admin')?.password).toBe('pw');
});

test('delete closes the company file and, on disk, removes its SQLite file and index entry', () => {
  const dataDir = tempDir();
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  const file = hosts.create(ACME).path!;
  hosts.create(GLOBEX);
  expect(hosts.delete(ACME.toLowerCase())).toBe(true);
  expect(hosts.delete(ACME)).toBe(false);
  expect(hosts.paths()).toEqual([GLOBEX]);
  expect(fs.existsSync(file)).toBe(false);
  expect(Object.keys(readIndex(dataDir, 'pc-1').companyFiles)).toEqual([GLOBEX]);
  // the path is free again, and starts empty
  expect(hosts.create(ACME).listUsers()).toEqual([]);
});

test('snapshot, mutate, restore gives the old host back in memory', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  const acme = hosts.create(ACME);
  acme.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  acme.putApp(sampleGrant());
  hosts.create(GLOBEX).setAppPrefs({ blockAllApps: true });
  const snap = hosts.snapshot();
  expect(Object.keys(snap.companyFiles)).toEqual([ACME, GLOBEX]);
  expect(structuredClone(snap).companyFiles[ACME]).toBeInstanceOf(Uint8Array); // plain data

  acme.updateUser('Admin', { password: 'changed' });
  acme.removeApp('AP Connector');
  hosts.delete(GLOBEX);
  hosts.create(INITECH);

  hosts.restore(snap);

  expect(hosts.paths()).toEqual([ACME, GLOBEX]);
  expect(hosts.get(ACME)).toBe(acme); // replaced in place: references held elsewhere stay valid
  expect(acme.getUser('Admin')).toEqual({ name: 'Admin', password: 'secret', role: 'admin', credentialVersion: 1 });
  expect(acme.listApps()).toEqual([sampleGrant()]);
  expect(hosts.get(GLOBEX).getAppPrefs().blockAllApps).toBe(true);
  expect(hosts.has(INITECH)).toBe(false);
});

test('snapshot, mutate, restore gives the old host back on disk, and the restored state survives a restart', () => {
  const dataDir = tempDir();
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  hosts.create(ACME).addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const snap = hosts.snapshot();

  hosts.get(ACME).addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' });
  hosts.create(GLOBEX);
  const globexFile = hosts.get(GLOBEX).path!;
  hosts.restore(snap);

  expect(hosts.paths()).toEqual([ACME]);
  expect(fs.existsSync(globexFile)).toBe(false);
  expect(
    hosts
      .get(ACME)
      .listUsers()
      .map((u) => u.name),
  ).toEqual(['Admin']);
  hosts.closeAll();
  const hostDir = path.join(dataDir, 'pc-1');
  expect(fs.readdirSync(hostDir).filter((f) => f.endsWith('-wal') || f.endsWith('.tmp'))).toEqual([]);

  const restarted = hostStore({ dataDir, hostId: 'pc-1' });
  expect(restarted.loadExisting()).toEqual([ACME]);
  expect(
    restarted
      .get(ACME)
      .listUsers()
      .map((u) => u.name),
  ).toEqual(['Admin']);
});

test('restore re-creates a company file deleted after the snapshot, with the casing it had', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  hosts.create(ACME).addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const snap = hosts.snapshot();
  hosts.delete(ACME);
  hosts.create(ACME.toUpperCase());
  hosts.restore(snap);
  expect(hosts.paths()).toEqual([ACME]);
  expect(hosts.get(ACME).getUser('admin')?.password).toBe('secret');
});

test('restore accepts a snapshot that went through structuredClone (Buffers become Uint8Arrays)', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  hosts.create(ACME).addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const cloned = structuredClone(hosts.snapshot());
  hosts.get(ACME).removeUser('Admin');
  hosts.restore(cloned);
  expect(hosts.get(ACME).getUser('Admin')?.password).toBe('secret');
});

test('restore with a bad image throws StoreError CORRUPT and changes nothing', () => {
  const hosts = hostStore({ hostId: 'pc-1' });
  hosts.create(ACME).addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const good = hosts.snapshot();
  const bad = { companyFiles: { ...good.companyFiles, [GLOBEX]: Buffer.from('garbage') } };
  hosts.get(ACME).addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' });

  expectStoreError(() => hosts.restore(bad), 'CORRUPT');
  expect(hosts.paths()).toEqual([ACME]);
  expect(
    hosts
      .get(ACME)
      .listUsers()
      .map((u) => u.name),
  ).toEqual(['Admin', 'Bookkeeper']);
});

test('a corrupt index.json is reported as StoreError CORRUPT', () => {
  const dataDir = tempDir();
  fs.mkdirSync(path.join(dataDir, 'pc-1'));
  fs.writeFileSync(
    path.join(dataDir, 'pc-1', 'index.json'),
    '{ "version": 1, "companyFiles": { "C:\\\\x.QBW": "../../etc/passwd" } }',
  );
  const hosts = hostStore({ dataDir, hostId: 'pc-1' });
  expectStoreError(() => hosts.loadExisting(), 'CORRUPT');
});
