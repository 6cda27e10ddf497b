import { ComError } from '../../src/protocol/com-error.js';
import { elementChildren, parseXmlTree, XmlTreeParseError } from '../../src/protocol/xml-tree.js';
import type { QbHost } from '../engine/qb-host.js';
import { logQbxmlResponse } from '../qbxml/response-log.js';

/** The requests `QBXMLSubscriptionMsgsRq` may hold (qbXML 13.0 XSD). */
const SUBSCRIPTION_REQUESTS = new Set([
  'DataEventSubscriptionAddRq',
  'DataEventSubscriptionQueryRq',
  'UIEventSubscriptionAddRq',
  'UIEventSubscriptionQueryRq',
  'UIExtensionSubscriptionAddRq',
  'UIExtensionSubscriptionQueryRq',
  'SubscriptionDelRq',
]);

/** qbXML's status 1030 (facts §10.2): the text QuickBooks gives a request it does not support. */
const UNSUPPORTED = { code: 1030, message: 'This request is not supported by this implementation.' } as const;

const PI_VERSION = /<\?qbxml\s+version\s*=\s*["']([^"']*)["']\s*\?>/;

/**
 * `ProcessSubscription(inputRequest)` until subscriptions are simulated: the message set is checked as QuickBooks
 * checks any (well-formed, `<?qbxml version?>` one the host supports, a `QBXMLSubscriptionMsgsRq` — a
 * `QBXMLMsgsRq` here is 0x80040429, the wrong API), and every request in it answers status 1030. The caller sees a
 * real answer it must handle, never a silent success.
 */
export function answerSubscriptionsUnsupported(
  host: QbHost,
  inputRequest: string,
): { response: string; requests: string[] } {
  let doc;
  try {
    doc = parseXmlTree(inputRequest);
  } catch (error) {
    if (error instanceof XmlTreeParseError) throw new ComError('0x80040400');
    throw error;
  }
  const version = PI_VERSION.exec(inputRequest.slice(0, 512))?.[1];
  if (doc.local !== 'QBXML' || version === undefined) throw new ComError('0x80040400');
  if (!host.product.qbxmlVersions.includes(version)) throw new ComError('0x80040423');
  const sets = elementChildren(doc);
  const subs = sets.find((c) => c.local === 'QBXMLSubscriptionMsgsRq');
  if (!subs) throw new ComError(sets.some((c) => c.local === 'QBXMLMsgsRq') ? '0x80040429' : '0x80040400');
  const requests = elementChildren(subs);
  if (requests.some((r) => !SUBSCRIPTION_REQUESTS.has(r.local))) throw new ComError('0x80040400');
  const out = requests.map((r) => {
    const id = r.attrs['requestID']?.value;
    const rs = `${r.local.slice(0, -2)}Rs`;
    return (
      `<${rs}${id !== undefined ? ` requestID="${escapeAttr(id)}"` : ''} statusCode="${UNSUPPORTED.code}" ` +
      `statusSeverity="Error" statusMessage="${UNSUPPORTED.message}" />\n`
    );
  });
  const response = `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLSubscriptionMsgsRs>\n${out.join('')}</QBXMLSubscriptionMsgsRs>\n</QBXML>\n`;
  logQbxmlResponse(response);
  return { response, requests: requests.map((r) => r.local) };
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
