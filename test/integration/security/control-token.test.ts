// Issue 10, security: the control API (and the dashboard) listen on loopback by default; listening beyond loopback
// needs a control token; with a token every /__qbd route — the fake Web Connector's too — needs
// `Authorization: Bearer TOKEN` and answers 401 QBDSIM_ERR_UNAUTHORIZED otherwise. The bridge needs none.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { expect, onTestFinished, test } from 'vitest';
import {
  ControlClient,
  createControlApp,
  createWebConnectorApp,
  ProcessorRegistry,
  SAMPLE_WORLD_SPEC,
  startMockQb,
  UI_ACTION_NAMES,
  type MockQbHandle,
} from '../../../mock-qb/index.js';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';

const TOKEN = 'tok-3f9a1c7e5b2d4e6f8a0b1c2d3e4f5a6b';
const HOST = SAMPLE_WORLD_SPEC.hosts[0]!.id;

async function started(opts: Parameters<typeof startMockQb>[0]): Promise<MockQbHandle> {
  const mock = await startMockQb({ seed: 'security-token', ...opts });
  onTestFinished(() => mock.stop());
  return mock;
}

/** Every route of an express router (method and path), read from its stack: a new route is covered by itself. */
function routesOf(router: Router): { method: string; path: string }[] {
  const out: { method: string; path: string }[] = [];
  for (const layer of router.stack as unknown as { route?: { path: string; methods: Record<string, boolean> } }[]) {
    if (!layer.route) continue;
    for (const method of Object.keys(layer.route.methods))
      out.push({ method: method.toUpperCase(), path: layer.route.path });
  }
  return out;
}

/** A concrete URL path for a route pattern. */
function concrete(pattern: string): string {
  return pattern
    .replace(':host', HOST)
    .replace(':action', 'exit')
    .replace(/:(\w+)/g, 'x');
}

test('by default the mock listens on loopback only', async () => {
  const mock = await started({});
  expect((mock.server.address() as AddressInfo).address).toBe('127.0.0.1');
  expect(new URL(mock.controlUrl).hostname).toBe('127.0.0.1');
});

test('listening beyond loopback without a control token is refused with a clear error, before anything listens', async () => {
  for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
    const error = await startMockQb({ host, seed: 'x' }).then(
      (m) => m.stop().then(() => null),
      (e: unknown) => e,
    );
    expect(error, host).toBeInstanceOf(QbdSimError);
    expect((error as QbdSimError).code).toBe('QBDSIM_ERR_UNAUTHORIZED');
    expect((error as QbdSimError).message).toContain('--control-token');
    expect((error as QbdSimError).message).toContain('QBDSIM_CONTROL_TOKEN');
  }
  // Loopback addresses need no token.
  for (const host of ['127.0.0.1', 'localhost']) {
    const mock = await startMockQb({ host, seed: 'x' });
    await mock.stop();
  }
});

test('with a token the mock may listen beyond loopback', async () => {
  const mock = await started({ host: '0.0.0.0', controlToken: TOKEN });
  const health = await new ControlClient(mock.url, { token: TOKEN }).health();
  expect(health.status).toBe('ok');
});

test('with a token, every control route and the Web Connector routes answer 401 QBDSIM_ERR_UNAUTHORIZED without it', async () => {
  const mock = await started({ controlToken: TOKEN });
  // The routes as the apps define them (a route added later is covered without touching this test).
  const world = buildWorld(SAMPLE_WORLD_SPEC, { seed: 'routes' });
  const processors = new ProcessorRegistry(world);
  onTestFinished(() => world.close());
  const routes = [
    ...routesOf(createControlApp(world, processors)).map((r) => ({ ...r, path: `/__qbd${r.path}` })),
    ...routesOf(createWebConnectorApp(processors)).map((r) => ({ ...r, path: `/__qbd/webconnector${r.path}` })),
    { method: 'GET', path: '/__qbd/no-such-route' },
  ];
  expect(routes.length).toBeGreaterThan(20);
  const wrongHeaders: (Record<string, string> | undefined)[] = [
    undefined,
    { authorization: 'Bearer wrong-token' },
    { authorization: `Bearer ${TOKEN}x` },
    { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
    { authorization: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}` },
    { authorization: TOKEN },
    { 'x-control-token': TOKEN },
  ];
  for (const route of routes) {
    for (const headers of wrongHeaders) {
      const res = await fetch(`${mock.url}${concrete(route.path)}`, {
        method: route.method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(route.method === 'GET' || route.method === 'HEAD' ? {} : { body: '{}' }),
      });
      const what = `${route.method} ${route.path} with ${JSON.stringify(headers)}`;
      expect(res.status, what).toBe(401);
      expect(res.headers.get('www-authenticate'), what).toMatch(/^Bearer /);
      const body = (await res.json()) as { code: string; message: string; hresult?: string };
      expect(body.code, what).toBe('QBDSIM_ERR_UNAUTHORIZED');
      expect(body.hresult, what).toBeUndefined(); // never looks like a QuickBooks answer
      expect(JSON.stringify(body), what).not.toContain(TOKEN); // never echoes the token
    }
  }
  // Nothing happened: QuickBooks still runs with its company open (POST …/ui/exit was among the routes).
  const state = await new ControlClient(mock.url, { token: TOKEN }).hostState(HOST);
  expect(state.process).toBe('running');
  expect(state.openFile).not.toBeNull();
  expect(UI_ACTION_NAMES).toContain('exit');
});

test('with a token, spellings of the control path do not get past it', async () => {
  const mock = await started({ controlToken: TOKEN });
  for (const p of [
    '/__QBD/health',
    '/__Qbd/state',
    '/__qbd/./health',
    '/__qbd//health',
    '/x/../__qbd/health',
    '/__qbd/health/',
    '/__qbd/health?x=1',
    '/__qbd/%68ealth',
    '/__qbd/webconnector/OFFICE-PC/../../state',
  ]) {
    const res = await fetch(`${mock.url}${p}`);
    expect([401, 404], p).toContain(res.status);
  }
});

test('with the right token the control API and the Web Connector routes work; the bridge never needs it', async () => {
  const mock = await started({ controlToken: TOKEN });
  const control = new ControlClient(mock.url, { token: TOKEN });
  expect((await control.health()).status).toBe('ok');
  expect((await control.hostState(HOST)).id).toBe(HOST);
  expect((await control.webConnector(HOST).applications()).length).toBeGreaterThanOrEqual(0);
  const lower = await fetch(`${mock.controlUrl}/health`, { headers: { authorization: `bearer ${TOKEN}` } });
  expect(lower.status).toBe(200); // the scheme is case-insensitive (RFC 9110)
  const bridge = await fetch(`${mock.bridgeUrl}/processors`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(bridge.status).toBe(201);
  // Without the token the typed client throws the simulator's error.
  await expect(new ControlClient(mock.url).health()).rejects.toMatchObject({ code: 'QBDSIM_ERR_UNAUTHORIZED' });
});

test('a control token with spaces or control characters is refused', async () => {
  await expect(startMockQb({ controlToken: 'two words' })).rejects.toMatchObject({ code: 'QBDSIM_ERR_BAD_REQUEST' });
  await expect(startMockQb({ controlToken: '' })).rejects.toMatchObject({ code: 'QBDSIM_ERR_BAD_REQUEST' });
});

// ------------------------------------------------------------------ the CLI: --control-token, QBDSIM_CONTROL_TOKEN

const BIN = fileURLToPath(new URL('../../../bin/qbd-sim.js', import.meta.url));

function withoutControlToken(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy['QBDSIM_CONTROL_TOKEN'];
  return copy;
}

/** Runs `qbd-sim serve …` until it prints its control URL (or exits); bounded. */
function serve(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ controlUrl: string | null; code: number | null; stdout: string; stderr: string; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
      env: { ...withoutControlToken(process.env), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const stop = () => {
      if (child.exitCode === null) child.kill('SIGTERM');
    };
    const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('close', () => clearTimeout(killer));
    onTestFinished(stop);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /control API\s+(\S+)/.exec(stdout);
      if (m && stdout.includes('Press Ctrl-C')) resolve({ controlUrl: m[1]!, code: null, stdout, stderr, stop });
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ controlUrl: null, code, stdout, stderr, stop }));
  });
}

test('qbd-sim serve --host 0.0.0.0 without a token exits 2 naming --control-token', async () => {
  const run = await serve(['--host', '0.0.0.0']);
  expect(run.controlUrl).toBeNull();
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('QBDSIM_ERR_UNAUTHORIZED');
  expect(run.stderr).toContain('--control-token');
}, 30_000);

test('qbd-sim serve --control-token and QBDSIM_CONTROL_TOKEN protect the control API and are never printed', async () => {
  for (const [args, env] of [
    [['--control-token', TOKEN], {}],
    [[], { QBDSIM_CONTROL_TOKEN: TOKEN }],
  ] as const) {
    const run = await serve(args, env);
    expect(run.controlUrl, run.stderr).not.toBeNull();
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.stdout).toContain('Authorization: Bearer');
    expect((await fetch(`${run.controlUrl}/health`)).status).toBe(401);
    const ok = await fetch(`${run.controlUrl}/health`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    run.stop();
  }
}, 60_000);
