// Issue 21 item 11: the `.qwc` Style reaches the wire (facts §5.5, §10.3): Document and DocWrapped are
// document/literal wrapped, RPC is rpc/encoded. The far side is the `soap` package serving an rpc/encoded WSDL.
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import soap from 'soap';
import { afterEach, expect, test } from 'vitest';
import { QBWC_NAMESPACE, QBWC_OPERATIONS, type QbwcOperation } from '../../../src/protocol/qbwc-soap.js';
import { APP_NAME, qbxml, qwcXml, readyApp, startBench, webConnectorWorld } from './support.js';

/** An rpc/encoded WSDL of the QBWC contract (the binding a service for Style=RPC publishes). */
function rpcWsdl(location: string): string {
  const ops = Object.entries(QBWC_OPERATIONS) as [QbwcOperation, (typeof QBWC_OPERATIONS)[QbwcOperation]][];
  const type = (t: string) => (t === 'int' ? 's:int' : t === 'ArrayOfString' ? 'tns:ArrayOfString' : 's:string');
  const body = `<soap:body use="encoded" namespace="${QBWC_NAMESPACE}" encodingStyle="http://schemas.xmlsoap.org/soap/encoding/" />`;
  return `<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/"
  xmlns:tns="${QBWC_NAMESPACE}" targetNamespace="${QBWC_NAMESPACE}">
  <wsdl:types><s:schema targetNamespace="${QBWC_NAMESPACE}">
    <s:complexType name="ArrayOfString"><s:complexContent><s:restriction base="soapenc:Array">
      <s:attribute ref="soapenc:arrayType" wsdl:arrayType="s:string[]" /></s:restriction></s:complexContent></s:complexType>
  </s:schema></wsdl:types>
${ops
  .map(
    ([
      op,
      info,
    ]) => `  <wsdl:message name="${op}In">${info.params.map(([n, t]) => `<wsdl:part name="${n}" type="${type(t)}" />`).join('')}</wsdl:message>
  <wsdl:message name="${op}Out"><wsdl:part name="${op}Result" type="${type(info.result)}" /></wsdl:message>`,
  )
  .join('\n')}
  <wsdl:portType name="RpcPort">${ops.map(([op]) => `<wsdl:operation name="${op}"><wsdl:input message="tns:${op}In" /><wsdl:output message="tns:${op}Out" /></wsdl:operation>`).join('')}</wsdl:portType>
  <wsdl:binding name="RpcBinding" type="tns:RpcPort"><soap:binding style="rpc" transport="http://schemas.xmlsoap.org/soap/http" />
${ops.map(([op]) => `    <wsdl:operation name="${op}"><soap:operation soapAction="${QBWC_NAMESPACE}${op}" style="rpc" /><wsdl:input>${body}</wsdl:input><wsdl:output>${body}</wsdl:output></wsdl:operation>`).join('\n')}
  </wsdl:binding>
  <wsdl:service name="RpcService"><wsdl:port name="RpcPort" binding="tns:RpcBinding"><soap:address location="${location}" /></wsdl:port></wsdl:service>
</wsdl:definitions>`;
}

const encoded = (v: unknown) => (v as { $value?: string }).$value;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

interface RpcService {
  url: string;
  bodies: string[];
  calls: { op: string; args: Record<string, unknown> }[];
}

async function startRpcService(): Promise<RpcService> {
  const app = express();
  const bodies: string[] = [];
  const calls: RpcService['calls'] = [];
  app.use((req, _res, next) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      bodies.push(raw);
      (req as { body?: unknown }).body = raw;
      next();
    });
  });
  let sent = 0;
  const requests = [qbxml('<HostQueryRq requestID="1"/>'), qbxml('<CompanyQueryRq requestID="2"/>')];
  const op = (name: string, answer: (args: Record<string, unknown>) => unknown) => (args: Record<string, unknown>) => {
    calls.push({ op: name, args });
    return { [`${name}Result`]: answer(args) };
  };
  const ops = {
    serverVersion: op('serverVersion', () => '1.0'),
    clientVersion: op('clientVersion', () => ''),
    authenticate: op('authenticate', () => ['T-RPC', '']),
    sendRequestXML: op('sendRequestXML', () => requests[sent++] ?? ''),
    receiveResponseXML: op('receiveResponseXML', () => (sent >= requests.length ? 100 : 50)),
    getLastError: op('getLastError', () => 'none'),
    connectionError: op('connectionError', () => 'done'),
    closeConnection: op('closeConnection', () => 'RPC OK'),
  };
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}/rpc`;
  soap.listen(app, '/rpc', { RpcService: { RpcPort: ops } }, rpcWsdl(url));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return { url, bodies, calls };
}

test('Style RPC: rpc/encoded requests; a `soap` rpc/encoded service gets its arguments and the update completes', async () => {
  const service = await startRpcService();
  await using b = await startBench('style-rpc', {}, { world: webConnectorWorld('style-rpc') });
  await readyApp(b, qwcXml(service.url, { Style: 'RPC' }));
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', requests: 2, status: 'RPC OK' });
  const auth = service.bodies.find((x) => x.includes('authenticate>'))!;
  expect(auth).toContain('soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"');
  expect(auth).toMatch(/<tns:authenticate><strUserName xsi:type="xsd:string">acme-sync<\/strUserName>/);
  const send = service.calls.find((c) => c.op === 'sendRequestXML')!;
  // `soap` hands an encoded argument over with its xsi:type: { attributes, $value }.
  expect(send.args['qbXMLMajorVers']).toEqual({ attributes: { 'xsi:type': 'xsd:int' }, $value: '13' });
  expect(encoded(send.args['ticket'])).toBe('T-RPC');
  expect(encoded(send.args['strHCPResponse'])).toContain('<HostRet>');
});

test('Style Document and DocWrapped send document/literal wrapped', async () => {
  for (const style of ['Document', 'DocWrapped']) {
    await using b = await startBench(`style-${style}`, {
      sendRequestXML: () => '',
      getLastError: () => 'nothing to do',
    });
    await readyApp(b, qwcXml(b.service.url, { Style: style }));
    await b.wc.update(APP_NAME);
    const auth = b.service.wire.find((w) => w.operation === 'authenticate')!.body;
    expect(auth).toContain(`<authenticate xmlns="${QBWC_NAMESPACE}"><strUserName>acme-sync</strUserName>`);
    expect(auth).not.toContain('encodingStyle');
  }
});
