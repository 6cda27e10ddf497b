// The reports of `qbd-sim conform`: a table for the console, JSON, JUnit XML.
import type { ConformReport, ConformRowResult } from './conform-suite.js';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function observedCells(r: ConformRowResult): [string, string, string, string] {
  const o = r.observed;
  if (!o) return [r.verdict === 'skip' ? `(${r.notes[0] ?? ''})` : '', '', '', ''];
  return [
    o.shown,
    o.attempts === null ? '–' : String(o.attempts),
    o.wroteTwice ? 'YES' : 'no',
    o.recovered ? 'yes' : 'NO',
  ];
}

/** The summary line: `N pass, N fail, N skip, N not reached, N error`. */
export function conformSummary(report: ConformReport): string {
  const c = report.counts;
  return `${c.pass} pass, ${c.fail} fail, ${c.skip} skip, ${c['not-reached']} not reached, ${c.error} error`;
}

/** One row per situation: verdict, what the connector showed, attempts, wrote twice, recovered, and why. */
export function formatConformTable(report: ConformReport, opts: { skipped?: boolean } = {}): string {
  const rows = report.rows.filter((r) => opts.skipped || r.verdict !== 'skip');
  const head = ['row', 'verdict', 'shown under the condition', 'tries', 'wrote twice', 'recovered'];
  const body = rows.map((r) => [r.row.id, r.verdict, ...observedCells(r)].map((c, i) => cut(c, i === 2 ? 60 : 48)));
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const out = [line(head), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const [i, r] of rows.entries()) {
    out.push(line(body[i]!));
    if (r.verdict === 'fail' || r.verdict === 'error') {
      for (const n of r.notes) out.push(`    ${n.split('\n')[0]}`);
      if (r.reproduce) out.push(`    reproduce: ${r.reproduce}`);
    }
  }
  const skipped = report.rows.length - rows.length;
  out.push('', `${conformSummary(report)}${skipped ? ` (${skipped} skipped rows not shown: --show-skipped)` : ''}`);
  return `${out.join('\n')}\n`;
}

/** The JSON report (scenario recordings left out: they are large). */
export function formatConformJson(report: ConformReport): string {
  const rows = report.rows.map(({ scenario: _s, ...r }) => r);
  const { baseline, ...rest } = report;
  return `${JSON.stringify({ version: 1, summary: conformSummary(report), ...rest, baseline: { passed: baseline.passed }, rows }, null, 2)}\n`;
}

function xml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '')
  );
}

/** JUnit XML: one testcase per row; skipped and not-reached rows as skipped, errors as errors. */
export function formatConformJunit(report: ConformReport): string {
  const cases = report.rows.map((r) => {
    const head = `    <testcase classname="conform.${xml(r.row.family)}" name="${xml(`${r.row.id} — ${r.row.situation}`)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    const text = xml([...r.notes, ...(r.reproduce ? [`reproduce: ${r.reproduce}`] : [])].join('\n'));
    if (r.verdict === 'pass') return `${head}/>`;
    if (r.verdict === 'skip' || r.verdict === 'not-reached')
      return `${head}>\n      <skipped message="${xml(r.notes[0] ?? r.verdict)}"/>\n    </testcase>`;
    const tag = r.verdict === 'error' ? 'error' : 'failure';
    return `${head}>\n      <${tag} message="${xml(cut(r.notes[0] ?? '', 300))}">${text}</${tag}>\n    </testcase>`;
  });
  const c = report.counts;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qbd-sim conform" tests="${report.rows.length}" failures="${c.fail}" errors="${c.error}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="conform ${xml(report.connector)} (${report.transport})" tests="${report.rows.length}" failures="${c.fail}" errors="${c.error}" skipped="${c.skip + c['not-reached']}" time="${(report.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
