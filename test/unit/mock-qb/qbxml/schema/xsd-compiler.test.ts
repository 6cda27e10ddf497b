// The XSD compiler: Intuit's qbXML 13.0 compiles once per path and is cached; constructs outside the supported
// subset fail loudly, naming the construct and the file; a directory must hold exactly one qbxmlops*.xsd.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { compileXsdDirectory, validateElement } from '../../../../../mock-qb/qbxml/schema/xsd-compiler.js';
import { parseXmlDocument } from '../../../../../mock-qb/qbxml/xml-element.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const xsdDir = path.resolve(repoRoot, '../shared/qbxml-xsd/13.0');

test("Intuit's qbXML 13.0 XSD compiles once and is cached by absolute path", () => {
  const compiled = compileXsdDirectory(xsdDir);
  expect(compiled.files.map((f) => path.basename(f))).toEqual([
    'qbxmlops130.xsd',
    'qbxmltypes130.xsd',
    'qbxml130.xsd',
    'qbxmlso130.xsd',
  ]);
  expect(compileXsdDirectory(`${xsdDir}/`)).toBe(compiled);
  expect(compileXsdDirectory(path.join(xsdDir, 'qbxmlops130.xsd'))).toBe(compiled);
  expect(compiled.elements.get('BillAdd')?.type.kind).toBe('complex');
  expect(compiled.elements.get('ActiveStatus')?.defaultValue).toBe('ActiveOnly');
});

test('validateElement types an element by its global declaration', () => {
  const compiled = compileXsdDirectory(xsdDir);
  const vendorRef = parseXmlDocument('<VendorRef><FullName>A</FullName><ListID>1-1</ListID></VendorRef>');
  expect(validateElement(compiled, vendorRef)).toEqual({
    ok: false,
    path: 'VendorRef',
    reason: 'element "ListID" is not allowed here; expected the end of the element',
  });
  expect(validateElement(compiled, parseXmlDocument('<Nope/>'))).toMatchObject({
    ok: false,
    reason: expect.stringMatching(/^element "Nope" is not declared in /) as string,
  });
});

function schemaDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'qbd-sim-xsd-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const xsd = (body: string): string =>
  `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">${body}</xsd:schema>`;

test('a construct outside the supported subset fails loudly with where it is', () => {
  const dir = schemaDir({
    'qbxmlops990.xsd': xsd(
      '<xsd:element name="A"><xsd:complexType><xsd:all><xsd:element name="B"/></xsd:all></xsd:complexType></xsd:element>',
    ),
  });
  expect(() => compileXsdDirectory(dir)).toThrow(
    /xsd:all inside a complexType is not supported \(at xsd:all in .*qbxmlops990\.xsd\)/,
  );
});

test('a small schema with includes, groups, unions and simpleContent compiles and validates', () => {
  const dir = schemaDir({
    'qbxmlops990.xsd': xsd(`<xsd:include schemaLocation="types.xsd"/>
      <xsd:group name="G"><xsd:sequence><xsd:element name="X" type="FLAG" minOccurs="0"/></xsd:sequence></xsd:group>
      <xsd:element name="Root"><xsd:complexType><xsd:sequence>
        <xsd:group ref="G"/>
        <xsd:element name="Id" maxOccurs="2"><xsd:complexType><xsd:simpleContent><xsd:extension base="xsd:string">
          <xsd:attribute name="useMacro" type="xsd:string"/></xsd:extension></xsd:simpleContent></xsd:complexType></xsd:element>
      </xsd:sequence><xsd:attribute name="v" use="required"><xsd:simpleType><xsd:restriction base="xsd:string">
        <xsd:enumeration value="a"/></xsd:restriction></xsd:simpleType></xsd:attribute></xsd:complexType></xsd:element>`),
    'types.xsd':
      xsd(`<xsd:simpleType name="FLAG"><xsd:union><xsd:simpleType><xsd:restriction base="xsd:boolean"/></xsd:simpleType>
      <xsd:simpleType><xsd:restriction base="xsd:token"><xsd:enumeration value=""/></xsd:restriction></xsd:simpleType></xsd:union></xsd:simpleType>`),
  });
  const compiled = compileXsdDirectory(dir);
  const check = (xml: string): unknown => validateElement(compiled, parseXmlDocument(xml));
  expect(check('<Root v="a"><X>true</X><Id useMacro="m">1</Id><Id>2</Id></Root>')).toEqual({ ok: true });
  expect(check('<Root v="a"><X>maybe</X><Id>1</Id></Root>')).toMatchObject({ ok: false, path: 'Root/X' });
  expect(check('<Root v="a"><Id>1</Id><Id>2</Id><Id>3</Id></Root>')).toMatchObject({ ok: false, path: 'Root' });
  expect(check('<Root v="a"><Id other="1">1</Id></Root>')).toEqual({
    ok: false,
    path: 'Root/Id',
    reason: 'attribute "other" is not allowed',
  });
  expect(check('<Root><Id>1</Id></Root>')).toEqual({
    ok: false,
    path: 'Root',
    reason: 'missing required attribute "v"',
  });
});

test('a directory without exactly one qbxmlops*.xsd is refused with what to do', () => {
  expect(() => compileXsdDirectory(schemaDir({}))).toThrow(/holds 0 qbxmlops\*\.xsd files \(none\); name a directory/);
  expect(() => compileXsdDirectory(path.join(tmpdir(), 'qbd-sim-no-such-dir'))).toThrow(/No qbXML schema at/);
});
