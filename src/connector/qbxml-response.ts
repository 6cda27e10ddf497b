import { elementChildren, ownText, parseXmlTree, type XmlTreeElement } from '../protocol/xml-tree.js';

/** One `…Rs` element of a qbXML response set, with its status attributes. */
export interface QbxmlRs {
  name: string;
  requestID: string;
  statusCode: number;
  statusSeverity: string;
  statusMessage: string;
  /** Iterator queries: `iteratorID` and `iteratorRemainingCount`. */
  iteratorId?: string;
  iteratorRemainingCount?: number;
  el: XmlTreeElement;
}

/** Why a qbXML response could not be read (never a QuickBooks status: those travel inside the Rs). */
export class QbxmlResponseError extends Error {
  override readonly name = 'QbxmlResponseError';
}

/** The Rs elements of a qbXML response set. Throws {@link QbxmlResponseError} when the text is not one. */
export function parseQbxmlResponse(xml: string): QbxmlRs[] {
  let root: XmlTreeElement;
  try {
    root = parseXmlTree(xml);
  } catch (error) {
    throw new QbxmlResponseError(`QuickBooks answered with text that is not XML: ${(error as Error).message}`);
  }
  const msgs = elementChildren(root).find((c) => c.local === 'QBXMLMsgsRs');
  if (root.local !== 'QBXML' || !msgs) throw new QbxmlResponseError('QuickBooks answered without a QBXMLMsgsRs');
  return elementChildren(msgs).map((el) => {
    const attr = (n: string) => el.attrs[n]?.value;
    const remaining = attr('iteratorRemainingCount');
    return {
      name: el.local,
      requestID: attr('requestID') ?? '',
      statusCode: Number(attr('statusCode') ?? NaN),
      statusSeverity: attr('statusSeverity') ?? '',
      statusMessage: attr('statusMessage') ?? '',
      ...(attr('iteratorID') !== undefined ? { iteratorId: attr('iteratorID')! } : {}),
      ...(remaining !== undefined ? { iteratorRemainingCount: Number(remaining) } : {}),
      el,
    };
  });
}

/** The Rs answering `requestID`. */
export function rsById(rs: readonly QbxmlRs[], requestId: string): QbxmlRs | undefined {
  return rs.find((r) => r.requestID === requestId);
}

/** The child elements named `name`. */
export function childrenNamed(el: XmlTreeElement | undefined, name: string): XmlTreeElement[] {
  return el ? elementChildren(el).filter((c) => c.local === name) : [];
}

/** The text at a child path (`VendorRef/ListID`), or undefined. */
export function textAt(el: XmlTreeElement | undefined, path: string): string | undefined {
  let cur = el;
  for (const part of path.split('/')) cur = cur ? elementChildren(cur).find((c) => c.local === part) : undefined;
  return cur ? ownText(cur) : undefined;
}

/** The value of a private data extension of `ownerId` in a `…Ret` (`DataExtRet` children). */
export function dataExtValue(ret: XmlTreeElement | undefined, ownerId: string, name: string): string | undefined {
  for (const ext of childrenNamed(ret, 'DataExtRet')) {
    const owner = textAt(ext, 'OwnerID');
    if (owner === undefined || !sameGuid(owner, ownerId)) continue;
    if ((textAt(ext, 'DataExtName') ?? '').toLowerCase() === name.toLowerCase()) return textAt(ext, 'DataExtValue');
  }
  return undefined;
}

/** GUIDs compare case-insensitively, braces or not. */
export function sameGuid(a: string, b: string): boolean {
  const bare = (g: string) =>
    g
      .trim()
      .replace(/^\{|\}$/g, '')
      .toUpperCase();
  return bare(a) === bare(b);
}
