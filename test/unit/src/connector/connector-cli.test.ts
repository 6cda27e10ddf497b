import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { runConnectorCli, type ConnectorCliIo } from '../../../../src/connector/connector-cli.js';
import { parseDuration } from '../../../../src/connector/connector-options.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function io(stdin = '', env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: ConnectorCliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readStdin: async () => stdin,
    env,
  };
  return { io: value, out, err };
}

const run = (args: string[], x: ReturnType<typeof io>) => runConnectorCli(['node', 'ap-connector', ...args], x.io);
const ACME = 'C:\\Company Files\\Acme.QBW';

test('token set reads the key from standard input or an environment variable, never echoes it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-connector-cli-'));
  dirs.push(dir);
  const fromStdin = io('apk-from-stdin\n');
  expect(await run(['token', 'set', '--company', ACME, '--state-dir', dir], fromStdin)).toBe(0);
  expect(fromStdin.out.join('')).toBe(`Token key saved for ${ACME}.\n`);
  const fromEnv = io('', { KEY: 'apk-from-env' });
  expect(await run(['token', 'set', '--company', ACME, '--state-dir', dir, '--token-env', 'KEY'], fromEnv)).toBe(0);
  const saved = readFileSync(path.join(dir, 'tokens.json'), 'utf8');
  expect(saved).toContain('apk-from-env');
  expect(saved).not.toContain('apk-from-stdin');
  for (const x of [fromStdin, fromEnv]) expect([...x.out, ...x.err].join('')).not.toMatch(/apk-from/);

  const empty = io('', {});
  expect(await run(['token', 'set', '--company', ACME, '--state-dir', dir, '--token-env', 'NOPE'], empty)).toBe(2);
  expect(empty.err.join('')).toContain('$NOPE is empty or not set');
});

test('status without a running instance reports from the state directory; exit and sync-now say it is not running', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-connector-cli-'));
  dirs.push(dir);
  const status = io();
  expect(await run(['status', '--state-dir', dir], status)).toBe(0);
  expect(JSON.parse(status.out.join(''))).toEqual({ running: false, companies: [] });
  for (const cmd of ['exit', 'sync-now']) {
    const x = io();
    expect(await run([cmd, '--state-dir', dir], x)).toBe(1);
    expect(x.err.join('')).toContain('ap-connector is not running');
  }
});

test('bad arguments exit 2; durations read as the CLI writes them', async () => {
  expect(await run(['start', '--cloud', 'http://x'], io())).toBe(2); // no --company
  expect(await run(['start', '--cloud', 'http://x', '--company', ACME, '--interval', 'soon'], io())).toBe(2);
  expect(parseDuration('5m')).toBe(300_000);
  expect(parseDuration('90s')).toBe(90_000);
  expect(parseDuration('1500ms')).toBe(1_500);
  expect(parseDuration('2')).toBe(2_000);
});
