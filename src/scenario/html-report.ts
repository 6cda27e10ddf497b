// `--reporter html` of `qbd-sim run` and `qbd-sim conform`: one self-contained file (no network): per scenario its
// steps with timings, the QuickBooks windows after each step drawn by the dashboard's own rendering code
// (mock-qb/server/dashboard/static: dom.js, host-view.js, dashboard.css — inlined), the exchanges as a sequence
// diagram (person, connector, Web Connector, QuickBooks, cloud), the journal, and for a failure what was expected,
// what was seen and the reproduce command.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../harness/index.js';
import type { ConformReport } from './conform-suite.js';
import type { ScenarioResult } from './scenario-runner.js';
import type { SuiteResult } from './scenario-suite.js';

const STATIC = ['mock-qb', 'server', 'dashboard', 'static'];

function staticFile(name: string): string {
  return readFileSync(path.join(repoRoot(), ...STATIC, name), 'utf8');
}

/** The dashboard's DOM helpers and host view as one classic script (their ES module syntax removed). */
function dashboardRendering(): string {
  const strip = (js: string) => js.replace(/^import .*$/gm, '').replace(/^export /gm, '');
  return `${strip(staticFile('dom.js'))}\n${strip(staticFile('host-view.js'))}`;
}

/** A scenario as the page needs it: journal entries without their bodies (large; they may hold company data). */
function pageScenario(r: ScenarioResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const rec = r.recording;
  return {
    file: r.file,
    name: r.name,
    seed: r.seed,
    passed: r.passed,
    durationMs: r.durationMs,
    steps: r.steps,
    failure: r.failure
      ? { step: r.failure.step, expected: r.failure.expected, seen: r.failure.seen, message: r.failure.message }
      : null,
    connector: rec?.connector ?? '',
    journal: (rec?.journal ?? []).map((e) => ({
      seq: e.seq,
      at: e.at,
      hostId: e.hostId,
      actor: e.actor,
      kind: e.kind,
      summary: e.summary,
    })),
    statuses: rec?.statuses ?? [],
    hosts: rec?.hosts ?? [],
    ...extra,
  };
}

/** `<` in JSON inside a script element: never `</script>`. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function page(title: string, data: unknown): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</title>
<style>
${staticFile('dashboard.css')}
${REPORT_CSS}
</style>
</head>
<body>
<header class="report-head"><h1 id="report-title"></h1><p id="report-summary"></p></header>
<main id="report"></main>
<script type="application/json" id="report-data">${jsonForScript(data)}</script>
<script>
${dashboardRendering()}
${REPORT_JS}
</script>
</body>
</html>
`;
}

/** The HTML report of `qbd-sim run`. */
export function formatRunHtml(suite: SuiteResult, opts: { title?: string } = {}): string {
  return page(opts.title ?? 'qbd-sim run', {
    kind: 'run',
    title: opts.title ?? 'qbd-sim run',
    summary: `${suite.passed} passed, ${suite.failed} failed (${(suite.durationMs / 1000).toFixed(1)} s)`,
    scenarios: suite.results.map((r) => pageScenario(r)),
  });
}

/** The HTML report of `qbd-sim conform`: the rows' table, then each run row's scenario. */
export function formatConformHtml(report: ConformReport): string {
  const c = report.counts;
  return page(`qbd-sim conform — ${report.connector}`, {
    kind: 'conform',
    title: `qbd-sim conform — ${report.connector} (${report.transport})`,
    summary: `${c.pass} pass, ${c.fail} fail, ${c.skip} skip, ${c['not-reached']} not reached, ${c.error} error (${(report.durationMs / 1000).toFixed(1)} s)`,
    rows: report.rows.map((r) => ({
      id: r.row.id,
      situation: r.row.situation,
      source: r.row.source,
      verdict: r.verdict,
      observed: r.observed ?? null,
      notes: r.notes,
      reproduce: r.reproduce ?? null,
    })),
    scenarios: report.rows
      .filter((r) => r.scenario)
      .map((r) => pageScenario(r.scenario!, { row: r.row.id, reproduce: r.reproduce ?? null })),
  });
}

const REPORT_CSS = `
.report-head { padding: 12px 20px; border-bottom: 1px solid var(--line); background: var(--panel); }
.report-head h1 { margin: 0 0 4px; font-size: 20px; }
#report { padding: 12px 20px; }
.scenario { border: 1px solid var(--line); border-radius: 6px; margin: 14px 0; padding: 8px 14px; }
.scenario > h2 { font-size: 17px; margin: 6px 0; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; }
.badge.pass, .badge.passed { background: #dcf2e1; color: #1a5c2b; }
.badge.fail, .badge.failed, .badge.error { background: #fde2df; color: var(--danger); }
.badge.skip, .badge.not-reached { background: #eef1f4; color: var(--muted); }
table.steps, table.rows { border-collapse: collapse; width: 100%; font-size: 14px; }
table.steps td, table.steps th, table.rows td, table.rows th { border-bottom: 1px solid var(--line); padding: 3px 6px; text-align: left; vertical-align: top; }
table.steps tr.failed td { background: #fff4f2; }
table.steps tr.selected td { outline: 2px solid var(--focus); }
table.steps button.step { all: unset; cursor: pointer; color: var(--title); }
.failure { border-left: 4px solid var(--danger); background: #fff8f7; padding: 6px 10px; margin: 8px 0; }
.failure pre, .journal pre { white-space: pre-wrap; margin: 4px 0; font-size: 13px; }
.at-step { display: grid; grid-template-columns: minmax(300px, 1fr) minmax(300px, 1fr); gap: 12px; margin: 8px 0; }
.at-step .host { margin: 0; }
.at-step [inert] { opacity: 1; }
svg.sequence { font: 11px system-ui, sans-serif; background: #fff; border: 1px solid var(--line); }
svg.sequence .lane { stroke: #9aa4ae; stroke-dasharray: 4 3; }
svg.sequence .arrow { stroke: #1f4e8c; marker-end: url(#arrowhead); }
svg.sequence .arrow.err { stroke: var(--danger); }
svg.sequence text.err { fill: var(--danger); }
details.journal summary, details.sequence summary { cursor: pointer; font-weight: 600; margin: 6px 0; }
.muted { color: var(--muted); }
`;

/** The page's own script (plain JS: it runs in the browser beside the dashboard's helpers). */
const REPORT_JS = String.raw`
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  document.getElementById('report-title').textContent = data.title;
  document.getElementById('report-summary').textContent = data.summary;
  var root = document.getElementById('report');
  var inertCtx = { act: function () {}, rerender: function () {}, clearDrafts: function () {}, message: '', ui: {} };
  function secs(ms) { return (ms / 1000).toFixed(ms < 10000 ? 2 : 1) + ' s'; }
  function badge(text, cls) { return h('span', { class: 'badge ' + (cls || text) }, text); }

  // Lanes of the sequence diagram and where each journal entry goes.
  var LANES = ['Person', 'Connector', 'Web Connector', 'QuickBooks', 'Cloud'];
  function route(e) {
    var k = e.kind;
    var err = /→ 0x8|error|QBWC1|failed|refused/.test(e.summary);
    if (/^rp2\./.test(k) || k === 'qbxml.exchange') return { from: 'Connector', to: 'QuickBooks', label: e.summary, err: err };
    if (k === 'qbwc.soap') return { from: 'Web Connector', to: 'Connector', label: e.summary, err: err };
    if (/^qbwc\./.test(k)) return { from: 'Web Connector', to: 'QuickBooks', label: k + ': ' + e.summary, err: err };
    if (/^ui\./.test(k)) return { from: 'Person', to: 'QuickBooks', label: e.summary, err: err };
    if (/^fault\./.test(k)) return { from: 'QuickBooks', to: 'QuickBooks', label: 'fault: ' + e.summary, err: true };
    return null;
  }
  var SVG = 'http://www.w3.org/2000/svg';
  function s(tag, attrs, text) {
    var el = document.createElementNS(SVG, tag);
    for (var key in attrs) el.setAttribute(key, attrs[key]);
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function sequence(sc) {
    var items = [];
    sc.steps.forEach(function (st, i) {
      if (/^cloud: /.test(st.text)) items.push({ from: 'Person', to: 'Cloud', label: st.text, err: false });
      var next = sc.steps[i + 1];
      sc.journal.forEach(function (e) {
        if (e.seq > (st.journalSeq || 0) && (!next || e.seq <= (next.journalSeq || 0))) {
          var r = route(e);
          if (r) items.push(r);
        }
      });
    });
    var shown = items.slice(0, 400);
    var laneW = 170, rowH = 18, top = 30;
    var svg = s('svg', { class: 'sequence', width: String(LANES.length * laneW), height: String(top + shown.length * rowH + 20), role: 'img',
      'aria-label': 'Sequence diagram of ' + shown.length + ' exchanges' });
    var defs = s('defs', {});
    var marker = s('marker', { id: 'arrowhead', markerWidth: '8', markerHeight: '6', refX: '8', refY: '3', orient: 'auto' });
    marker.appendChild(s('polygon', { points: '0 0, 8 3, 0 6', fill: '#1f4e8c' }));
    defs.appendChild(marker);
    svg.appendChild(defs);
    LANES.forEach(function (l, i) {
      var x = i * laneW + laneW / 2;
      svg.appendChild(s('text', { x: String(x), y: '14', 'text-anchor': 'middle', 'font-weight': '600' }, l));
      svg.appendChild(s('line', { class: 'lane', x1: String(x), y1: '20', x2: String(x), y2: String(top + shown.length * rowH + 10) }));
    });
    shown.forEach(function (it, i) {
      var a = LANES.indexOf(it.from) * laneW + laneW / 2, b = LANES.indexOf(it.to) * laneW + laneW / 2;
      var y = top + i * rowH + 10;
      if (a === b) svg.appendChild(s('circle', { cx: String(a), cy: String(y - 3), r: '3', fill: '#b42318' }));
      else svg.appendChild(s('line', { class: 'arrow' + (it.err ? ' err' : ''), x1: String(a), y1: String(y), x2: String(b), y2: String(y) }));
      var t = s('text', { x: String(Math.min(a, b) + 4), y: String(y - 3), class: it.err ? 'err' : '' }, it.label.slice(0, 70));
      t.appendChild(s('title', {}, it.label));
      svg.appendChild(t);
    });
    return h('details', { class: 'sequence', open: true }, h('summary', {}, 'Exchanges (' + items.length + (items.length > shown.length ? ', first ' + shown.length + ' drawn' : '') + ')'), svg);
  }

  function windowsAt(sc, index, holder) {
    var hosts = sc.hosts[index] || [];
    var nodes = hosts.map(function (host) {
      var panel = renderHost(host, inertCtx);
      panel.setAttribute('inert', '');
      return panel;
    });
    holder.replaceChildren.apply(holder, nodes.length ? nodes : [h('p', { class: 'muted' }, 'No host state recorded for this step.')]);
  }

  function journalLines(sc) {
    return sc.journal.map(function (e) {
      return '#' + e.seq + ' ' + new Date(e.at).toISOString().slice(11, 19) + ' ' + e.hostId + ' ' + e.actor + ' ' + e.kind + ': ' + e.summary;
    }).join('\n');
  }

  function renderScenario(sc, index) {
    var sid = 'sc-' + index;
    var holder = h('div', { class: 'at-step', id: sid + '-windows', 'aria-live': 'polite' });
    var caption = h('p', { id: sid + '-at', class: 'muted' });
    var rows = sc.steps.map(function (st, i) {
      var button = h('button', { class: 'step', type: 'button', 'data-step': st.number, onClick: function () { select(i); } }, st.number);
      return h('tr', { class: st.passed ? '' : 'failed', id: sid + '-step-' + i },
        h('td', {}, button), h('td', {}, st.text), h('td', {}, secs(st.durationMs)), h('td', {}, st.passed ? 'ok' : 'FAILED'),
        h('td', { class: 'muted' }, st.file.split(/[\\/]/).pop() + ':' + st.line));
    });
    function select(i) {
      rows.forEach(function (r, j) { r.classList.toggle('selected', i === j); });
      caption.textContent = 'QuickBooks after step ' + sc.steps[i].number + ': ' + sc.steps[i].text;
      windowsAt(sc, i, holder);
    }
    var failure = sc.failure
      ? h('div', { class: 'failure', role: 'alert' },
          h('strong', {}, 'Failed' + (sc.failure.step ? ' at step ' + sc.failure.step.number : '')),
          h('div', {}, h('b', {}, 'expected: '), sc.failure.expected),
          h('div', {}, h('b', {}, 'seen: '), sc.failure.seen),
          h('pre', { class: 'reproduce' }, (sc.failure.message.match(/reproduce: .*/) || [''])[0]))
      : null;
    var section = h('section', { class: 'scenario', id: sid, 'aria-labelledby': sid + '-title' },
      h('h2', { id: sid + '-title' }, badge(sc.passed ? 'passed' : 'failed'), ' ', sc.name),
      h('p', { class: 'muted' }, sc.file + ' · seed ' + sc.seed + ' · ' + sc.connector + ' · ' + secs(sc.durationMs) + (sc.row ? ' · row ' + sc.row : '')),
      failure,
      h('table', { class: 'steps' }, h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'What'), h('th', {}, 'Took'), h('th', {}, ''), h('th', {}, 'Where'))), h('tbody', {}, rows)),
      caption, holder,
      sequence(sc),
      h('details', { class: 'journal' }, h('summary', {}, 'Journal (' + sc.journal.length + ' entries)'), h('pre', {}, journalLines(sc))),
      sc.statuses.length ? h('details', { class: 'journal' }, h('summary', {}, 'Connector status lines (' + sc.statuses.length + ')'),
        h('pre', {}, sc.statuses.map(function (x) { return x.ts + ' ' + x.status + (x.detail && x.detail.hresult ? ' (' + x.detail.hresult + ')' : ''); }).join('\n'))) : null);
    root.appendChild(section);
    var failedAt = sc.steps.findIndex(function (st) { return !st.passed; });
    if (sc.steps.length) select(failedAt >= 0 ? failedAt : sc.steps.length - 1);
  }

  if (data.kind === 'conform') {
    root.appendChild(h('table', { class: 'rows', id: 'conform-rows' },
      h('thead', {}, h('tr', {}, ['Row', 'Verdict', 'Shown', 'Tries', 'Wrote twice', 'Recovered', 'Notes'].map(function (t) { return h('th', {}, t); }))),
      h('tbody', {}, data.rows.map(function (r) {
        var o = r.observed;
        return h('tr', { 'data-row': r.id }, h('td', {}, h('code', {}, r.id), h('div', { class: 'muted' }, r.situation)), h('td', {}, badge(r.verdict)),
          h('td', {}, o ? o.shown : ''), h('td', {}, o ? (o.attempts === null ? '–' : String(o.attempts)) : ''), h('td', {}, o ? (o.wroteTwice ? 'YES' : 'no') : ''),
          h('td', {}, o ? (o.recovered ? 'yes' : 'NO') : ''), h('td', {}, r.notes.join('; '), r.reproduce ? h('pre', {}, r.reproduce) : null));
      }))));
  }
  data.scenarios.forEach(renderScenario);
  document.body.setAttribute('data-rendered', 'true');
})();
`;
