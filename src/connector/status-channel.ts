import path from 'node:path';
import type { ConnectorStatus, StatusDetail, StatusRecord } from './connector-status.js';
import { normalizeCompanyPath, stateFiles } from './state-files.js';

/** Listener of status changes (in-process harnesses). */
export type StatusListener = (record: StatusRecord) => void;

/**
 * The status channel a harness (or a tray) reads: one JSON line per change on the output (stdout in the CLI),
 * `{"ts","company","status","detail"}`, and the same record in the state directory — appended to `status.jsonl`,
 * and the latest per company file in `status.json`. A record equal to the company's last one (same status and
 * detail) is not repeated.
 */
export class StatusChannel {
  readonly logFile: string;
  readonly latestFile: string;
  readonly #write: (line: string) => void;
  readonly #latest = new Map<string, StatusRecord>();
  readonly #history: StatusRecord[] = [];
  /** Company files that have had a record in this run. */
  readonly #emitted = new Set<string>();
  readonly #listeners = new Set<StatusListener>();

  constructor(stateDir: string, write: (line: string) => void) {
    this.logFile = path.join(stateDir, 'status.jsonl');
    this.latestFile = path.join(stateDir, 'status.json');
    this.#write = write;
    const saved = stateFiles.readJson<{ companies?: Record<string, StatusRecord> }>(this.latestFile, {});
    for (const r of Object.values(saved.companies ?? {})) this.#latest.set(normalizeCompanyPath(r.company), r);
  }

  /** Emits a status for a company file (no-op when it equals the last one). Returns the record, or undefined. */
  emit(company: string, status: ConnectorStatus, detail: StatusDetail = {}): StatusRecord | undefined {
    const key = normalizeCompanyPath(company);
    const clean = cleanDetail(detail);
    const last = this.#latest.get(key);
    // Repeats are dropped only within this run: a restarted connector says where it stands again.
    if (last && this.#emitted.has(key) && last.status === status && sameDetail(last.detail, clean)) return undefined;
    this.#emitted.add(key);
    const record: StatusRecord = { ts: new Date().toISOString(), company, status, detail: clean };
    this.#latest.set(key, record);
    this.#history.push(record);
    this.#write(`${JSON.stringify(record)}\n`);
    stateFiles.appendLine(this.logFile, JSON.stringify(record));
    stateFiles.writeJson(this.latestFile, {
      companies: Object.fromEntries([...this.#latest].map(([, r]) => [r.company, r])),
    });
    for (const l of this.#listeners) l(record);
    return record;
  }

  /** The last status of a company file (this run or the last one's), or undefined. */
  current(company: string): StatusRecord | undefined {
    return this.#latest.get(normalizeCompanyPath(company));
  }

  /** The records emitted by this run, oldest first. */
  history(company?: string): StatusRecord[] {
    const key = company === undefined ? undefined : normalizeCompanyPath(company);
    return this.#history.filter((r) => key === undefined || normalizeCompanyPath(r.company) === key);
  }

  /** Calls `listener` with each new record; returns the unsubscribe function. */
  subscribe(listener: StatusListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

function cleanDetail(detail: StatusDetail): StatusDetail {
  const out: StatusDetail = {};
  if (detail.hresult !== undefined) out.hresult = detail.hresult;
  if (detail.message !== undefined) out.message = detail.message;
  if (detail.reason !== undefined) out.reason = detail.reason;
  return out;
}

function sameDetail(a: StatusDetail, b: StatusDetail): boolean {
  return a.hresult === b.hresult && a.message === b.message && a.reason === b.reason;
}
