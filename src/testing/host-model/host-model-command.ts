import type { AsyncCommand } from 'fast-check';
import type { HostModelState } from './host-model.js';
import type { HostUnderTest } from './host-real.js';

/** The model side of a run: the state the model predicts. */
export interface HostModelBox {
  state: HostModelState;
}

/** A command of the host model: `toString()` is the matching scenario YAML step (one line, flow style). */
export type HostModelCommand = AsyncCommand<HostModelBox, HostUnderTest>;

/** Fails when the engine and the model disagree, with both sides. */
export function assertAgrees(what: string, predicted: unknown, actual: unknown): void {
  const p = JSON.stringify(predicted);
  const a = JSON.stringify(actual);
  if (p !== a) throw new Error(`host model disagrees on ${what}:\n  model:  ${p}\n  engine: ${a}`);
}

/** After each step the engine's state must be the model's (the background owner is the model's own bookkeeping). */
export function assertSameState(model: HostModelState, real: HostUnderTest): void {
  const expected = { ...model, backgroundOwner: null };
  assertAgrees('the host state', expected, real.observe());
}

/** File names as a scenario writes them. */
export const FILE_NAME = { acme: 'Acme Supplies.QBW', beta: 'Beta Traders.QBW' } as const;
