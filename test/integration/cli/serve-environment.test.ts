// `qbd-sim serve` configured by QBDSIM_* variables (how the container image is configured) and `--cloud-port` (the
// fake AP cloud in the same process), run as a user runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import { ControlClient } from '../../../mock-qb/index.js';
import { CloudAdminClient } from '../../../src/cloud/index.js';

const BIN = fileURLToPath(new URL('../../../bin/qbd-sim.js', import.meta.url));
const running: ChildProcess[] = [];

afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
});

/** Starts `qbd-sim serve ARGS` with `env`; resolves with everything it printed once it is ready (or it exited). */
function serve(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; out: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 25_000);
    const onData = (d: string) => {
      out += d;
      if (out.includes('Press Ctrl-C')) {
        clearTimeout(timer);
        resolve({ child, out });
      }
    };
    child.stdout!.setEncoding('utf8').on('data', onData);
    child.stderr!.setEncoding('utf8').on('data', onData);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve({ child, out });
    });
  });
}

/** SIGTERM, then the exit. (From the sources, tsx's own signal relay may end it by the signal: no exit code here.) */
function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

test('QBDSIM_* variables configure serve, and QBDSIM_CLOUD_PORT serves the AP cloud beside it', async () => {
  const { child, out } = await serve([], {
    QBDSIM_PORT: '0',
    QBDSIM_CLOUD_PORT: '0',
    QBDSIM_SEED: 'serve-env',
    QBDSIM_CLOCK: 'manual',
    QBDSIM_CONTROL_TOKEN: 'env-token',
  });
  const mockUrl = /QBXMLRP2 bridge\s+(http:\/\/\S+)\/qbxmlrp2/.exec(out)?.[1];
  const cloudUrl = /AP cloud\s+(http:\/\/\S+)/.exec(out)?.[1];
  expect(mockUrl, out).toBeDefined();
  expect(cloudUrl, out).toBeDefined();
  expect(out).toContain('ids seeded (reproducible), clock manual');

  const control = new ControlClient(mockUrl!, { token: 'env-token' });
  expect((await control.health()).status).toBe('ok');
  expect((await fetch(`${mockUrl}/__qbd/health`)).status).toBe(401);
  // The cloud in the same process, seeded like the mock: the same seed gives the same first company id.
  const { companyId } = await new CloudAdminClient(cloudUrl!).createCompany('Acme Supplies');
  expect(companyId).toBeTruthy();
  await stop(child);
});

test('an empty QBDSIM_CLOUD_PORT serves no cloud; a flag beats its variable', async () => {
  const { child, out } = await serve(['--port', '0'], { QBDSIM_PORT: '1', QBDSIM_CLOUD_PORT: '' });
  expect(out).toContain('fake QuickBooks is running');
  expect(out).not.toContain('AP cloud');
  expect(out).not.toContain('127.0.0.1:1/'); // --port 0 (any free port), not QBDSIM_PORT=1
  await stop(child);
});

test('a cloud port in use: serve says so and exits 1', async () => {
  const first = await serve(['--port', '0', '--cloud-port', '0'], {});
  const port = /AP cloud\s+http:\/\/[^:]+:(\d+)/.exec(first.out)?.[1];
  expect(port, first.out).toBeDefined();
  const second = await serve(['--port', '0', '--cloud-port', port!], {});
  expect(second.out).toContain(`cannot start the AP cloud: port ${port} is in use`);
  expect(await stop(second.child)).toBe(1);
  await stop(first.child);
});

test('--max-request-bytes and QBDSIM_MAX_DEPTH: over a limit the bridge answers 413 QBDSIM_ERR_TOO_LARGE', async () => {
  const { child, out } = await serve(['--port', '0', '--max-request-bytes', '2000'], {
    QBDSIM_MAX_DEPTH: '6',
    QBDSIM_SEED: 'serve-limits',
  });
  const mockUrl = /QBXMLRP2 bridge\s+(http:\/\/\S+)\/qbxmlrp2/.exec(out)?.[1];
  expect(mockUrl, out).toBeDefined();
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${mockUrl}/qbxmlrp2${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const rp = (await call('/processors', {})).body['processorId'] as string;
  await call(`/processors/${rp}/OpenConnection2`, { appID: '', appName: 'Limits', connType: 'localQBD' });
  // The Admin authorizes the application in single-user mode (flow B) so a session opens.
  const ui = (action: string, body: unknown) =>
    fetch(`${mockUrl}/__qbd/hosts/OFFICE-PC/ui/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await ui('switch-mode', { mode: 'single-user' });
  const begin = call(`/processors/${rp}/BeginSession`, { qbFileName: '', reqFileMode: 'qbFileOpenDoNotCare' });
  for (let i = 0; i < 100; i++) {
    const state = (await (await fetch(`${mockUrl}/__qbd/hosts/OFFICE-PC/state`)).json()) as {
      dialogs: { kind: string }[];
    };
    if (state.dialogs.some((d) => d.kind === 'certificate')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await ui('answer-certificate-dialog', { choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  const ticket = (await begin).body['result'] as string;
  expect(ticket).toMatch(/^\{/);
  const wrap = (inner: string) =>
    `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${inner}</QBXMLMsgsRq></QBXML>`;
  const big = await call(`/processors/${rp}/ProcessRequest`, {
    ticket,
    inputRequest: wrap(`<VendorQueryRq><FullName>${'x'.repeat(3000)}</FullName></VendorQueryRq>`),
  });
  expect(big.status).toBe(413);
  expect(big.body['code']).toBe('QBDSIM_ERR_TOO_LARGE');
  const deep = await call(`/processors/${rp}/ProcessRequest`, {
    ticket,
    inputRequest: wrap('<a><b><c><d><e>x</e></d></c></b></a>'),
  });
  expect(deep.status).toBe(413);
  await stop(child);
});
