// Reads sections and tables of the facts sheet (../shared/docs/quickbooks-facts.md): the external truth the QBWC
// tables are held against.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
export const FACTS_PATH = path.resolve(repoRoot, '../shared/docs/quickbooks-facts.md');

function facts(): string {
  if (!existsSync(FACTS_PATH)) {
    throw new Error(
      `The facts sheet is missing at ${FACTS_PATH}; the repo expects the shared folder beside it (../shared).`,
    );
  }
  return readFileSync(FACTS_PATH, 'utf8');
}

/** The text of a section from its heading (e.g. `### 5.7 `) to the next heading of the same or a higher level. */
export function factsSection(headingPrefix: string): string {
  const text = facts();
  const start = text.indexOf(`\n${headingPrefix}`);
  if (start < 0) throw new Error(`no section "${headingPrefix}" in ${FACTS_PATH}`);
  const level = /^#+/.exec(headingPrefix)![0].length;
  const rest = text.slice(start + 1);
  const next = rest.slice(1).search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next + 1);
}

/** The rows of the markdown tables in a section, as arrays of cells (header and separator rows left out). */
export function tableRows(section: string): string[][] {
  const rows = section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, l.endsWith('|') ? -1 : undefined)
        .split('|')
        .map((c) => c.trim()),
    );
  return rows.filter(
    (r, i) => !r.every((c) => /^:?-+:?$/.test(c)) && !(rows[i + 1]?.every((c) => /^:?-+:?$/.test(c)) ?? false),
  );
}

/** Whitespace collapsed to single spaces (markdown wraps lines anywhere). */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}
