// How a generated company file gets onto a QuickBooks host: HostStore.createFromImage / createFromFile (copied into a
// data directory, or loaded into memory), CompanyFileSpec.image / fromFile, and a world spec's `fromFile`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { QbHost } from '../../../mock-qb/engine/qb-host.js';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { generateCompanyFile } from '../../../mock-qb/qbxml/generator/company-generator.js';
import { CompanyStore } from '../../../mock-qb/store/company-store.js';
import { HostStore } from '../../../mock-qb/store/host-store.js';
import { StoreError } from '../../../mock-qb/store/store-error.js';
import { formatQbDate, formatQbDateTime } from '../../../src/protocol/qb-datetime.js';
import { localDate, localDateTime } from '../../../mock-qb/qbxml/local-time.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-company-hooks-'));
const source = path.join(tmp, 'source.sqlite');
const PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Generated.QBW';
let sourceBytes: Buffer;

beforeAll(() => {
  generateCompanyFile(source, { vendors: 12, bills: 60, seed: 'hooks', companyName: 'Hooks Co' });
  sourceBytes = fs.readFileSync(source);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const vendorCount = (store: CompanyStore) =>
  (store.db.prepare(`SELECT COUNT(*) AS n FROM qbx_list WHERE kind = 'Vendor'`).get() as { n: number }).n;

function storeError(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('HostStore', () => {
  test('createFromFile on disk copies the file into the host directory; the data is there after a restart', () => {
    const dataDir = path.join(tmp, 'data-1');
    const hosts = new HostStore({ hostId: 'OFFICE-PC', dataDir });
    const store = hosts.createFromFile(PATH, source);
    expect(store.path).not.toBe(source);
    expect(path.dirname(store.path!)).toBe(path.join(dataDir, 'OFFICE-PC'));
    expect(vendorCount(store)).toBe(12);
    expect(store.getCompanyInfo().companyName).toBe('Hooks Co');
    store.addUser({ name: 'Clerk', password: 'x', role: 'all-areas' });
    hosts.closeAll();
    expect(fs.readFileSync(source).equals(sourceBytes)).toBe(true); // the source is not touched

    const again = new HostStore({ hostId: 'OFFICE-PC', dataDir });
    expect(again.loadExisting()).toEqual([PATH]);
    expect(vendorCount(again.get(PATH))).toBe(12);
    expect(again.get(PATH).getUser('Clerk')).toBeDefined();
    again.closeAll();
  });

  test('createFromFile in memory loads the image; createFromImage takes bytes', () => {
    const hosts = new HostStore({ hostId: 'OFFICE-PC' });
    const a = hosts.createFromFile(PATH, source);
    expect(a.path).toBeNull();
    expect(vendorCount(a)).toBe(12);
    const b = hosts.createFromImage(`${PATH}2`, sourceBytes);
    expect(vendorCount(b)).toBe(12);
    expect(storeError(() => hosts.createFromImage(PATH.toLowerCase(), sourceBytes)).code).toBe('DUPLICATE');
    hosts.closeAll();
  });

  test('a missing file, a file that is not a company database, a bad image: refused, nothing created', () => {
    const hosts = new HostStore({ hostId: 'OFFICE-PC', dataDir: path.join(tmp, 'data-2') });
    expect(storeError(() => hosts.createFromFile(PATH, path.join(tmp, 'nope.sqlite'))).code).toBe('NOT_FOUND');
    const text = path.join(tmp, 'text.sqlite');
    fs.writeFileSync(text, 'not a database at all, just some text that is long enough to look like a file');
    expect(storeError(() => hosts.createFromFile(PATH, text)).code).toBe('CORRUPT');
    const other = path.join(tmp, 'other.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(storeError(() => hosts.createFromFile(PATH, other)).code).toBe('CORRUPT');
    expect(storeError(() => hosts.createFromImage(PATH, Buffer.from('garbage'))).code).toBe('CORRUPT');
    expect(hosts.paths()).toEqual([]);
    hosts.closeAll();
  });

  test("a source with a write-ahead log beside it is copied with the log's data", () => {
    const wal = path.join(tmp, 'wal.sqlite');
    fs.copyFileSync(source, wal);
    const writer = CompanyStore.open({ path: wal }); // WAL mode
    writer.addUser({ name: 'In The Log', password: '', role: 'all-areas' });
    // Keep the log: copy the files while the writer still has them open (no checkpoint on close).
    const copy = path.join(tmp, 'wal-copy.sqlite');
    fs.copyFileSync(wal, copy);
    fs.copyFileSync(`${wal}-wal`, `${copy}-wal`);
    writer.close();
    expect(fs.statSync(`${copy}-wal`).size).toBeGreaterThan(0);
    const hosts = new HostStore({ hostId: 'OFFICE-PC', dataDir: path.join(tmp, 'data-3') });
    expect(hosts.createFromFile(PATH, copy).getUser('In The Log')).toBeDefined();
    hosts.closeAll();
  });
});

describe('QbHost and world specs', () => {
  test("CompanyFileSpec.image: the image's users and records, the spec's name; spec users added or updated", () => {
    const host = new QbHost({ id: 'OFFICE-PC' });
    host.addCompanyFile({
      path: PATH,
      companyName: 'Renamed Co',
      image: sourceBytes,
      users: [
        { name: 'Admin', password: 'secret', role: 'admin' },
        { name: 'Clerk', password: 'c', role: 'all-areas' },
      ],
    });
    const store = host.companyStore(PATH);
    expect(store.getCompanyInfo().companyName).toBe('Renamed Co');
    expect(store.listUsers().map((u) => [u.name, u.password])).toEqual([
      ['Admin', 'secret'],
      ['Clerk', 'c'],
    ]);
    expect(vendorCount(store)).toBe(12);
    host.close();
  });

  test('a world spec company file with fromFile starts as that file', () => {
    const world = buildWorld({
      hosts: [
        {
          id: 'OFFICE-PC',
          companyFiles: [{ path: PATH, companyName: 'From File', fromFile: source }],
          ui: { running: true, open: { path: PATH, mode: 'multi-user', user: 'Admin', password: '' } },
        },
      ],
    });
    const host = world.host();
    expect(host.openFile).toBe(PATH);
    expect(vendorCount(host.companyStore(PATH))).toBe(12);
    world.close();
    expect(() =>
      buildWorld({ hosts: [{ id: 'X', companyFiles: [{ path: PATH, companyName: 'X', fromFile: '' }] }] }),
    ).toThrow(/fromFile/);
  });
});

describe('local-time (the fast TimeCreated formatter)', () => {
  test('gives exactly formatQbDateTime / formatQbDate, across DST changes and odd offsets', () => {
    const zones = [
      'America/New_York',
      'America/Los_Angeles',
      'Europe/London',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Pacific/Chatham',
      'UTC',
    ];
    const instants: number[] = [];
    for (let t = Date.UTC(2013, 0, 1); t < Date.UTC(2015, 0, 1); t += 86_400_000 + 7_777) instants.push(t);
    // Every half minute around New York's and Lord Howe's changes (Lord Howe moves by 30 minutes).
    for (const at of [Date.UTC(2014, 2, 9, 7), Date.UTC(2014, 10, 2, 6), Date.UTC(2014, 9, 4, 15, 30)]) {
      for (let t = at - 3_600_000; t <= at + 3_600_000; t += 29_999) instants.push(t);
    }
    for (const zone of zones) {
      for (const t of instants) {
        expect(localDateTime(t, zone), `${zone} ${t}`).toBe(formatQbDateTime(t, zone));
        expect(localDate(t, zone)).toBe(formatQbDate(t, zone));
      }
    }
  });
});
