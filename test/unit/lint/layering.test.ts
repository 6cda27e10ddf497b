// The layer table of docs/architecture.md is enforced by eslint.config.js (decisions/0001). These tests lint small
// snippets at virtual paths through ESLint's Node API, so a broken pattern shows up here rather than in review.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { expect, test } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const eslint = new ESLint({
  cwd: repoRoot,
  overrideConfigFile: path.join(repoRoot, 'eslint.config.js'),
  // The snippets live at paths that do not exist, which the type-aware project service cannot open.
  overrideConfig: tseslint.configs.disableTypeChecked,
});

async function lint(filePath: string, code: string): Promise<ESLint.LintResult> {
  const [result] = await eslint.lintText(code, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  return result;
}

/** The rule ids and messages ESLint reports for `import { x } from '<specifier>'` in a file at `filePath`. */
async function importProblems(filePath: string, specifier: string): Promise<string[]> {
  const result = await lint(filePath, `import { x } from '${specifier}';\nexport const y = x;\n`);
  return result.messages.map((m) => `${m.ruleId ?? 'parser'}: ${m.message}`);
}

test('src/protocol importing mock-qb/engine is a layering error', async () => {
  const result = await lint(
    'src/protocol/x.ts',
    "import { QbHost } from '../../mock-qb/engine/qb-host.js';\nexport const host = QbHost;\n",
  );
  expect(result.errorCount).toBeGreaterThan(0);
  expect(result.messages).toContainEqual(
    expect.objectContaining({
      ruleId: 'no-restricted-imports',
      severity: 2,
      message: expect.stringContaining('src/protocol may import nothing of ours'),
    }),
  );
});

test('src/protocol importing its own modules and node builtins is allowed', async () => {
  const result = await lint(
    'src/protocol/x.ts',
    "import { readFileSync } from 'node:fs';\nimport { HR } from './hresult.js';\nexport const y = [readFileSync, HR];\n",
  );
  expect(result.messages).toEqual([]);
});

test.each([
  ['src/protocol/sub/x.ts', '../../connector/token-store.js'],
  ['mock-qb/store/x.ts', '../engine/qb-host.js'],
  ['mock-qb/store/x.ts', '../../src/protocol/hresult.js'],
  ['mock-qb/engine/x.ts', '../qbxml/processor.js'],
  ['mock-qb/engine/locks/x.ts', '../../rp2/processor.js'],
  ['mock-qb/qbxml/x.ts', '../rp2/processor.js'],
  ['mock-qb/rp2/x.ts', '../store/db.js'],
  ['mock-qb/rp2/x.ts', '../web-connector/qbwc.js'],
  ['mock-qb/web-connector/x.ts', '../engine/qb-host.js'],
  ['mock-qb/server/x.ts', '../../src/connector/sync.js'],
  ['src/connector/x.ts', '../../mock-qb/index.js'],
  ['src/connector/x.ts', '../cloud/handlers.js'],
  ['src/cloud/x.ts', '../connector/sync.js'],
  ['src/harness/x.ts', '../../mock-qb/engine/qb-host.js'],
  ['src/harness/x.ts', '../scenario/runner.js'],
  ['src/scenario/x.ts', '../../mock-qb/index.js'],
  ['src/scenario/x.ts', '../connector/sync.js'],
  ['src/cli/x.ts', '../../mock-qb/server/bridge-app.js'],
  ['src/cli/x.ts', '../../test/helpers.js'],
  ['src/cli/x.ts', '../harness/internal/helper.js'],
  ['src/protocol/x.ts', 'qbd-sim/mock-qb'],
])('%s may not import %s', async (filePath, specifier) => {
  const problems = await importProblems(filePath, specifier);
  expect(problems).toEqual([expect.stringMatching(/^no-restricted-imports: /)]);
});

test.each([
  ['mock-qb/store/x.ts', './db.js'],
  ['mock-qb/engine/x.ts', '../store/db.js'],
  ['mock-qb/engine/x.ts', '../../src/protocol/hresult.js'],
  ['mock-qb/engine/locks/x.ts', '../../store/db.js'],
  ['mock-qb/engine/locks/x.ts', '../clock.js'],
  ['mock-qb/qbxml/x.ts', '../engine/qb-host.js'],
  ['mock-qb/qbxml/x.ts', '../store/db.js'],
  ['mock-qb/rp2/x.ts', '../qbxml/processor.js'],
  ['mock-qb/web-connector/x.ts', '../rp2/processor.js'],
  ['mock-qb/server/x.ts', '../web-connector/qbwc.js'],
  ['mock-qb/index.ts', './server/start-mock-qb.js'],
  ['src/connector/x.ts', '../protocol/hresult.js'],
  ['src/cloud/x.ts', '../protocol/hresult.js'],
  ['src/harness/x.ts', '../../mock-qb/index.js'],
  ['src/harness/x.ts', '../connector/index.js'],
  ['src/harness/x.ts', '../cloud/index.js'],
  ['src/scenario/x.ts', '../harness/index.js'],
  ['src/cli/x.ts', '../scenario/runner.js'],
  ['src/cli/x.ts', '../../mock-qb/index.js'],
  ['src/index.ts', './harness/index.js'],
  ['test/unit/x.test.ts', '../../mock-qb/engine/qb-host.js'],
])('%s may import %s', async (filePath, specifier) => {
  expect(await importProblems(filePath, specifier)).toEqual([]);
});

test('Date.now, Math.random and new Date() are refused in mock-qb/engine outside the clock and id source', async () => {
  const code = 'export const t = [Date.now(), Math.random(), new Date()];\n';
  const outside = await lint('mock-qb/engine/qb-host.ts', code);
  expect(outside.messages.map((m) => m.ruleId)).toEqual([
    'no-restricted-properties',
    'no-restricted-properties',
    'no-restricted-syntax',
  ]);
  expect((await lint('mock-qb/engine/clock.ts', code)).messages).toEqual([]);
  expect((await lint('mock-qb/engine/id-source.ts', code)).messages).toEqual([]);
  expect((await lint('src/connector/sync.ts', code)).messages).toEqual([]);
  expect((await lint('test/unit/x.test.ts', code)).messages).toEqual([]);
});

test('decision 0013: only mock-qb/store holds the database handle, imports better-sqlite3 or prepares SQL', async () => {
  const code =
    "import type Database from 'better-sqlite3';\n" +
    "export const f = (s: { db: Database.Database }) => s.db.prepare('SELECT 1');\n";
  const outside = (await lint('mock-qb/qbxml/records/some-table.ts', code)).messages.map((m) => m.message);
  expect(outside.filter((m) => m.includes('decision 0013'))).toHaveLength(3); // the import, `.db`, `.prepare(`
  const inSrc = (await lint('src/harness/some-file.ts', code)).messages.map((m) => m.message);
  expect(inSrc.some((m) => m.includes('decision 0013'))).toBe(true);
  const inside = (await lint('mock-qb/store/some-table.ts', code)).messages.map((m) => m.message);
  expect(inside.filter((m) => m.includes('decision 0013'))).toEqual([]);
});
