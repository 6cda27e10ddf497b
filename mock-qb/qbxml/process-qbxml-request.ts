import { parseString } from 'xml2js';
import { ComError } from '../../src/protocol/com-error.js';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';

type XmlNode = Record<string, unknown> & { $?: Record<string, string> };

/**
 * `ProcessRequest`'s QuickBooks side: parses the qbXML request set and answers it. This is the
 * envelope and the messages simulated so far (HostQuery); a request for anything else is a
 * simulator limit (`QBDSIM_ERR_NOT_SIMULATED`), never a made-up QuickBooks answer.
 */
export function processQbxmlRequest(host: QbHost, session: SessionInfo, inputRequest: string): string {
  const version = /<\?qbxml\s+version\s*=\s*"([^"]*)"\s*\?>/.exec(inputRequest)?.[1];
  const doc = parseXml(inputRequest);
  const root = doc['QBXML'] as XmlNode | undefined;
  if (!root || typeof root !== 'object') throw new ComError('0x80040400');
  if (version === undefined) throw new ComError('0x80040400');
  if (!host.product.qbxmlVersions.includes(version)) throw new ComError('0x80040423');
  const msgs = (root['QBXMLMsgsRq'] as XmlNode[] | undefined)?.[0];
  if (!msgs || Object.keys(root).some((k) => k !== 'QBXMLMsgsRq')) throw new ComError('0x80040400');
  const onError = msgs.$?.['onError'];
  if (onError === 'rollbackOnError') throw new ComError('0x80040413');
  if (onError !== 'stopOnError' && onError !== 'continueOnError') throw new ComError('0x80040400');

  const responses: string[] = [];
  for (const [name, value] of Object.entries(msgs)) {
    if (name === '$') continue;
    for (const rq of value as XmlNode[]) {
      if (name !== 'HostQueryRq') {
        throw new QbdSimError('QBDSIM_ERR_NOT_SIMULATED', `qbd-sim does not simulate ${name} yet (only HostQueryRq so far)`, {
          request: name,
        });
      }
      responses.push(hostQueryRs(host, session, typeof rq === 'object' ? (rq.$?.['requestID'] ?? '') : ''));
    }
  }
  const response = `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${responses.join('')}</QBXMLMsgsRs>\n</QBXML>\n`;
  host.log('qbxml', 'qbxml.exchange', `ProcessRequest: ${responses.length} response(s)`, {
    appName: session.appName,
    request: inputRequest,
    response,
  });
  return response;
}

function parseXml(text: string): XmlNode {
  let result: XmlNode | undefined;
  let failure: unknown;
  // xml2js calls back synchronously when `async` is false (its default).
  parseString(text, { explicitArray: true, async: false }, (err, doc) => {
    failure = err;
    result = doc as XmlNode;
  });
  if (failure || !result) throw new ComError('0x80040400');
  return result;
}

function hostQueryRs(host: QbHost, session: SessionInfo, requestID: string): string {
  const p = host.product;
  const versions = p.qbxmlVersions.map((v) => `<SupportedQBXMLVersion>${v}</SupportedQBXMLVersion>\n`).join('');
  return (
    `<HostQueryRs requestID="${escapeAttr(requestID)}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">\n` +
    `<HostRet>\n<ProductName>${escapeText(p.productName)}</ProductName>\n<MajorVersion>${p.majorVersion}</MajorVersion>\n` +
    `<MinorVersion>${p.minorVersion}</MinorVersion>\n<Country>${p.country}</Country>\n${versions}` +
    `<IsAutomaticLogin>${session.isAutomaticLogin}</IsAutomaticLogin>\n` +
    `<QBFileMode>${session.mode === 'single-user' ? 'SingleUser' : 'MultiUser'}</QBFileMode>\n</HostRet>\n</HostQueryRs>\n`
  );
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;');
}
