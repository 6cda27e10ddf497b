import { ConnectionType, PersonalDataPref, QBFileMode, ReleaseLevel, UnattendedModePref } from './rp2-enums.js';

/**
 * The one table of QBXMLRP2's members (facts §1.2–§1.4): what the RP2 bridge serves and what both desktop front
 * doors (src/com/python, src/com/dotnet) expose — their tables are generated from this one (src/com/com-tables.ts),
 * never copied by hand. Names, dispids and parameter names are the type library's.
 *
 * Not in the facts, assumed (mock-qb/README.md fidelity notes "Desktop front doors"):
 * - which IRequestProcessorN introduced which member: by contiguous dispid ranges (1–0xB the first interface, 0xC–0xE
 *   the second, 0xF the third, 0x10 the fourth, 0x11 the fifth);
 * - IAuthPreferences' dispids and order: those of QBFC's IQBAuthPreferences, which wraps it; `PutAuthFlags` (the last
 *   one) arrived with IAuthPreferences2 — Intuit's C# samples cast `rp.AuthPreferences` to `AuthPreferences` before
 *   calling it;
 * - the versioned ProgIDs `QBXMLRP2.RequestProcessor.1` and `.2` (seen in public code) name RequestProcessor2;
 *   RequestProcessor3 has no ProgID (created by CLSID);
 * - the enum `QBXMLRPAuthFlags` and its member names (the Web Connector guide's `SupportQBSimpleStart`, … names).
 */

/** COM types of parameters and results, as the type library declares them. */
export type ComType =
  | 'void'
  | 'BSTR'
  /** SAFEARRAY(BSTR): a tuple in pywin32, `string[]` in .NET. */
  | 'BSTR[]'
  | 'VARIANT_BOOL'
  | 'short'
  | 'long'
  | 'QBFileMode'
  | 'QBXMLRPConnectionType'
  | 'QBXMLRPReleaseLevel'
  | 'QBXMLRPUnattendedModePrefType'
  | 'QBXMLRPPersonalDataPrefType'
  | 'IAuthPreferences';

export const RP2_INTERFACES = [
  'IRequestProcessor',
  'IRequestProcessor2',
  'IRequestProcessor3',
  'IRequestProcessor4',
  'IRequestProcessor5',
] as const;
export const AUTH_PREFS_INTERFACES = ['IAuthPreferences', 'IAuthPreferences2'] as const;
export type Rp2Interface = (typeof RP2_INTERFACES)[number];
export type AuthPrefsInterface = (typeof AUTH_PREFS_INTERFACES)[number];

/** One member of IRequestProcessor* or IAuthPreferences*. */
export interface Rp2Member {
  name: string;
  dispid: number;
  /** `propget`: a property (pywin32 reads it as an attribute; with parameters it is called, `get_X(…)` in C#). */
  kind: 'method' | 'propget';
  /** The object it is a member of. */
  object: 'RequestProcessor' | 'AuthPreferences';
  /** The interface that introduced it. */
  since: Rp2Interface | AuthPrefsInterface;
  params: readonly { name: string; type: ComType }[];
  returns: ComType;
  /**
   * Its RP2 bridge route (src/protocol/rp2-bridge-contract.ts) below `/qbxmlrp2/processors/{id}`: `POST Name` with the
   * parameters as a JSON object, `GET Name`, or `POST AuthPreferences/Name`; null for `AuthPreferences`, which the
   * front door answers with its own object.
   */
  route: { verb: 'POST' | 'GET'; path: string } | null;
}

const p = (name: string, type: ComType) => ({ name, type });
const ticket = p('ticket', 'BSTR');
const rp = (
  name: string,
  dispid: number,
  since: Rp2Interface,
  kind: Rp2Member['kind'],
  params: Rp2Member['params'],
  returns: ComType,
  verb: 'POST' | 'GET' | null = kind === 'propget' && params.length === 0 ? 'GET' : 'POST',
): Rp2Member => ({
  name,
  dispid,
  kind,
  object: 'RequestProcessor',
  since,
  params,
  returns,
  route: verb ? { verb, path: name } : null,
});
const ap = (
  name: string,
  dispid: number,
  since: AuthPrefsInterface,
  params: Rp2Member['params'],
  returns: ComType,
): Rp2Member => ({
  name,
  dispid,
  kind: 'method',
  object: 'AuthPreferences',
  since,
  params,
  returns,
  route: { verb: 'POST', path: `AuthPreferences/${name}` },
});

/** Every member, in dispid order per object. */
export const RP2_MEMBERS: readonly Rp2Member[] = [
  rp('ProcessRequest', 0x1, 'IRequestProcessor', 'method', [ticket, p('inputRequest', 'BSTR')], 'BSTR'),
  rp('OpenConnection', 0x2, 'IRequestProcessor', 'method', [p('appID', 'BSTR'), p('appName', 'BSTR')], 'void'),
  rp('CloseConnection', 0x3, 'IRequestProcessor', 'method', [], 'void'),
  rp(
    'BeginSession',
    0x4,
    'IRequestProcessor',
    'method',
    [p('qbFileName', 'BSTR'), p('reqFileMode', 'QBFileMode')],
    'BSTR',
  ),
  rp('EndSession', 0x5, 'IRequestProcessor', 'method', [ticket], 'void'),
  rp('GetCurrentCompanyFileName', 0x6, 'IRequestProcessor', 'method', [ticket], 'BSTR'),
  rp('MajorVersion', 0x7, 'IRequestProcessor', 'propget', [], 'short'),
  rp('MinorVersion', 0x8, 'IRequestProcessor', 'propget', [], 'short'),
  rp('ReleaseLevel', 0x9, 'IRequestProcessor', 'propget', [], 'QBXMLRPReleaseLevel'),
  rp('ReleaseNumber', 0xa, 'IRequestProcessor', 'propget', [], 'short'),
  rp('QBXMLVersionsForSession', 0xb, 'IRequestProcessor', 'propget', [ticket], 'BSTR[]'),
  rp('ConnectionType', 0xc, 'IRequestProcessor2', 'propget', [], 'QBXMLRPConnectionType'),
  rp('ProcessSubscription', 0xd, 'IRequestProcessor2', 'method', [p('inputRequest', 'BSTR')], 'BSTR'),
  rp('QBXMLVersionsForSubscription', 0xe, 'IRequestProcessor2', 'propget', [], 'BSTR[]'),
  rp(
    'OpenConnection2',
    0xf,
    'IRequestProcessor3',
    'method',
    [p('appID', 'BSTR'), p('appName', 'BSTR'), p('connType', 'QBXMLRPConnectionType')],
    'void',
  ),
  rp('AuthPreferences', 0x10, 'IRequestProcessor4', 'propget', [], 'IAuthPreferences', null),
  rp('GetQBLastError', 0x11, 'IRequestProcessor5', 'method', [], 'BSTR'),
  ap('WasAuthPreferencesObeyed', 0x1, 'IAuthPreferences', [ticket], 'VARIANT_BOOL'),
  ap('GetIsReadOnly', 0x2, 'IAuthPreferences', [ticket], 'VARIANT_BOOL'),
  ap('PutIsReadOnly', 0x3, 'IAuthPreferences', [p('isReadOnly', 'VARIANT_BOOL')], 'void'),
  ap('GetUnattendedModePref', 0x4, 'IAuthPreferences', [ticket], 'QBXMLRPUnattendedModePrefType'),
  ap(
    'PutUnattendedModePref',
    0x5,
    'IAuthPreferences',
    [p('unattendedModePref', 'QBXMLRPUnattendedModePrefType')],
    'void',
  ),
  ap('GetPersonalDataPref', 0x6, 'IAuthPreferences', [ticket], 'QBXMLRPPersonalDataPrefType'),
  ap('PutPersonalDataPref', 0x7, 'IAuthPreferences', [p('personalDataPref', 'QBXMLRPPersonalDataPrefType')], 'void'),
  ap('PutAuthFlags', 0x8, 'IAuthPreferences2', [p('authFlags', 'long')], 'void'),
];

/** The coclasses a caller can create, with what they answer to. */
export const RP2_COCLASSES = {
  RequestProcessor2: {
    clsid: '{45F5708E-3B43-4FA8-BE7E-A5F1849214CB}',
    defaultInterface: 'IRequestProcessor4',
    progIds: ['QBXMLRP2.RequestProcessor', 'QBXMLRP2.RequestProcessor.1', 'QBXMLRP2.RequestProcessor.2'],
  },
  RequestProcessor3: {
    clsid: '{71F531F5-8E67-4A7A-9161-15733FFC3206}',
    defaultInterface: 'IRequestProcessor5',
    progIds: [],
  },
  AuthPreferences: {
    clsid: '{3A61350B-7F27-46C4-847E-1089C4C3321B}',
    defaultInterface: 'IAuthPreferences2',
    progIds: [],
  },
} as const satisfies Record<string, { clsid: string; defaultInterface: string; progIds: readonly string[] }>;

export type Rp2Coclass = keyof typeof RP2_COCLASSES;

/** Interface IIDs the facts give (§1.1); the others are not known and the front doors mark theirs as qbd-sim's. */
export const RP2_KNOWN_IIDS: Partial<Record<Rp2Interface | AuthPrefsInterface, string>> = {
  IAuthPreferences2: '{F810CC1A-151E-48A8-84C9-3F6978FB699C}',
};

/** The enumerations by their type-library names (facts §1.4). */
export const RP2_COM_ENUMS = {
  QBFileMode,
  QBXMLRPConnectionType: ConnectionType,
  QBXMLRPReleaseLevel: ReleaseLevel,
  QBXMLRPUnattendedModePrefType: UnattendedModePref,
  QBXMLRPPersonalDataPrefType: PersonalDataPref,
  QBXMLRPAuthFlags: {
    SupportQBSimpleStart: 0x1,
    SupportQBPro: 0x2,
    SupportQBPremier: 0x4,
    SupportQBEnterprise: 0x8,
    ForceAuthDialog: 0x80000000,
  },
} as const satisfies Record<string, Record<string, number>>;

/** The members an object created as `coclass` answers to (its default interface and the ones before it). */
export function membersOf(coclass: Rp2Coclass): Rp2Member[] {
  const def: string = RP2_COCLASSES[coclass].defaultInterface;
  const order: readonly string[] = coclass === 'AuthPreferences' ? AUTH_PREFS_INTERFACES : RP2_INTERFACES;
  const upTo = order.indexOf(def);
  const object = coclass === 'AuthPreferences' ? 'AuthPreferences' : 'RequestProcessor';
  return RP2_MEMBERS.filter((m) => m.object === object && order.indexOf(m.since) <= upTo);
}

/** The coclass a ProgID names (case-insensitive, as the registry is), or undefined when none is registered. */
export function coclassOfProgId(progId: string): Rp2Coclass | undefined {
  const wanted = progId.toLowerCase();
  return (Object.keys(RP2_COCLASSES) as Rp2Coclass[]).find((c) =>
    (RP2_COCLASSES[c].progIds as readonly string[]).some((id) => id.toLowerCase() === wanted),
  );
}

/** The coclass a CLSID names (braces optional, any case), or undefined. */
export function coclassOfClsid(clsid: string): Rp2Coclass | undefined {
  const wanted = `{${clsid.replace(/^\{|\}$/g, '').toUpperCase()}}`;
  return (Object.keys(RP2_COCLASSES) as Rp2Coclass[]).find((c) => RP2_COCLASSES[c].clsid === wanted);
}
