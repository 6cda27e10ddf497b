import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';

/** How a failing property reports itself. */
export interface CounterexampleOptions {
  /** The property's name (file name of the scenario written). */
  name: string;
  /** Where scenario files go (default `$QBD_COUNTEREXAMPLE_DIR` or `.qbd-sim/counterexamples` in the working dir). */
  dir?: string;
  /** The scenario's `world:` (mock-qb world spec under `qb`, cloud companies, connector). */
  world?: Record<string, unknown>;
  /** The command that replays the run (shown in the file and the message). */
  replay?: string;
  /** Steps that set the run's start up (they come before the commands' steps). */
  prelude?: string[];
  /** Steps the property runs after the commands (e.g. syncs to quiet). */
  epilogue?: string[];
}

/** The steps of a counterexample: each command that ran, as its `toString()` (a scenario step in flow-style YAML). */
export function counterexampleSteps(counterexample: readonly unknown[]): string[] {
  const steps: string[] = [];
  for (const value of counterexample) {
    if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
      for (const c of value as Iterable<{ hasRan?: boolean; toString(): string }>) {
        if (c.hasRan === false) continue;
        steps.push(String(c));
      }
    }
  }
  return steps;
}

/**
 * The shrunk command sequence as a scenario file (scenarios/README.md): steps are the commands' `toString()`; an
 * application call no scenario action covers is a `#` comment line in its place.
 */
export function counterexampleScenario(
  name: string,
  details: { seed: number; path: string | undefined; error: string; replay?: string },
  steps: readonly string[],
  world?: Record<string, unknown>,
): string {
  const header = [
    `# Counterexample of the property "${name}" (shrunk by fast-check).`,
    `# seed: ${details.seed}   path: ${details.path ?? '(none)'}`,
    ...(details.replay ? [`# replay: ${details.replay}`] : []),
    ...details.error
      .split('\n')
      .slice(0, 12)
      .map((l) => `# ${l}`),
  ];
  const head = stringify({
    name: `counterexample: ${name}`,
    seed: `${name}-${details.seed}`,
    tags: ['counterexample', 'property'],
    ...(world ? { world } : {}),
  });
  const body = steps
    .flatMap((s) => s.split('\n'))
    .map((s) => (s.startsWith('#') || s.startsWith('- ') ? `  ${s}` : `  - ${s}`))
    .join('\n');
  return `${header.join('\n')}\n${head}steps:\n${body}\n`;
}

/**
 * `fc.assert` with a report a person can act on: on failure it prints the seed and path and writes the shrunk
 * commands as a scenario YAML file, then throws fast-check's message with the file named.
 */
export async function assertWithCounterexample<T>(
  property: fc.IAsyncProperty<T> | fc.IProperty<T>,
  params: fc.Parameters<T>,
  opts: CounterexampleOptions,
): Promise<void> {
  const out = await fc.check(property as fc.IAsyncProperty<T>, params);
  if (!out.failed) return;
  const cause = out.errorInstance instanceof Error ? out.errorInstance.message : String(out.errorInstance);
  const message = `${fc.defaultReportMessage(out) ?? 'property failed'}\n${cause}`;
  let written = '';
  if (out.counterexample) {
    const steps = counterexampleSteps(out.counterexample as unknown as unknown[]);
    // A run that fails with no command at all still reproduces with the prelude and epilogue around it.
    if (steps.length || opts.prelude?.length || opts.epilogue?.length) {
      const dir =
        opts.dir ?? process.env['QBD_COUNTEREXAMPLE_DIR'] ?? path.join(process.cwd(), '.qbd-sim', 'counterexamples');
      mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `${opts.name}-${out.seed}.yaml`);
      writeFileSync(
        file,
        counterexampleScenario(
          opts.name,
          {
            seed: out.seed,
            path: out.counterexamplePath ?? undefined,
            error: cause,
            ...(opts.replay ? { replay: opts.replay } : {}),
          },
          [...(opts.prelude ?? []), ...steps, ...(opts.epilogue ?? [])],
          opts.world,
        ),
      );
      written = `\nThe shrunk run as a scenario: ${file}`;
    }
  }
  const replay = `\nReplay: QBD_PROPERTY_SEED=${out.seed} QBD_PROPERTY_PATH="${out.counterexamplePath ?? ''}"${
    opts.replay ? ` ${opts.replay}` : ''
  }`;
  throw new Error(`${message}${replay}${written}`);
}
