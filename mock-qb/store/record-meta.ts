import type Database from 'better-sqlite3';

/** The company's counters (ids, numbers) and small named values, kept in the company file. */
export class RecordMeta {
  readonly #getCounter: Database.Statement;
  readonly #setCounter: Database.Statement;
  readonly #getMeta: Database.Statement;
  readonly #setMeta: Database.Statement;

  constructor(db: Database.Database) {
    this.#getCounter = db.prepare('SELECT value FROM qbx_counter WHERE name = ?');
    this.#setCounter = db.prepare(
      'INSERT INTO qbx_counter (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value',
    );
    this.#getMeta = db.prepare('SELECT value FROM qbx_meta WHERE key = ?');
    this.#setMeta = db.prepare(
      'INSERT INTO qbx_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
  }

  /** The counter's last value, or undefined before its first use. */
  counter(name: string): number | undefined {
    return (this.#getCounter.get(name) as { value: number } | undefined)?.value;
  }

  setCounter(name: string, value: number): void {
    this.#setCounter.run(name, value);
  }

  /**
   * Takes `count` consecutive values of a counter and returns the first: `start` on its first use, else one past its
   * last value.
   */
  next(name: string, start: number, count = 1): number {
    const last = this.counter(name);
    const value = last === undefined ? start : last + 1;
    this.setCounter(name, value + count - 1);
    return value;
  }

  /** A named value, or undefined. */
  get(key: string): string | undefined {
    return (this.#getMeta.get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.#setMeta.run(key, value);
  }
}
