import type { ChangeSignal } from './change-signal.js';

/** One line of a connector's status channel (`{"ts","company","status","detail"}`), as the harness reads it. */
export interface ConnectorStatusRecord {
  ts: string;
  /** The company file's path as the connector names it. */
  company: string;
  /** The tray status, e.g. `Connected to Server`, `Unable to open QuickBooks file`. */
  status: string;
  detail: { hresult?: string; message?: string; reason?: string; [key: string]: unknown };
}

/** Where the connector under test reaches QuickBooks and the cloud, and which company files it serves. */
export interface ConnectorEnvironment {
  transport: 'rp2' | 'qbwc';
  /** The mock's base URL (`--bridge`). */
  bridgeUrl: string;
  /** The cloud's URL (served) or origin (in process). */
  cloudUrl: string;
  /** In process: how the connector's cloud requests are answered (a connector in this process only). */
  cloudFetch?: typeof fetch;
  companies: string[];
  /** A fresh directory the connector may keep its state in. */
  stateDir: string;
  /** The application name QuickBooks lists (default `AP Connector`). */
  appName?: string;
  /** rp2: the BeginSession file mode the connector asks for (default `qbFileOpenDoNotCare`). */
  fileMode?: 'qbFileOpenDoNotCare' | 'qbFileOpenSingleUser' | 'qbFileOpenMultiUser';
  /** The machine on the bridge (rp2). */
  machine?: string;
}

/** What the Web Connector needs to add a QBWC connector's company file: the `.qwc` and its password. */
export interface QbwcAppInfo {
  qwcXml: string;
  password: string;
}

/**
 * How the harness drives a connector: the scenario steps `connector: start | exit | token | sync-now` and its status
 * channel. Implementations: {@link ProcessConnectorAdapter} (any program with a CLI), {@link InProcessConnectorAdapter}
 * (the reference connector as a library).
 */
export interface ConnectorAdapter {
  /** A short description for failure output (`ap-connector (process)`). */
  readonly description: string;
  /** Starts the connector (returns once it runs; it may still be waiting on QuickBooks). */
  start(): Promise<void>;
  /** Exits it cleanly (tray icon → Exit); a no-op when it does not run. */
  exit(): Promise<void>;
  /** Enters a company file's token key. */
  setToken(company: string, tokenKey: string): Promise<void>;
  /** Asks for a sync cycle now (of one company file, or all). */
  syncNow(company?: string): Promise<void>;
  /** Every status record seen so far, oldest first (all runs of this adapter). */
  records(): readonly ConnectorStatusRecord[];
  /** Processes started so far (the connector and each of its commands); 0 for a connector in this process. */
  readonly processesStarted: number;
  /** Notified when a status record arrives or the connector stops. */
  readonly changes: ChangeSignal;
  /** Whether the connector runs. */
  running(): boolean;
  /** QBWC transport: the `.qwc` and password of a company file. */
  qbwcApp?(company: string): Promise<QbwcAppInfo>;
  /** The last lines of the connector's diagnostics (stderr / log), for failure output. */
  diagnostics(): string;
  /** Stops whatever still runs (kills a process) and frees the state directory. */
  dispose(): Promise<void>;
}
