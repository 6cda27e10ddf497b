import path from 'node:path';
import type { WorkResult } from '../protocol/ap-cloud-contract.js';
import { stateFiles } from './state-files.js';

/**
 * Where a write to QuickBooks stands:
 *
 * - `sending`: about to be sent, or sent without an answer (a crash, a lost connection, a dropped QBWC update). The
 *   write may or may not be in QuickBooks: before sending it again the connector **looks** for its mark.
 * - `written`: QuickBooks answered with the record's id (`qbId`); the connector's private mark may still be missing.
 * - `answered`: the result for the cloud is decided (ok, conflict or QuickBooks' error) and waits to be posted.
 */
export type OutboxPhase = 'sending' | 'written' | 'answered';

/** One piece of work in flight. */
export interface OutboxEntry {
  key: string;
  kind: WorkResult['kind'];
  cloudId: string;
  phase: OutboxPhase;
  /** The ExternalGUID the write carries (its atomic mark). */
  externalGuid?: string;
  /** ListID / TxnID once QuickBooks answered. */
  qbId?: string;
  /** The result to post (phase `answered`). */
  result?: WorkResult;
  /** Times this entry was sent to QuickBooks. */
  attempts: number;
  updatedAt: string;
}

/**
 * The outbox of work in flight for one company file (`companies/<key>/outbox.json`), written durably **before** a
 * write goes to QuickBooks and after each answer, so that a crash at any point leaves a record of what may be in
 * QuickBooks. An entry leaves the outbox when the cloud accepted its result.
 */
export class Outbox {
  readonly file: string;
  #entries: Record<string, OutboxEntry>;

  constructor(dir: string) {
    this.file = path.join(dir, 'outbox.json');
    this.#entries = stateFiles.readJson<{ entries: Record<string, OutboxEntry> }>(this.file, { entries: {} }).entries;
  }

  get(key: string): OutboxEntry | undefined {
    const e = this.#entries[key];
    return e ? structuredClone(e) : undefined;
  }

  /** Every entry. */
  list(): OutboxEntry[] {
    return Object.values(this.#entries).map((e) => structuredClone(e));
  }

  /** Records (durably) that a write is about to be sent. */
  sending(
    key: string,
    init: { kind: OutboxEntry['kind']; cloudId: string; externalGuid?: string; qbId?: string },
  ): void {
    const prev = this.#entries[key];
    this.#put({
      key,
      kind: init.kind,
      cloudId: init.cloudId,
      phase: 'sending',
      ...(init.externalGuid ? { externalGuid: init.externalGuid } : {}),
      ...((init.qbId ?? prev?.qbId) ? { qbId: init.qbId ?? prev?.qbId } : {}),
      attempts: (prev?.attempts ?? 0) + 1,
      updatedAt: new Date().toISOString(),
    });
  }

  /** QuickBooks answered with the record's id. */
  written(key: string, qbId: string): void {
    const e = this.#require(key);
    this.#put({ ...e, phase: 'written', qbId, updatedAt: new Date().toISOString() });
  }

  /** The result is decided; it waits to be posted to the cloud. */
  answered(key: string, result: WorkResult): void {
    const e = this.#require(key);
    this.#put({
      ...e,
      phase: 'answered',
      result,
      ...(result.qbId ? { qbId: result.qbId } : {}),
      updatedAt: new Date().toISOString(),
    });
  }

  /** Forgets entries whose results the cloud accepted. */
  remove(keys: readonly string[]): void {
    if (!keys.length) return;
    for (const k of keys) delete this.#entries[k];
    this.#save();
  }

  #require(key: string): OutboxEntry {
    const e = this.#entries[key];
    if (!e) throw new Error(`outbox: no entry ${key}`);
    return e;
  }

  #put(e: OutboxEntry): void {
    this.#entries[e.key] = e;
    this.#save();
  }

  #save(): void {
    stateFiles.writeJson(this.file, { entries: this.#entries }, 0o600);
  }
}
