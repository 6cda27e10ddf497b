import { QBWC_NAMESPACE, QBWC_OPERATIONS, SOAP11_NAMESPACE, type QbwcOperation } from '../protocol/qbwc-soap.js';
import { childElement, elementChildren, escapeXmlText, ownText, parseXmlTree } from '../protocol/xml-tree.js';

/** One SOAP call as the service receives it: the operation and its parameters by name (missing ones absent). */
export interface QbwcSoapCall {
  operation: QbwcOperation;
  args: Record<string, string>;
}

/** Why a request is not a QBWC SOAP call (answered with a SOAP Fault). */
export class QbwcSoapRequestError extends Error {
  override readonly name = 'QbwcSoapRequestError';
}

/**
 * The service side of the Web Connector contract (src/protocol/qbwc-soap.ts, the project's WSDL): reads a SOAP 1.1
 * request document/literal wrapped in the `http://developer.intuit.com/` namespace, and writes the response element
 * `{op}Response` with `{op}Result` in that namespace (`ArrayOfString` items as `<string>` in it, facts §5.1).
 */
export const qbwcSoapServer = {
  readRequest(body: string): QbwcSoapCall {
    let envelope;
    try {
      envelope = parseXmlTree(body);
    } catch (error) {
      throw new QbwcSoapRequestError(`the request is not well-formed XML: ${(error as Error).message}`);
    }
    if (envelope.local !== 'Envelope' || envelope.uri !== SOAP11_NAMESPACE) {
      throw new QbwcSoapRequestError('the request is not a SOAP 1.1 envelope');
    }
    const soapBody = childElement(envelope, 'Body', SOAP11_NAMESPACE);
    const op = soapBody ? elementChildren(soapBody)[0] : undefined;
    if (!op) throw new QbwcSoapRequestError('the SOAP body is empty');
    if (op.uri !== QBWC_NAMESPACE || !Object.hasOwn(QBWC_OPERATIONS, op.local)) {
      throw new QbwcSoapRequestError(`unknown operation {${op.uri}}${op.local}`);
    }
    const args: Record<string, string> = {};
    for (const child of elementChildren(op)) args[child.local] = ownText(child);
    return { operation: op.local as QbwcOperation, args };
  },

  /** The response envelope of an operation. */
  writeResponse(operation: QbwcOperation, value: string | number | readonly string[]): string {
    let result: string;
    if (Array.isArray(value)) {
      result = value.map((v) => (v === '' ? '<string />' : `<string>${escapeXmlText(v)}</string>`)).join('');
    } else {
      result = escapeXmlText(String(value));
    }
    return (
      '<?xml version="1.0" encoding="utf-8"?>' +
      `<soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      'xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>' +
      `<${operation}Response xmlns="${QBWC_NAMESPACE}"><${operation}Result>${result}</${operation}Result>` +
      `</${operation}Response></soap:Body></soap:Envelope>`
    );
  },

  /** A SOAP 1.1 Fault (HTTP 500). */
  writeFault(faultcode: 'soap:Client' | 'soap:Server', faultstring: string): string {
    return (
      '<?xml version="1.0" encoding="utf-8"?>' +
      `<soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}"><soap:Body><soap:Fault>` +
      `<faultcode>${faultcode}</faultcode><faultstring>${escapeXmlText(faultstring)}</faultstring>` +
      '</soap:Fault></soap:Body></soap:Envelope>'
    );
  },
};
