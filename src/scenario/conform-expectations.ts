// A connector's declared conformance expectations (`<connector>.conform.yaml`): per row (an id or a `*` pattern),
// what a user must see. Reference: scenarios/README.md "Conformance".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A text or `/regular expression/flags`. */
const textOrPattern = z.string().min(1);

const rowExpectation = z
  .object({
    /** The status line the connector shows while the condition lasts (rp2; its last one). */
    status: textOrPattern.optional(),
    /** The HRESULT in that status line's detail. */
    hresult: z.string().optional(),
    /** Web Connector: how the update under the condition ends. */
    outcome: z.string().optional(),
    qbwcCode: z.string().optional(),
    /** What the service answered getLastError / connectionError (a text or pattern). */
    lastError: textOrPattern.optional(),
    /** At most this many attempts of the failing call while the condition lasts. */
    maxAttempts: z.number().int().nonnegative().optional(),
    /** Whether it must be back to normal once the condition cleared (default true). */
    recovers: z.boolean().optional(),
    /** Why this row's behaviour is what it is (shown in the report). */
    why: z.string().optional(),
  })
  .strict();

export const conformExpectationsSchema = z
  .object({
    /** The connector description, relative to this file. */
    connector: z.string().optional(),
    /** By row id, or a pattern with `*` (`begin-session-*`); the most specific (longest) pattern wins. */
    rows: z.record(z.string(), z.object({ expect: rowExpectation }).strict()).default({}),
  })
  .strict();

export type RowExpectation = z.infer<typeof rowExpectation>;
export type ConformExpectations = z.infer<typeof conformExpectationsSchema> & { file?: string };

/** Reads a `.conform.yaml`; errors name the file and the field. */
export function loadConformExpectations(file: string): ConformExpectations {
  const parsed = conformExpectationsSchema.safeParse(parseYaml(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${file}: not conformance expectations (scenarios/README.md "Conformance"):\n${lines.join('\n')}`);
  }
  return {
    ...parsed.data,
    ...(parsed.data.connector ? { connector: path.resolve(path.dirname(file), parsed.data.connector) } : {}),
    file,
  };
}

/** The expectation that applies to a row: an exact id, else the longest matching `*` pattern. */
export function expectationFor(e: ConformExpectations | undefined, id: string): RowExpectation | undefined {
  if (!e) return undefined;
  if (e.rows[id]) return e.rows[id].expect;
  const patterns = Object.keys(e.rows)
    .filter((k) => k.includes('*'))
    .filter((k) => new RegExp(`^${k.split('*').map(escapeRegex).join('.*')}$`).test(id))
    .sort((a, b) => b.length - a.length);
  return patterns[0] ? e.rows[patterns[0]]!.expect : undefined;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether a text matches an expectation: `/re/flags` as a regular expression, anything else exactly. */
export function textMatches(expected: string, actual: string | undefined): boolean {
  if (actual === undefined) return false;
  const m = /^\/(.*)\/([a-z]*)$/s.exec(expected);
  return m ? new RegExp(m[1]!, m[2]).test(actual) : expected === actual;
}
