// The QBWC SOAP codec: requests byte for byte as QBWC's .NET client sends them, and replies read the way that client
// reads them (facts §10.3). The operation table is held against facts §5.2.
import { expect, test } from 'vitest';
import {
  QBWC_OPERATIONS,
  buildQbwcRequest,
  readQbwcReply,
  soapActionOf,
  type QbwcHttpReply,
  type QbwcOperation,
} from '../../../../src/protocol/qbwc-soap.js';
import { factsSection, tableRows } from './facts-sheet.js';

const HEAD =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>';
const TAIL = '</soap:Body></soap:Envelope>';

const xmlReply = (body: string, status = 200, contentType = 'text/xml; charset=utf-8'): QbwcHttpReply => ({
  status,
  contentType,
  body,
});
const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>${inner}</s:Body></s:Envelope>`;
const response = (op: string, result: string) =>
  envelope(`<${op}Response xmlns="http://developer.intuit.com/">${result}</${op}Response>`);

test('the operations, their parameters (in order, ints marked) and results match facts §5.2', () => {
  const rows = tableRows(factsSection('### 5.2 '));
  const fromFacts = rows.map(([op, params, result]) => {
    const name = /`(\w+)`/.exec(op ?? '')![1]!;
    const ps = [...(params ?? '').matchAll(/`(\w+)`( \(int\))?/g)].map((m) => [m[1], m[2] ? 'int' : 'string']);
    const r = /`(\w+)`(?: \((\w+)\))?/.exec(result ?? '');
    return { name, params: ps, result: r?.[1], resultType: r?.[2] };
  });
  expect(fromFacts.map((f) => f.name)).toEqual(Object.keys(QBWC_OPERATIONS));
  for (const f of fromFacts) {
    const info = QBWC_OPERATIONS[f.name as QbwcOperation];
    expect({ op: f.name, params: info.params.map(([n, t]) => [n, t]) }).toEqual({ op: f.name, params: f.params });
    expect(f.result).toBe(`${f.name}Result`);
    if (f.resultType) expect({ op: f.name, type: info.result }).toEqual({ op: f.name, type: f.resultType });
  }
});

test('authenticate as QBWC sends it: XML declaration, soap/xsi/xsd prefixes, the namespace on the operation', () => {
  const req = buildQbwcRequest('authenticate', { strUserName: 'acme', strPassword: 'p&ss<word>' });
  expect(req.body).toBe(
    `${HEAD}<authenticate xmlns="http://developer.intuit.com/"><strUserName>acme</strUserName>` +
      `<strPassword>p&amp;ss&lt;word&gt;</strPassword></authenticate>${TAIL}`,
  );
  expect(req.headers).toEqual({
    'User-Agent': 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 4.0.30319.42000)',
    'Content-Type': 'text/xml; charset=utf-8',
    SOAPAction: '"http://developer.intuit.com/authenticate"',
  });
});

test('serverVersion is empty; ints are written as integers; "" is an empty element and null is left out', () => {
  expect(buildQbwcRequest('serverVersion').body).toBe(
    `${HEAD}<serverVersion xmlns="http://developer.intuit.com/" />${TAIL}`,
  );
  expect(buildQbwcRequest('clientVersion', { strVersion: '2.3.0.36' }).body).toContain(
    '<strVersion>2.3.0.36</strVersion>',
  );
  const send = buildQbwcRequest('sendRequestXML', {
    ticket: 't',
    strHCPResponse: '',
    strCompanyFileName: 'C:\\A.QBW',
    qbXMLCountry: 'US',
    qbXMLMajorVers: 13,
    qbXMLMinorVers: 0,
  }).body;
  expect(send).toContain(
    '<ticket>t</ticket><strHCPResponse /><strCompanyFileName>C:\\A.QBW</strCompanyFileName><qbXMLCountry>US</qbXMLCountry><qbXMLMajorVers>13</qbXMLMajorVers><qbXMLMinorVers>0</qbXMLMinorVers>',
  );
  expect(
    buildQbwcRequest('receiveResponseXML', { ticket: 't', response: null, hresult: '', message: '' }).body,
  ).toContain(
    '<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><hresult /><message /></receiveResponseXML>',
  );
  expect(soapActionOf('sendRequestXML')).toBe('"http://developer.intuit.com/sendRequestXML"');
});

test('results: strings, prefixed namespaces, ints, ArrayOfString with nil items', () => {
  expect(
    readQbwcReply(
      'closeConnection',
      xmlReply(response('closeConnection', '<closeConnectionResult>OK</closeConnectionResult>')),
    ),
  ).toEqual({ ok: true, value: 'OK' });
  const prefixed = envelope(
    '<ns1:authenticateResponse xmlns:ns1="http://developer.intuit.com/"><ns1:authenticateResult><ns1:string>T</ns1:string>' +
      '<ns1:string></ns1:string><ns1:string xsi:nil="true" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></ns1:authenticateResult></ns1:authenticateResponse>',
  );
  expect(readQbwcReply('authenticate', xmlReply(prefixed))).toEqual({ ok: true, value: ['T', '', null] });
  expect(
    readQbwcReply(
      'receiveResponseXML',
      xmlReply(response('receiveResponseXML', '<receiveResponseXMLResult> -1 </receiveResponseXMLResult>')),
    ),
  ).toEqual({ ok: true, value: -1 });
  expect(
    readQbwcReply(
      'sendRequestXML',
      xmlReply(response('sendRequestXML', '<sendRequestXMLResult>&lt;QBXML/&gt;</sendRequestXMLResult>')),
    ),
  ).toEqual({ ok: true, value: '<QBXML/>' });
  expect(readQbwcReply('getLastError', xmlReply(response('getLastError', '<getLastErrorResult />')))).toEqual({
    ok: true,
    value: '',
  });
  expect(
    readQbwcReply(
      'sendRequestXML',
      xmlReply(response('sendRequestXML', '<sendRequestXMLResult><![CDATA[<QBXML/>]]></sendRequestXMLResult>')),
    ),
  ).toEqual({ ok: true, value: '<QBXML/>' });
});

test('a result in another namespace, or none, reads as null (0 for the int of receiveResponseXML)', () => {
  expect(
    readQbwcReply(
      'sendRequestXML',
      xmlReply(response('sendRequestXML', '<sendRequestXMLResult xmlns="">x</sendRequestXMLResult>')),
    ),
  ).toEqual({ ok: true, value: null });
  expect(readQbwcReply('sendRequestXML', xmlReply(response('sendRequestXML', '')))).toEqual({ ok: true, value: null });
  expect(readQbwcReply('receiveResponseXML', xmlReply(response('receiveResponseXML', '')))).toEqual({
    ok: true,
    value: 0,
  });
  // WCF's arrays: items in the Microsoft Arrays namespace are not QBWC's strings.
  const wcf = response(
    'authenticate',
    '<authenticateResult xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><a:string>T</a:string><a:string/></authenticateResult>',
  );
  expect(readQbwcReply('authenticate', xmlReply(wcf))).toEqual({ ok: true, value: [] });
});

test('a scalar wrapped in one compact child is unwrapped; whitespace before it, two children or a decimal fail', () => {
  const send = (inner: string) =>
    readQbwcReply(
      'sendRequestXML',
      xmlReply(response('sendRequestXML', `<sendRequestXMLResult>${inner}</sendRequestXMLResult>`)),
    );
  const recv = (inner: string) =>
    readQbwcReply(
      'receiveResponseXML',
      xmlReply(response('receiveResponseXML', `<receiveResponseXMLResult>${inner}</receiveResponseXMLResult>`)),
    );
  expect(send('<string>&lt;QBXML/&gt;</string>')).toEqual({ ok: true, value: '<QBXML/>' });
  expect(recv('<int>20</int>')).toEqual({ ok: true, value: 20 });
  expect(recv('<int>20</int>\n')).toEqual({ ok: true, value: 20 });
  for (const bad of [
    send('\n  <string>x</string>'),
    send('<a>x</a><b>y</b>'),
    send('<a><b>x</b></a>'),
    recv('20.5'),
    recv(''),
    recv('3000000000'),
  ]) {
    expect(bad).toMatchObject({
      ok: false,
      failure: {
        kind: 'bad-xml',
        message: expect.stringMatching(/^There is an error in XML document \(\d+, \d+\)\.$/),
      },
    });
  }
});

test('the error position is the line and column of the element .NET stopped at', () => {
  const body =
    '<?xml version="1.0"?>\n<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">\n<s:Body>\n<r:receiveResponseXMLResponse xmlns:r="http://developer.intuit.com/">\n  <r:receiveResponseXMLResult>1.5</r:receiveResponseXMLResult>\n</r:receiveResponseXMLResponse></s:Body></s:Envelope>';
  expect(readQbwcReply('receiveResponseXML', xmlReply(body))).toMatchObject({
    ok: false,
    failure: { message: 'There is an error in XML document (5, 4).' },
  });
});

test('HTTP status ≥ 300 other than 400/500 fails; a fault raises its faultstring; a non-SOAP content type fails', () => {
  expect(readQbwcReply('authenticate', { status: 404, contentType: 'text/html', body: 'nope' })).toEqual({
    ok: false,
    failure: { kind: 'http-status', message: 'The request failed with HTTP status 404: Not Found.', status: 404 },
  });
  expect(readQbwcReply('authenticate', { status: 302, contentType: 'text/html', body: '' })).toMatchObject({
    failure: { message: 'The request failed with HTTP status 302: Found.' },
  });
  const fault = envelope('<s:Fault><faultcode>s:Client</faultcode><faultstring>Bad ticket</faultstring></s:Fault>');
  expect(readQbwcReply('sendRequestXML', xmlReply(fault, 500))).toEqual({
    ok: false,
    failure: { kind: 'fault', message: 'Bad ticket', faultcode: 's:Client', status: 500 },
  });
  expect(readQbwcReply('sendRequestXML', xmlReply(fault, 200))).toMatchObject({
    ok: false,
    failure: { kind: 'fault' },
  });
  expect(
    readQbwcReply('sendRequestXML', { status: 500, contentType: 'text/html; charset=utf-8', body: '<h1>Oops</h1>' }),
  ).toMatchObject({
    failure: {
      kind: 'content-type',
      message:
        "Client found response content type of 'text/html; charset=utf-8', but expected 'text/xml'.\r\nThe request failed with the error message:\r\n--\r\n<h1>Oops</h1>\r\n--.",
    },
  });
  expect(readQbwcReply('sendRequestXML', { status: 200, contentType: null, body: '' })).toMatchObject({
    failure: {
      message:
        "Client found response content type of '', but expected 'text/xml'.\r\nThe request failed with an empty response.",
    },
  });
  // HTTP 400 and 500 with a SOAP body are read as SOAP.
  expect(
    readQbwcReply(
      'closeConnection',
      xmlReply(response('closeConnection', '<closeConnectionResult>x</closeConnectionResult>'), 400),
    ),
  ).toEqual({ ok: true, value: 'x' });
});

test('not well-formed XML, another SOAP version or another response element', () => {
  const notWellFormed = {
    ok: false,
    failure: { kind: 'not-well-formed', message: 'Response is not well-formed XML.' },
  };
  expect(readQbwcReply('closeConnection', xmlReply('<s:Envelope'))).toMatchObject(notWellFormed);
  expect(readQbwcReply('closeConnection', xmlReply(''))).toMatchObject(notWellFormed);
  expect(readQbwcReply('closeConnection', xmlReply(`${response('closeConnection', '')}<extra/>`))).toMatchObject(
    notWellFormed,
  );
  const soap12 = '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>';
  expect(readQbwcReply('closeConnection', xmlReply(soap12, 200, 'application/soap+xml'))).toMatchObject(notWellFormed);
  expect(readQbwcReply('closeConnection', xmlReply(response('getLastError', '')))).toMatchObject({
    ok: false,
    failure: { kind: 'bad-xml' },
  });
  const wrongNs = envelope(
    '<closeConnectionResponse xmlns="urn:other"><closeConnectionResult>OK</closeConnectionResult></closeConnectionResponse>',
  );
  expect(readQbwcReply('closeConnection', xmlReply(wrongNs))).toMatchObject({
    ok: false,
    failure: { kind: 'bad-xml' },
  });
});

test('Style RPC: an ASMX rpc/encoded reply with a multi-reference array (href) is read', () => {
  const body =
    '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ' +
    'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:tns="http://developer.intuit.com/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">' +
    '<soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">' +
    '<tns:authenticateResponse><authenticateResult href="#id1" /></tns:authenticateResponse>' +
    '<soapenc:Array id="id1" soapenc:arrayType="xsd:string[2]"><Item>T-1</Item><Item /></soapenc:Array>' +
    '</soap:Body></soap:Envelope>';
  const reply = { status: 200, contentType: 'text/xml; charset=utf-8', body };
  expect(readQbwcReply('authenticate', reply, 'RPC')).toEqual({ ok: true, value: ['T-1', ''] });
  // Read as document/literal the unqualified result is in no namespace: it reads as null (QBWC1012 follows).
  expect(readQbwcReply('authenticate', reply)).toEqual({ ok: true, value: null });
});
