import { QBWC_NAMESPACE, QBWC_OPERATIONS, type QbwcOperation, type QbwcOperationInfo } from './qbwc-soap.js';

/** The service, port type and binding names of qbd-sim's own WSDL for the Web Connector contract. */
export const QBWC_WSDL_NAMES = {
  service: 'QBWebConnectorSvc',
  portType: 'QBWebConnectorSvcSoap',
  binding: 'QBWebConnectorSvcSoap',
  port: 'QBWebConnectorSvcSoap',
} as const;

/** The placeholder endpoint of {@link QBWC_WSDL}; a server serving the WSDL puts its own URL there. */
export const QBWC_WSDL_DEFAULT_LOCATION = 'http://localhost:8080/qbwc';

const XSD_TYPE = { string: 's:string', int: 's:int' } as const;

/**
 * qbd-sim's own WSDL of the Web Connector service contract (written from facts §5.1–§5.2, not copied): SOAP 1.1,
 * document/literal wrapped, namespace `http://developer.intuit.com/`, `elementFormDefault="qualified"`, one
 * operation per entry of {@link QBWC_OPERATIONS} with SOAPAction `http://developer.intuit.com/<operation>`, and
 * `ArrayOfString` items named `string` in that namespace. `serverVersion` has no parameter (Intuit's contract;
 * some public copies add `strVersion`).
 */
export function qbwcWsdl(location: string = QBWC_WSDL_DEFAULT_LOCATION): string {
  const ops = Object.entries(QBWC_OPERATIONS) as [QbwcOperation, QbwcOperationInfo][];
  const n = QBWC_WSDL_NAMES;
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/"',
    '    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"',
    '    xmlns:s="http://www.w3.org/2001/XMLSchema"',
    `    xmlns:tns="${QBWC_NAMESPACE}"`,
    `    targetNamespace="${QBWC_NAMESPACE}"`,
    `    name="${n.service}">`,
    '  <wsdl:types>',
    `    <s:schema elementFormDefault="qualified" targetNamespace="${QBWC_NAMESPACE}">`,
  ];
  for (const [op, info] of ops) {
    if (info.params.length === 0) {
      lines.push(`      <s:element name="${op}">`, '        <s:complexType />', '      </s:element>');
    } else {
      lines.push(`      <s:element name="${op}">`, '        <s:complexType>', '          <s:sequence>');
      for (const [name, type] of info.params) {
        lines.push(
          type === 'int'
            ? `            <s:element minOccurs="1" maxOccurs="1" name="${name}" type="${XSD_TYPE.int}" />`
            : `            <s:element minOccurs="0" maxOccurs="1" name="${name}" type="${XSD_TYPE.string}" />`,
        );
      }
      lines.push('          </s:sequence>', '        </s:complexType>', '      </s:element>');
    }
    const result =
      info.result === 'int'
        ? `<s:element minOccurs="1" maxOccurs="1" name="${op}Result" type="s:int" />`
        : info.result === 'ArrayOfString'
          ? `<s:element minOccurs="0" maxOccurs="1" name="${op}Result" type="tns:ArrayOfString" />`
          : `<s:element minOccurs="0" maxOccurs="1" name="${op}Result" type="s:string" />`;
    lines.push(
      `      <s:element name="${op}Response">`,
      '        <s:complexType>',
      '          <s:sequence>',
      `            ${result}`,
      '          </s:sequence>',
      '        </s:complexType>',
      '      </s:element>',
    );
  }
  lines.push(
    '      <s:complexType name="ArrayOfString">',
    '        <s:sequence>',
    '          <s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string" />',
    '        </s:sequence>',
    '      </s:complexType>',
    '    </s:schema>',
    '  </wsdl:types>',
  );
  for (const [op] of ops) {
    lines.push(
      `  <wsdl:message name="${op}SoapIn">`,
      `    <wsdl:part name="parameters" element="tns:${op}" />`,
      '  </wsdl:message>',
      `  <wsdl:message name="${op}SoapOut">`,
      `    <wsdl:part name="parameters" element="tns:${op}Response" />`,
      '  </wsdl:message>',
    );
  }
  lines.push(`  <wsdl:portType name="${n.portType}">`);
  for (const [op] of ops) {
    lines.push(
      `    <wsdl:operation name="${op}">`,
      `      <wsdl:input message="tns:${op}SoapIn" />`,
      `      <wsdl:output message="tns:${op}SoapOut" />`,
      '    </wsdl:operation>',
    );
  }
  lines.push('  </wsdl:portType>', `  <wsdl:binding name="${n.binding}" type="tns:${n.portType}">`);
  lines.push('    <soap:binding transport="http://schemas.xmlsoap.org/soap/http" />');
  for (const [op] of ops) {
    lines.push(
      `    <wsdl:operation name="${op}">`,
      `      <soap:operation soapAction="${QBWC_NAMESPACE}${op}" style="document" />`,
      '      <wsdl:input>',
      '        <soap:body use="literal" />',
      '      </wsdl:input>',
      '      <wsdl:output>',
      '        <soap:body use="literal" />',
      '      </wsdl:output>',
      '    </wsdl:operation>',
    );
  }
  lines.push(
    '  </wsdl:binding>',
    `  <wsdl:service name="${n.service}">`,
    `    <wsdl:port name="${n.port}" binding="tns:${n.binding}">`,
    `      <soap:address location="${location.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`,
    '    </wsdl:port>',
    '  </wsdl:service>',
    '</wsdl:definitions>',
    '',
  );
  return lines.join('\n');
}

/** The WSDL text with the placeholder endpoint {@link QBWC_WSDL_DEFAULT_LOCATION}. */
export const QBWC_WSDL: string = qbwcWsdl();
