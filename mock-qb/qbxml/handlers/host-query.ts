import type { RqHandler } from '../rq-context.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import { includeRetElements } from './include-ret-element.js';

/** HostQueryRq → HostRet (facts §6.8): the product, its qbXML versions, and this session's login and mode. */
export const hostQuery: RqHandler = (ctx) => {
  const p = ctx.host.product;
  const doc: RetDoc = {
    ProductName: p.productName,
    MajorVersion: String(p.majorVersion),
    MinorVersion: String(p.minorVersion),
    Country: p.country,
    SupportedQBXMLVersion: [...p.qbxmlVersions],
    IsAutomaticLogin: String(ctx.session.isAutomaticLogin),
    QBFileMode: ctx.session.mode === 'single-user' ? 'SingleUser' : 'MultiUser',
  };
  const body: string[] = [];
  writeRetDoc('HostRet', doc, body, includeRetElements(ctx.rq));
  return { body };
};
