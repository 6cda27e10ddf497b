// Keeps the one table of QBWC codes in step with the facts sheet: every code of §5.7 is in the table (and nothing
// else), and every text marked exact appears in §10.3 as QBWC users saw it.
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  QBWC_CODES,
  QbwcError,
  isQbwcCode,
  isQbwcError,
  qbwcHeadline,
  type QbwcCodeInfo,
} from '../../../../src/protocol/qbwc-codes.js';
import { collapse, factsSection, tableRows } from './facts-sheet.js';

/** The codes of facts §5.7, ranges (`QBWC1022–1025`) and pairs (`QBWC1018 / 1019`) expanded. */
function factsCodes(): string[] {
  const codes: string[] = [];
  for (const [cell] of tableRows(factsSection('### 5.7 '))) {
    const m = /^QBWC(\d{4})(?:\s*(?:–|-|\/)\s*(\d{4}))?$/.exec(cell ?? '');
    if (!m) continue;
    const from = Number(m[1]);
    const to = m[2] ? Number(m[2]) : from;
    for (let n = from; n <= to; n++) codes.push(`QBWC${n}`);
  }
  return codes;
}

test('the table has exactly the codes of facts §5.7', () => {
  const fromFacts = factsCodes();
  expect(fromFacts.length).toBeGreaterThan(40);
  expect(Object.keys(QBWC_CODES).sort()).toEqual([...new Set(fromFacts)].sort());
});

test('every text marked exact appears in facts §10.3 (placeholders as <name>)', () => {
  const web = collapse(factsSection('### 10.3 '));
  const missing: string[] = [];
  for (const [code, info] of Object.entries(QBWC_CODES) as [string, QbwcCodeInfo][]) {
    if (info.text !== 'exact') continue;
    for (const text of [info.message, ...(info.moreLines ?? [])]) {
      const asInFacts = text.replace(/\{\w+\}/g, '<name>');
      if (!web.includes(asInFacts)) missing.push(`${code}: ${asInFacts}`);
    }
  }
  expect(missing).toEqual([]);
});

test('QBWC1039 is the modern "Unique OwnerID/FileID pair value required" (§10.3 wins over the 2009 guide)', () => {
  expect(qbwcHeadline('QBWC1039')).toBe('QBWC1039: Unique OwnerID/FileID pair value required');
  expect(
    new QbwcError('QBWC1039', {
      variant: 'invalidQwc',
      detail: ['The required element <OwnerID> is missing or empty.'],
    }).lines,
  ).toEqual([
    'QBWC1039: There was a problem adding the application. The QWC file may be missing required elements.',
    'The required element <OwnerID> is missing or empty.',
  ]);
});

test('QbwcError: the headline, the fixed lines, the detail; QBWC1051 shows its headline bare and its typo', () => {
  const e = new QbwcError('QBWC1051', { vars: { appName: 'AP Sync' } });
  expect(e.lines).toEqual([
    'The application AP Sync service URL is not on a secure (https) server.',
    'QBWC1051: The new applicaiton was not added.',
  ]);
  expect(e.message).toBe(e.lines.join('\n'));
  expect(e.toJSON()).toEqual({ qbwcCode: 'QBWC1051', message: e.message, lines: e.lines });
  expect(isQbwcError(e)).toBe(true);
  expect(isQbwcError(new Error('x'))).toBe(false);
  const f = new QbwcError('QBWC1012', { detail: ['Index was outside the bounds of the array.'] });
  expect(f.lines).toEqual([
    'QBWC1012: Authentication failed due to following error message.',
    'Index was outside the bounds of the array.',
  ]);
  expect(isQbwcCode('QBWC1012')).toBe(true);
  expect(isQbwcCode('QBWC9999')).toBe(false);
});

/** What a row of mock-qb/README.md's QBWC table must say for a code: the kind of text, what QBWC shows, raised or not. */
function expectedRow(code: string, info: QbwcCodeInfo, sources: string): string {
  const shown = [
    info.bareHeadline ? info.message : `${code}: ${info.message}`,
    ...(info.moreLines ?? []),
    ...Object.values(info.variants ?? {}).map((v) => `${code}: ${v}`),
  ].join('<br>');
  // `yes`: a QbwcError or result carries the code; `logged`: only a QWCLog line names it; `—`: never produced.
  const raised = sources.includes(`'${code}'`) ? 'yes' : sources.includes(`${code}:`) ? 'logged' : '—';
  return `| \`${code}\` | ${info.text} | ${shown} | ${raised} | ${info.meaning} |`;
}

test('mock-qb/README.md lists every QBWC code with its text, whether qbd-sim raises it and its meaning', () => {
  const root = new URL('../../../../', import.meta.url);
  const readme = readFileSync(new URL('mock-qb/README.md', root), 'utf8');
  const wcDir = new URL('mock-qb/web-connector/', root);
  const sources = [
    ...readdirSync(wcDir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(new URL(f, wcDir), 'utf8')),
    readFileSync(new URL('src/protocol/qwc-file.ts', root), 'utf8'),
  ].join('\n');
  const rows = readme.split('\n').filter((l) => /^\| `QBWC\d{4}` \|/.test(l));
  const expected = (Object.entries(QBWC_CODES) as [string, QbwcCodeInfo][]).map(([code, info]) =>
    expectedRow(code, info, sources),
  );
  // Row by row, so a failure names the code that drifted.
  expect(rows).toEqual(expected);
});
