// Run settings of the property suites: fixed seeds and bounded runs in `npm test` (CI), random seeds and long runs in
// `npm run test:soak` (QBD_SOAK=1). QBD_PROPERTY_SEED / QBD_PROPERTY_PATH replay one failure; QBD_PROPERTY_RUNS
// overrides the number of runs.
import type fc from 'fast-check';
import { assertWithCounterexample, type CounterexampleOptions } from '../../src/testing/index.js';

export interface PropertySettings {
  seed: number;
  numRuns: number;
  path?: string;
  endOnFailure?: boolean;
  /** Stop generating (and shrinking) after this many ms; what was found so far is reported. */
  interruptAfterTimeLimit?: number;
}

const SOAK_FACTOR = 20;

/** `npm run test:soak`: random seeds, more runs, longer command sequences. */
export const SOAK = process.env['QBD_SOAK'] === '1';

/** The fixed seed of a suite (a hash of its name), or a random one when soaking, or the one asked for. */
export function propertySettings(name: string, defaults: { numRuns: number }): PropertySettings {
  const soak = process.env['QBD_SOAK'] === '1';
  const seedEnv = process.env['QBD_PROPERTY_SEED'];
  const seed = seedEnv ? Number(seedEnv) : soak ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : hash(name);
  const runsEnv = process.env['QBD_PROPERTY_RUNS'];
  const numRuns = runsEnv ? Number(runsEnv) : soak ? defaults.numRuns * SOAK_FACTOR : defaults.numRuns;
  const path = process.env['QBD_PROPERTY_PATH'];
  return { seed, numRuns, ...(path ? { path } : {}) };
}

/** `fc.assert` that, on failure, prints seed and path and writes the shrunk commands as a scenario YAML file. */
export async function assertProperty<T>(
  name: string,
  property: fc.IAsyncProperty<T> | fc.IProperty<T>,
  settings: PropertySettings,
  opts: Omit<CounterexampleOptions, 'name'> = {},
): Promise<void> {
  await assertWithCounterexample(property, settings, { name, ...opts });
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
}
