// Runs many scenario files: discovery, sharding, a small worker pool, console progress and the reporters
// (console, JSON, JUnit XML). The summary line is exactly `N passed, N failed`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadScenario, ScenarioSyntaxError, type Scenario, type ScenarioStep } from './scenario-schema.js';
import { runScenario, scenarioLoadOptions, type RunScenarioOptions, type ScenarioResult } from './scenario-runner.js';
import { ScenarioThreads } from './scenario-threads.js';

/** Options of {@link runSuite}. */
export interface RunSuiteOptions extends RunScenarioOptions {
  /** Run only shard `index` (1-based) of `count`: files sorted by path, every count-th from index. */
  shard?: { index: number; count: number };
  /** Scenarios run at the same time (default 2). */
  jobs?: number;
  /** Progress lines (default: none). */
  progress?: (line: string) => void;
  /** Also a progress line per step as it starts (`--verbose`). */
  stepProgress?: boolean;
  /** Write one NDJSON transcript per scenario into this folder (`<scenario file name>.ndjson`). */
  transcriptDir?: string;
}

/** The outcome of a suite. */
export interface SuiteResult {
  results: ScenarioResult[];
  passed: number;
  failed: number;
  durationMs: number;
}

/** `--shard i/n` → `{ index, count }`; throws on anything else. */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count)
    throw new Error(`--shard: expected i/n with 1 ≤ i ≤ n, got "${text}"`);
  return { index, count };
}

/** Scenario files under the given paths (folders: their `*.yaml`, not `groups/`), sorted, without duplicates. */
export function findScenarioFiles(paths: string[]): string[] {
  const files = new Set<string>();
  for (const p of paths) {
    if (!existsSync(p)) throw new Error(`no such scenario file or folder: ${p}`);
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p)) if (/\.ya?ml$/.test(name)) files.add(path.join(p, name));
    } else files.add(p);
  }
  return [...files].sort();
}

/** Selects a shard of a sorted file list. */
export function shardOf<T>(items: T[], shard?: { index: number; count: number }): T[] {
  return shard ? items.filter((_, i) => i % shard.count === shard.index - 1) : items;
}

function loadFailure(file: string, error: unknown): ScenarioResult {
  const e = error instanceof ScenarioSyntaxError ? error : null;
  const seen = e ? e.problems.join('; ') : (error as Error).message;
  const message = `FAIL ${file} — the scenario does not read\n  ${e ? `${e.file}:${e.line}: ` : ''}${seen}`;
  return {
    file,
    name: path.basename(file),
    seed: '',
    passed: false,
    durationMs: 0,
    stepsRun: 0,
    stepsTotal: 0,
    steps: [],
    connectorProcesses: 0,
    failure: {
      step: e ? { number: '-', file: e.file, line: e.line, text: '' } : null,
      expected: 'a valid scenario',
      seen,
      journal: [],
      connector: '',
      message,
    },
  };
}

/** Runs scenario files and reports progress; never throws for a failing scenario. */
export async function runSuite(files: string[], opts: RunSuiteOptions = {}): Promise<SuiteResult> {
  const started = performance.now();
  const selected = shardOf(files, opts.shard);
  const results = new Array<ScenarioResult>(selected.length);
  const loaded: { i: number; scenario?: Scenario; error?: unknown }[] = selected.map((file, i) => {
    try {
      return { i, scenario: loadScenario(file, scenarioLoadOptions(opts)) };
    } catch (error) {
      return { i, error };
    }
  });
  let done = 0;
  const report = (r: ScenarioResult) => {
    done++;
    const mark = r.passed ? 'ok  ' : 'FAIL';
    opts.progress?.(
      `[${done}/${selected.length}] ${mark} ${r.file} — ${r.name} (${(r.durationMs / 1000).toFixed(1)} s)`,
    );
    if (!r.passed && r.failure) opts.progress?.(r.failure.message);
  };
  for (const l of loaded) if (l.error !== undefined) report((results[l.i] = loadFailure(selected[l.i]!, l.error)));

  const optsFor = (scenario: Scenario): RunScenarioOptions => ({
    ...opts,
    ...(opts.transcriptDir
      ? { transcript: path.join(opts.transcriptDir, `${path.basename(scenario.file).replace(/\.ya?ml$/, '')}.ndjson`) }
      : {}),
    ...(opts.stepProgress && opts.progress
      ? {
          onStep: (step: ScenarioStep, sc: Scenario) => {
            opts.onStep?.(step, sc);
            opts.progress!(`      ${path.basename(sc.file)} step ${step.number}: ${step.text}`);
          },
        }
      : {}),
  });
  // Every scenario has its own mock, cloud and connector (an in-process cloud answers through a fetch of its own,
  // patching nothing), so any mix of adapters shares the pool.
  const runnable = loaded.filter((l) => l.scenario);
  const jobs = Math.max(1, Math.min(opts.jobs ?? 2, runnable.length));
  // The reference connector in process makes every scenario CPU-bound in this thread: with more than one job, each
  // runs in a worker thread of its own so the jobs use as many cores (a caller's onStep stays in this thread).
  const threads =
    jobs > 1 &&
    opts.target !== 'container' &&
    !opts.onStep &&
    runnable.every((l) => adapterOf(l.scenario!, opts) === 'in-process')
      ? ScenarioThreads.start(jobs)
      : undefined;
  let next = 0;
  const worker = async (index: number) => {
    while (next < runnable.length) {
      const l = runnable[next++]!;
      const o = optsFor(l.scenario!);
      const result = threads
        ? await threads.run(
            index,
            l.scenario!.file,
            threadOptions(o),
            o.onStep ? (step) => stepLine(l.scenario!, step) : undefined,
          )
        : await runScenario(l.scenario!, o);
      report((results[l.i] = result));
    }
  };
  const stepLine = (sc: Scenario, step: { number: string; text: string }) =>
    opts.progress?.(`      ${path.basename(sc.file)} step ${step.number}: ${step.text}`);
  try {
    await Promise.all(Array.from({ length: jobs }, (_, i) => worker(i)));
  } finally {
    await threads?.close();
  }

  const passed = results.filter((r) => r.passed).length;
  return { results, passed, failed: results.length - passed, durationMs: Math.round(performance.now() - started) };
}

/** The adapter a scenario runs its connector with under these options. */
function adapterOf(scenario: Scenario, opts: RunSuiteOptions): 'process' | 'in-process' {
  return opts.adapter ?? scenario.world.connector.adapter;
}

/** What a scenario thread can take of the options (data only: no callbacks). */
function threadOptions(o: RunScenarioOptions): Omit<RunScenarioOptions, 'onStep'> {
  const { onStep: _onStep, ...rest } = o as RunScenarioOptions & RunSuiteOptions;
  const { progress: _p, shard: _s, jobs: _j, stepProgress: _sp, transcriptDir: _t, ...data } = rest;
  return data;
}

/** The summary line, exactly `N passed, N failed`. */
export function summaryLine(suite: SuiteResult): string {
  return `${suite.passed} passed, ${suite.failed} failed`;
}

/** The JSON report. */
export function formatJsonReport(suite: SuiteResult): string {
  return `${JSON.stringify({ version: 1, summary: summaryLine(suite), ...suite }, null, 2)}\n`;
}

function xmlAttr(s: string): string {
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

/** The JUnit XML report (one testsuite, one testcase per scenario file). */
export function formatJunitReport(suite: SuiteResult): string {
  const cases = suite.results.map((r) => {
    const head = `    <testcase classname="scenarios" name="${xmlAttr(`${r.file} — ${r.name}`)}" file="${xmlAttr(r.file)}" time="${(r.durationMs / 1000).toFixed(3)}"`;
    if (r.passed) return `${head}/>`;
    const f = r.failure!;
    const summary = f.step ? `step ${f.step.number}: expected ${f.expected}; seen ${f.seen}` : f.seen;
    return `${head}>\n      <failure message="${xmlAttr(summary)}">${xmlAttr(f.message)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="qbd-sim scenarios" tests="${suite.results.length}" failures="${suite.failed}" time="${(suite.durationMs / 1000).toFixed(3)}">`,
    `  <testsuite name="scenarios" tests="${suite.results.length}" failures="${suite.failed}" errors="0" skipped="0" time="${(suite.durationMs / 1000).toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
