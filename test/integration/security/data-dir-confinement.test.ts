// Issue 10, security: company file paths and --data-dir cannot escape their directory. Whatever Windows path a
// control-API caller gives a company file, whatever a host is called, whatever index.json says, and whatever symbolic
// links sit in the data directory, qbd-sim writes only plain files inside `<data-dir>/<host>/`.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient, SAMPLE_WORLD_SPEC, startMockQb } from '../../../mock-qb/index.js';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { HostStore } from '../../../mock-qb/store/host-store.js';

const HOST = SAMPLE_WORLD_SPEC.hosts[0]!.id;

/** A fresh directory holding the data directory (so anything written beside it shows). */
function sandbox(): { root: string; dataDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-confine-'));
  onTestFinished(() => fs.rmSync(root, { recursive: true, force: true }));
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  return { root, dataDir };
}

/** Every file and directory under `dir`, relative to it. */
function tree(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

test('hostile company file paths through the control API land as plain files inside <data-dir>/<host>/', async () => {
  const { root, dataDir } = sandbox();
  const mock = await startMockQb({ seed: 'confine', dataDir });
  onTestFinished(() => mock.stop());
  const control = new ControlClient(mock.url);
  const hostile = [
    'C:\\..\\..\\..\\..\\..\\..\\tmp\\escape-1.QBW',
    '..\\..\\escape-2.QBW',
    '../../../escape-3.QBW',
    '/etc/escape-4.QBW',
    `${root}/escape-5.QBW`,
    'C:\\Company Files\\..\\..\\..\\..\\escape-6.QBW',
    '\\\\server\\share\\..\\..\\escape-7.QBW',
    'C:\\a\\index.json',
    'C:\\a\\x.sqlite\u0000.QBW',
  ];
  for (const [i, filePath] of hostile.entries()) {
    const res = await fetch(`${control.baseUrl}/hosts/${HOST}/files`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: filePath, companyName: `Escape ${i}` }),
    });
    expect(res.status, filePath).toBe(201);
  }
  // Only the data directory is in the sandbox; inside it only the host directory; inside that only plain files.
  expect(fs.readdirSync(root)).toEqual(['data']);
  expect(fs.readdirSync(dataDir)).toEqual([HOST]);
  const files = tree(path.join(dataDir, HOST));
  expect(files.length).toBeGreaterThanOrEqual(hostile.length + 1);
  for (const f of files) expect(f).toMatch(/^(index\.json|[a-z0-9][a-z0-9-]*\.sqlite(-wal|-shm)?)$/);
  for (const f of ['/tmp/escape-1.QBW', path.join(root, 'escape-5.QBW')]) expect(fs.existsSync(f)).toBe(false);

  // Renaming to a hostile path stays inside too.
  const renamed = await fetch(`${control.baseUrl}/hosts/${HOST}/files/rename`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: hostile[0], to: '..\\..\\..\\renamed-escape.QBW' }),
  });
  expect(renamed.status).toBe(200);
  expect(fs.readdirSync(root)).toEqual(['data']);
  for (const f of tree(path.join(dataDir, HOST)))
    expect(f).toMatch(/^(index\.json|[a-z0-9][a-z0-9-]*\.sqlite(-wal|-shm)?)$/);
});

test('a host id that is a path (.., slashes, a leading dot) is refused before anything is written', () => {
  const { root, dataDir } = sandbox();
  for (const id of ['..', '.', '../evil', 'a/../../b', '.hidden', '-x']) {
    const spec = { hosts: [{ ...SAMPLE_WORLD_SPEC.hosts[0]!, id, ui: { running: false } }] };
    expect(() => buildWorld(spec, { dataDir, seed: 'x' }), id).toThrow();
  }
  expect(tree(root)).toEqual(['data']);
});

test('an index.json that names a file outside the host directory is refused (CORRUPT), nothing opened', () => {
  const { dataDir } = sandbox();
  const hostDir = path.join(dataDir, 'PC-1');
  fs.mkdirSync(hostDir);
  for (const file of [
    '../../outside.sqlite',
    '/etc/passwd',
    '..\\x.sqlite',
    'sub/x.sqlite',
    'x.sqlite/../../y.sqlite',
  ]) {
    fs.writeFileSync(
      path.join(hostDir, 'index.json'),
      JSON.stringify({ version: 1, hostId: 'PC-1', companyFiles: { 'C:\\x.QBW': file } }),
    );
    const store = new HostStore({ hostId: 'PC-1', dataDir });
    expect(() => store.loadExisting(), file).toThrow(/not a \.sqlite file name of this directory/);
  }
});

test('a host directory or company file that is a symbolic link out of the data directory is refused', () => {
  const { root, dataDir } = sandbox();
  const outside = path.join(root, 'outside');
  fs.mkdirSync(outside);
  // The host directory itself is a link.
  fs.symlinkSync(outside, path.join(dataDir, 'PC-1'), 'dir');
  const linked = new HostStore({ hostId: 'PC-1', dataDir });
  expect(() => linked.create('C:\\Acme.QBW')).toThrow(/symbolic link/);
  expect(fs.readdirSync(outside)).toEqual([]);

  // A company file of a real host directory is a link: opening it after a restart is refused.
  const store = new HostStore({ hostId: 'PC-2', dataDir });
  store.create('C:\\Beta.QBW');
  store.closeAll();
  const hostDir = path.join(dataDir, 'PC-2');
  const file = fs.readdirSync(hostDir).find((f) => f.endsWith('.sqlite'))!;
  fs.renameSync(path.join(hostDir, file), path.join(outside, 'beta.sqlite'));
  fs.symlinkSync(path.join(outside, 'beta.sqlite'), path.join(hostDir, file));
  const reopened = new HostStore({ hostId: 'PC-2', dataDir });
  expect(() => reopened.loadExisting()).toThrow(/symbolic link/);
});
