import type { TranscriptSink } from '../../src/protocol/transcript-format.js';
import type { QbwcCode } from '../../src/protocol/qbwc-codes.js';
import type { QbwcOperation } from '../../src/protocol/qbwc-soap.js';
import type { QwcFile } from '../../src/protocol/qwc-file.js';
import type { QwcLogLevel } from './qwc-log.js';

/** Options of one fake Web Connector (one per QuickBooks host). */
export interface WebConnectorOptions {
  /** The QBWC version sent in `clientVersion` (default `2.3.0.36`). */
  version?: string;
  /** QWCLog level (default VERBOSE). */
  logLevel?: QwcLogLevel;
  /** QWCLog lines kept (default 20,000). */
  logMaxLines?: number;
  /** Timeout of one SOAP call, real time (default 100,000 ms: .NET's SoapHttpClientProtocol default). */
  timeoutMs?: number;
  /** Guard against sessions that never end: most `sendRequestXML` rounds in one update (default 10,000). */
  maxRequestRounds?: number;
  /** Guard: most `connectionError` calls in one update (default 20). */
  maxConnectionErrors?: number;
  /** How long `NoOp` waits before asking again, on the host clock (default 5,000 ms, facts §5.2). */
  noOpDelayMs?: number;
  /** What the person at QBWC answers to a `W:` clientVersion warning (default `continue`). */
  clientVersionWarning?: 'continue' | 'cancel';
  /** The code-signing certificate QuickBooks sees for QBWC (default `CN=Intuit Inc.`, valid). */
  certificate?: { subject?: string; status?: 'valid' | 'expired' | 'revoked' | 'invalid' | 'none'; expires?: string };
  /**
   * What the person at QBWC answers when a manual update's first BeginSession fails and QBWC shows its retry dialog
   * (QuickBooks' message; "QuickBooks is not running" when it is not): `retry` (default) or `cancel` (QBWC1009), or
   * a function that plays the person — it may start QuickBooks and open the file before it answers `retry`.
   * Scheduled (Auto-Run) updates show no dialog: nobody is there to answer it.
   */
  connectRetry?: 'retry' | 'cancel' | ((prompt: QbwcDialogRecord) => 'retry' | 'cancel' | Promise<'retry' | 'cancel'>);
  /**
   * The person at QBWC in interactive mode (`getLastError` answered `Interactive mode`): `wait` (default; works in the
   * browser, QBWC polls `interactiveDone` until the service answers `Done`) or `reject` (closes the window:
   * `interactiveRejected`), or a function asked before each poll.
   */
  interactive?:
    'wait' | 'reject' | ((state: { url: string; poll: number }) => 'wait' | 'reject' | Promise<'wait' | 'reject'>);
  /**
   * HTTP cookies a service sets (an ASP.NET `[WebMethod(EnableSession = true)]` service keeps its conversation in
   * `ASP.NET_SessionId`): `per-update` (default — QBWC builds a new client, with a new CookieContainer, per update),
   * `per-application` (kept across the application's updates until it is removed or QBWC closes) or `none`.
   */
  cookies?: 'per-update' | 'per-application' | 'none';
  /** Between two `interactiveDone` polls, on the host clock (default 5,000 ms; UNCONFIRMED). */
  interactivePollMs?: number;
  /** Interactive mode gives up after this long on the host clock: `interactiveRejected` (default 20 minutes; UNCONFIRMED). */
  interactiveTimeoutMs?: number;
  /** Longest string kept per value in an update's call record (default 4,096 characters). */
  recordValueChars?: number;
  /** Finished updates kept for {@link WebConnector.updates} (default 100; the oldest go first). */
  historySize?: number;
  /**
   * Called around every SOAP call the fake QBWC makes to a service, with the call and a function that makes it:
   * a transcript recorder calls `send()` and notes the outcome; `qbd-sim replay` answers from the recording instead.
   */
  soapExchange?: TranscriptSink['soapExchange'];
}

/** A dialog the Web Connector showed its user during an update (retry prompts, the second-attempt failure). */
export interface QbwcDialogRecord {
  code: QbwcCode;
  /** The lines of the dialog, the headline first (QuickBooks' message after it). */
  lines: string[];
  /** The HRESULT of the failed BeginSession. */
  hresult: string;
  /** QuickBooks was not running (0x80040416): the dialog says so and asks to start it. */
  quickBooksNotRunning: boolean;
  /** The button pressed: `retry`/`cancel` for the retry prompt, `ok` for a message. */
  answer: 'retry' | 'cancel' | 'ok';
  at: string;
}

/** A `.qwc` registered in the fake QBWC, as the control API shows it (never the password). */
export interface QwcAppState {
  appName: string;
  qwc: QwcFile;
  /** The company file that was open when the application was added (where its FileID was stamped). */
  companyFile: string;
  hasPassword: boolean;
  autoRun: boolean;
  /** The update interval in seconds (the `.qwc` Scheduler, or what the user set); null = none. */
  intervalSeconds: number | null;
  /** The floor an `authenticate` answer raised the interval to, in seconds (auto-run only). */
  minIntervalSeconds: number | null;
  /** When the next scheduled update is due (host clock, ISO), or null. */
  nextRunAt: string | null;
  /** The application's Status column in QBWC. */
  status: string;
  lastResult: UpdateResult | null;
}

/**
 * How one update ended:
 * `ok` (100 reached), `no-data` (`none`), `busy`, `invalid-user` (`nvu`), `interactive` (interactive mode ended with
 * `interactiveDone` "Done"), `cancelled` (interactive mode rejected or timed out, a clientVersion `W:` cancelled, or `O:`; QBWC1009), `error` (a QBWC error code), `stopped`
 * (qbd-sim's guard against endless sessions).
 */
export type UpdateOutcome =
  'ok' | 'no-data' | 'busy' | 'invalid-user' | 'interactive' | 'cancelled' | 'error' | 'stopped';

/** One SOAP call of an update, as sent and answered (the password masked, long values shortened). */
export interface SoapCallRecord {
  operation: QbwcOperation;
  args: Record<string, string | number | null>;
  ok: boolean;
  result?: unknown;
  /** The .NET message of a failed call. */
  error?: string;
  httpStatus: number | null;
  /** Host clock time of the call (ISO). */
  at: string;
}

/** The result of one update of one application ("Update Selected" gives one per application). */
export interface UpdateResult {
  appName: string;
  outcome: UpdateOutcome;
  /** The text QBWC shows in the application's Status column. */
  status: string;
  qbwcCode: QbwcCode | null;
  /** Every line QBWC shows for an error, the headline first ([] when none). */
  lines: string[];
  trigger: 'manual' | 'scheduled';
  /** The service's ticket from `authenticate`, or null. */
  ticket: string | null;
  /** The company file of the QuickBooks session, or null when none was opened. */
  companyFile: string | null;
  /** Requests received from `sendRequestXML` and passed to QuickBooks. */
  requests: number;
  /** The last percentage `receiveResponseXML` returned, or null. */
  percentDone: number | null;
  /** `authenticate` [2] postpone seconds, and [3] minimum interval seconds (null when absent). */
  postponeSeconds: number | null;
  minIntervalSeconds: number | null;
  /** Dialogs QBWC showed during the update (manual updates only; [] when none). */
  dialogs?: QbwcDialogRecord[];
  /** getInteractiveURL's answer after `Interactive mode`. */
  interactiveUrl?: string;
  /** Interactive mode ended by the person or a timeout: the reason sent and the service's answer. */
  interactiveRejected?: { reason: string; answer: string };
  /** The error text `getLastError` returned, when the update ended on it. */
  lastError?: string;
  /**
   * qbd-sim's own refusal that ended the update, e.g. `QBDSIM_ERR_TOO_LARGE` for a request from the service over the
   * simulator's limits (a failure of the service, not of QuickBooks or QBWC).
   */
  simError?: { code: string; message: string };
  calls: SoapCallRecord[];
  startedAt: string;
  endedAt: string;
}

/** A finished update in the Web Connector's history, numbered in the order updates ended (from 1). */
export interface UpdateHistoryEntry {
  seq: number;
  result: UpdateResult;
}

/** What {@link WebConnector.updates} answers: the updates that ended after `since`, and the last number given. */
export interface UpdateHistory {
  updates: UpdateHistoryEntry[];
  /** The sequence number of the newest update ended so far (0 = none); pass it as `since` next time. */
  last: number;
}

/**
 * One Web Connector's applications and settings at one moment (what a mock snapshot keeps of it). Never passwords:
 * they are what the user typed into QBWC, kept in memory only.
 */
export interface WebConnectorSnapshot {
  host: string;
  logLevel: QwcLogLevel;
  apps: {
    qwc: QwcFile;
    companyFile: string;
    autoRun: boolean;
    intervalSeconds: number | null;
    minIntervalSeconds: number | null;
    /** When the next scheduled update is due (host clock, ms), or null. */
    nextDue: number | null;
    status: string;
    lastResult: UpdateResult | null;
  }[];
}

/** The result of "Update Selected". */
export interface UpdateSelectedResult {
  results: UpdateResult[];
  /** QBWC1017 when some application failed, else null. */
  qbwcCode: QbwcCode | null;
  /** QBWC1017's headline and the failed applications' names. */
  lines: string[];
}
