// The project's own WSDL of the Web Connector contract, loaded by an independent SOAP stack (the `soap` package).
import { expect, test } from 'vitest';
import * as soap from 'soap';
import { QBWC_OPERATIONS } from '../../../../src/protocol/qbwc-soap.js';
import { QBWC_WSDL, QBWC_WSDL_NAMES, qbwcWsdl } from '../../../../src/protocol/qbwc-wsdl.js';

function loadWsdl(xml: string): Promise<soap.WSDL> {
  return new Promise((resolve, reject) => {
    const wsdl = new soap.WSDL(xml, 'http://localhost/qbwc?wsdl', {});
    wsdl.onReady((err: unknown) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(wsdl)));
  });
}

test('the soap package loads the WSDL and finds every operation with its parameters, in contract order', async () => {
  const wsdl = await loadWsdl(QBWC_WSDL);
  const ops = (wsdl.describeServices() as Record<string, Record<string, unknown>>)[QBWC_WSDL_NAMES.service]![
    QBWC_WSDL_NAMES.port
  ] as Record<string, { input: Record<string, unknown>; output: Record<string, unknown> }>;
  expect(Object.keys(ops)).toEqual(Object.keys(QBWC_OPERATIONS));
  for (const [op, info] of Object.entries(QBWC_OPERATIONS)) {
    expect({ op, input: Object.keys(ops[op]!.input ?? {}).filter((k) => !k.startsWith('targetNS')) }).toEqual({
      op,
      input: info.params.map(([n]) => n),
    });
    expect(Object.keys(ops[op]!.output ?? {}).filter((k) => !k.startsWith('targetNS'))).toEqual([`${op}Result`]);
  }
});

test('SOAP 1.1 document/literal with SOAPAction http://developer.intuit.com/<operation>', async () => {
  const wsdl = await loadWsdl(QBWC_WSDL);
  const binding = wsdl.definitions.bindings[QBWC_WSDL_NAMES.binding]!;
  expect(binding.style).toBe('document');
  for (const op of Object.keys(QBWC_OPERATIONS)) {
    const method = binding.methods[op] as unknown as { soapAction: string; style: string };
    expect({ op, soapAction: method.soapAction, style: method.style }).toEqual({
      op,
      soapAction: `http://developer.intuit.com/${op}`,
      style: 'document',
    });
  }
  expect(QBWC_WSDL).toContain('xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"');
  expect(QBWC_WSDL).not.toContain('soap12');
  expect(QBWC_WSDL).toContain(
    '<s:schema elementFormDefault="qualified" targetNamespace="http://developer.intuit.com/">',
  );
  expect(QBWC_WSDL).toContain(
    '<s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string" />',
  );
  expect(QBWC_WSDL).toContain('<s:element name="serverVersion">\n        <s:complexType />');
});

test('the endpoint location is the served URL', async () => {
  const xml = qbwcWsdl('https://connector.example.com/qbwc?x=1&y=2');
  expect(xml).toContain('<soap:address location="https://connector.example.com/qbwc?x=1&amp;y=2" />');
  await loadWsdl(xml);
});
