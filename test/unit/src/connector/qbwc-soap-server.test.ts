// The connector's service side of the Web Connector contract, held against the project's client side as QBWC's .NET
// client reads it (src/protocol/qbwc-soap.ts): what QBWC sends is read, what the service writes QBWC reads.
import { expect, test } from 'vitest';
import { buildQbwcRequest, readQbwcReply } from '../../../../src/protocol/qbwc-soap.js';
import { QbwcSoapRequestError, qbwcSoapServer } from '../../../../src/connector/qbwc-soap-server.js';

test('requests as QBWC sends them are read by operation and parameter', () => {
  const req = buildQbwcRequest('sendRequestXML', {
    ticket: '{T}',
    strHCPResponse: '<?xml version="1.0" ?><QBXML>&amp;</QBXML>',
    strCompanyFileName: 'C:\\Acme & Co.QBW',
    qbXMLCountry: 'US',
    qbXMLMajorVers: 13,
    qbXMLMinorVers: 0,
  });
  expect(qbwcSoapServer.readRequest(req.body)).toEqual({
    operation: 'sendRequestXML',
    args: {
      ticket: '{T}',
      strHCPResponse: '<?xml version="1.0" ?><QBXML>&amp;</QBXML>',
      strCompanyFileName: 'C:\\Acme & Co.QBW',
      qbXMLCountry: 'US',
      qbXMLMajorVers: '13',
      qbXMLMinorVers: '0',
    },
  });
  expect(qbwcSoapServer.readRequest(buildQbwcRequest('serverVersion').body)).toEqual({
    operation: 'serverVersion',
    args: {},
  });
});

test('answers are read by QBWC as written: arrays of strings, strings with markup, ints', () => {
  const reply = (op: Parameters<typeof qbwcSoapServer.writeResponse>[0], value: string | number | string[]) => ({
    status: 200,
    contentType: 'text/xml; charset=utf-8',
    body: qbwcSoapServer.writeResponse(op, value),
  });
  expect(readQbwcReply('authenticate', reply('authenticate', ['{T}', '']))).toEqual({ ok: true, value: ['{T}', ''] });
  expect(readQbwcReply('authenticate', reply('authenticate', ['', 'nvu']))).toEqual({ ok: true, value: ['', 'nvu'] });
  const qbxml = '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><X>&amp;</X></QBXML>';
  expect(readQbwcReply('sendRequestXML', reply('sendRequestXML', qbxml))).toEqual({ ok: true, value: qbxml });
  expect(readQbwcReply('receiveResponseXML', reply('receiveResponseXML', 100))).toEqual({ ok: true, value: 100 });
  expect(readQbwcReply('receiveResponseXML', reply('receiveResponseXML', -1))).toEqual({ ok: true, value: -1 });
  expect(readQbwcReply('connectionError', reply('connectionError', 'done'))).toEqual({ ok: true, value: 'done' });
  const fault = readQbwcReply('getLastError', {
    status: 500,
    contentType: 'text/xml; charset=utf-8',
    body: qbwcSoapServer.writeFault('soap:Client', 'unknown operation'),
  });
  expect(fault).toMatchObject({ ok: false, failure: { kind: 'fault', message: 'unknown operation' } });
});

test('what is not a QBWC call is refused', () => {
  expect(() => qbwcSoapServer.readRequest('not xml')).toThrow(QbwcSoapRequestError);
  expect(() =>
    qbwcSoapServer.readRequest(
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><hack xmlns="http://developer.intuit.com/"/></soap:Body></soap:Envelope>',
    ),
  ).toThrow(/unknown operation/);
});
