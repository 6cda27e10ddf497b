/**
 * The QuickBooks Web Connector's error codes (facts §5.7, texts from §10.3 where they were seen in the wild). The one
 * table of QBWC codes: the fake QBWC and its control API take every code and text from here; a unit test keeps it in
 * step with the facts sheet.
 *
 * `text: 'exact'` marks a text seen in real QBWC dialogs or logs (§10.3); `'paraphrase'` a text written here from the
 * code's documented meaning, because no real text is known (say so when a user quotes it).
 */
export interface QbwcCodeInfo {
  /** What the code means, in our words (facts §5.7; §10.3 wins where they differ). */
  meaning: string;
  /** The headline QBWC shows after `QBWCnnnn: ` (placeholders in braces, e.g. `{appName}`). */
  message: string;
  text: 'exact' | 'paraphrase';
  /** Lines QBWC shows after the headline, when fixed (placeholders in braces). */
  moreLines?: readonly string[];
  /** The headline is shown without the `QBWCnnnn: ` prefix (the code follows on a later line). */
  bareHeadline?: true;
  /** Other headlines the same code is shown with, by situation. */
  variants?: Readonly<Record<string, string>>;
}

export const QBWC_CODES = {
  QBWC1000: {
    meaning: "The AppSupport URL's domain differs from the AppURL's domain; the application is not added.",
    message: 'The domain of the AppSupport URL ({appSupport}) does not match the domain of the AppURL ({appUrl}).',
    text: 'paraphrase',
  },
  QBWC1001: {
    meaning: 'The AppURL is an IP address (it must be a host name); the application is not loaded.',
    message: 'The AppURL ({appUrl}) is an IP address. The application must be given by a host name.',
    text: 'paraphrase',
  },
  QBWC1002: {
    meaning: 'The AppSupport URL is an IP address.',
    message: 'The AppSupport URL ({appSupport}) is an IP address. It must be given by a host name.',
    text: 'paraphrase',
  },
  QBWC1003: {
    meaning: 'The AppSupport URL was reached but answered an HTTP status other than 200/202.',
    message: 'The AppSupport URL answered HTTP status {status}.',
    text: 'paraphrase',
  },
  QBWC1004: {
    meaning: 'The AppSupport URL could not be reached.',
    message: 'The AppSupport URL could not be reached.',
    text: 'paraphrase',
  },
  QBWC1005: {
    meaning: 'QBWC failed to start: the log file or directory was not found or could not be created.',
    message: 'QuickBooks Web Connector could not start: the log file could not be created.',
    text: 'paraphrase',
  },
  QBWC1006: {
    meaning: 'QBWC failed to start for another reason.',
    message: 'QuickBooks Web Connector could not start.',
    text: 'paraphrase',
  },
  QBWC1007: {
    meaning: "Error connecting to QuickBooks (second attempt); shows QuickBooks' message; Retry offered.",
    message: 'Error connecting to QuickBooks.',
    text: 'paraphrase',
  },
  QBWC1008: {
    meaning: 'Unable to connect to QuickBooks on the second attempt; the task was not completed.',
    message: 'Unable to connect to QuickBooks on the second attempt.',
    text: 'paraphrase',
  },
  QBWC1009: {
    meaning: 'The first attempt to connect to QuickBooks failed and the user chose Cancel.',
    message: 'Connecting to QuickBooks failed and was cancelled.',
    text: 'paraphrase',
  },
  QBWC1010: {
    meaning: 'The AppURL is not HTTPS and not localhost (2009 QBWC; newer versions say QBWC1051).',
    message: 'The AppURL must use HTTPS unless it is on localhost.',
    text: 'paraphrase',
  },
  QBWC1011: {
    meaning: "The application is not in the registry; QBWC's view is out of sync; restart QBWC.",
    message: 'The application was not found. Restart QuickBooks Web Connector.',
    text: 'paraphrase',
  },
  QBWC1012: {
    meaning: 'Exception during the authenticate() call (server error, network, TLS, malformed SOAP, short result).',
    message: 'Authentication failed due to following error message.',
    text: 'exact',
  },
  QBWC1013: {
    meaning:
      "Error connecting to QuickBooks during an update; the service receives connectionError with QuickBooks' message.",
    message: 'Error connecting to QuickBooks. Returning error message to application.',
    text: 'exact',
  },
  QBWC1014: {
    meaning: 'Could not get or parse the Host/Company/Preferences responses.',
    message: 'Could not get the HostQuery, CompanyQuery and PreferencesQuery responses from QuickBooks.',
    text: 'paraphrase',
  },
  QBWC1015: {
    meaning: 'Exception during EndSession/CloseConnection.',
    message: 'Error ending the QuickBooks session.',
    text: 'paraphrase',
  },
  QBWC1016: {
    meaning: 'Update Selected was pressed with no application ticked.',
    message: 'No application was selected for update.',
    text: 'exact',
  },
  QBWC1017: {
    meaning: 'Multi-application update: the list of applications that failed.',
    message: 'The following applications could not be updated.',
    text: 'exact',
  },
  QBWC1018: {
    meaning: 'Select All with no applications loaded.',
    message: 'There are no applications to select.',
    text: 'paraphrase',
  },
  QBWC1019: {
    meaning: 'Select None with no applications loaded.',
    message: 'There are no applications to clear.',
    text: 'paraphrase',
  },
  QBWC1020: {
    meaning: 'Scheduled jobs exist; confirm exit.',
    message: 'Scheduled updates exist. Do you want to exit?',
    text: 'paraphrase',
  },
  QBWC1021: {
    meaning: 'Failed to determine the latest QBXMLRP version supported by the running QuickBooks.',
    message: 'Could not determine the qbXML versions the running QuickBooks supports.',
    text: 'paraphrase',
  },
  QBWC1022: {
    meaning: 'Adding an application: connecting to QuickBooks (OpenConnection/BeginSession) failed.',
    message: 'Could not connect to QuickBooks to add the application.',
    text: 'paraphrase',
  },
  QBWC1023: {
    meaning: 'Adding an application: searching the company file for the FileID failed (ProcessRequest threw).',
    message: 'Could not search the QuickBooks company file for the FileID.',
    text: 'paraphrase',
  },
  QBWC1024: {
    meaning: 'Adding an application: the FileID search answered an error status.',
    message: 'QuickBooks answered an error when searching for the FileID.',
    text: 'paraphrase',
  },
  QBWC1025: {
    meaning: 'Adding an application: closing the QuickBooks session after the FileID search failed.',
    message: 'Could not close the QuickBooks session after searching for the FileID.',
    text: 'paraphrase',
  },
  QBWC1026: {
    meaning: 'The FileID could not be added (QuickBooks status not 0; the FileID is likely in use).',
    message: 'QuickBooks could not add the FileID. The FileID may already be in use; use a different FileID.',
    text: 'paraphrase',
  },
  QBWC1027: {
    meaning: 'Exception while adding the FileID.',
    message: 'Error adding the FileID to the QuickBooks company file.',
    text: 'paraphrase',
  },
  QBWC1028: {
    meaning: 'Password encryption failure.',
    message: 'The password could not be encrypted.',
    text: 'paraphrase',
  },
  QBWC1029: {
    meaning: 'Password decryption failure.',
    message: 'The password could not be decrypted.',
    text: 'paraphrase',
  },
  QBWC1030: {
    meaning: 'No password is stored for the application.',
    message: 'No password is stored for application {appName}. Enter the password and try again.',
    text: 'paraphrase',
  },
  QBWC1031: {
    meaning:
      'The update ended with an error the application reported (getLastError, after a negative percentage or an empty request).',
    message:
      'Update completed with some error. Application has been notified of the error accordingly. See QWCLog for further information.',
    text: 'exact',
  },
  QBWC1032: {
    meaning: 'The application is not in the registry during a scheduled update.',
    message: 'The application {appName} was not found for the scheduled update.',
    text: 'paraphrase',
  },
  QBWC1033: {
    meaning: 'QWCLog.txt could not be initialised or written; QBWC will not run.',
    message: 'QWCLog.txt could not be written. QuickBooks Web Connector will not run.',
    text: 'paraphrase',
  },
  QBWC1034: {
    meaning: 'Error setting AuthFlags.',
    message: 'Error setting the AuthFlags ({authFlags}).',
    text: 'paraphrase',
  },
  QBWC1035: {
    meaning: 'Dns.Resolve(localhost) failed.',
    message: 'The name localhost could not be resolved.',
    text: 'paraphrase',
  },
  QBWC1036: {
    meaning: 'Exception in clientVersion handling (QBWC goes on: a service without clientVersion is tolerated).',
    message: 'Error calling clientVersion().',
    text: 'paraphrase',
  },
  QBWC1037: {
    meaning: 'The service returned a W: (warning) or E: (error) clientVersion message.',
    message: '{text}',
    text: 'paraphrase',
  },
  QBWC1038: {
    meaning: 'The user cancelled the master-password prompt.',
    message: 'The master password prompt was cancelled.',
    text: 'paraphrase',
  },
  QBWC1039: {
    meaning:
      'Adding an application failed: (modern) the file is already stamped with another FileID for this OwnerID; (2009) a problem adding it to the registry, e.g. the QWC misses required elements.',
    message: 'Unique OwnerID/FileID pair value required',
    text: 'exact',
    variants: {
      // The 2009 guide's meaning of the same code (paraphrased; no real text is known).
      invalidQwc: 'There was a problem adding the application. The QWC file may be missing required elements.',
    },
  },
  QBWC1040: {
    meaning: 'No valid username/password is available.',
    message: 'No valid username and password are available for application {appName}.',
    text: 'paraphrase',
  },
  QBWC1041: {
    meaning: 'Exception in sendRequestXML (SOAP fault, HTTP error, timeout, malformed or missing result).',
    message: 'SendRequestXML failed',
    text: 'exact',
  },
  QBWC1042: {
    meaning:
      'Exception in receiveResponseXML (SOAP fault, HTTP error, timeout, malformed result, non-integer percentage).',
    message: 'ReceiveResponseXML failed',
    text: 'exact',
  },
  QBWC1043: {
    meaning: 'Exception in getLastError.',
    message: 'GetLastError failed',
    text: 'paraphrase',
  },
  QBWC1044: {
    meaning: 'Exception in closeConnection.',
    message: 'CloseConnection failed',
    text: 'paraphrase',
  },
  QBWC1045: {
    meaning: 'Exception in connectionError.',
    message: 'ConnectionError failed',
    text: 'paraphrase',
  },
  QBWC1046: {
    meaning: 'clientVersion returned bad syntax.',
    message: 'The application returned an invalid clientVersion() answer: "{text}".',
    text: 'paraphrase',
  },
  QBWC1048: {
    meaning: 'Could not verify the web application server certificate (CertURL needs authentication).',
    message: 'QuickBooks Web Connector could not verify the web application server certificate.',
    text: 'exact',
  },
  QBWC1051: {
    meaning: 'Newer QBWC: the service URL is not HTTPS (and not localhost); the application is not added.',
    message: 'The application {appName} service URL is not on a secure (https) server.',
    text: 'exact',
    bareHeadline: true,
    moreLines: ['QBWC1051: The new applicaiton was not added.'],
  },
  QBWC1085: {
    meaning: 'UNCONFIRMED: no source found; never raised by qbd-sim.',
    message: 'QBWC1085',
    text: 'paraphrase',
  },
} as const satisfies Record<string, QbwcCodeInfo>;

/** A QBWC error code qbd-sim knows. */
export type QbwcCode = keyof typeof QBWC_CODES;

/** True for a code of {@link QBWC_CODES}. */
export function isQbwcCode(value: string): value is QbwcCode {
  return Object.hasOwn(QBWC_CODES, value);
}

/** The text after the placeholders of a table text are filled (`{appName}` → the value; unknown ones stay). */
export function fillQbwcText(text: string, vars: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** The headline QBWC shows for a code: `QBWC1039: Unique OwnerID/FileID pair value required`. */
export function qbwcHeadline(code: QbwcCode, vars: Record<string, string | number> = {}): string {
  return `${code}: ${fillQbwcText(QBWC_CODES[code].message, vars)}`;
}

/**
 * A failure the Web Connector shows its user: the code, the headline and the lines that follow (e.g. the .NET
 * message of the exception behind it). This is simulated QBWC behaviour, never a bug of the simulator.
 */
export class QbwcError extends Error {
  override readonly name = 'QbwcError';
  /** Every line QBWC shows, the headline first. */
  readonly lines: readonly string[];

  constructor(
    readonly code: QbwcCode,
    opts: {
      vars?: Record<string, string | number>;
      detail?: readonly string[];
      variant?: string;
      /** Every line as shown (e.g. decoded from the control API); overrides the others. */
      lines?: readonly string[];
    } = {},
  ) {
    const vars = opts.vars ?? {};
    const info = QBWC_CODES[code] as QbwcCodeInfo;
    const variant = opts.variant === undefined ? undefined : info.variants?.[opts.variant];
    const head =
      variant !== undefined
        ? `${code}: ${fillQbwcText(variant, vars)}`
        : info.bareHeadline
          ? fillQbwcText(info.message, vars)
          : qbwcHeadline(code, vars);
    const fixed = (info.moreLines ?? []).map((l) => fillQbwcText(l, vars));
    const lines = opts.lines ? [...opts.lines] : [head, ...fixed, ...(opts.detail ?? [])];
    super(lines.join('\n'));
    this.lines = lines;
  }

  /** The JSON body the control API answers with (HTTP 422). */
  toJSON(): { qbwcCode: QbwcCode; message: string; lines: readonly string[] } {
    return { qbwcCode: this.code, message: this.message, lines: this.lines };
  }
}

/** True for a {@link QbwcError}, also across module copies. */
export function isQbwcError(error: unknown): error is QbwcError {
  return error instanceof Error && error.name === 'QbwcError' && 'code' in error && 'lines' in error;
}
