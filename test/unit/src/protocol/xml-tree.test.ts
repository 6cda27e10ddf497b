import { expect, test } from 'vitest';
import {
  childElement,
  elementChildren,
  isXsiNil,
  ownText,
  parseXmlTree,
  XmlTreeParseError,
} from '../../../../src/protocol/xml-tree.js';

test('names resolve to namespaces; text and whitespace stay in document order', () => {
  const root = parseXmlTree(
    '\uFEFF<?xml version="1.0"?><a:x xmlns:a="urn:a" xmlns="urn:d">\n <y>t<![CDATA[<c>]]></y><z xsi:nil="1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></a:x>',
  );
  expect(root).toMatchObject({ name: 'a:x', local: 'x', uri: 'urn:a' });
  expect(root.children[0]).toEqual({ kind: 'text', text: '\n ' });
  const y = childElement(root, 'y', 'urn:d')!;
  expect(ownText(y)).toBe('t<c>');
  expect(elementChildren(root).map((e) => e.local)).toEqual(['y', 'z']);
  expect(isXsiNil(childElement(root, 'z')!)).toBe(true);
  expect(childElement(root, 'y', 'urn:a')).toBeUndefined();
});

test('what is not well-formed throws XmlTreeParseError, content after the root included', () => {
  // An undeclared prefix (as `soap` writes `xsi:nil` without declaring xsi) is not namespace-well-formed either.
  for (const bad of ['', 'text', '<a><b></a>', '<a/><b/>', '<a>1</a>x', '<a><q:b/></a>', '<a q:nil="true"/>']) {
    expect(() => parseXmlTree(bad), bad).toThrow(XmlTreeParseError);
  }
  expect(parseXmlTree('<a/>\n<!-- c --><?pi x?>\n').local).toBe('a');
});

test('issue 7: a document xml2js throws for (instead of calling back) is XmlTreeParseError', () => {
  // Found by the .qwc fuzzer (test/property/fuzz): parseQwc crashed with a bare Error "Text data outside of root node."
  const bad =
    '<?xml version="1.0"?>\n<QBWCXML>\n  <AppName>Local Sync</AppName>\n  <AppSupport>/AuthFlags></QBWCXML>' +
    'http://localhost:8085/</AppSupport>\n  <QBType>QBFS</QBType>\n<AuthFlags>0xF<\n';
  expect(() => parseXmlTree(bad)).toThrow(XmlTreeParseError);
});
