import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { StatusChannel } from '../../../../src/connector/status-channel.js';
import { TokenStore } from '../../../../src/connector/token-store.js';

const dirs: string[] = [];
function stateDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ap-connector-unit-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const ACME = 'C:\\Company Files\\Acme.QBW';

test('one JSON line per change, the same records in status.jsonl, the latest per file in status.json', () => {
  const dir = stateDir();
  const out: string[] = [];
  const channel = new StatusChannel(dir, (line) => out.push(line));
  channel.emit(ACME, 'Connecting');
  expect(channel.emit(ACME, 'Connecting')).toBeUndefined(); // no change, no line
  channel.emit(ACME, 'Unable to open QuickBooks file', {
    hresult: '0x80040418',
    message: 'm',
    reason: 'BeginSession failed',
  });
  channel.emit(ACME, 'Unable to open QuickBooks file', {
    hresult: '0x8004040A',
    message: 'n',
    reason: 'BeginSession failed',
  });
  expect(out.map((l) => (JSON.parse(l) as { status: string }).status)).toEqual([
    'Connecting',
    'Unable to open QuickBooks file',
    'Unable to open QuickBooks file',
  ]);
  for (const line of out) {
    expect(line.endsWith('\n')).toBe(true);
    const record = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(record)).toEqual(['ts', 'company', 'status', 'detail']);
    expect(new Date(record['ts'] as string).toISOString()).toBe(record['ts']);
  }
  expect(readFileSync(path.join(dir, 'status.jsonl'), 'utf8')).toBe(out.join(''));
  const latest = JSON.parse(readFileSync(path.join(dir, 'status.json'), 'utf8')) as {
    companies: Record<string, { detail: unknown }>;
  };
  expect(latest.companies[ACME]!.detail).toEqual({
    hresult: '0x8004040A',
    message: 'n',
    reason: 'BeginSession failed',
  });

  // A restarted connector says where it stands again (even the same status), then dedupes.
  const again = new StatusChannel(dir, (line) => out.push(line));
  expect(again.current(ACME)?.detail.hresult).toBe('0x8004040A');
  expect(
    again.emit(ACME, 'Unable to open QuickBooks file', {
      hresult: '0x8004040A',
      message: 'n',
      reason: 'BeginSession failed',
    }),
  ).toBeDefined();
  expect(
    again.emit(ACME, 'Unable to open QuickBooks file', {
      hresult: '0x8004040A',
      message: 'n',
      reason: 'BeginSession failed',
    }),
  ).toBeUndefined();
});

test('token keys: one per company file (paths compare as Windows does), mode 0600, a new key replaces the old', () => {
  const dir = stateDir();
  const tokens = new TokenStore(dir);
  expect(tokens.get(ACME)).toBeUndefined();
  tokens.set(ACME, '  apk-1111  \n', new Date('2024-01-01T00:00:00Z'));
  expect(tokens.get('c:/company files/ACME.qbw')).toBe('apk-1111');
  tokens.set(ACME, 'apk-2222', new Date('2024-01-02T00:00:00Z'));
  expect(tokens.get(ACME)).toBe('apk-2222');
  expect(statSync(tokens.file).mode & 0o777).toBe(0o600);
  expect(() => tokens.set(ACME, '   ', new Date())).toThrow(/empty/);
  expect(() => tokens.set(ACME, 'apk 1', new Date())).toThrow(/spaces/);
  tokens.delete(ACME);
  expect(tokens.has(ACME)).toBe(false);
});
