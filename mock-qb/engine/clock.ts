/** A callback scheduled on a {@link Clock}. */
export interface ClockTimer {
  cancel(): void;
}

/**
 * Time for one QuickBooks host. Every timestamp the host writes (TimeCreated, EditSequence,
 * iterator and certificate expiry, QBWC schedules) comes from here, so tests can drive it.
 */
export interface Clock {
  readonly kind: 'system' | 'manual';
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Runs `fn` once when the clock reaches `atMs` (immediately on the next advance if already past). */
  at(atMs: number, fn: () => void): ClockTimer;
}

/** The real clock: `Date.now()` and real timers (unref'ed, so they never keep a process alive). */
export class SystemClock implements Clock {
  readonly kind = 'system' as const;
  now(): number {
    return Date.now();
  }
  at(atMs: number, fn: () => void): ClockTimer {
    const handle = setTimeout(fn, Math.max(0, atMs - Date.now()));
    handle.unref?.();
    return { cancel: () => clearTimeout(handle) };
  }
}

interface PendingTimer {
  atMs: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A virtual clock that moves only when told to; timers fire in time order as it passes them. */
export class ManualClock implements Clock {
  readonly kind = 'manual' as const;
  #now: number;
  #timers: PendingTimer[] = [];
  #seq = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  at(atMs: number, fn: () => void): ClockTimer {
    const timer: PendingTimer = { atMs, seq: this.#seq++, fn, cancelled: false };
    this.#timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
      },
    };
  }

  /** Moves time forward by `ms` (≥ 0), firing due timers in order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance the clock by ${ms} ms`);
    this.set(this.#now + ms);
  }

  /** Sets the time (never backwards), firing due timers in order. */
  set(ms: number): void {
    if (!Number.isFinite(ms) || ms < this.#now) throw new RangeError('the clock cannot go backwards');
    for (;;) {
      const due = this.#timers
        .filter((t) => !t.cancelled && t.atMs <= ms)
        .sort((a, b) => a.atMs - b.atMs || a.seq - b.seq)[0];
      if (!due) break;
      due.cancelled = true;
      this.#now = Math.max(this.#now, due.atMs);
      due.fn();
    }
    this.#timers = this.#timers.filter((t) => !t.cancelled);
    this.#now = ms;
  }
}
