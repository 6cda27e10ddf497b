/**
 * The environment the desktop front doors (src/com/python, src/com/dotnet) read in the connector's process: where the
 * RP2 bridge is and who the caller is. Both front doors take these names from one generated table, so a variable
 * means the same to a Python and a .NET connector; the harness sets them for a COM connector (src/harness).
 * Every caller field left unset takes the host's `callerDefaults` (world spec), never the real process' own
 * (a Linux Python is 64-bit; the connector it stands for is the Windows build).
 */
export const FRONT_DOOR_ENV = {
  bridgeUrl: {
    name: 'QBDSIM_BRIDGE_URL',
    default: 'http://127.0.0.1:4510/qbxmlrp2',
    what: 'the RP2 bridge (the fake QuickBooks base URL followed by /qbxmlrp2)',
  },
  machine: {
    name: 'QBDSIM_MACHINE',
    default: '',
    what: 'the simulated machine the caller runs on (default: the first)',
  },
  windowsUser: { name: 'QBDSIM_CALLER_WINDOWS_USER', default: '', what: 'the Windows user the caller runs as' },
  bitness: { name: 'QBDSIM_CALLER_BITNESS', default: '', what: '32 or 64: the Windows build of the caller' },
  runAs: { name: 'QBDSIM_CALLER_RUN_AS', default: '', what: 'interactive, service or system' },
  windowsSession: { name: 'QBDSIM_CALLER_WINDOWS_SESSION', default: '', what: 'the Windows session id (0: services)' },
  elevated: { name: 'QBDSIM_CALLER_ELEVATED', default: '', what: '1/true when the caller runs elevated' },
  certificateSubject: {
    name: 'QBDSIM_CALLER_CERTIFICATE_SUBJECT',
    default: '',
    what: "the subject of the caller's code-signing certificate",
  },
  certificateStatus: {
    name: 'QBDSIM_CALLER_CERTIFICATE_STATUS',
    default: '',
    what: 'valid, expired, revoked, invalid or none',
  },
  certificateExpires: { name: 'QBDSIM_CALLER_CERTIFICATE_EXPIRES', default: '', what: 'its expiry (ISO date)' },
  errorSource: {
    name: 'QBDSIM_COM_ERROR_SOURCE',
    default: 'QBXMLRP2.RequestProcessor.2',
    what: "the error's source (pywin32 excepinfo[1], .NET Exception.Source) — UNCONFIRMED, see the fidelity notes",
  },
  pywin32Gencache: {
    name: 'QBDSIM_PYWIN32_GENCACHE',
    default: '',
    what: "Python: 1 when makepy's cache for QBXMLRP2 exists already (Dispatch then returns makepy objects)",
  },
} as const satisfies Record<string, { name: string; default: string; what: string }>;
