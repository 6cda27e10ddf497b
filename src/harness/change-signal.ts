/**
 * "Something changed" for whoever polls: every {@link ChangeSignal.next} promise pending when
 * {@link ChangeSignal.notify} runs resolves. The scenario runner waits on it between the checks of an expectation, so
 * an expectation holds as soon as the status line, journal entry or dialog it waits for arrives instead of at the next
 * tick of a fixed poll.
 *
 * @example
 * const changes = new ChangeSignal();
 * journal.subscribe(() => changes.notify());
 * await Promise.race([changes.next(), sleep(25)]); // the next change, or 25 ms, whichever comes first
 */
export class ChangeSignal {
  #pending: { promise: Promise<void>; resolve: () => void } | null = null;

  /** Resolves every waiter of the current round. */
  notify(): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve();
  }

  /** A promise for the next {@link notify}. */
  next(): Promise<void> {
    if (!this.#pending) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.#pending = { promise, resolve };
    }
    return this.#pending.promise;
  }
}
