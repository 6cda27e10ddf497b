// Keeps the one table of QBWC codes in step with the facts sheet: every code of §5.7 is in the table (and nothing
// else), and every text marked exact appears in §10.3 as QBWC users saw it.
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
