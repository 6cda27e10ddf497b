import type { QBFileModeName } from '../protocol/rp2-enums.js';

/** The connector's OwnerID: one GUID for the product (private data extensions, the `.qwc`). */
export const AP_CONNECTOR_OWNER_ID = '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}';

/** The name QuickBooks lists the connector under (Integrated Applications). */
export const AP_CONNECTOR_APP_NAME = 'AP Connector';

/** The connector's version (hello, serverVersion). */
export const AP_CONNECTOR_VERSION = '0.1.0';

/** Default sync interval: five minutes, real time. */
export const DEFAULT_INTERVAL_MS = 5 * 60_000;

/** Everything an {@link ApConnector} runs with (the CLI's `start` options). */
export interface ApConnectorOptions {
  /** The state directory: token keys (0600), watermarks, outbox, status file, `.qwc` files. Created if missing. */
  stateDir: string;
  /** `rp2` (default): the connector calls the QBXMLRP2 bridge. `qbwc`: it serves the Web Connector. */
  transport?: 'rp2' | 'qbwc';
  /** RP2: the bridge (`http://host:port`). */
  bridgeUrl?: string;
  /** The AP cloud's origin. */
  cloudUrl: string;
  /** How cloud requests are sent (default: the global `fetch`); a test harness may answer them in process. */
  cloudFetch?: typeof fetch;
  /** The company files (Windows paths), one token key each. */
  companies: string[];
  /** RP2: time between cycles (real time). QBWC: the `.qwc` Scheduler, and how long `authenticate` answers `none`. */
  intervalMs?: number;
  /** RP2: BeginSession's file mode (default `qbFileOpenDoNotCare`). */
  fileMode?: QBFileModeName;
  /** The application name QuickBooks authorizes (default `AP Connector`; QBWC adds the company file's name). */
  appName?: string;
  appId?: string;
  /** OwnerID of the private data extensions and the `.qwc` (default {@link AP_CONNECTOR_OWNER_ID}). */
  ownerId?: string;
  /** RP2: the machine on the bridge (a bridge serving several). */
  machine?: string;
  /** RP2: the code-signing certificate subject a simulated bridge reports (default `CN=AP Connector`). */
  certificateSubject?: string;
  /** RP2: when that certificate expires (ISO date; default: not reported). QuickBooks compares it with its clock. */
  certificateExpires?: string;
  qbwc?: {
    /** Interface the SOAP service listens on (default 127.0.0.1). */
    host?: string;
    /** Port (default 0: any free port; written to the state directory's control file and the `.qwc`). */
    port?: number;
    /** The AppURL written in the `.qwc` (default `http://localhost:PORT/qbwc`; QBWC wants HTTPS elsewhere). */
    publicUrl?: string;
    /** `authenticate`'s answer when there is work: the company path (default) or `""` (the open file). */
    companyAnswer?: 'path' | 'open-file';
    /** A session QBWC stops calling is given up after this long (default 10 minutes). */
    idleTimeoutMs?: number;
  };
  /** Iterator page size (default 100). */
  pageSize?: number;
  /** Per cloud call (default 30 s). */
  cloudTimeoutMs?: number;
  /** Where status lines go (default: stdout). */
  output?: (line: string) => void;
  /** Diagnostics (default: stderr). Never receives token keys or passwords. */
  log?: (line: string) => void;
  /** Serve the local control port (`exit`, `sync-now`, `token set` of a running instance); the CLI turns it on. */
  control?: boolean;
  /** RP2: run a first cycle at start (default true). */
  runOnStart?: boolean;
}

/** `90s`, `5m`, `2h`, `1500ms`, or a number of seconds → milliseconds; throws on anything else. */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new Error(`"${value}" is not a duration such as 90s, 5m, 2h or 1500ms`);
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms < 1) throw new Error(`"${value}" is not longer than 0`);
  return ms;
}

/** The environment variables `ap-connector start` reads when no flag says otherwise. */
export const AP_CONNECTOR_ENV = {
  certificateExpires: 'AP_CONNECTOR_CERTIFICATE_EXPIRES',
  qbwcCompanyAnswer: 'AP_CONNECTOR_QBWC_COMPANY_ANSWER',
} as const;

/** What the connector's environment sets (see {@link AP_CONNECTOR_ENV}). */
export interface ConnectorEnvironmentOptions {
  certificateExpires?: string;
  qbwcCompanyAnswer?: 'path' | 'open-file';
}

/**
 * Reads {@link AP_CONNECTOR_ENV} from an environment: the options, or the message for a value that cannot be used.
 * Empty values count as unset.
 */
export function connectorEnvironmentOptions(
  env: Readonly<Record<string, string | undefined>>,
): { options: ConnectorEnvironmentOptions } | { error: string } {
  const answer = env[AP_CONNECTOR_ENV.qbwcCompanyAnswer] || undefined;
  const expires = env[AP_CONNECTOR_ENV.certificateExpires] || undefined;
  if (answer !== undefined && answer !== 'path' && answer !== 'open-file')
    return { error: `${AP_CONNECTOR_ENV.qbwcCompanyAnswer} must be path or open-file, not "${answer}"` };
  if (expires !== undefined && Number.isNaN(Date.parse(expires)))
    return { error: `${AP_CONNECTOR_ENV.certificateExpires} "${expires}" is not a date` };
  return {
    options: {
      ...(expires ? { certificateExpires: expires } : {}),
      ...(answer ? { qbwcCompanyAnswer: answer } : {}),
    },
  };
}
