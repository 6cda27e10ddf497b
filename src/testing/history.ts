/**
 * A history of a run as Jepsen-style records: each operation an actor (`process`) performs is an `invoke`, then an
 * `ok`, a `fail` (it did not happen) or an `info` (its outcome is unknown: a lost answer, a crash). Export it as
 * JSON (`toJSON()`) to feed a checker, or to read what happened around a failure.
 */
export interface HistoryRecord {
  index: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  process: string;
  f: string;
  value: unknown;
  /** Real time, ms since the history began. */
  time: number;
}

export class History {
  readonly records: HistoryRecord[] = [];
  readonly #start = performance.now();
  #open = new Map<number, { process: string; f: string }>();

  /** An operation begins; returns its handle for {@link ok}, {@link fail} or {@link info}. */
  invoke(process: string, f: string, value: unknown = null): number {
    const index = this.#push('invoke', process, f, value);
    this.#open.set(index, { process, f });
    return index;
  }
  ok(op: number, value: unknown = null): void {
    this.#complete(op, 'ok', value);
  }
  fail(op: number, value: unknown = null): void {
    this.#complete(op, 'fail', value);
  }
  /** The outcome is unknown (applied zero or one times). */
  info(op: number, value: unknown = null): void {
    this.#complete(op, 'info', value);
  }

  /** Runs `fn` as one operation: `ok` with its result, `fail` with its error (rethrown). */
  async run<T>(process: string, f: string, value: unknown, fn: () => Promise<T>): Promise<T> {
    const op = this.invoke(process, f, value);
    try {
      const result = await fn();
      this.ok(op, result ?? null);
      return result;
    } catch (error) {
      this.fail(op, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  toJSON(): HistoryRecord[] {
    return this.records;
  }

  #complete(op: number, type: 'ok' | 'fail' | 'info', value: unknown): void {
    const open = this.#open.get(op);
    if (!open) throw new Error(`history: operation ${op} is not open`);
    this.#open.delete(op);
    this.#push(type, open.process, open.f, value);
  }

  #push(type: HistoryRecord['type'], process: string, f: string, value: unknown): number {
    const index = this.records.length;
    this.records.push({ index, type, process, f, value, time: Math.round(performance.now() - this.#start) });
    return index;
  }
}
