// `qbd-sim webconnector` as a user runs it: the executable against a QBWC service written with the `soap` package,
// its output (each SOAP call with its result, a summary, QBWC's lines on failure) and its exit code. The password
// comes from an environment variable and never shows in the output.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ControlClient, startMockQb } from '../../../mock-qb/index.js';
import { startQbwcService, type QbwcTestService, type ServiceScript } from '../web-connector/qbwc-test-service.js';
import { APP_NAME, HOST, USER_NAME, qbxml, qwcXml, webConnectorWorld } from '../web-connector/support.js';
import { runCli, type CliRun } from './run-cli.js';

const PASSWORD = 'cli-Secret-9f3e';
const ENV = { QBWC_TEST_PASSWORD: PASSWORD };
const HOST_QUERY = qbxml('<HostQueryRq requestID="1"/>');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-cli-'));
});

const services: QbwcTestService[] = [];
afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
});

/** A service that accepts PASSWORD, numbers its tickets and sends one HostQuery per session (unless `script` says otherwise). */
async function service(script: ServiceScript = {}): Promise<QbwcTestService> {
  let n = 0;
  const s = await startQbwcService({
    authenticate: (_user, password) => (password === PASSWORD ? [`T-${++n}`, ''] : ['', 'nvu']),
    sendRequestXML: () => HOST_QUERY,
    receiveResponseXML: () => 100,
    closeConnection: () => 'Sync complete',
    ...script,
  });
  services.push(s);
  return s;
}

function qwcFile(name: string, xml: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, xml);
  return file;
}

function expectNoPassword(run: CliRun): void {
  expect(run.stdout).not.toContain(PASSWORD);
  expect(run.stderr).not.toContain(PASSWORD);
}

test('adds the application, prints each SOAP call with its result and a summary, exits 0', async () => {
  const s = await service();
  const qwc = qwcFile('ok.qwc', qwcXml(s.url));
  const run = await runCli(
    ['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD', '--updates', '2', '--seed', 'cli-ok'],
    { env: ENV },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.split('\n');
  expect(lines[0]).toMatch(
    /^Embedded QuickBooks \(control API http:\/\/127\.0\.0\.1:\d+\/__qbd\): OFFICE-PC, QuickBooks Pro 2014, ".*Acme Supplies\.QBW" open single-user as Admin$/,
  );
  expect(lines).toContain(
    `QuickBooks: Application Certificate dialog for "${APP_NAME}" → Yes, always; allow access even if QuickBooks is not running (login as Admin, personal data allowed)`,
  );
  const update1 = lines.slice(lines.findIndex((l) => l.startsWith('Update 1 (manual, ')));
  expect(update1.slice(1, 8).map((l) => l.replace(/\(.*\) →/, '(…) →'))).toEqual([
    '  serverVersion(…) → "1.0.0"',
    '  clientVersion(…) → ""',
    '  authenticate(…) → ["T-1", ""]',
    '  sendRequestXML(…) → <qbXML 13.0: HostQueryRq (' + HOST_QUERY.length + ' characters)>',
    '  receiveResponseXML(…) → 100',
    '  closeConnection(…) → "Sync complete"',
    expect.stringMatching(
      /^ {2}done: ok — "Sync complete" \(company file .*Acme Supplies\.QBW, 1 request processed\)$/,
    ),
  ]);
  expect(update1[3]).toBe(`  authenticate(strUserName="${USER_NAME}", strPassword=<MaskedForSecurity>) → ["T-1", ""]`);
  expect(update1[4]).toMatch(/strHCPResponse=<qbXML: HostQueryRs 0, CompanyQueryRs 0, PreferencesQueryRs 0 \(/);
  expect(run.stdout).toContain('Update 2 (manual, ');
  expect(lines).toContain('Summary: 2 updates: 2 ok; none failed');
  expectNoPassword(run);
  // The service did get the password.
  expect(s.calls.find((c) => c.operation === 'authenticate')?.args).toMatchObject({ strPassword: PASSWORD });
});

test('a failing update exits 1 and prints the lines QBWC shows', async () => {
  const s = await service();
  s.inject('sendRequestXML', { kind: 'status', status: 404 });
  const qwc = qwcFile('fail.qwc', qwcXml(s.url));
  const run = await runCli(['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD'], { env: ENV });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain('  sendRequestXML(');
  expect(run.stdout).toContain(' ✗ The request failed with HTTP status 404: Not Found. (HTTP 404)');
  expect(run.stdout).toContain(
    '  FAILED: error (company file C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW)\n' +
      '    QBWC1041: SendRequestXML failed\n' +
      '    The request failed with HTTP status 404: Not Found.\n',
  );
  expect(run.stdout).toContain('Summary: 1 update: 1 error; 1 failed');
  expectNoPassword(run);
});

test('a wrong password ("nvu") is a failed update; the password is still never printed', async () => {
  const s = await service();
  const qwc = qwcFile('nvu.qwc', qwcXml(s.url));
  const run = await runCli(['webconnector', '--qwc', qwc, '--password-env', 'WRONG_ONE'], {
    env: { WRONG_ONE: `not-${PASSWORD}` },
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`  FAILED: invalid-user — "Invalid password for user: ${USER_NAME}"`);
  expectNoPassword(run);
  expect(run.stdout).not.toContain(`not-${PASSWORD}`);
});

test('"No" in the certificate dialog: adding fails with QBWC1022 and QuickBooks\' text, exit 1', async () => {
  const s = await service();
  const qwc = qwcFile('no.qwc', qwcXml(s.url));
  const run = await runCli(
    ['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD', '--cert-answer', 'no'],
    { env: ENV },
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`QuickBooks: Application Certificate dialog for "${APP_NAME}" → No\n`);
  expect(run.stderr).toBe(
    `Adding "${APP_NAME}" failed:\nQBWC1022: Could not connect to QuickBooks to add the application.\nThe QuickBooks user has denied access.\n`,
  );
  expect(s.calls).toEqual([]);
});

test('a new company file, another login-as user, no personal data, then multi-user mode', async () => {
  const s = await service();
  const qwc = qwcFile('company.qwc', qwcXml(s.url));
  const company = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Beta Traders.QBW';
  const run = await runCli(
    [
      'webconnector',
      '--qwc',
      qwc,
      '--password-env',
      'QBWC_TEST_PASSWORD',
      '--company',
      company,
      '--login-as',
      'Bookkeeper',
      '--no-personal-data',
      '--mode',
      'multi-user',
    ],
    { env: ENV },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`"${company}" open single-user as Admin`);
  expect(run.stdout).toContain('(login as Bookkeeper, personal data not allowed)');
  expect(run.stdout).toContain(`in "${company}"\nQuickBooks: switched to multi-user mode\n`);
  expect(run.stdout).toContain(`strCompanyFileName="${company}"`);
});

test('--auto: Auto-Run on the host clock for a while, every update printed, Auto-Run off at the end', async () => {
  const s = await service();
  const qwc = qwcFile('auto.qwc', qwcXml(s.url, { Scheduler: '<RunEveryNSeconds>1</RunEveryNSeconds>' }));
  const run = await runCli(
    ['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD', '--auto', '--for', '2500ms'],
    { env: ENV },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/Auto-Run on: every 1 s; next update at \S+ \(host clock\)\n/);
  const scheduled = run.stdout.match(/^Update \d+ \(scheduled, /gm) ?? [];
  expect(scheduled.length).toBeGreaterThanOrEqual(1);
  expect(run.stdout).toContain('Auto-Run off\n');
  expect(run.stdout).toContain(`Summary: ${scheduled.length} update${scheduled.length === 1 ? '' : 's'}: `);
});

test('--attach: the Web Connector of a running mock, its QuickBooks as it is; the application stays added', async () => {
  const s = await service();
  await using mock = await startMockQb({ world: webConnectorWorld('cli-attach'), seed: 'cli-attach' });
  const qwc = qwcFile('attach.qwc', qwcXml(s.url));
  const run = await runCli(
    ['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD', '--attach', mock.url, '--updates', '1'],
    { env: ENV },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain(`Attached to ${mock.controlUrl}: ${HOST}, QuickBooks Pro 2014, `);
  const qbwc = new ControlClient(mock.url).webConnector(HOST);
  expect(await qbwc.applications()).toMatchObject([{ appName: APP_NAME, hasPassword: true, autoRun: false }]);
  expect((await qbwc.updates()).updates.map((u) => u.result.outcome)).toEqual(['ok']);
});

test("an invalid .qwc is refused with QBWC's lines before QuickBooks is started", async () => {
  const qwc = qwcFile('http.qwc', qwcXml('http://sync.example.com/qbwc'));
  const run = await runCli(['webconnector', '--qwc', qwc, '--password-env', 'QBWC_TEST_PASSWORD'], { env: ENV });
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  expect(run.stderr).toBe(
    `QuickBooks Web Connector could not add ${qwc}:\n` +
      `The application ${APP_NAME} service URL is not on a secure (https) server.\n` +
      'QBWC1051: The new applicaiton was not added.\n',
  );
});

test('bad input exits 2 and says why', async () => {
  const qwc = qwcFile('input.qwc', qwcXml('https://sync.example.com/qbwc'));
  const [noVar, both, attachCompany, missing, badAnswer] = await Promise.all([
    runCli(['webconnector', '--qwc', qwc, '--password-env', 'QBD_SIM_NO_SUCH_VARIABLE']),
    runCli(['webconnector', '--qwc', qwc, '--password-env', 'X', '--updates', '2', '--auto']),
    runCli(
      ['webconnector', '--qwc', qwc, '--password-env', 'X', '--attach', 'http://127.0.0.1:9', '--company', 'C:\\x.QBW'],
      { env: { X: 'x' } },
    ),
    runCli(['webconnector', '--qwc', path.join(dir, 'nope.qwc'), '--password-env', 'X'], { env: { X: 'x' } }),
    runCli(['webconnector', '--qwc', qwc, '--password-env', 'X', '--cert-answer', 'maybe']),
  ]);
  expect(noVar.code).toBe(2);
  expect(noVar.stderr).toContain('the environment variable QBD_SIM_NO_SUCH_VARIABLE is not set');
  expect(both.code).toBe(2);
  expect(both.stderr).toContain("option '--updates <n>' cannot be used with option '--auto'");
  expect(attachCompany.code).toBe(2);
  expect(attachCompany.stderr).toContain('--company applies to the embedded QuickBooks');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('cannot read the .qwc file');
  expect(badAnswer.code).toBe(2);
  expect(badAnswer.stderr).toContain("option '--cert-answer <choice>' argument 'maybe' is invalid");
});

test('--help lists every option the command takes', async () => {
  const run = await runCli(['webconnector', '--help']);
  expect(run.code).toBe(0);
  for (const option of [
    '--qwc <file>',
    '--password-env <VAR>',
    '--company <path>',
    '--updates <n>',
    '--auto',
    '--for <duration>',
    '--every-minutes <n>',
    '--attach <url>',
    '--machine <name>',
    '--cert-answer <choice>',
    '--login-as <user>',
    '--no-personal-data',
    '--mode <mode>',
    '--seed <seed>',
    '--full',
  ])
    expect(run.stdout).toContain(option);
  expect(run.stdout.replace(/\s+/g, ' ')).toContain(
    '(choices: "no", "prompt-each-time", "when-open", "always", default: "always")',
  );
});
