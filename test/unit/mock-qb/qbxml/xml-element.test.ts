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

test('characters XML 1.0 does not allow fail the parse (QuickBooks answers 0x80040400), saying which and where', () => {
  for (const ch of ['\u0001', '\uFFFE', '\uD800', '\uDC00']) {
    expect(() => parseXmlDocument(`<QBXML><X requestID="1${ch}"/></QBXML>`)).toThrow(
      /character XML does not allow \(U\+[0-9A-F]{4}\) at offset 22/,
    );
  }
  // Supplementary-plane characters (a pair of surrogates) are fine.
  expect(parseXmlDocument('<QBXML><X requestID="1\u{1F600}"/></QBXML>')).toBeDefined();
});
