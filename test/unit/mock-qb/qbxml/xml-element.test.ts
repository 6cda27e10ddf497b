import { expect, test } from 'vitest';
import { XmlParseError, parseXmlDocument } from '../../../../mock-qb/qbxml/xml-element.js';

test('issue 7: text after the root element (xml2js throws instead of calling back) is an XmlParseError', () => {
  // Found by the qbXML fuzzer (test/property/fuzz): ProcessRequest crashed instead of answering 0x80040400.
  const bad =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="1.0"?><QBXML><QBXMLMsgsRq onError="rollbackOnError">' +
    '<BillAddRq requestID="4"><BillAdd><VendorRef><FullName>Ärger GmbH</FullName></VendorRef><TxnDate>/VendorRef>' +
    '<TxnDate>1899-12-31</TxnDate></BillAdd></BillAddRq></QBXMLMsgsRq></QBXML>MaxReturned></VendorQueryRq>' +
    '</QBXMLMsgsRq></QBXML>';
  expect(() => parseXmlDocument(bad)).toThrow(XmlParseError);
  expect(parseXmlDocument('<QBXML><QBXMLMsgsRq/></QBXML>').name).toBe('QBXML');
});
