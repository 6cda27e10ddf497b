import {
  elementChildren,
  escapeXmlText,
  ownText,
  parseXmlTree,
  type XmlTreeElement,
} from '../../src/protocol/xml-tree.js';

/**
 * The qbXML the Web Connector itself sends to QuickBooks (facts §5.4, §5.6, §10.3): the HCP queries, the FileID
 * search and stamp when an application is added, and the AppLock set and cleared around each update. Private data
 * extensions on the Company object, under the application's OwnerID.
 */

/** The two data extensions QBWC keeps on the Company record. */
export const FILE_ID_EXT = 'FileID';
export const APP_LOCK_EXT = 'AppLock';

/** `{GUID}` in braces (qbXML's GUIDTYPE); a `.qwc` may omit them. */
export function bracedGuid(guid: string): string {
  const bare = guid.trim().replace(/^\{|\}$/g, '');
  return `{${bare}}`;
}

/** GUIDs compare case-insensitively, braces or not. */
export function sameGuid(a: string, b: string): boolean {
  return bracedGuid(a).toUpperCase() === bracedGuid(b).toUpperCase();
}

function envelope(version: string, onError: 'stopOnError' | 'continueOnError', requests: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?>` +
    `<QBXML><QBXMLMsgsRq onError="${onError}">${requests}</QBXMLMsgsRq></QBXML>`
  );
}

/** HostQuery, CompanyQuery (with the app's OwnerID) and PreferencesQuery: requestIDs 0, 1 and 2 (facts §5.2, S10). */
export function hcpRequest(version: string, ownerId: string): string {
  return envelope(
    version,
    'continueOnError',
    '<HostQueryRq requestID="0"/>' +
      `<CompanyQueryRq requestID="1"><OwnerID>${escapeXmlText(bracedGuid(ownerId))}</OwnerID></CompanyQueryRq>` +
      '<PreferencesQueryRq requestID="2"/>',
  );
}

/** `<CompanyQueryRq requestID="1"><OwnerID>{OWNER}</OwnerID></CompanyQueryRq>` (facts §10.3). */
export function companyQueryRequest(version: string, ownerId: string): string {
  return envelope(
    version,
    'stopOnError',
    `<CompanyQueryRq requestID="1"><OwnerID>${escapeXmlText(bracedGuid(ownerId))}</OwnerID></CompanyQueryRq>`,
  );
}

/** DataExtDefAdd for a private STR255TYPE extension of the Company object. */
export function dataExtDefAddRq(requestId: string, ownerId: string, name: string): string {
  return (
    `<DataExtDefAddRq requestID="${requestId}"><DataExtDefAdd><OwnerID>${escapeXmlText(bracedGuid(ownerId))}</OwnerID>` +
    `<DataExtName>${escapeXmlText(name)}</DataExtName><DataExtType>STR255TYPE</DataExtType>` +
    '<AssignToObject>Company</AssignToObject></DataExtDefAdd></DataExtDefAddRq>'
  );
}

/** DataExtAdd / DataExtMod of a Company extension (`OtherDataExtType` Company). */
export function dataExtWriteRq(
  kind: 'Add' | 'Mod',
  requestId: string,
  ownerId: string,
  name: string,
  value: string,
): string {
  return (
    `<DataExt${kind}Rq requestID="${requestId}"><DataExt${kind}><OwnerID>${escapeXmlText(bracedGuid(ownerId))}</OwnerID>` +
    `<DataExtName>${escapeXmlText(name)}</DataExtName><OtherDataExtType>Company</OtherDataExtType>` +
    `<DataExtValue>${escapeXmlText(value)}</DataExtValue></DataExt${kind}></DataExt${kind}Rq>`
  );
}

/** A request set of the given requests. */
export function requestSet(version: string, onError: 'stopOnError' | 'continueOnError', requests: string[]): string {
  return envelope(version, onError, requests.join(''));
}

/** One `…Rs` element of a response set. */
export interface QbxmlRs {
  name: string;
  requestID: string | undefined;
  statusCode: number;
  statusSeverity: string;
  statusMessage: string;
  el: XmlTreeElement;
}

/** The Rs elements of a qbXML response set (empty when the text is not one). */
export function responseRs(responseXml: string): QbxmlRs[] {
  let root: XmlTreeElement;
  try {
    root = parseXmlTree(responseXml);
  } catch {
    return [];
  }
  const msgs = elementChildren(root).find((c) => c.local === 'QBXMLMsgsRs');
  if (!msgs) return [];
  return elementChildren(msgs).map((el) => ({
    name: el.local,
    requestID: el.attrs['requestID']?.value,
    statusCode: Number(el.attrs['statusCode']?.value ?? NaN),
    statusSeverity: el.attrs['statusSeverity']?.value ?? '',
    statusMessage: el.attrs['statusMessage']?.value ?? '',
    el,
  }));
}

/** The Company data extensions of an owner in a CompanyQueryRs (name → value). */
export function companyDataExts(rs: QbxmlRs | undefined, ownerId: string): Map<string, string> {
  const out = new Map<string, string>();
  const ret = rs ? elementChildren(rs.el).find((c) => c.local === 'CompanyRet') : undefined;
  if (!ret) return out;
  for (const ext of elementChildren(ret).filter((c) => c.local === 'DataExtRet')) {
    const field = (n: string) => {
      const f = elementChildren(ext).find((c) => c.local === n);
      return f ? ownText(f) : undefined;
    };
    const owner = field('OwnerID');
    const name = field('DataExtName');
    if (owner !== undefined && name !== undefined && sameGuid(owner, ownerId))
      out.set(name, field('DataExtValue') ?? '');
  }
  return out;
}

/** The text of a child path (`HostRet/Country`) of an Rs element. */
export function rsText(rs: QbxmlRs | undefined, path: string): string | undefined {
  let cur: XmlTreeElement | undefined = rs?.el;
  for (const part of path.split('/')) cur = cur ? elementChildren(cur).find((c) => c.local === part) : undefined;
  return cur ? ownText(cur) : undefined;
}

/** .NET `DateTime.UtcNow.Ticks` for a time in ms since the Unix epoch (100-ns ticks since 0001-01-01). */
export function dotnetUtcTicks(ms: number): string {
  return ((BigInt(Math.trunc(ms)) + 62_135_596_800_000n) * 10_000n).toString();
}

/** `LOCKED:<MACHINE>:<ticks>` / `UNLOCKED:<MACHINE>` (facts §10.3). */
export function appLockValue(state: 'LOCKED' | 'UNLOCKED', machine: string, ms: number): string {
  return state === 'LOCKED'
    ? `LOCKED:${machine.toUpperCase()}:${dotnetUtcTicks(ms)}`
    : `UNLOCKED:${machine.toUpperCase()}`;
}
