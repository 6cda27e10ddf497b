/**
 * The Windows side of a simulated machine that decides whether a caller can create QBXMLRP2 at all (facts §11.2):
 * whether the SDK is installed and its DLL in place, and what a caller is when it does not say (its bitness, how it
 * runs, its Windows session and elevation). World spec: a host's `sdk` and `callerDefaults`.
 */
export interface HostWindows {
  sdk: {
    /** The QuickBooks SDK (QBXMLRP2) is installed: its ProgIDs and CLSIDs are registered. */
    installed: boolean;
    /** The registered QBXMLRP2.dll: there, missing, or of the other architecture. */
    rp2Dll: 'present' | 'missing' | 'wrong-architecture';
  };
  /** A caller that does not describe itself in the CoCreateInstance body is this. */
  callerDefaults: CallerProcess;
}

/** The process that calls CoCreateInstance. */
export interface CallerProcess {
  bitness: 32 | 64;
  runAs: 'interactive' | 'service' | 'system';
  /** The Windows session id (0 is the services' session). */
  windowsSession: number;
  elevated: boolean;
}

/** The default machine: the SDK installed; callers 32-bit, interactive, in session 1, not elevated. */
export const DEFAULT_HOST_WINDOWS: Readonly<HostWindows> = {
  sdk: { installed: true, rp2Dll: 'present' },
  callerDefaults: { bitness: 32, runAs: 'interactive', windowsSession: 1, elevated: false },
};

/** A machine's settings from partial ones (world spec, QbHostOptions). */
export function hostWindows(partial?: {
  sdk?: Partial<HostWindows['sdk']>;
  callerDefaults?: Partial<CallerProcess>;
}): HostWindows {
  return {
    sdk: { ...DEFAULT_HOST_WINDOWS.sdk, ...partial?.sdk },
    callerDefaults: { ...DEFAULT_HOST_WINDOWS.callerDefaults, ...partial?.callerDefaults },
  };
}
