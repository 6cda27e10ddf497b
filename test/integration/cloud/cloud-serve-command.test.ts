// `qbd-sim cloud serve` as a user runs it: the executable on the sources, a URL printed, requests logged without
// token keys, Ctrl-C (SIGINT) stops it with exit code 0.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { CloudAdminClient } from '../../../src/cloud/index.js';

const BIN = fileURLToPath(new URL('../../../bin/qbd-sim.js', import.meta.url));

function startCli(args: readonly string[]) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const exited = new Promise<number | null>((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve(code);
    }),
  );
  const output = async (pattern: RegExp): Promise<RegExpExecArray> => {
    for (;;) {
      const match = pattern.exec(stdout);
      if (match) return match;
      if (child.exitCode !== null) throw new Error(`qbd-sim exited ${child.exitCode}: ${stdout}${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return { child, exited, output, stdout: () => stdout, stderr: () => stderr };
}

test('qbd-sim cloud serve prints its URL, serves the cloud, logs requests without keys and stops on SIGINT', async () => {
  const cli = startCli(['cloud', 'serve', '--port', '0', '--seed', 'cli']);
  const url = (await cli.output(/running at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
  expect(cli.stdout()).toContain('token keys and ids seeded (reproducible)');

  const admin = new CloudAdminClient(url);
  const { companyId } = await admin.createCompany('Acme Supplies');
  const { tokenKey } = await admin.getNewKey(companyId);
  const refused = await fetch(`${url}/api/v1/hello`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenKey}x`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(refused.status).toBe(401);
  await cli.output(/POST \/api\/v1\/hello → 401 token_unknown/);

  cli.child.kill('SIGINT');
  expect(await cli.exited).toBe(0);
  expect(cli.stdout()).toContain(`POST /admin/companies/${companyId}/keys → 201`);
  expect(cli.stdout()).toContain('stopping the AP cloud');
  expect(cli.stdout() + cli.stderr()).not.toContain(tokenKey);
});

test('qbd-sim cloud serve refuses a bad port', async () => {
  const cli = startCli(['cloud', 'serve', '--port', 'many']);
  expect(await cli.exited).not.toBe(0);
  expect(cli.stderr()).toContain('a port number');
});
