// The dashboard in a real browser (playwright-core driving Debian's Chromium, headless): flows A and B of the support
// article performed by clicking (and by keyboard) in the page while the reference connector runs as its own process
// over the RP2 bridge, ending with `Connected to Server` in the connector's status. Screenshots go to
// test-artifacts/dashboard/; with UPDATE_DOCS_SCREENSHOTS=1 the two README screenshots in docs/images/ are renewed.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type ConsoleMessage, type Locator, type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { startMockQb } from '../../mock-qb/index.js';
import { startCloudServer } from '../../src/cloud/index.js';
import { ConnectorProcess, connectorCli } from '../support/connector-process.js';
import { ACME, APP, HOST, connectorWorld, startMock } from '../integration/connector/support.js';
import { requireProgram } from '../support/system-programs.js';

/** The few DOM shapes the callbacks run in the page use (this project's tsconfig has no DOM library). */
interface PageElement {
  id: string;
  textContent: string | null;
  hidden: boolean;
  offsetParent: unknown;
  labels?: { length: number } | null;
  outerHTML: string;
  getAttribute(name: string): string | null;
}
declare const document: {
  activeElement: PageElement | null;
  querySelectorAll(selectors: string): Iterable<PageElement>;
};

const CHROMIUM = requireProgram('chromium');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'dashboard');
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const PERSONAL_DATA = /Allow this application to access personal data/;

/** A screenshot of the page or of one window, kept as a test artifact (and as a README image when asked). */
async function shot(target: Page | Locator, name: string, opts: { docs?: boolean } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  if ('goto' in target) await target.screenshot({ path: file, fullPage: true });
  else await target.screenshot({ path: file });
  if (opts.docs && process.env['UPDATE_DOCS_SCREENSHOTS'] === '1') {
    mkdirSync(DOC_IMAGES, { recursive: true });
    await target.screenshot({ path: path.join(DOC_IMAGES, `${name}.png`) });
  }
}

/** `expect.poll` with room for a loaded machine (the default gives up after one second). */
function poll<T>(fn: () => Promise<T> | T) {
  return expect.poll(fn, { timeout: 20_000, interval: 50 });
}

/** The id the page gives what belongs to a host (host-view.js `hostKey`). */
const hostId = (suffix: string) => `#h-${HOST.replace(/[^A-Za-z0-9_-]/g, '_')}${suffix}`;

/**
 * Flow B steps 3–4 in the Application Certificate window: "Yes, always", Login as Admin, the personal-data box, then
 * Continue and Done — by keyboard (`keyboard: true`: Tab to Continue, Enter; Space on the focused Done) or by mouse.
 */
async function authorizeInPage(page: Page, opts: { keyboard: boolean }): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'QuickBooks - Application Certificate' });
  await dialog.waitFor({ timeout: 30_000 });
  await poll(() => dialog.getByText(APP, { exact: true }).count()).toBe(1);
  await dialog.getByLabel('Yes, always; allow access even if QuickBooks is not running').check();
  await dialog.getByLabel('Login as:').selectOption('Admin');
  await dialog.getByLabel(PERSONAL_DATA).check();
  if (opts.keyboard) {
    // From the personal-data box, Tab reaches Continue; Enter presses it.
    await dialog.getByLabel(PERSONAL_DATA).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Continue…');
    await page.keyboard.press('Enter');
  } else {
    await dialog.getByRole('button', { name: 'Continue…' }).click();
  }
  const confirm = page.getByRole('dialog', { name: 'Access Confirmation' });
  await confirm.waitFor();
  await poll(() => confirm.textContent()).toContain('Login as: Admin');
  if (opts.keyboard) {
    // The window that just opened has the focus, on Done.
    await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Done');
    await page.keyboard.press('Space');
  } else {
    await confirm.getByRole('button', { name: 'Done' }).click();
  }
  await confirm.waitFor({ state: 'detached' });
}

/** Waits until no application has a session on the host (the connector's cycle has ended). */
async function noSessions(page: Page): Promise<void> {
  await poll(() => page.locator(hostId('-sessions')).textContent()).toBe('none');
}

test.skipIf(CHROMIUM.skip)(
  'flows A and B by clicking in the dashboard while the reference connector runs: Connected to Server',
  { timeout: 180_000 },
  async () => {
    await using mock = await startMock(connectorWorld('dashboard-flows', { ui: { running: false } }));
    await using cloud = await startCloudServer({ seed: 'dashboard-flows' });
    const { companyId } = await cloud.admin.createCompany('Acme Supplies');
    const { tokenKey } = await cloud.admin.getNewKey(companyId);
    const stateDir = mkdtempSync(path.join(tmpdir(), 'ap-connector-dashboard-'));
    const args = ['--state-dir', stateDir, '--transport', 'rp2', '--bridge', mock.handle.url, '--cloud', cloud.url];
    args.push('--company', ACME, '--interval', '1h');
    expect(
      connectorCli(['token', 'set', '--company', ACME, '--state-dir', stateDir, '--token-env', 'AP_TOKEN'], {
        AP_TOKEN: tokenKey,
      }).status,
    ).toBe(0);

    const processes: ConnectorProcess[] = [];
    let browser: Browser | undefined;
    let page: Page | undefined;
    const consoleProblems: string[] = [];
    try {
      browser = await chromium.launch({
        executablePath: CHROMIUM.path(),
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('console', (m: ConsoleMessage) => {
        if (m.type() === 'error' || m.type() === 'warning') consoleProblems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
      await page.goto(`${mock.handle.url}/`);
      await poll(() => page!.locator('#live').textContent()).toBe('Live');
      await poll(() => page!.locator(hostId('-process')).textContent()).toBe('not-running');

      // Keyboard: the skip link, then Tab to the first control of the host (Launch QuickBooks) and Enter.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to the QuickBooks hosts');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(hostId('-launch').slice(1));
      await page.keyboard.press('Enter');
      await poll(() => page!.locator(hostId('-process')).textContent()).toBe('running');

      // QuickBooks open as the Admin in single-user mode: File › Open Company, then the QuickBooks Login window.
      const openForm = page.getByRole('form', { name: 'Open company' });
      await openForm.getByLabel('Company file').selectOption(ACME);
      await openForm.getByLabel('Mode').selectOption('single-user');
      await openForm.getByLabel('User').selectOption('(log in later)');
      await openForm.getByRole('button', { name: 'Open company' }).click();
      const login = page.getByRole('dialog', { name: 'QuickBooks Login' });
      await login.waitFor();
      await login.getByLabel('User Name').selectOption('Admin');
      await login.getByLabel('Password').fill('admin');
      await login.getByRole('button', { name: 'OK', exact: true }).click();
      await login.waitFor({ state: 'detached' });
      await poll(() => page!.locator(hostId('-company')).textContent()).toContain('Acme Supplies');
      expect(await page.locator(hostId('-mode')).textContent()).toBe('single-user');
      expect(await page.locator(hostId('-user')).textContent()).toBe('Admin');
      await shot(page, '01-quickbooks-open-single-user');

      // Flow B: the connector starts; QuickBooks shows the Application Certificate dialog; answered by keyboard.
      const first = new ConnectorProcess(args);
      processes.push(first);
      const certificate = page.getByRole('dialog', { name: 'QuickBooks - Application Certificate' });
      await certificate.waitFor({ timeout: 30_000 });
      await certificate.getByLabel('Yes, always; allow access even if QuickBooks is not running').check();
      await certificate.getByLabel(PERSONAL_DATA).check();
      await shot(certificate, 'certificate-dialog', { docs: true });
      await authorizeInPage(page, { keyboard: true });
      await first.waitFor('Connected to Server');
      await noSessions(page);
      // Flow B step 5: back to multi-user mode.
      await page.getByRole('button', { name: 'Switch to Multi-user Mode' }).click();
      await poll(() => page!.locator(hostId('-mode')).textContent()).toBe('multi-user');
      await shot(page, '02-flow-b-authorized');

      // Flow A step 1: exit the connector.
      expect(connectorCli(['exit', '--state-dir', stateDir])).toMatchObject({ status: 0 });
      expect(await first.exited()).toBe(0);

      // Still multi-user: QuickBooks refuses to change the Integrated Applications list, and the page says so.
      await page.getByRole('button', { name: 'Preferences… (Integrated Applications)' }).click();
      const preferences = page.getByRole('dialog', { name: 'Preferences — Integrated Applications' });
      await preferences.waitFor();
      await preferences.getByRole('button', { name: `Remove ${APP}` }).click();
      const refusal = page.getByRole('alertdialog', { name: 'QuickBooks' });
      await refusal.waitFor();
      expect(await refusal.textContent()).toContain('You must be in single-user mode to change company preferences');
      await shot(page, '03-refused-in-multi-user');
      await page.keyboard.press('Escape');
      await refusal.waitFor({ state: 'detached' });
      expect(await preferences.getByRole('row', { name: new RegExp(APP) }).count()).toBe(1);
      await preferences.getByRole('button', { name: 'OK', exact: true }).click();
      await preferences.waitFor({ state: 'detached' });

      // Flow A step 2: single-user mode, the Admin logged in.
      await page.getByRole('button', { name: 'Switch to Single-user Mode' }).click();
      await poll(() => page!.locator(hostId('-mode')).textContent()).toBe('single-user');

      // Flow A step 3: Edit › Preferences › Integrated Applications › Company Preferences.
      await page.getByRole('button', { name: 'Preferences… (Integrated Applications)' }).click();
      await preferences.waitFor();
      expect(await preferences.getByRole('tab', { name: 'Company Preferences' }).getAttribute('aria-selected')).toBe(
        'true',
      );
      expect(await preferences.getByRole('checkbox', { name: `Allow Access: ${APP}` }).isChecked()).toBe(true);
      // Properties › Access Rights shows the grant made in flow B; Details its certificate.
      await preferences.getByRole('button', { name: `Properties of ${APP}` }).click();
      const properties = page.getByRole('dialog', { name: `Properties — ${APP}` });
      await properties.waitFor();
      expect(await properties.getByLabel('Allow this application to log in automatically').isChecked()).toBe(true);
      expect(await properties.getByLabel('Login as:').inputValue()).toBe('Admin');
      expect(await properties.getByLabel(PERSONAL_DATA).isChecked()).toBe(true);
      await shot(preferences, 'integrated-applications', { docs: true });
      await properties.getByRole('tab', { name: 'Details' }).click();
      await poll(() => properties.textContent()).toContain('Application ID');
      await properties.getByRole('button', { name: 'Cancel' }).click();
      await properties.waitFor({ state: 'detached' });

      // Flow A step 4–5: Remove, then close Preferences.
      await preferences.getByRole('button', { name: `Remove ${APP}` }).click();
      await poll(() => preferences.textContent()).toContain(
        'No application has requested access to this company file.',
      );
      await preferences.getByRole('button', { name: 'OK', exact: true }).click();
      await preferences.waitFor({ state: 'detached' });
      expect((await mock.state()).files[0]!.integratedApps!.apps).toEqual([]);

      // Meanwhile the cloud approved a bill: the next sync brings it into QuickBooks.
      const vendor = await cloud.admin.createVendor(companyId, { name: 'Dashboard Paper Co' });
      await cloud.admin.createBill(companyId, {
        vendorCloudId: vendor.cloudId,
        refNumber: 'DB-1',
        txnDate: '2024-07-01',
        lines: [{ accountName: 'Office Supplies', amount: '42.00' }],
      });

      // Flow A step 6 = flow B again: the connector asks to be authorized again; answered with the mouse.
      const second = new ConnectorProcess(args);
      processes.push(second);
      await authorizeInPage(page, { keyboard: false });
      await second.waitFor('Connected to Server');
      await noSessions(page);
      await page.getByRole('button', { name: 'Switch to Multi-user Mode' }).click();
      await poll(() => page!.locator(hostId('-mode')).textContent()).toBe('multi-user');

      // The connector's own status (its CLI, as a person would read it): Connected to Server.
      const status = connectorCli(['status', '--state-dir', stateDir]);
      expect(status.status).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({
        running: true,
        companies: [{ company: ACME, status: { status: 'Connected to Server' } }],
      });

      // The journal timeline: filtered by actor, a qbXML exchange expanded.
      await page.getByLabel('Filter by actor').selectOption('qbxml');
      const entries = page.locator('#journal-list > li');
      await poll(() => entries.count()).toBeGreaterThan(0);
      expect(new Set(await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-actor'))))).toEqual(
        new Set(['qbxml']),
      );
      const exchange = page.locator('#journal-list details').first();
      await exchange.locator('summary').click();
      await poll(() => exchange.locator('pre').first().textContent()).toContain('QBXMLMsgsRq');
      await page.getByLabel('Filter by actor').selectOption('ui');
      await poll(() => page!.locator('#journal-list').textContent()).toContain('removed from Integrated Applications');

      // The data browser: the bill the connector entered, and its vendor.
      const data = page.getByRole('form', { name: 'Company data' });
      await data.getByLabel('List').selectOption('bills');
      await data.getByRole('button', { name: 'Show' }).click();
      await poll(() => page!.locator('#data-table').textContent()).toContain('DB-1');
      expect(await page.locator('#data-table').textContent()).toContain('Dashboard Paper Co');

      // The Web Connector panel (this connector talks RP2: no application there).
      expect(await page.locator(`#wc-${HOST}-no-apps`).count()).toBe(1);
      await shot(page, '04-flow-a-and-b-done');

      // Labelled controls: every input, select and button has an accessible name.
      const unnamed = await page.evaluate(() =>
        [...document.querySelectorAll('input, select, textarea, button')]
          .filter((el) => !el.hidden && el.offsetParent !== null)
          .filter((el) => !el.labels?.length && !el.getAttribute('aria-label') && !(el.textContent ?? '').trim())
          .map((el) => el.outerHTML.slice(0, 120)),
      );
      expect(unnamed).toEqual([]);

      expect(connectorCli(['exit', '--state-dir', stateDir])).toMatchObject({ status: 0 });
      expect(await second.exited()).toBe(0);

      // Another window in the way, shown and closed; then File › Close Company and File › Exit.
      const windowForm = page.getByRole('form', { name: 'Show a window' });
      await windowForm.getByLabel('Window title').fill('Reminders');
      await windowForm.getByLabel('Text').fill('3 bills are due.');
      await windowForm.getByRole('button', { name: 'Show window' }).click();
      const reminders = page.getByRole('dialog', { name: 'Reminders' });
      await reminders.waitFor();
      expect(await page.locator(hostId('-dialogs')).textContent()).toBe('Reminders');
      await reminders.getByRole('button', { name: 'OK', exact: true }).click();
      await reminders.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: 'Close company' }).click();
      await poll(() => page!.locator(hostId('-company')).textContent()).toBe('none open');
      await page.getByRole('button', { name: 'Exit QuickBooks' }).click();
      await poll(() => page!.locator(hostId('-process')).textContent()).toBe('not-running');
      await page.close();
      // The one refusal provoked above is a 409 answer, which Chromium logs as a failed resource; nothing else.
      const refusals = consoleProblems.filter((p) => /status of 409 \(Conflict\)/.test(p));
      expect(refusals).toHaveLength(1);
      expect(consoleProblems.filter((p) => !refusals.includes(p))).toEqual([]);
    } catch (error) {
      if (page && !page.isClosed()) await shot(page, 'failure').catch(() => undefined);
      throw new Error(
        `${(error as Error).message}\nconsole: ${JSON.stringify(consoleProblems)}\nconnector: ${processes.map((p) => p.stderr).join('\n')}`,
        { cause: error },
      );
    } finally {
      await browser?.close();
      for (const p of processes) if (p.child.exitCode === null) p.child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
    }
  },
);

test.skipIf(CHROMIUM.skip)(
  'with a control token: the page asks for it, then follows the mock; /#token= gives it once',
  { timeout: 60_000 },
  async () => {
    await using mock = await startMockQb({ seed: 'dashboard-token', controlToken: 'dash-s3cret' });
    const browser = await chromium.launch({
      executablePath: CHROMIUM.path(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      await page.goto(`${mock.url}/`);
      const tokenInput = page.getByLabel('Control token');
      await tokenInput.waitFor();
      expect(await page.locator('#error').textContent()).toContain('control token');
      await tokenInput.fill('dash-s3cret');
      await page.getByRole('button', { name: 'Use token' }).click();
      await poll(() => page.locator('#live').textContent()).toBe('Live');
      await poll(() => page.locator(hostId('-process')).textContent()).toBe('running');
      await page.getByRole('button', { name: 'Switch to Single-user Mode' }).click();
      await poll(() => page.locator(hostId('-mode')).textContent()).toBe('single-user');
      // Without the token the control API answered 401 (logged by Chromium as failed resources), nothing else.
      expect(problems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p))).toEqual([]);

      // A fresh tab given the token in the address: it never goes out in a request line and leaves the address.
      const second = await browser.newPage();
      await second.goto(`${mock.url}/#token=dash-s3cret`);
      await poll(() => second.locator('#live').textContent()).toBe('Live');
      expect(second.url()).toBe(`${mock.url}/`);
      expect(await second.getByLabel('Control token').isHidden()).toBe(true);
    } finally {
      await browser.close();
    }
  },
);
