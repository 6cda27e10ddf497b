// Issue 10: a company too big for an in-memory image (SQLite's images stop at 2 GiB; a 1,000,000-bill company is
// 2.5 GiB) is snapshotted as a copy of its SQLite file in <host dir>/snapshots/. Forced here with a 1-byte threshold.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { HostStore, type CompanySnapshotFile } from '../../../../mock-qb/store/host-store.js';
import { StoreError } from '../../../../mock-qb/store/store-error.js';

const ACME = 'C:\\Company Files\\Acme Supplies.QBW';
const GLOBEX = 'C:\\Company Files\\Globex.QBW';

function setUp(): { dataDir: string; store: HostStore } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-file-snapshot-'));
  onTestFinished(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  const store = new HostStore({ hostId: 'PC-1', dataDir, fileSnapshotMinBytes: 1 });
  onTestFinished(() => store.closeAll());
  return { dataDir, store };
}

const users = (store: HostStore, file = ACME) =>
  store
    .get(file)
    .listUsers()
    .map((u) => u.name)
    .sort();

test('a big on-disk company snapshots to a file, restores from it (twice), and discard removes the file', () => {
  const { dataDir, store } = setUp();
  store.create(ACME).addUser({ name: 'Admin', password: 'a', role: 'admin' });
  const snap = store.snapshot();
  const entry = snap.companyFiles[ACME] as CompanySnapshotFile;
  expect(entry.snapshotFile.startsWith(path.join(dataDir, 'PC-1', 'snapshots'))).toBe(true);
  expect(fs.existsSync(entry.snapshotFile)).toBe(true);
  expect(entry.bytes).toBeGreaterThan(0);

  store.get(ACME).addUser({ name: 'Clerk', password: 'c', role: 'all-areas' });
  store.create(GLOBEX);
  store.restore(snap);
  expect(users(store)).toEqual(['Admin']);
  expect(store.paths()).toEqual([ACME]);
  // The file stays for the next restore; the store keeps working on its own file.
  store.get(ACME).addUser({ name: 'Temp', password: 't', role: 'all-areas' });
  store.restore(snap);
  expect(users(store)).toEqual(['Admin']);
  // After a restart the restored data is there.
  store.closeAll();
  const reopened = new HostStore({ hostId: 'PC-1', dataDir });
  onTestFinished(() => reopened.closeAll());
  reopened.loadExisting();
  expect(users(reopened)).toEqual(['Admin']);
  // A new store of the host cleared snapshot files left by the earlier one (their snapshots died with it).
  expect(fs.existsSync(entry.snapshotFile)).toBe(false);
  expect(() => reopened.restore(snap)).toThrow(StoreError);
  expect(users(reopened)).toEqual(['Admin']);
});

test('discard removes only the snapshot files of this host', () => {
  const { store } = setUp();
  store.create(ACME);
  const snap = store.snapshot();
  const file = (snap.companyFiles[ACME] as CompanySnapshotFile).snapshotFile;
  const outside = path.join(os.tmpdir(), `qbd-sim-not-a-snapshot-${process.pid}.sqlite`);
  fs.writeFileSync(outside, 'keep me');
  onTestFinished(() => fs.rmSync(outside, { force: true }));
  store.discard({ companyFiles: { [ACME]: { snapshotFile: outside, bytes: 7 } } });
  expect(fs.existsSync(outside)).toBe(true);
  store.discard(snap);
  expect(fs.existsSync(file)).toBe(false);
  expect(() => store.restore(snap)).toThrow(/is gone/);
});

test('in memory, or below the threshold, a snapshot is an image as before', () => {
  const memory = new HostStore({ hostId: 'PC-2', fileSnapshotMinBytes: 1 });
  onTestFinished(() => memory.closeAll());
  memory.create(ACME);
  expect(memory.snapshot().companyFiles[ACME]).toBeInstanceOf(Uint8Array);
  const { dataDir } = setUp();
  const small = new HostStore({ hostId: 'PC-3', dataDir });
  onTestFinished(() => small.closeAll());
  small.create(ACME);
  expect(small.snapshot().companyFiles[ACME]).toBeInstanceOf(Uint8Array);
});
