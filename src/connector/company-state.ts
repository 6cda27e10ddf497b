import path from 'node:path';
import { stateFiles } from './state-files.js';
import type { Watermark } from './watermark.js';

/** The lists synchronized incrementally, each with its own watermark. */
export type WatermarkKind = 'vendors' | 'accounts' | 'terms' | 'bills' | 'billPaymentChecks' | 'billPaymentCreditCards';

/** What the connector keeps about one company file between cycles (and restarts). */
export interface CompanyStateData {
  company: string;
  /** The file id the cloud knows this company file by (the QBWC FileID, or the GUID stamped on the Company). */
  fileId?: string;
  /** RP2: the GUID chosen before the first hello, stamped on the Company once the cloud accepted the token. */
  candidateFileId?: string;
  /** Private data extension definitions known to exist in the file (DataExtDefAdd is sent once). */
  definitions: string[];
  /** Newest TimeModified seen per list, as QuickBooks wrote it (see watermark.ts). */
  watermarks: Partial<Record<WatermarkKind, Watermark>>;
  /** Cloud bill id → the TxnID of the bill the connector entered for it (payments apply to it). */
  billTxnIds: Record<string, string>;
  /** QBWC: the credentials the Web Connector authenticates with for this file. */
  qbwc?: { userName: string; password: string };
  /** When the last cycle completed (the connector's clock) — QBWC answers `none` until the interval passed. */
  lastSyncAt?: string;
}

/**
 * One company file's durable state: `companies/<key>/state.json` in the state directory (mode 0600: it holds the
 * QBWC password). Every change is written at once, atomically.
 */
export class CompanyState {
  readonly file: string;
  #data: CompanyStateData;

  constructor(
    readonly dir: string,
    company: string,
  ) {
    this.file = path.join(dir, 'state.json');
    const loaded = stateFiles.readJson<Partial<CompanyStateData>>(this.file, {});
    this.#data = {
      company,
      definitions: [],
      watermarks: {},
      billTxnIds: {},
      ...loaded,
    };
    this.#data.company = company;
  }

  /** A copy of the state. */
  get data(): Readonly<CompanyStateData> {
    return structuredClone(this.#data);
  }

  /** Changes the state and writes it durably. */
  update(change: (data: CompanyStateData) => void): void {
    const next = structuredClone(this.#data);
    change(next);
    stateFiles.writeJson(this.file, next, 0o600);
    this.#data = next;
  }
}
