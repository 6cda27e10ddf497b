/**
 * Time for the fake AP cloud. Every timestamp the cloud writes (heartbeats, key issue times) comes from
 * here, so tests can drive it. The cloud's clock is its own: it is not the mock QuickBooks host's clock.
 */
export interface CloudClock {
  readonly kind: 'system' | 'manual';
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

/** The real clock (the default of `qbd-sim cloud serve`). */
export class SystemCloudClock implements CloudClock {
  readonly kind = 'system' as const;
  now(): number {
    return Date.now();
  }
}

/** A virtual clock that moves only when told to (tests). */
export class ManualCloudClock implements CloudClock {
  readonly kind = 'manual' as const;
  #now: number;

  constructor(start: number | string) {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
    if (!Number.isFinite(this.#now)) throw new RangeError(`not a time: ${String(start)}`);
  }

  now(): number {
    return this.#now;
  }

  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.#now += ms;
  }
}
