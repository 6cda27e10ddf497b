// Worker threads for an in-process suite: the reference connector in process makes a scenario CPU-bound in one
// thread, so `--jobs N` would share one core; N threads use N. Each thread runs scenario-thread.ts.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../protocol/package-root.js';
import type { RunScenarioOptions, ScenarioResult } from './scenario-runner.js';
import type { ThreadMessage, ThreadTask } from './scenario-thread.js';

/** Where the thread's module is: beside this one (sources through tsx, or tsc's dist/), or the bundle's entry. */
function threadEntry(): { file: string; execArgv: string[] } | undefined {
  const here = fileURLToPath(import.meta.url);
  const dir = path.dirname(here);
  if (here.endsWith('.ts')) return { file: path.join(dir, 'scenario-thread.ts'), execArgv: ['--import', 'tsx'] };
  const sibling = path.join(dir, 'scenario-thread.js');
  if (existsSync(sibling)) return { file: sibling, execArgv: [] };
  const bundled = path.join(packageRoot(), 'dist', 'bundle', 'scenario-thread.js');
  return existsSync(bundled) ? { file: bundled, execArgv: [] } : undefined;
}

/** A pool of scenario threads; {@link ScenarioThreads.start} gives undefined when no thread module can be found. */
export class ScenarioThreads {
  readonly #workers: Worker[];
  readonly #pending = new Map<
    number,
    {
      resolve: (r: ScenarioResult) => void;
      reject: (e: Error) => void;
      onStep?: (step: { number: string; text: string }) => void;
    }
  >();
  #nextId = 0;

  private constructor(workers: Worker[]) {
    this.#workers = workers;
    for (const w of workers) {
      w.on('message', (m: ThreadMessage) => {
        const p = this.#pending.get(m.id);
        if (!p) return;
        if (m.kind === 'step') return p.onStep?.({ number: m.number, text: m.text });
        this.#pending.delete(m.id);
        if (m.kind === 'result') p.resolve(m.result);
        else p.reject(new Error(`a scenario thread failed: ${m.message}`));
      });
      w.on('error', (e) => {
        for (const p of this.#pending.values()) p.reject(e);
        this.#pending.clear();
      });
    }
  }

  static start(count: number): ScenarioThreads | undefined {
    const entry = threadEntry();
    if (!entry) return undefined;
    return new ScenarioThreads(
      Array.from({ length: count }, () => new Worker(entry.file, { execArgv: entry.execArgv })),
    );
  }

  /** Runs one scenario file on thread `index` (the suite keeps one scenario per thread at a time). */
  run(
    index: number,
    file: string,
    options: Omit<RunScenarioOptions, 'onStep'>,
    onStep?: (step: { number: string; text: string }) => void,
  ): Promise<ScenarioResult> {
    const id = this.#nextId++;
    const task: ThreadTask = { id, file, options, stepProgress: onStep !== undefined };
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, ...(onStep ? { onStep } : {}) });
      this.#workers[index]!.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((w) => w.terminate()));
  }
}
