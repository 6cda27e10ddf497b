// `qbd-sim qwc` as a user runs it: the .qwc it writes is one QBWC accepts (parsed and validated by the project's
// codec), with new GUIDs unless given, and a URL QBWC would refuse is refused with QBWC's own message.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { parseQwc, validateQwc } from '../../../mock-qb/index.js';
import { runCli } from './run-cli.js';

const OWNER = '{57F3B9B6-86F1-4FCD-B1EF-166DE1813D20}';
const FILE = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';
const GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/;

test('--out writes a .qwc that parses and validates, with the GUIDs, user and schedule given', async () => {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'qbd-sim-qwc-')), 'sync.qwc');
  const run = await runCli([
    'qwc',
    '--url',
    'https://sync.example.com/qbwc',
    '--app-name',
    'AP Sync',
    '--owner-id',
    OWNER,
    '--file-id',
    FILE.toLowerCase(),
    '--user',
    'acme-sync',
    '--every-minutes',
    '15',
    '--out',
    out,
  ]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    `wrote ${out}: AppName "AP Sync", AppURL https://sync.example.com/qbwc, UserName acme-sync, OwnerID ${OWNER}, FileID ${FILE}\n`,
  );
  const file = parseQwc(readFileSync(out, 'utf8'));
  expect(() => validateQwc(file)).not.toThrow();
  expect(file).toEqual({
    AppName: 'AP Sync',
    AppID: '',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'AP Sync',
    AppSupport: 'https://sync.example.com/',
    UserName: 'acme-sync',
    OwnerID: OWNER,
    FileID: FILE,
    QBType: 'QBFS',
    Scheduler: { RunEveryNMinutes: 15 },
  });
});

test('without --out the .qwc goes to standard output, with new random GUIDs each time', async () => {
  const args = ['qwc', '--url', 'http://localhost:8080/qbwc', '--app-name', 'Local Sync'];
  const [a, b] = await Promise.all([runCli(args), runCli(args)]);
  expect(a.code).toBe(0);
  expect(b.code).toBe(0);
  const fa = parseQwc(a.stdout);
  const fb = parseQwc(b.stdout);
  expect(fa).toMatchObject({
    AppURL: 'http://localhost:8080/qbwc',
    AppSupport: 'http://localhost:8080/',
    UserName: 'qbwc',
  });
  for (const guid of [fa.OwnerID, fa.FileID, fb.OwnerID, fb.FileID]) expect(guid).toMatch(GUID);
  expect(new Set([fa.OwnerID, fa.FileID, fb.OwnerID, fb.FileID]).size).toBe(4);
});

test('a URL QBWC refuses is refused with its message: plain http off localhost (QBWC1051), an IP address (QBWC1001)', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-qwc-'));
  const out = path.join(dir, 'refused.qwc');
  const [http, loopback, ip, badGuid] = await Promise.all([
    runCli(['qwc', '--url', 'http://sync.example.com/qbwc', '--app-name', 'AP Sync', '--out', out]),
    runCli(['qwc', '--url', 'http://127.0.0.1:8080/qbwc', '--app-name', 'AP Sync']),
    runCli(['qwc', '--url', 'https://10.20.30.40/qbwc', '--app-name', 'AP Sync']),
    runCli(['qwc', '--url', 'https://sync.example.com/qbwc', '--app-name', 'X', '--owner-id', 'x']),
  ]);
  expect(http.code).toBe(1);
  expect(http.stdout).toBe('');
  expect(http.stderr).toBe(
    'The application AP Sync service URL is not on a secure (https) server.\nQBWC1051: The new applicaiton was not added.\n',
  );
  expect(existsSync(out)).toBe(false);
  // Only the name `localhost` may use http, not its address (QBWC checks the host literally).
  expect(loopback.code).toBe(1);
  expect(loopback.stderr).toContain('QBWC1051: The new applicaiton was not added.');
  expect(ip.code).toBe(1);
  expect(ip.stderr).toBe(
    'QBWC1001: The AppURL (https://10.20.30.40/qbwc) is an IP address. The application must be given by a host name.\n',
  );
  expect(badGuid.code).toBe(1);
  expect(badGuid.stderr).toContain('<OwnerID> "x" is not a GUID.');
});

test('--help lists every option', async () => {
  const run = await runCli(['qwc', '--help']);
  expect(run.code).toBe(0);
  for (const option of [
    '--url <url>',
    '--app-name <name>',
    '--owner-id <guid>',
    '--file-id <guid>',
    '--user <name>',
    '--every-minutes <n>',
    '--support <url>',
    '--description <text>',
    '--out <file>',
  ])
    expect(run.stdout).toContain(option);
});
