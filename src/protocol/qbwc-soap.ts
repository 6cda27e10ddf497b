import {
  childElement,
  elementChildren,
  escapeXmlText,
  isXsiNil,
  parseXmlTree,
  XmlTreeParseError,
  type XmlTreeElement,
} from './xml-tree.js';

/** The Web Connector's SOAP namespace (facts §5.1). */
export const QBWC_NAMESPACE = 'http://developer.intuit.com/';
/** SOAP 1.1 envelope namespace. */
export const SOAP11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NAMESPACE = 'http://www.w3.org/2001/XMLSchema-instance';
const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** The QBWC version the fake Web Connector reports in `clientVersion` (a current 2.3 build, facts §10.3). */
export const QBWC_CLIENT_VERSION = '2.3.0.36';

/** The User-Agent of .NET's SoapHttpClientProtocol on the CLR QBWC 2.3 runs on (facts §10.3). */
export const DOTNET_SOAP_USER_AGENT =
  'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)';

export type QbwcParamType = 'string' | 'int';
export type QbwcResultType = 'string' | 'int' | 'ArrayOfString';

/** One operation of the QBWC service contract: its request children in order and its result type (facts §5.2). */
export interface QbwcOperationInfo {
  params: readonly (readonly [name: string, type: QbwcParamType])[];
  result: QbwcResultType;
}

/** Every operation of the Web Connector's service contract, named exactly as the WSDL names them (facts §5.2). */
export const QBWC_OPERATIONS = {
  serverVersion: { params: [], result: 'string' },
  clientVersion: { params: [['strVersion', 'string']], result: 'string' },
  authenticate: {
    params: [
      ['strUserName', 'string'],
      ['strPassword', 'string'],
    ],
    result: 'ArrayOfString',
  },
  sendRequestXML: {
    params: [
      ['ticket', 'string'],
      ['strHCPResponse', 'string'],
      ['strCompanyFileName', 'string'],
      ['qbXMLCountry', 'string'],
      ['qbXMLMajorVers', 'int'],
      ['qbXMLMinorVers', 'int'],
    ],
    result: 'string',
  },
  receiveResponseXML: {
    params: [
      ['ticket', 'string'],
      ['response', 'string'],
      ['hresult', 'string'],
      ['message', 'string'],
    ],
    result: 'int',
  },
  connectionError: {
    params: [
      ['ticket', 'string'],
      ['hresult', 'string'],
      ['message', 'string'],
    ],
    result: 'string',
  },
  getLastError: { params: [['ticket', 'string']], result: 'string' },
  closeConnection: { params: [['ticket', 'string']], result: 'string' },
  getInteractiveURL: {
    params: [
      ['wcTicket', 'string'],
      ['sessionID', 'string'],
    ],
    result: 'string',
  },
  interactiveDone: { params: [['wcTicket', 'string']], result: 'string' },
  interactiveRejected: {
    params: [
      ['wcTicket', 'string'],
      ['reason', 'string'],
    ],
    result: 'string',
  },
} as const satisfies Record<string, QbwcOperationInfo>;

export type QbwcOperation = keyof typeof QBWC_OPERATIONS;

/** The value a reply carries, by result type: `null` where .NET reads null (missing, nil, another namespace). */
export type QbwcResultValue<Op extends QbwcOperation> = (typeof QBWC_OPERATIONS)[Op]['result'] extends 'int'
  ? number
  : (typeof QBWC_OPERATIONS)[Op]['result'] extends 'ArrayOfString'
    ? (string | null)[] | null
    : string | null;

/** An HTTP request as QBWC sends it. */
export interface QbwcSoapRequest {
  operation: QbwcOperation;
  headers: Record<string, string>;
  body: string;
}

/** The SOAPAction of an operation, quoted as .NET sends it: `"http://developer.intuit.com/authenticate"`. */
export function soapActionOf(operation: QbwcOperation): string {
  return `"${QBWC_NAMESPACE}${operation}"`;
}

/**
 * Builds a SOAP 1.1 request exactly as QBWC's .NET client sends it (facts §10.3): the XML declaration, an envelope
 * declaring the `soap`, `xsi` and `xsd` prefixes, the operation element with `xmlns="http://developer.intuit.com/"`,
 * its parameters in contract order (a `null` parameter is left out, an empty string is an empty element `<x />`),
 * `Content-Type: text/xml; charset=utf-8`, the quoted SOAPAction and .NET's User-Agent.
 */
export function buildQbwcRequest(
  operation: QbwcOperation,
  args: Readonly<Record<string, string | number | null | undefined>> = {},
  style: QbwcSoapStyle = 'Document',
): QbwcSoapRequest {
  const info: QbwcOperationInfo = QBWC_OPERATIONS[operation];
  if (style === 'RPC') return buildRpcRequest(operation, info, args);
  let inner = '';
  for (const [name, type] of info.params) {
    const value = args[name];
    if (value === null || value === undefined) continue;
    const text = type === 'int' ? String(Math.trunc(Number(value))) : String(value);
    inner += text === '' ? `<${name} />` : `<${name}>${escapeXmlText(text)}</${name}>`;
  }
  const op =
    inner === ''
      ? `<${operation} xmlns="${QBWC_NAMESPACE}" />`
      : `<${operation} xmlns="${QBWC_NAMESPACE}">${inner}</${operation}>`;
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}" xmlns:xsi="${XSI_NAMESPACE}" xmlns:xsd="${XSD_NAMESPACE}">` +
    `<soap:Body>${op}</soap:Body></soap:Envelope>`;
  return {
    operation,
    headers: {
      'User-Agent': DOTNET_SOAP_USER_AGENT,
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: soapActionOf(operation),
    },
    body,
  };
}

/**
 * The `.qwc` `Style` (facts §5.5, §10.3): `Document` (default) and `DocWrapped` are document/literal wrapped on the
 * wire; `RPC` is rpc/encoded (SOAP 1.1 section 5).
 */
export type QbwcSoapStyle = 'Document' | 'DocWrapped' | 'RPC';

const SOAP_ENCODING = 'http://schemas.xmlsoap.org/soap/encoding/';

/**
 * An rpc/encoded request as .NET's `SoapRpcMethod` writes it: the envelope declares `soapenc`, `tns`, `types`, `xsi`
 * and `xsd`; the Body carries `soap:encodingStyle`; the operation element is `tns:<op>`; its parameters are
 * unqualified, each with its `xsi:type`.
 */
function buildRpcRequest(
  operation: QbwcOperation,
  info: QbwcOperationInfo,
  args: Readonly<Record<string, string | number | null | undefined>>,
): QbwcSoapRequest {
  let inner = '';
  for (const [name, type] of info.params) {
    const value = args[name];
    if (value === null || value === undefined) continue;
    const text = type === 'int' ? String(Math.trunc(Number(value))) : String(value);
    inner += `<${name} xsi:type="xsd:${type}">${escapeXmlText(text)}</${name}>`;
  }
  const body =
    '<?xml version="1.0" encoding="utf-8"?>' +
    `<soap:Envelope xmlns:soap="${SOAP11_NAMESPACE}" xmlns:soapenc="${SOAP_ENCODING}" xmlns:tns="${QBWC_NAMESPACE}" ` +
    `xmlns:types="${QBWC_NAMESPACE}encodedTypes" xmlns:xsi="${XSI_NAMESPACE}" xmlns:xsd="${XSD_NAMESPACE}">` +
    `<soap:Body soap:encodingStyle="${SOAP_ENCODING}">` +
    (inner === '' ? `<tns:${operation} />` : `<tns:${operation}>${inner}</tns:${operation}>`) +
    '</soap:Body></soap:Envelope>';
  return {
    operation,
    headers: {
      'User-Agent': DOTNET_SOAP_USER_AGENT,
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: soapActionOf(operation),
    },
    body,
  };
}

/** An HTTP reply as the transport received it. */
export interface QbwcHttpReply {
  status: number;
  statusText?: string;
  /** The Content-Type header, or null when absent. */
  contentType: string | null;
  body: string;
}

/** Why a reply could not be read; `message` is the .NET exception message QBWC logs and shows. */
export interface QbwcSoapFailure {
  kind: 'http-status' | 'content-type' | 'fault' | 'not-well-formed' | 'bad-xml';
  message: string;
  status: number;
  faultcode?: string;
}

export type QbwcReply<Op extends QbwcOperation> =
  { ok: true; value: QbwcResultValue<Op> } | { ok: false; failure: QbwcSoapFailure };

/** HTTP reason phrases .NET puts into "The request failed with HTTP status …". */
const REASONS: Record<number, string> = {
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/**
 * Reads a reply the way QBWC's .NET `SoapHttpClientProtocol` reads it (facts §10.3):
 *
 * - HTTP status ≥ 300 other than 400/500 is an error (`The request failed with HTTP status 404: Not Found.`);
 * - the reply must have a SOAP content type (`text/xml`, or `application/soap+xml`), else
 *   `Client found response content type of '…', but expected 'text/xml'.` with the body;
 * - XML that is not well-formed: `Response is not well-formed XML.`;
 * - a SOAP Fault raises with its faultstring;
 * - the response element must be `{op}Response` in the QBWC namespace (prefixes are fine); inside it, a result element
 *   in another namespace (or none) reads as null — as 0 for `receiveResponseXML`, an int;
 * - a scalar result may be wrapped in one compact child element (`<sendRequestXMLResult><string>…</string>…`), which
 *   is unwrapped; whitespace before the child, two children or a non-integer percentage fail
 *   (`There is an error in XML document (line, column).`);
 * - `ArrayOfString` items count only as `<string>` elements in the QBWC namespace (a WCF `a:string` array reads as
 *   empty).
 */
export function readQbwcReply<Op extends QbwcOperation>(
  operation: Op,
  reply: QbwcHttpReply,
  style: QbwcSoapStyle = 'Document',
): QbwcReply<Op> {
  const rpc = style === 'RPC';
  const fail = (kind: QbwcSoapFailure['kind'], message: string, faultcode?: string): QbwcReply<Op> => ({
    ok: false,
    failure: { kind, message, status: reply.status, ...(faultcode !== undefined ? { faultcode } : {}) },
  });
  const { status, body } = reply;
  if (status >= 300 && status !== 400 && status !== 500) {
    const reason = reply.statusText || REASONS[status] || 'Unknown';
    return fail('http-status', `The request failed with HTTP status ${status}: ${reason}.`);
  }
  const contentType = reply.contentType ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'text/xml' && mediaType !== 'application/soap+xml') {
    const tail =
      body.length === 0
        ? 'The request failed with an empty response.'
        : `The request failed with the error message:\r\n--\r\n${body}\r\n--.`;
    return fail(
      'content-type',
      `Client found response content type of '${contentType}', but expected 'text/xml'.\r\n${tail}`,
    );
  }
  let envelope: XmlTreeElement;
  try {
    envelope = parseXmlTree(body);
  } catch (error) {
    if (error instanceof XmlTreeParseError) return fail('not-well-formed', 'Response is not well-formed XML.');
    throw error;
  }
  if (envelope.local !== 'Envelope' || envelope.uri !== SOAP11_NAMESPACE) {
    return fail('not-well-formed', 'Response is not well-formed XML.');
  }
  const soapBody = childElement(envelope, 'Body', SOAP11_NAMESPACE);
  if (!soapBody) return fail('bad-xml', xmlDocumentError(body, envelope.name));
  const first = elementChildren(soapBody)[0];
  if (!first) return fail('bad-xml', xmlDocumentError(body, soapBody.name));
  if (first.local === 'Fault' && first.uri === SOAP11_NAMESPACE) {
    const faultstring = childElement(first, 'faultstring');
    const faultcode = childElement(first, 'faultcode');
    return fail('fault', faultstring ? textOf(faultstring) : '', faultcode ? textOf(faultcode) : undefined);
  }
  // rpc/encoded: the wrapper in the service namespace (or none), the result an unqualified accessor, maybe an href.
  if (first.local !== `${operation}Response` || (first.uri !== QBWC_NAMESPACE && !(rpc && first.uri === ''))) {
    return fail('bad-xml', xmlDocumentError(body, first.name));
  }
  const info: QbwcOperationInfo = QBWC_OPERATIONS[operation];
  const result = rpc
    ? multiRef(soapBody, childElement(first, `${operation}Result`))
    : childElement(first, `${operation}Result`, QBWC_NAMESPACE);
  if (info.result === 'int') {
    // A missing int reads as 0 (.NET leaves the value type at its default).
    if (!result) return { ok: true, value: 0 as QbwcResultValue<Op> };
    const scalar = readScalar(result);
    const n = scalar === null || isXsiNil(result) ? NaN : dotnetInt32(scalar);
    if (!Number.isInteger(n)) return fail('bad-xml', xmlDocumentError(body, result.name));
    return { ok: true, value: n as QbwcResultValue<Op> };
  }
  if (!result || isXsiNil(result)) return { ok: true, value: null as QbwcResultValue<Op> };
  if (info.result === 'ArrayOfString') {
    const items: (string | null)[] = [];
    for (const raw of elementChildren(result)) {
      // Encoded arrays name their items freely (`Item`, `string`); literal ones need <string> in the QBWC namespace.
      if (!rpc && (raw.local !== 'string' || raw.uri !== QBWC_NAMESPACE)) continue; // unknown elements are skipped
      const item = rpc ? multiRef(soapBody, raw)! : raw;
      if (isXsiNil(item)) {
        items.push(null);
        continue;
      }
      const value = readScalar(item);
      if (value === null) return fail('bad-xml', xmlDocumentError(body, item.name));
      items.push(value);
    }
    return { ok: true, value: items as QbwcResultValue<Op> };
  }
  const value = readScalar(result);
  if (value === null) return fail('bad-xml', xmlDocumentError(body, result.name));
  return { ok: true, value: value as QbwcResultValue<Op> };
}

/** SOAP encoding's multi-reference values: an accessor with `href="#id"` stands for the Body element of that `id`. */
function multiRef(soapBody: XmlTreeElement, el: XmlTreeElement | undefined): XmlTreeElement | undefined {
  const href = el ? Object.values(el.attrs).find((a) => a.local === 'href' && a.uri === '')?.value : undefined;
  if (!href?.startsWith('#')) return el;
  const id = href.slice(1);
  return elementChildren(soapBody).find((c) => Object.values(c.attrs).some((a) => a.local === 'id' && a.value === id));
}

/**
 * The text of a simple element as .NET's `ReadElementString` returns it: its character data; or, when the element
 * holds exactly one compact child element (no character data before it, only whitespace after it, and only text in
 * it), that child's text. Anything else cannot be read (null).
 */
function readScalar(el: XmlTreeElement): string | null {
  const elements = elementChildren(el);
  if (elements.length === 0) return textOf(el);
  if (elements.length > 1) return null;
  const child = elements[0]!;
  const index = el.children.indexOf(child);
  if (index !== 0) return null; // character data (even whitespace) before the child
  for (const after of el.children.slice(1)) if (after.kind === 'text' && after.text.trim() !== '') return null;
  if (elementChildren(child).length > 0) return null;
  return textOf(child);
}

function textOf(el: XmlTreeElement): string {
  let out = '';
  for (const c of el.children) if (c.kind === 'text') out += c.text;
  return out;
}

/** `XmlConvert.ToInt32`: optional surrounding whitespace, an optional sign, digits; within Int32. */
function dotnetInt32(text: string): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) return NaN;
  const n = Number(t);
  return n >= -2147483648 && n <= 2147483647 ? n : NaN;
}

/** .NET's XmlSerializer failure: `There is an error in XML document (line, column).` at an element's start tag. */
function xmlDocumentError(body: string, qualifiedName: string): string {
  const index = body.search(new RegExp(`<${qualifiedName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[\\s/>]`));
  const at = index < 0 ? 0 : index + 1;
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const column = at - (before.lastIndexOf('\n') + 1) + 1;
  return `There is an error in XML document (${line}, ${column}).`;
}
