import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `condition` until it holds or `timeoutMs` passes (real time). */
export async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition() && performance.now() < deadline) await sleep(2);
}
