// Describing a connector that runs as its own process: every error a user can meet while writing a description says
// what is wrong and what to do next; `ready:` makes `connector: start` wait until the service answers; `{port}` is a
// free loopback port per scenario, the same in env, args and the .qwc template; the working directory is the
// description's folder; passwords come from qbd-sim's own environment.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import {
  loadConnectorDescription,
  makeScratchDir,
  ProcessConnectorAdapter,
  type ConnectorEnvironment,
} from '../../../src/harness/index.js';

/** A service: listens on $PORT after $DELAY ms (never with DELAY=never), prints what it was given, may exit. */
const SERVICE = `
const http = require('node:http');
console.log('args ' + JSON.stringify(process.argv.slice(2)) + ' cwd ' + process.cwd());
console.error('warming up on ' + process.env.PORT);
if (process.env.EXIT) process.exit(Number(process.env.EXIT));
if (process.env.DELAY !== 'never') setTimeout(() => {
  http.createServer((q, s) => s.end('hi')).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening on ' + process.env.PORT));
}, Number(process.env.DELAY ?? 0));
setInterval(() => {}, 1000);
`;

const adapters: ProcessConnectorAdapter[] = [];
afterEach(async () => {
  for (const a of adapters.splice(0)) await a.dispose();
});

function describe(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-desc-'));
  writeFileSync(path.join(dir, 'service.cjs'), SERVICE);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const file = path.join(dir, 'mine.yaml');
  writeFileSync(file, yaml);
  return file;
}

function env(transport: 'rp2' | 'qbwc' = 'qbwc'): ConnectorEnvironment {
  return {
    transport,
    bridgeUrl: 'http://127.0.0.1:1',
    cloudUrl: 'http://127.0.0.1:2',
    companies: ['C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW'],
    stateDir: makeScratchDir('qbd-sim-desc-state-'),
  };
}

function adapter(file: string, transport: 'rp2' | 'qbwc' = 'qbwc'): ProcessConnectorAdapter {
  const a = new ProcessConnectorAdapter(env(transport), loadConnectorDescription(file));
  adapters.push(a);
  return a;
}

const loadError = (file: string) => {
  try {
    loadConnectorDescription(file);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('it loaded');
};

const BASE = `name: my-service\ncommand: ['{node}', service.cjs]\ntransports: [qbwc]\n`;

test('ready: http — start returns once the service answers, not when its process exists', async () => {
  const a = adapter(
    describe(
      `${BASE}env: { PORT: '{port}', DELAY: '400' }\nstart: [--serve]\nready: { http: 'http://127.0.0.1:{port}/' }\n`,
    ),
  );
  await a.start();
  const port = a.ports().get('port')!;
  const answer = await fetch(`http://127.0.0.1:${port}/`);
  expect(await answer.text()).toBe('hi');
  expect(a.diagnostics()).toContain(`listening on ${port}`);
});

test('ready: tcp and ready: line', async () => {
  const tcp = adapter(describe(`${BASE}env: { PORT: '{port}', DELAY: '200' }\nstart: []\nready: { tcp: '{port}' }\n`));
  await tcp.start();
  await expect(fetch(`http://127.0.0.1:${tcp.ports().get('port')}/`)).resolves.toBeTruthy();
  const line = adapter(
    describe(`${BASE}env: { PORT: '{port}', DELAY: '200' }\nstart: []\nready: { line: 'listening on \\d+' }\n`),
  );
  await line.start();
  await expect(fetch(`http://127.0.0.1:${line.ports().get('port')}/`)).resolves.toBeTruthy();
});

test('a service that never listens: the error names what was awaited, the last attempt and its last output', async () => {
  const a = adapter(
    describe(
      `${BASE}env: { PORT: '{port}', DELAY: never }\nstart: []\nready: { http: 'http://127.0.0.1:{port}/wsdl', timeout: 700ms }\n`,
    ),
  );
  const error = (await a.start().catch((e: unknown) => e)) as Error;
  const port = a.ports().get('port')!;
  expect(error.message).toContain(
    `the connector "my-service" was not ready within 0.7 s: waited for an HTTP answer from http://127.0.0.1:${port}/wsdl (last attempt: connect ECONNREFUSED 127.0.0.1:${port})`,
  );
  expect(error.message).toContain('or raise ready.timeout');
  expect(error.message).toContain(`warming up on ${port}`);
});

test('a service that exits before it is ready: its exit code and output', async () => {
  const a = adapter(describe(`${BASE}env: { PORT: '{port}', EXIT: '3' }\nstart: []\nready: { tcp: '{port}' }\n`));
  const error = (await a.start().catch((e: unknown) => e)) as Error;
  expect(error.message).toMatch(
    /the connector "my-service" exited with code 3 before it was ready \(waited for a TCP connection to \d+/,
  );
  expect(error.message).toContain('check its command, env and start');
  expect(error.message).toContain('warming up on');
});

test('{port} and {port:NAME}: free loopback ports per adapter, the same in env, args and the .qwc template', async () => {
  const file = describe(
    `${BASE}env: { PORT: '{port}', ADMIN: '{port:admin}' }\nstart: ['--port={port}', '--admin={port:admin}']\nready: { line: listening }\nqwcFile: app.qwc\npassword: { env: QBDSIM_TEST_SERVICE_PASSWORD }\n`,
    {
      'app.qwc':
        '<QBWCXML><AppURL>http://localhost:{port}/wsdl</AppURL><FileID>{57571caa-e934-4f14-b3bf-dfdbacdd273a}</FileID></QBWCXML>',
    },
  );
  process.env['QBDSIM_TEST_SERVICE_PASSWORD'] = 's3cret';
  try {
    const one = adapter(file);
    const two = adapter(file);
    await Promise.all([one.start(), two.start()]);
    const [p1, p2] = [one.ports().get('port')!, two.ports().get('port')!];
    expect(p1).not.toBe(p2);
    expect(one.ports().get('port:admin')).not.toBe(p1);
    expect(one.diagnostics()).toContain(`args ["--port=${p1}","--admin=${one.ports().get('port:admin')}"]`);
    const app = await one.qbwcApp('Acme Supplies.QBW');
    // The port substituted, a GUID in braces left alone.
    expect(app.qwcXml).toBe(
      `<QBWCXML><AppURL>http://localhost:${p1}/wsdl</AppURL><FileID>{57571caa-e934-4f14-b3bf-dfdbacdd273a}</FileID></QBWCXML>`,
    );
    expect(app.password).toBe('s3cret');
  } finally {
    delete process.env['QBDSIM_TEST_SERVICE_PASSWORD'];
  }
});

test("the working directory is the description's folder (cwd: changes it)", async () => {
  const file = describe(`${BASE}env: { PORT: '{port}' }\nstart: []\nready: { line: listening }\n`);
  const a = adapter(file);
  await a.start();
  expect(a.diagnostics()).toContain(`cwd ${path.dirname(file)}`);
  const b = adapter(
    describe(
      `${BASE.replace('service.cjs', "'{dir}/service.cjs'")}cwd: '{stateDir}'\nenv: { PORT: '{port}' }\nstart: []\nready: { line: listening }\n`,
    ),
  );
  await b.start();
  expect(b.diagnostics()).toMatch(/cwd \S*qbd-sim-desc-state-/);
});

test("a password variable not set in qbd-sim's environment: says so and how to set it", async () => {
  const a = adapter(
    describe(`${BASE}qwcFile: app.qwc\npasswordEnv: QBDSIM_TEST_UNSET_PASSWORD\n`, { 'app.qwc': '<QBWCXML/>' }),
  );
  await expect(a.qbwcApp('x')).rejects.toThrow(
    "its password is read from $QBDSIM_TEST_UNSET_PASSWORD in qbd-sim's own environment, which is not set — run e.g. `QBDSIM_TEST_UNSET_PASSWORD=… npx qbd-sim run …`",
  );
});

test('errors while loading a description name the file, the field and what to do', () => {
  expect(loadError('/nowhere/mine.yaml')).toContain(
    '/nowhere/mine.yaml: no such file — --connector takes a connector description',
  );
  expect(loadError(describe('name: [unclosed\n'))).toContain('not valid YAML');
  const typo = loadError(describe(`${BASE}readyy: { tcp: '8080' }\n`));
  expect(typo).toContain('(top): Unrecognized key: "readyy"');
  expect(typo).toContain('(the fields are: name, command, com, env, cwd, transports, start, ready,');
  expect(loadError(describe(`${BASE}start: ['--port={prot}']\n`))).toContain(
    'start.0: unknown placeholder {prot}; the placeholders are {node}, {repo}, {dir}',
  );
  expect(loadError(describe(`${BASE}ready: { http: x, tcp: '1' }\n`))).toContain(
    'ready: give exactly one of http (a URL answering once it listens), tcp (a port) or line (a regular expression)',
  );
  expect(loadError(describe(`${BASE}ready: { line: '(' }\n`))).toContain('ready.line: a regular expression');
  expect(loadError(describe(`${BASE}ready: { tcp: '1', timeout: soon }\n`))).toContain(
    'a duration such as 500ms, 30s or 2m',
  );
  expect(loadError(describe(`${BASE}qwcFile: app.qwc\n`))).toContain(
    'qwcFile needs the password the Web Connector types: password: { env: NAME }',
  );
});

test('errors while driving: transport, missing commands, a program that does not exist, a .qwc that is not there', async () => {
  expect(() => adapter(describe(BASE), 'rp2')).toThrow(
    'does not support the rp2 transport the scenario asks for (world.connector.transport); its description lists transports: [qbwc]',
  );
  const bare = adapter(describe(BASE));
  await expect(bare.setToken('x', 'k')).rejects.toThrow('add token: to its description');
  await expect(bare.syncNow()).rejects.toThrow('add syncNow: to its description');
  await expect(bare.qbwcApp('x')).rejects.toThrow('add qwcFile: (its .qwc, relative to the description) with password');
  const missing = adapter(describe(`name: x\ncommand: [no-such-program-qbdsim]\ntransports: [qbwc]\nstart: []\n`));
  await expect(missing.start()).rejects.toThrow(
    'cannot run no-such-program-qbdsim: no such program (command[0] of the description',
  );
  process.env['QBDSIM_TEST_SERVICE_PASSWORD'] = 'x';
  try {
    const noQwc = adapter(describe(`${BASE}qwcFile: gone.qwc\npassword: { env: QBDSIM_TEST_SERVICE_PASSWORD }\n`));
    await expect(noQwc.qbwcApp('x')).rejects.toThrow(
      "gone.qwc cannot be read (qwcFile is relative to the description's folder",
    );
  } finally {
    delete process.env['QBDSIM_TEST_SERVICE_PASSWORD'];
  }
  const notJson = adapter(describe(`name: x\ncommand: [echo]\ntransports: [qbwc]\nqwc: [hello]\n`));
  await expect(notJson.qbwcApp('x')).rejects.toThrow(
    'its qwc command printed "hello", not JSON {"qwcFile","password"}',
  );
});

test('the shipped descriptions still load', () => {
  for (const name of ['ap-connector', 'qbwc-service.example', 'python-desktop', 'csharp-desktop']) {
    const d = loadConnectorDescription(path.join('scenarios', 'connectors', `${name}.yaml`));
    expect(d.name).toBeTruthy();
  }
  expect(readFileSync(path.join('scenarios', 'connectors', 'qbwc-service.example.yaml'), 'utf8')).toContain('{port}');
});
