// `qbd-sim conform`: every row of the conformance suite run against one connector, and what the connector observably
// did in each — what it showed, how often it tried again, whether it wrote twice, whether it recovered once the
// condition cleared — judged against the user's declared expectations and qbd-sim's own unambiguous rules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_STATUSES,
  REFERENCE_CONNECTOR,
  type ConnectorDescription,
  type JournalEntry,
} from '../harness/index.js';
import { conformRows, type ConformRow } from './conform-rows.js';
import { expectationFor, textMatches, type ConformExpectations, type RowExpectation } from './conform-expectations.js';
import { procedureYaml } from './conform-procedure.js';
import { reproduceCommand, runScenario, scenarioLoadOptions, type ScenarioResult } from './scenario-runner.js';
import { loadScenario } from './scenario-schema.js';

/** Options of {@link runConform}. */
export interface ConformOptions {
  /** The connector (default the reference connector). */
  connector?: ConnectorDescription;
  /** `rp2` or `qbwc` (default: the first of the description's transports). */
  transport?: 'rp2' | 'qbwc';
  expectations?: ConformExpectations;
  /** Run only rows whose id matches one of these (`*` patterns). */
  only?: string[];
  /** Rows at the same time (default 2). */
  jobs?: number;
  /** The reference connector in this process (fast). */
  inProcess?: boolean;
  /** Keep the generated scenario files here (default: a temporary folder, removed afterwards). */
  keepDir?: string;
  /** How long a sync may take to go quiet (default 20 s). */
  settleWithinMs?: number;
  progress?: (line: string) => void;
}

/** What a connector did in one row. */
export interface ConformObservation {
  /** Whether the condition happened at all (the fault fired: the connector made that call). */
  reached: boolean;
  /** What it showed under the condition: its last status line (rp2) or how QBWC's update ended (qbwc). */
  shown: string;
  /** Every status line under the condition. */
  statuses: string[];
  /** The service's answers to getLastError / connectionError under the condition (qbwc). */
  answers: string[];
  /** Calls of the failing kind under the condition (the first try included); null when the row counts none. */
  attempts: number | null;
  /** A write committed twice (the same request body answered 0 twice). */
  wroteTwice: string | null;
  /** It never went quiet under the condition. */
  endless: boolean;
  /** Back to normal once the condition cleared. */
  recovered: boolean;
}

/** One judged row. */
export interface ConformRowResult {
  row: ConformRow;
  verdict: 'pass' | 'fail' | 'skip' | 'not-reached' | 'error';
  observed?: ConformObservation;
  expectation?: RowExpectation;
  /** Why it failed (each broken rule or expectation), why it was skipped, or the error. */
  notes: string[];
  durationMs: number;
  reproduce?: string;
  /** The scenario's result (the HTML report draws it). */
  scenario?: ScenarioResult;
}

/** The whole run. */
export interface ConformReport {
  connector: string;
  transport: 'rp2' | 'qbwc';
  writeTypes: string[];
  rows: ConformRowResult[];
  baseline: ScenarioResult;
  durationMs: number;
  counts: Record<ConformRowResult['verdict'], number>;
}

const INSPECTOR = 'qbd-sim scenario inspector';
/** More calls of one kind under one condition than any retry policy needs: a loop without end. */
const ENDLESS_ATTEMPTS = 50;

const byConnector = (e: JournalEntry) => e.data?.['appName'] !== INSPECTOR;

/** The `…Add` / `…Mod` requests the connector committed in a window (from `qbxml.exchange` summaries). */
function committedWrites(entries: JournalEntry[]): { type: string; body: string }[] {
  const out: { type: string; body: string }[] = [];
  for (const e of entries) {
    if (e.kind !== 'qbxml.exchange' || !byConnector(e)) continue;
    // The Web Connector's own bookkeeping (its AppLock and FileID data extensions, facts §10.3) is not the service's.
    if (/<DataExtName>(?:AppLock|FileID)<\/DataExtName>/.test(String(e.data?.['request'] ?? ''))) continue;
    for (const m of e.summary.matchAll(/(\w+(?:Add|Mod))Rq → 0\b/g)) {
      const request = String(e.data?.['request'] ?? '');
      const body = new RegExp(`<${m[1]}Rq[^>]*>([\\s\\S]*?)</${m[1]}Rq>`).exec(request)?.[1] ?? request;
      out.push({ type: m[1]!, body });
    }
  }
  return out;
}

function windows(
  result: ScenarioResult,
): { cond: JournalEntry[]; after: JournalEntry[]; statusCond: number[]; armIdx: number; clearIdx: number } | null {
  const rec = result.recording;
  if (!rec) return null;
  const faultSteps = result.steps.map((s, i) => ({ s, i })).filter(({ s }) => /^fault: /.test(s.text));
  const arm = faultSteps[0];
  const clear = faultSteps[1];
  if (!arm) return null;
  const armSeq = arm.s.journalSeq ?? 0;
  const clearSeq = clear?.s.journalSeq ?? Number.MAX_SAFE_INTEGER;
  return {
    cond: rec.journal.filter((e) => e.seq > armSeq && e.seq <= clearSeq),
    after: rec.journal.filter((e) => e.seq > clearSeq),
    statusCond: [arm.s.statusIndex ?? 0, clear?.s.statusIndex ?? rec.statuses.length],
    armIdx: arm.i,
    clearIdx: clear?.i ?? result.steps.length,
  };
}

/** What the connector did in a row's run. */
export function observe(
  row: ConformRow,
  result: ScenarioResult,
  transport: 'rp2' | 'qbwc',
  connected: string,
): ConformObservation {
  const w = windows(result)!;
  const rec = result.recording!;
  const statuses = rec.statuses.slice(w.statusCond[0], w.statusCond[1]);
  const reached = row.state
    ? w.cond.some(
        (e) =>
          e.kind === 'rp2.BeginSession' &&
          String(e.data?.['hresult'] ?? '').toLowerCase() === row.state!.hresult.toLowerCase(),
      )
    : w.cond.some((e) => e.kind === 'fault.fired');
  const updates = (entries: JournalEntry[]) =>
    entries.filter((e) => e.kind === 'qbwc.update-end').map((e) => e.summary.replace(/^update of "[^"]*": /, ''));
  const answers = w.cond
    .filter((e) => e.kind === 'qbwc.soap' && /^(getLastError|connectionError) → /.test(e.summary))
    .map((e) => e.summary);
  const last = statuses[statuses.length - 1];
  const shown =
    transport === 'qbwc'
      ? updates(w.cond).join(' → ') || '(no update ended)'
      : last
        ? `"${last.status}"${last.detail.hresult ? ` (${last.detail.hresult})` : ''}`
        : '(no status)';
  let attempts: number | null = null;
  if (row.attemptKind?.startsWith('qbxml ')) {
    const type = row.attemptKind.slice(6);
    attempts = w.cond.filter(
      (e) => e.kind === 'qbxml.exchange' && byConnector(e) && e.summary.includes(`${type}Rq`),
    ).length;
  } else if (row.attemptKind) {
    attempts = w.cond.filter((e) => e.kind === row.attemptKind).length;
  }
  // Never write twice: the same write committed again anywhere after the condition started.
  const writes = committedWrites([...w.cond, ...w.after]);
  const seen = new Map<string, number>();
  let wroteTwice: string | null = null;
  for (const x of writes) {
    const key = `${x.type}\u0000${x.body}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (seen.get(key) === 2 && !wroteTwice) wroteTwice = `${x.type} committed twice with the same content`;
  }
  const settleFailed =
    result.failure?.step != null &&
    /connector: settle/.test(result.failure.step.text) &&
    result.steps.findIndex((s) => s.number === result.failure!.step!.number) < w.clearIdx;
  const endless = settleFailed || (attempts ?? 0) > ENDLESS_ATTEMPTS;
  const afterStatuses = rec.statuses.slice(w.statusCond[1]);
  const recovered =
    transport === 'qbwc'
      ? updates(w.after).some((u) => u === 'ok' || u === 'no-data')
      : afterStatuses.some((s) => s.status === connected);
  return { reached, shown, statuses: statuses.map((s) => s.status), answers, attempts, wroteTwice, endless, recovered };
}

/** The verdict of a row: qbd-sim's rules first, then the user's expectations. */
export function judge(
  row: ConformRow,
  o: ConformObservation,
  e: RowExpectation | undefined,
  statuses: { status?: string; hresult?: string }[],
): { verdict: ConformRowResult['verdict']; notes: string[] } {
  if (!o.reached)
    return {
      verdict: 'not-reached',
      notes: ['the connector never made the call the condition is on (nothing to judge)'],
    };
  const notes: string[] = [];
  if (o.wroteTwice) notes.push(`rule: never write twice — ${o.wroteTwice}`);
  if (o.endless) notes.push(`rule: never loop without end — ${o.attempts ?? 'its'} attempts, it never went quiet`);
  if ((e?.recovers ?? true) && !o.recovered)
    notes.push('rule: recover once cleared — not back to normal after the condition cleared');
  if (e?.status && !statuses.some((s) => textMatches(e.status!, s.status)))
    notes.push(`expected status ${e.status}; seen ${o.statuses.map((s) => `"${s}"`).join(' → ') || 'none'}`);
  // `hresult: '{row}'`: the HRESULT the row's condition answers (for a pattern such as begin-session-*).
  const hresult = e?.hresult === '{row}' ? row.fault?.hresult : e?.hresult;
  if (hresult && !statuses.some((s) => s.hresult?.toLowerCase() === hresult.toLowerCase()))
    notes.push(`expected the status to name ${hresult}; seen ${o.shown}`);
  if (e?.outcome && !o.shown.split(' → ').some((u) => u.startsWith(e.outcome!)))
    notes.push(`expected the update to end ${e.outcome}; seen ${o.shown}`);
  if (e?.qbwcCode && !o.shown.includes(e.qbwcCode)) notes.push(`expected ${e.qbwcCode}; seen ${o.shown}`);
  if (e?.lastError && !o.answers.some((a) => textMatches(e.lastError!, a.replace(/^\w+ → /, '').replace(/^"|"$/g, ''))))
    notes.push(`expected getLastError/connectionError ${e.lastError}; seen ${o.answers.join(' | ') || 'none'}`);
  if (e?.maxAttempts !== undefined && o.attempts !== null && o.attempts > e.maxAttempts)
    notes.push(`expected at most ${e.maxAttempts} attempts; seen ${o.attempts}`);
  return { verdict: notes.length ? 'fail' : 'pass', notes };
}

/** Runs the baseline, then every row; never throws for a row that fails. */
export async function runConform(opts: ConformOptions = {}): Promise<ConformReport> {
  const started = performance.now();
  const connector = opts.connector ?? REFERENCE_CONNECTOR;
  const transport = opts.transport ?? connector.transports[0] ?? 'rp2';
  const connected = connector.statuses?.connected ?? DEFAULT_STATUSES.connected;
  const dir = opts.keepDir ?? mkdtempSync(path.join(tmpdir(), 'qbd-sim-conform-'));
  mkdirSync(dir, { recursive: true });
  const runOpts = {
    ...(opts.connector ? { connector: opts.connector } : {}),
    ...(opts.inProcess ? { adapter: 'in-process' as const } : {}),
    record: true,
    expectWithinMs: opts.settleWithinMs ?? 20_000,
  };
  const withinMs = opts.settleWithinMs ?? 20_000;
  const token = !opts.connector || connector.token !== undefined;
  const runRow = async (id: string, title: string, fault: ConformRow['fault'], state?: ConformRow['state']) => {
    const file = path.join(dir, `${id}.yaml`);
    writeFileSync(
      file,
      procedureYaml({
        id,
        title,
        transport,
        ...(fault ? { fault } : {}),
        ...(state ? { state } : {}),
        token,
        withinMs,
      }),
    );
    const scenario = loadScenario(file, scenarioLoadOptions(runOpts));
    return { file, result: await runScenario(scenario, runOpts) };
  };
  try {
    opts.progress?.(`qbd-sim conform: baseline (${connector.name}, ${transport})…`);
    const base = await runRow('baseline', 'a clean run: which writes the connector makes', undefined);
    const w = windows(base.result);
    const writeTypes = w ? [...new Set(committedWrites([...w.cond, ...w.after]).map((x) => x.type))] : [];
    const only = opts.only?.map(
      (p) =>
        new RegExp(
          `^${p
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*')}$`,
        ),
    );
    const rows = conformRows([transport], writeTypes).filter((r) => !only || only.some((re) => re.test(r.id)));
    const results: ConformRowResult[] = new Array(rows.length);
    if (!base.result.passed) {
      rows.forEach((row, i) => {
        results[i] = {
          row,
          verdict: 'error',
          notes: [`the baseline failed: ${base.result.failure?.message ?? ''}`],
          durationMs: 0,
        };
      });
    } else {
      let next = 0;
      let done = 0;
      const worker = async () => {
        while (next < rows.length) {
          const i = next++;
          const row = rows[i]!;
          const t0 = performance.now();
          const expectation = expectationFor(opts.expectations, row.id);
          let r: ConformRowResult;
          if (row.skip || (!row.fault && !row.state)) {
            r = {
              row,
              verdict: 'skip',
              notes: [row.skip ?? 'no way to make the condition'],
              durationMs: 0,
              ...(expectation ? { expectation } : {}),
            };
          } else {
            const { file, result } = await runRow(row.id, row.situation.slice(0, 100), row.fault, row.state);
            const reproduce = reproduceCommand(file, runOpts);
            const setupFailed = !result.passed && !/connector: settle/.test(result.failure?.step?.text ?? '');
            const stepIdx = result.failure?.step
              ? result.steps.findIndex((s) => s.number === result.failure!.step!.number)
              : -1;
            const win = windows(result);
            if (setupFailed && (!win || stepIdx <= win.armIdx)) {
              r = {
                row,
                verdict: 'error',
                notes: [result.failure!.message],
                durationMs: Math.round(performance.now() - t0),
                reproduce,
                scenario: result,
              };
            } else {
              const observed = observe(row, result, transport, connected);
              const statuses = result.recording!.statuses.slice(win!.statusCond[0], win!.statusCond[1]).map((s) => ({
                status: s.status,
                ...(typeof s.detail.hresult === 'string' ? { hresult: s.detail.hresult } : {}),
              }));
              const j = judge(row, observed, expectation, statuses);
              r = {
                row,
                verdict: j.verdict,
                observed,
                ...(expectation ? { expectation } : {}),
                notes: [...j.notes, ...(expectation?.why ? [`why: ${expectation.why}`] : [])],
                durationMs: Math.round(performance.now() - t0),
                reproduce,
                scenario: result,
              };
            }
          }
          results[i] = r;
          done++;
          opts.progress?.(
            `[${done}/${rows.length}] ${r.verdict.padEnd(11)} ${row.id}${r.observed ? ` — ${r.observed.shown}` : ''}`,
          );
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.jobs ?? 2, rows.length)) }, () => worker()));
    }
    const counts = { pass: 0, fail: 0, skip: 0, 'not-reached': 0, error: 0 };
    for (const r of results) counts[r.verdict]++;
    return {
      connector: connector.name,
      transport,
      writeTypes,
      rows: results,
      baseline: base.result,
      durationMs: Math.round(performance.now() - started),
      counts,
    };
  } finally {
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}
