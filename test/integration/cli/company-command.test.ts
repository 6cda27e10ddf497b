// `qbd-sim company generate` and `qbd-sim serve --company`, run as a user runs them: generate a small company file,
// serve it, and find its vendors with VendorQuery over the RP2 bridge.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, test } from 'vitest';
import { ControlClient } from '../../../mock-qb/index.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { runCli } from './run-cli.js';

const BIN = fileURLToPath(new URL('../../../bin/qbd-sim.js', import.meta.url));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qbd-sim-company-cli-'));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Starts `qbd-sim serve …` and resolves with its base URL once it printed it (and everything it printed). */
function serve(args: readonly string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 25_000);
    const onData = (d: string) => {
      out += d;
      const m = /QBXMLRP2 bridge\s+(http:\/\/[^\s]+)\/qbxmlrp2/.exec(out);
      if (m && out.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out });
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${out}`));
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

const qbxml = (body: string) =>
  `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;

test('company generate writes a company file and says what is in it', async () => {
  const out = path.join(tmp, 'acme.sqlite');
  const run = await runCli(
    ['company', 'generate', '--vendors', '30', '--bills', '250', '--customers', '4', '--seed', 'cli', '--out', out],
    { timeoutMs: 60_000 },
  );
  expect(run.stderr).toMatch(/generating 30 vendors, 250 bills, 4 customers over 12 months \(seed "cli"\)/);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toMatch(/wrote .*acme\.sqlite in \d+\.\d s/);
  expect(run.stdout).toMatch(/vendors\s+30 \(\d+ inactive\)/);
  expect(run.stdout).toMatch(/bills\s+250 since \d{4}-\d\d-\d\d: \d+ paid, \d+ partly paid, \d+ open/);
  expect(fs.existsSync(out)).toBe(true);

  // The same seed again: the same file; an existing --out is refused without --force.
  const again = await runCli([
    'company',
    'generate',
    '--vendors',
    '30',
    '--bills',
    '250',
    '--customers',
    '4',
    '--seed',
    'cli',
    '--out',
    out,
  ]);
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/exists/);
  const copy = path.join(tmp, 'acme-2.sqlite');
  expect(
    (
      await runCli([
        'company',
        'generate',
        '--vendors',
        '30',
        '--bills',
        '250',
        '--customers',
        '4',
        '--seed',
        'cli',
        '--out',
        copy,
      ])
    ).code,
  ).toBe(0);
  expect(fs.readFileSync(copy).equals(fs.readFileSync(out))).toBe(true);
}, 90_000);

test('company generate refuses bad input with exit code 2', async () => {
  const out = path.join(tmp, 'bad.sqlite');
  expect((await runCli(['company', 'generate', '--vendors', 'ten', '--bills', '5', '--out', out])).code).toBe(2);
  expect((await runCli(['company', 'generate', '--vendors', '0', '--bills', '5', '--out', out])).code).toBe(2);
  const tz = await runCli([
    'company',
    'generate',
    '--vendors',
    '1',
    '--bills',
    '1',
    '--time-zone',
    'Mars/Olympus',
    '--out',
    out,
  ]);
  expect(tz.code).toBe(2);
  expect(tz.stderr).toMatch(/not an IANA time zone/);
  expect(fs.existsSync(out)).toBe(false);
}, 60_000);

test('serve --company loads the file; VendorQuery over the bridge finds its vendors', async () => {
  const file = path.join(tmp, 'served.sqlite');
  expect(
    (await runCli(['company', 'generate', '--vendors', '25', '--bills', '120', '--seed', 'serve', '--out', file])).code,
  ).toBe(0);
  const db = new Database(file, { readonly: true });
  const names = (
    db.prepare(`SELECT name FROM qbx_list WHERE kind = 'Vendor' ORDER BY seq`).all() as { name: string }[]
  ).map((r) => r.name);
  db.close();
  expect(names).toHaveLength(25);

  const windowsPath = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Served Co.QBW';
  const server = await serve(['--company', `${file}=${windowsPath}`, '--seed', 'cli-serve']);
  try {
    expect(server.output()).toContain(`"${windowsPath}" open multi-user as Admin`);
    const control = new ControlClient(server.url);
    const host = (await control.state()).hosts[0]!;
    expect(host.files.map((f) => f.path)).toContain(windowsPath);
    // First access of an application: the Admin answers the certificate dialog in single-user mode.
    const ui = control.ui(host.id);
    await ui.switchMode('single-user');
    const rp2 = await Rp2BridgeClient.createProcessor(server.url, { certificate: { subject: 'CN=CLI test' } });
    await rp2.OpenConnection2('', 'Company CLI Test', 1);
    const begin = rp2.BeginSession('', 2);
    begin.catch(() => undefined);
    for (let i = 0; i < 100 && !(await control.hostState(host.id)).dialogs.some((d) => d.kind === 'certificate'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    await ui.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', done: true });
    const ticket = await begin;
    expect(await rp2.GetCurrentCompanyFileName(ticket)).toBe(windowsPath);

    const count = await rp2.ProcessRequest(
      ticket,
      qbxml('<VendorQueryRq metaData="MetaDataOnly"><ActiveStatus>All</ActiveStatus></VendorQueryRq>'),
    );
    expect(count).toMatch(
      /<VendorQueryRs requestID="" statusCode="0" statusSeverity="Info" statusMessage="Status OK" retCount="25"/,
    );
    const name = names[7]!;
    const one = await rp2.ProcessRequest(
      ticket,
      qbxml(`<VendorQueryRq><FullName>${name.replace(/&/g, '&amp;')}</FullName></VendorQueryRq>`),
    );
    expect(one).toContain(`<Name>${name.replace(/&/g, '&amp;')}</Name>`);
    expect(one).toMatch(/<Balance>\d+\.\d\d<\/Balance>/);
    const bills = await rp2.ProcessRequest(ticket, qbxml('<BillQueryRq metaData="MetaDataOnly"></BillQueryRq>'));
    expect(bills).toMatch(/retCount="120"/);
    await rp2.EndSession(ticket);
    await rp2.CloseConnection();
  } finally {
    expect(await stop(server.child)).toBe(0);
  }
}, 90_000);

test('serve --company refuses a file that does not exist, or one too big for an in-memory image', async () => {
  const run = await runCli(['serve', '--port', '0', '--company', path.join(tmp, 'missing.sqlite')]);
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(/--company: .*missing\.sqlite does not exist/);
  const huge = path.join(tmp, 'huge.sqlite');
  fs.closeSync(fs.openSync(huge, 'w'));
  fs.truncateSync(huge, 2 ** 31); // sparse: no disk used
  const big = await runCli(['serve', '--port', '0', '--company', huge]);
  expect(big.code).toBe(2);
  expect(big.stderr).toMatch(/huge\.sqlite is 2\.00 GiB: .*SQLite's images stop at 2 GiB/);
});
