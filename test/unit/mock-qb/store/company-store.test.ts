import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect, onTestFinished, test } from 'vitest';
import { CompanyStore } from '../../../../mock-qb/store/company-store.js';
import { StoreError } from '../../../../mock-qb/store/store-error.js';
import { sampleGrant } from './fixtures/sample-records.js';

const OWNER = '{6B0B1E2A-4C1D-4F5E-9A8B-7C6D5E4F3A2B}';

/** An in-memory store closed when the test ends. */
function memoryStore(): CompanyStore {
  const store = CompanyStore.open({});
  onTestFinished(() => store.close());
  return store;
}

/** A fresh directory under the OS temp dir, removed when the test ends. */
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-company-store-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function expectStoreError(fn: () => unknown, code: StoreError['code']): StoreError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    return err as StoreError;
  }
  throw new Error(`expected a StoreError ${code}, nothing was thrown`);
}

test('a new company file has blank company info, no users, no apps, and the QuickBooks default app prefs', () => {
  const store = memoryStore();
  expect(store.path).toBeNull();
  expect(store.getCompanyInfo()).toEqual({ companyName: '', legalCompanyName: '', isSampleCompany: false });
  expect(store.listUsers()).toEqual([]);
  expect(store.listApps()).toEqual([]);
  expect(store.getAppPrefs()).toEqual({ blockAllApps: false, notifyExpiredCert: true });
});

test('setCompanyInfo and setAppPrefs change only the fields given', () => {
  const store = memoryStore();
  store.setCompanyInfo({ companyName: 'Acme Supplies' });
  store.setCompanyInfo({ isSampleCompany: true });
  expect(store.getCompanyInfo()).toEqual({ companyName: 'Acme Supplies', legalCompanyName: '', isSampleCompany: true });
  store.setAppPrefs({ blockAllApps: true });
  expect(store.getAppPrefs()).toEqual({ blockAllApps: true, notifyExpiredCert: true });
  store.setAppPrefs({ notifyExpiredCert: false });
  expect(store.getAppPrefs()).toEqual({ blockAllApps: true, notifyExpiredCert: false });
});

test('users are found ignoring case, keep their spelling and list in insertion order', () => {
  const store = memoryStore();
  store.addUser({ name: 'Admin', password: '', role: 'admin' });
  store.addUser({ name: 'Bookkeeper', password: 'b00ks', role: 'all-areas' });
  store.addUser({ name: 'Ärger', password: 'x', role: 'selected-areas' });
  expect(store.getUser('bOOKKEEPER')).toEqual({
    name: 'Bookkeeper',
    password: 'b00ks',
    role: 'all-areas',
    credentialVersion: 1,
  });
  expect(store.getUser('ärger')?.name).toBe('Ärger'); // beyond ASCII, like Windows
  expect(store.getUser('Nobody')).toBeUndefined();
  expect(store.listUsers().map((u) => u.name)).toEqual(['Admin', 'Bookkeeper', 'Ärger']);
});

test('adding a user whose name exists in another casing throws StoreError DUPLICATE and changes nothing', () => {
  const store = memoryStore();
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const err = expectStoreError(
    () => store.addUser({ name: 'ADMIN', password: 'other', role: 'all-areas' }),
    'DUPLICATE',
  );
  expect(err.message).toContain('ADMIN');
  expect(store.listUsers()).toEqual([{ name: 'Admin', password: 'secret', role: 'admin', credentialVersion: 1 }]);
});

test('updateUser bumps credentialVersion when the password or role changes, not when nothing changes', () => {
  const store = memoryStore();
  store.addUser({ name: 'Bookkeeper', password: 'b00ks', role: 'all-areas' });
  expect(store.updateUser('bookkeeper', { password: 'n3w' }).credentialVersion).toBe(2);
  expect(store.updateUser('BOOKKEEPER', { role: 'selected-areas' }).credentialVersion).toBe(3);
  expect(store.updateUser('Bookkeeper', { password: 'n3w', role: 'selected-areas' }).credentialVersion).toBe(3);
  expect(store.updateUser('Bookkeeper', {}).credentialVersion).toBe(3);
  expect(store.getUser('Bookkeeper')).toEqual({
    name: 'Bookkeeper',
    password: 'n3w',
    role: 'selected-areas',
    credentialVersion: 3,
  });
});

test('updateUser of an unknown user throws StoreError NOT_FOUND', () => {
  const store = memoryStore();
  expectStoreError(() => store.updateUser('Ghost', { password: 'x' }), 'NOT_FOUND');
});

test('removeUser removes ignoring case and says whether there was one; the name can then be reused', () => {
  const store = memoryStore();
  store.addUser({ name: 'Bookkeeper', password: 'b00ks', role: 'all-areas' });
  expect(store.removeUser('BOOKKEEPER')).toBe(true);
  expect(store.removeUser('Bookkeeper')).toBe(false);
  expect(store.getUser('Bookkeeper')).toBeUndefined();
  expect(store.addUser({ name: 'bookkeeper', password: '', role: 'all-areas' }).credentialVersion).toBe(1);
});

test('apps are found ignoring case and round-trip every field', () => {
  const store = memoryStore();
  const grant = sampleGrant({ certificateExpires: null, loginAs: null, loginAsCredentialVersion: null });
  store.putApp(grant);
  expect(store.getApp('ap CONNECTOR')).toEqual(grant);
  expect(store.getApp('Other App')).toBeUndefined();
});

test('putApp of an existing app (any casing) replaces it in place, keeping its list position', () => {
  const store = memoryStore();
  store.putApp(sampleGrant({ appName: 'First App' }));
  store.putApp(sampleGrant({ appName: 'AP Connector' }));
  store.putApp(sampleGrant({ appName: 'Last App' }));
  store.putApp(sampleGrant({ appName: 'ap connector', allowAccess: false, autoLogin: false, loginAs: null }));
  expect(store.listApps().map((a) => [a.appName, a.allowAccess])).toEqual([
    ['First App', true],
    ['ap connector', false],
    ['Last App', true],
  ]);
});

test('removeApp removes ignoring case and says whether the app was listed', () => {
  const store = memoryStore();
  store.putApp(sampleGrant());
  expect(store.removeApp('AP CONNECTOR')).toBe(true);
  expect(store.removeApp('AP Connector')).toBe(false);
  expect(store.listApps()).toEqual([]);
});

test('data extension owner IDs match ignoring case and come back upper-case', () => {
  const store = memoryStore();
  const key = { ownerId: OWNER.toLowerCase(), objectType: 'Company', objectId: '', name: 'FileID' };
  store.putDataExt({ ...key, type: 'STR255TYPE', value: 'abc' });
  expect(store.getDataExt({ ...key, ownerId: OWNER })).toEqual({
    ...key,
    ownerId: OWNER,
    type: 'STR255TYPE',
    value: 'abc',
  });
  expect(store.getDataExt({ ...key, name: 'fileid' })?.value).toBe('abc');
  store.putDataExt({ ...key, ownerId: OWNER, name: 'FILEID', type: 'STR255TYPE', value: 'def' });
  expect(store.listDataExts({ objectType: 'Company', objectId: '' })).toEqual([
    { ownerId: OWNER, objectType: 'Company', objectId: '', name: 'FILEID', type: 'STR255TYPE', value: 'def' },
  ]);
  expect(store.removeDataExt({ ...key, name: 'fileId' })).toBe(true);
  expect(store.removeDataExt(key)).toBe(false);
});

test("listDataExts returns one object's values, filtered by owner when asked", () => {
  const store = memoryStore();
  store.putDataExt({
    ownerId: OWNER,
    objectType: 'Vendor',
    objectId: '80000001-1',
    name: 'A',
    type: 'STR255TYPE',
    value: '1',
  });
  store.putDataExt({
    ownerId: '0',
    objectType: 'Vendor',
    objectId: '80000001-1',
    name: 'B',
    type: 'INTTYPE',
    value: '2',
  });
  store.putDataExt({
    ownerId: OWNER,
    objectType: 'Vendor',
    objectId: '80000002-1',
    name: 'A',
    type: 'STR255TYPE',
    value: '3',
  });
  const names = (ownerIds?: string[]) =>
    store
      .listDataExts({ objectType: 'Vendor', objectId: '80000001-1', ...(ownerIds ? { ownerIds } : {}) })
      .map((d) => d.name);
  expect(names()).toEqual(['A', 'B']);
  expect(names([OWNER.toLowerCase()])).toEqual(['A']);
  expect(names(['0', OWNER])).toEqual(['A', 'B']);
  expect(names([])).toEqual([]);
});

test('a transaction that throws leaves nothing behind', () => {
  const store = memoryStore();
  expect(() =>
    store.transaction(() => {
      store.addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' });
      store.putApp(sampleGrant());
      store.setAppPrefs({ blockAllApps: true });
      throw new Error('boom');
    }),
  ).toThrow('boom');
  expect(store.listUsers()).toEqual([]);
  expect(store.listApps()).toEqual([]);
  expect(store.getAppPrefs().blockAllApps).toBe(false);
});

test('a nested transaction that fails undoes only its own writes when the outer one catches it', () => {
  const store = memoryStore();
  const result = store.transaction(() => {
    store.addUser({ name: 'Outer', password: '', role: 'all-areas' });
    try {
      store.transaction(() => {
        store.addUser({ name: 'Inner', password: '', role: 'all-areas' });
        throw new Error('inner');
      });
    } catch {
      // the outer transaction goes on
    }
    return 'done';
  });
  expect(result).toBe('done');
  expect(store.listUsers().map((u) => u.name)).toEqual(['Outer']);
});

test('an async function given to transaction() is refused and its synchronous writes are rolled back', () => {
  const store = memoryStore();
  expect(() =>
    store.transaction(async () => {
      store.addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' });
    }),
  ).toThrow(TypeError);
  expect(store.listUsers()).toEqual([]);
});

test('serialize, mutate, replaceWith gives the old state back in memory, and db is the new handle', () => {
  const store = memoryStore();
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  store.putApp(sampleGrant());
  store.db.exec('CREATE TABLE vendors (list_id TEXT PRIMARY KEY, name TEXT NOT NULL)');
  store.db.prepare("INSERT INTO vendors VALUES ('80000001-1', 'Acme')").run();
  const image = store.serialize();
  const oldDb = store.db;

  store.updateUser('Admin', { password: 'changed' });
  store.removeApp('AP Connector');
  store.putApp(sampleGrant({ appName: 'Other' }));
  store.db.prepare("INSERT INTO vendors VALUES ('80000002-1', 'Globex')").run();
  store.replaceWith(image);

  expect(store.db).not.toBe(oldDb);
  expect(oldDb.open).toBe(false);
  expect(store.listUsers()).toEqual([{ name: 'Admin', password: 'secret', role: 'admin', credentialVersion: 1 }]);
  expect(store.listApps()).toEqual([sampleGrant()]);
  expect(store.db.prepare('SELECT name FROM vendors ORDER BY list_id').all()).toEqual([{ name: 'Acme' }]);
  // the same image restores again (replaceWith does not consume or alter it)
  store.addUser({ name: 'Later', password: '', role: 'all-areas' });
  store.replaceWith(image);
  expect(store.listUsers().map((u) => u.name)).toEqual(['Admin']);
});

test('serialize, mutate, replaceWith gives the old state back on disk, and it survives a reopen', () => {
  const file = path.join(tempDir(), 'acme.sqlite');
  const store = CompanyStore.open({ path: file });
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  store.setCompanyInfo({ companyName: 'Acme Supplies' });
  const image = store.serialize();
  store.addUser({ name: 'Bookkeeper', password: '', role: 'all-areas' });
  store.setCompanyInfo({ companyName: 'Renamed' });

  store.replaceWith(image);
  expect(store.path).toBe(file);
  expect(store.getCompanyInfo().companyName).toBe('Acme Supplies');
  expect(store.listUsers().map((u) => u.name)).toEqual(['Admin']);
  store.addUser({ name: 'After', password: '', role: 'all-areas' }); // writable after the swap
  store.close();

  const reopened = CompanyStore.open({ path: file });
  onTestFinished(() => reopened.close());
  expect(reopened.listUsers().map((u) => u.name)).toEqual(['Admin', 'After']);
  expect(reopened.getCompanyInfo().companyName).toBe('Acme Supplies');
});

test('an image from an on-disk (WAL) company loads into an in-memory one and into plain better-sqlite3', () => {
  const disk = CompanyStore.open({ path: path.join(tempDir(), 'acme.sqlite') });
  onTestFinished(() => disk.close());
  disk.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  const image = disk.serialize();

  const memory = memoryStore();
  memory.replaceWith(image);
  expect(memory.getUser('admin')?.password).toBe('secret');
  const plain = new Database(image);
  expect(plain.prepare('SELECT name FROM users').all()).toEqual([{ name: 'Admin' }]);
  plain.close();
});

test('replaceWith refuses a bad image with StoreError CORRUPT and keeps the current state', () => {
  const store = memoryStore();
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  expectStoreError(() => store.replaceWith(Buffer.from('not a database at all')), 'CORRUPT');
  expectStoreError(() => store.replaceWith(Buffer.alloc(0)), 'CORRUPT');
  expect(store.listUsers().map((u) => u.name)).toEqual(['Admin']);
});

test('replaceWith refuses an image from a newer store schema', () => {
  const store = memoryStore();
  const newer = new Database(store.serialize());
  newer.pragma('user_version = 999');
  const image = newer.serialize();
  newer.close();
  const err = expectStoreError(() => store.replaceWith(image), 'CORRUPT');
  expect(err.message).toContain('999');
});

test("reset empties every table, other layers' too, and puts back the defaults", () => {
  const store = memoryStore();
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  store.putApp(sampleGrant());
  store.setCompanyInfo({ companyName: 'Acme Supplies' });
  store.setAppPrefs({ blockAllApps: true, notifyExpiredCert: false });
  store.putDataExt({ ownerId: '0', objectType: 'Company', objectId: '', name: 'X', type: 'STR255TYPE', value: '1' });
  store.db.exec(`
    CREATE TABLE vendors (list_id TEXT PRIMARY KEY);
    CREATE TABLE bills (txn_id TEXT PRIMARY KEY, vendor TEXT NOT NULL REFERENCES vendors (list_id));
    INSERT INTO vendors VALUES ('V1');
    INSERT INTO bills VALUES ('B1', 'V1');
  `);

  store.reset();

  expect(store.getCompanyInfo()).toEqual({ companyName: '', legalCompanyName: '', isSampleCompany: false });
  expect(store.getAppPrefs()).toEqual({ blockAllApps: false, notifyExpiredCert: true });
  expect(store.listUsers()).toEqual([]);
  expect(store.listApps()).toEqual([]);
  expect(store.listDataExts({ objectType: 'Company', objectId: '' })).toEqual([]);
  expect(store.db.prepare('SELECT count(*) AS n FROM bills').get()).toEqual({ n: 0 });
  expect(store.db.prepare('SELECT count(*) AS n FROM vendors').get()).toEqual({ n: 0 });
});

test('on disk, committed writes survive close and reopen', () => {
  const file = path.join(tempDir(), 'acme.sqlite');
  const store = CompanyStore.open({ path: file });
  store.addUser({ name: 'Admin', password: 'secret', role: 'admin' });
  store.putApp(sampleGrant());
  store.close();
  store.close(); // idempotent

  const reopened = CompanyStore.open({ path: file });
  onTestFinished(() => reopened.close());
  expect(reopened.getUser('ADMIN')?.password).toBe('secret');
  expect(reopened.listApps()).toEqual([sampleGrant()]);
  expect(reopened.db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(reopened.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  expect(reopened.db.pragma('foreign_keys', { simple: true })).toBe(1);
});

test('on disk, acknowledged writes survive the process being killed with SIGKILL', async () => {
  const file = path.join(tempDir(), 'acme.sqlite');
  const child = fileURLToPath(new URL('./fixtures/write-then-sigkill.ts', import.meta.url));
  const run = promisify(execFile)(process.execPath, ['--import', 'tsx', child, file]);
  const failure = await run.then(
    () => undefined,
    (err: { signal?: string; stdout?: string }) => err,
  );
  expect(failure?.signal).toBe('SIGKILL');
  expect(failure?.stdout).toBe('committed\n');

  const store = CompanyStore.open({ path: file });
  onTestFinished(() => store.close());
  expect(store.getUser('bookkeeper')?.password).toBe('b00ks');
  expect(store.getCompanyInfo().companyName).toBe('Acme Supplies');
  expect(store.getAppPrefs().blockAllApps).toBe(true);
}, 20_000);

test('opening a file that is not a SQLite database throws StoreError CORRUPT', () => {
  const file = path.join(tempDir(), 'not-a-db.sqlite');
  fs.writeFileSync(file, 'This is a QuickBooks backup, honest.'.repeat(200));
  expectStoreError(() => CompanyStore.open({ path: file }), 'CORRUPT');
});

test('opening a file in a directory that does not exist throws StoreError IO', () => {
  expectStoreError(() => CompanyStore.open({ path: path.join(tempDir(), 'missing', 'dir', 'x.sqlite') }), 'IO');
});
