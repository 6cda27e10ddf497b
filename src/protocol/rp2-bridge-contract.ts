/**
 * The RP2 bridge contract: QBXMLRP2 over HTTP+JSON, so a connector in any language can use the
 * simulated request processor. Route and argument names are Intuit's (see mock-qb/README.md).
 *
 *   POST   /qbxmlrp2/processors                         → 201 { processorId, machine }
 *   DELETE /qbxmlrp2/processors/{id}                    → 204 (releases the COM object)
 *   POST   /qbxmlrp2/processors/{id}/{Method}           → 200 { result }
 *   GET    /qbxmlrp2/processors/{id}/{Property}         → 200 { result }
 *   POST   /qbxmlrp2/processors/{id}/AuthPreferences/{Method} → 200 { result }
 *
 * A COM failure answers 422 {@link ComErrorBody} — also `POST /processors` itself, when Windows refuses to create the
 * object (the SDK not installed, a 64-bit caller, …: src/protocol/host-hresult-causes.ts); the simulator's own errors
 * answer 4xx/5xx {@link QbdSimErrorBody}. `BeginSession` may not answer until a person answers a dialog. Every member
 * and its route: src/protocol/rp2-members.ts.
 */
export const RP2_BASE_PATH = '/qbxmlrp2';

/**
 * Body of `POST /qbxmlrp2/processors` (all optional): who calls `CoCreateInstance`, and how. A field left out takes
 * the host's `callerDefaults` (world spec; a 32-bit interactive process in Windows session 1, not elevated).
 */
export interface CreateProcessorBody {
  machine?: string;
  windowsUser?: string;
  /** Activation by ProgID (`QBXMLRP2.RequestProcessor`, the default) … */
  progId?: string;
  /** … or by CLSID (`{45F5708E-…}`, as .NET's `new RequestProcessor2()` does). */
  clsid?: string;
  /** The calling process' bitness: QBXMLRP2 is a 32-bit in-process server. */
  bitness?: 32 | 64;
  /** `interactive` (a program the signed-in user started), a Windows `service`, or `system`. */
  runAs?: 'interactive' | 'service' | 'system';
  /** The Windows session id the caller runs in (0 is the services' session). */
  windowsSession?: number;
  /** Whether the caller runs elevated (as administrator). */
  elevated?: boolean;
  certificate?: {
    subject?: string;
    status?: 'valid' | 'expired' | 'revoked' | 'invalid' | 'none';
    /** ISO date. */
    expires?: string | null;
  };
}

export interface CreateProcessorResult {
  processorId: string;
  machine: string;
  /** The coclass created (`RequestProcessor2`, or `RequestProcessor3` by its CLSID). */
  coclass: 'RequestProcessor2' | 'RequestProcessor3';
}

/** Methods of IRequestProcessor5 and their JSON arguments (Intuit's parameter names). */
export interface Rp2MethodArgs {
  OpenConnection: { appID?: string; appName: string };
  OpenConnection2: { appID?: string; appName: string; connType: number | string };
  BeginSession: { qbFileName?: string; reqFileMode: number | string };
  EndSession: { ticket: string };
  CloseConnection: Record<string, never>;
  ProcessRequest: { ticket: string; inputRequest: string };
  GetCurrentCompanyFileName: { ticket: string };
  QBXMLVersionsForSession: { ticket: string };
  ProcessSubscription: { inputRequest: string };
  GetQBLastError: Record<string, never>;
}

/** Results of those methods. */
export interface Rp2MethodResults {
  OpenConnection: null;
  OpenConnection2: null;
  BeginSession: string;
  EndSession: null;
  CloseConnection: null;
  ProcessRequest: string;
  GetCurrentCompanyFileName: string;
  QBXMLVersionsForSession: string[];
  ProcessSubscription: string;
  GetQBLastError: string;
}

export type Rp2Method = keyof Rp2MethodArgs;

/** Read-only properties without parameters (GET): the `GET` routes of src/protocol/rp2-members.ts. */
export const RP2_PROPERTIES = [
  'MajorVersion',
  'MinorVersion',
  'ReleaseLevel',
  'ReleaseNumber',
  'ConnectionType',
  'QBXMLVersionsForSubscription',
] as const;
export type Rp2Property = (typeof RP2_PROPERTIES)[number];

/** What each property answers. */
export interface Rp2PropertyResults {
  MajorVersion: number;
  MinorVersion: number;
  ReleaseLevel: number;
  ReleaseNumber: number;
  ConnectionType: number;
  QBXMLVersionsForSubscription: string[];
}

/** IAuthPreferences2 methods and their JSON arguments. */
export interface AuthPrefsMethodArgs {
  PutIsReadOnly: { isReadOnly: boolean };
  PutUnattendedModePref: { unattendedModePref: number | string };
  PutPersonalDataPref: { personalDataPref: number | string };
  PutAuthFlags: { authFlags: number | string };
  GetIsReadOnly: { ticket: string };
  GetUnattendedModePref: { ticket: string };
  GetPersonalDataPref: { ticket: string };
  WasAuthPreferencesObeyed: { ticket: string };
}

export interface AuthPrefsMethodResults {
  PutIsReadOnly: null;
  PutUnattendedModePref: null;
  PutPersonalDataPref: null;
  PutAuthFlags: null;
  GetIsReadOnly: boolean;
  GetUnattendedModePref: number;
  GetPersonalDataPref: number;
  WasAuthPreferencesObeyed: boolean;
}

export type AuthPrefsMethod = keyof AuthPrefsMethodArgs;

/** HTTP 422 body: a COM failure with Intuit's exact text. */
export interface ComErrorBody {
  hresult: string;
  message: string;
}

/** The simulator's own error (never a QuickBooks answer). */
export interface QbdSimErrorBody {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}
