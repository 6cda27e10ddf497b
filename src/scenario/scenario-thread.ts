// A worker thread of the scenario suite (`qbd-sim run --in-process --jobs N`): runs the scenarios the suite hands it,
// one at a time, each with its own fake QuickBooks, cloud and in-process connector, and posts back each result (and,
// with step progress on, each step as it starts). See scenario-threads.ts.
import { parentPort } from 'node:worker_threads';
import { runScenario, scenarioLoadOptions, type RunScenarioOptions } from './scenario-runner.js';
import { loadScenario } from './scenario-schema.js';

/** A scenario to run, from the suite. */
export interface ThreadTask {
  id: number;
  file: string;
  options: Omit<RunScenarioOptions, 'onStep'>;
  stepProgress: boolean;
}

/** What the thread posts back. */
export type ThreadMessage =
  | { id: number; kind: 'step'; number: string; text: string }
  | { id: number; kind: 'result'; result: Awaited<ReturnType<typeof runScenario>> }
  | { id: number; kind: 'error'; message: string };

const port = parentPort;
if (port) {
  port.on('message', (task: ThreadTask) => {
    const post = (m: ThreadMessage) => port.postMessage(m);
    void (async () => {
      try {
        const result = await runScenario(loadScenario(task.file, scenarioLoadOptions(task.options)), {
          ...task.options,
          ...(task.stepProgress
            ? { onStep: (step) => post({ id: task.id, kind: 'step', number: step.number, text: step.text }) }
            : {}),
        });
        post({ id: task.id, kind: 'result', result });
      } catch (error) {
        post({ id: task.id, kind: 'error', message: (error as Error).stack ?? String(error) });
      }
    })();
  });
}
