// The HTML report (`--reporter html`) of a passing and a failing run, and of a conformance run, opened from disk in
// Debian's Chromium (playwright-core, headless): one self-contained file (no request leaves it), per scenario the
// steps with timings, the QuickBooks windows after a step drawn by the dashboard's own code, the exchanges as a
// sequence diagram, the journal, and for the failure what was expected, what was seen and the reproduce command.
// Screenshots go to test-artifacts/html-report/; with UPDATE_DOCS_SCREENSHOTS=1 the README's in docs/images/ too.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { loadConnectorDescription } from '../../src/harness/index.js';
import {
  formatConformHtml,
  formatRunHtml,
  loadScenario,
  runConform,
  runScenario,
  type SuiteResult,
} from '../../src/scenario/index.js';
import { requireProgram } from '../support/system-programs.js';

const CHROMIUM = requireProgram('chromium');
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'test-artifacts', 'html-report');

async function shot(target: Page | Locator, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await target.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  if (process.env['UPDATE_DOCS_SCREENSHOTS'] === '1') {
    await target.screenshot({ path: path.join(ROOT, 'docs', 'images', `${name}.png`) });
  }
}

async function open(browser: Browser, html: string): Promise<{ page: Page; problems: string[]; requests: string[] }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'qbd-sim-html-')), 'report.html');
  writeFileSync(file, html);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.locator('body[data-rendered="true"]').waitFor();
  return { page, problems, requests };
}

test.skipIf(CHROMIUM.skip)(
  'a passing and a failing run: steps, windows at a step, exchanges, journal, and the failure with its reproduce line',
  async () => {
    const passing = await runScenario(loadScenario(path.join(ROOT, 'scenarios', 'flow-b-authorize.yaml')), {
      adapter: 'in-process',
      record: true,
    });
    const broken = loadConnectorDescription(path.join(ROOT, 'test', 'scenarios', 'fixtures', 'broken-connector.yaml'));
    const failing = await runScenario(loadScenario(path.join(ROOT, 'scenarios', 'failure-app-removed.yaml')), {
      connector: broken,
      expectWithinMs: 2_000,
      record: true,
    });
    expect([passing.passed, failing.passed]).toEqual([true, false]);
    const suite: SuiteResult = { results: [passing, failing], passed: 1, failed: 1, durationMs: 1 };
    const browser = await chromium.launch({
      executablePath: CHROMIUM.path(),
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    try {
      const { page, problems, requests } = await open(browser, formatRunHtml(suite));
      expect(await page.locator('#report-summary').textContent()).toBe('1 passed, 1 failed (0.0 s)');
      const [ok, bad] = [page.locator('#sc-0'), page.locator('#sc-1')];
      // Every step that ran, with its duration.
      await expect(ok.locator('table.steps tbody tr').count()).resolves.toBe(passing.steps.length);
      expect(await ok.locator('table.steps tbody tr').first().locator('td').nth(2).textContent()).toMatch(
        /^\d+\.\d+ s$/,
      );
      // The step where QuickBooks shows the certificate dialog: the dashboard's Application Certificate window.
      const dialogStep = passing.steps.findIndex((s) => s.text.startsWith('expect: dialog'));
      await ok.locator(`#sc-0-step-${dialogStep} button.step`).click();
      await expect(ok.locator('#sc-0-windows').textContent()).resolves.toContain('Application Certificate');
      await expect(ok.locator('#sc-0-windows .window').count()).resolves.toBeGreaterThan(0);
      await shot(ok, 'html-report-passing');
      // The exchanges as a sequence diagram, the journal in full.
      await expect(ok.locator('svg.sequence line.arrow').count()).resolves.toBeGreaterThan(10);
      expect(await ok.locator('svg.sequence').textContent()).toContain('BeginSession');
      expect(await ok.locator('details.journal pre').first().textContent()).toContain('rp2.BeginSession');
      // The failure: the step, expected, seen, reproduce.
      const failure = bad.locator('.failure');
      expect(await failure.textContent()).toContain(`Failed at step ${failing.failure!.step!.number}`);
      expect(await failure.textContent()).toContain(`expected: ${failing.failure!.expected}`);
      expect(await failure.textContent()).toContain('seen: ');
      expect(await failure.locator('pre.reproduce').textContent()).toBe(
        `reproduce: npx qbd-sim run ${failing.file} --connector ${path.join(ROOT, 'test', 'scenarios', 'fixtures', 'broken-connector.yaml')}`,
      );
      await expect(bad.locator('tr.failed').count()).resolves.toBe(1);
      expect(await bad.locator('svg.sequence text.err').count()).toBeGreaterThan(0);
      await shot(bad, 'html-report-failing');
      expect(problems).toEqual([]);
      // Self-contained: the file itself is the only thing loaded.
      expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    } finally {
      await browser.close();
    }
  },
);

test.skipIf(CHROMIUM.skip)('a conformance run: the rows, then the row scenario', async () => {
  const report = await runConform({ inProcess: true, only: ['begin-session-0x80040418'], settleWithinMs: 10_000 });
  const browser = await chromium.launch({
    executablePath: CHROMIUM.path(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const { page, problems } = await open(browser, formatConformHtml(report));
    const row = page.locator('tr[data-row="begin-session-0x80040418"]');
    expect(await row.textContent()).toContain('"Unable to open QuickBooks file" (0x80040418)');
    expect(await row.locator('.badge').textContent()).toBe('pass');
    await expect(page.locator('section.scenario').count()).resolves.toBe(1);
    await shot(page.locator('#conform-rows'), 'html-report-conform');
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
