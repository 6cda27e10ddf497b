/**
 * QBXMLRP2 enumerations with the values of Intuit's type library (facts §1.4). Generated
 * repositories on the web get several of these wrong (e.g. `qbFileOpenDoNotCare = 0`); these
 * are the typelib's.
 */

/** `QBXMLRPConnectionType`. */
export const ConnectionType = {
  unknown: 0,
  localQBD: 1,
  remoteQBD: 2,
  localQBDLaunchUI: 3,
  remoteQBOE: 4,
} as const;
export type ConnectionTypeName = keyof typeof ConnectionType;
export type ConnectionTypeValue = (typeof ConnectionType)[ConnectionTypeName];

/** `QBFileMode`: the file open mode an application requests in `BeginSession`. */
export const QBFileMode = {
  qbFileOpenSingleUser: 0,
  qbFileOpenMultiUser: 1,
  qbFileOpenDoNotCare: 2,
} as const;
export type QBFileModeName = keyof typeof QBFileMode;
export type QBFileModeValue = (typeof QBFileMode)[QBFileModeName];

/** `QBXMLRPUnattendedModePrefType`. */
export const UnattendedModePref = { umpRequired: 1, umpOptional: 2 } as const;
export type UnattendedModePrefName = keyof typeof UnattendedModePref;

/** `QBXMLRPPersonalDataPrefType`. */
export const PersonalDataPref = { pdpRequired: 1, pdpOptional: 2, pdpNotNeeded: 3 } as const;
export type PersonalDataPrefName = keyof typeof PersonalDataPref;

/** `QBXMLRPReleaseLevel`. */
export const ReleaseLevel = { preAlpha: 0, alpha: 1, beta: 2, release: 3 } as const;

/** `IAuthPreferences.PutAuthFlags` bits (OR-ed): editions the application supports. */
export const AuthFlags = {
  SimpleStart: 0x1,
  Pro: 0x2,
  Premier: 0x4,
  Enterprise: 0x8,
  /** Forces the authorization dialog (SDKTestPlus). */
  ForceAuthDialog: 0x80000000,
} as const;

/** What raw QBXMLRP2/QBFC assume when `PutAuthFlags` was never called: Pro | Premier | Enterprise (facts §1.3). */
export const DEFAULT_RP2_AUTH_FLAGS = AuthFlags.Pro | AuthFlags.Premier | AuthFlags.Enterprise;

/** Reverse lookup: enum value → name, or undefined. */
export function enumName<T extends Record<string, number>>(table: T, value: number): keyof T | undefined {
  return (Object.keys(table) as (keyof T)[]).find((k) => table[k] === value);
}
