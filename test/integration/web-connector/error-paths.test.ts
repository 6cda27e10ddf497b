// How a broken service shows in QBWC: each failure maps to the code of the operation (QBWC1012 for authenticate,
// QBWC1041–1045 for the others) with the message of .NET's SOAP client (facts §5.7, §10.3).
import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { APP_NAME, BETA, companyExt, qbxml, qwcXml, readyApp, startBench, webConnectorWorld } from './support.js';

const HOST_QUERY = qbxml('<HostQueryRq requestID="9"/>');
const WRAPPED_FAULT = 'Server was unable to process request. ---> Vendor mapping missing';

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>${inner}</soap:Body></soap:Envelope>`;

const DEFAULT_SCRIPT = { sendRequestXML: () => HOST_QUERY, receiveResponseXML: () => 100 };

test('a SOAP fault in sendRequestXML is QBWC1041 with the faultstring; QuickBooks is released, no closeConnection', async () => {
  await using b = await startBench('err-fault', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('sendRequestXML', { kind: 'fault', faultstring: WRAPPED_FAULT });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    outcome: 'error',
    qbwcCode: 'QBWC1041',
    lines: ['QBWC1041: SendRequestXML failed', WRAPPED_FAULT],
  });
  expect(b.service.operations().at(-1)).toBe('sendRequestXML');
  expect(companyExt(b, 'AppLock')).toBe('UNLOCKED:OFFICE-PC');
  expect(b.host.sessions()).toEqual([]);
  expect(b.wc.log.text()).toContain('QBWC1041: SendRequestXML failed');
});

test('HTTP 500 with an HTML page in receiveResponseXML is QBWC1042 "Client found response content type …"', async () => {
  await using b = await startBench('err-500', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('receiveResponseXML', { kind: 'status', status: 500, body: '<html>Internal Server Error</html>' });
  const r = await b.wc.update(APP_NAME);
  expect(r.qbwcCode).toBe('QBWC1042');
  expect(r.lines).toEqual([
    'QBWC1042: ReceiveResponseXML failed',
    "Client found response content type of 'text/html; charset=utf-8', but expected 'text/xml'.\r\n" +
      'The request failed with the error message:\r\n--\r\n<html>Internal Server Error</html>\r\n--.',
  ]);
});

test('HTTP 404 on authenticate is QBWC1012 "The request failed with HTTP status 404: Not Found."', async () => {
  await using b = await startBench('err-404');
  await readyApp(b);
  b.service.inject('authenticate', { kind: 'status', status: 404 });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    qbwcCode: 'QBWC1012',
    lines: [
      'QBWC1012: Authentication failed due to following error message.',
      'The request failed with HTTP status 404: Not Found.',
    ],
  });
});

test('serverVersion and clientVersion failures are tolerated: the update goes on', async () => {
  await using b = await startBench('err-versions', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('serverVersion', { kind: 'status', status: 404 });
  b.service.inject('clientVersion', {
    kind: 'fault',
    faultstring:
      'Server did not recognize the value of HTTP Header SOAPAction: http://developer.intuit.com/clientVersion.',
  });
  const r = await b.wc.update(APP_NAME);
  expect(r.outcome).toBe('ok');
  expect(b.wc.log.text()).toContain('QBWC1036: clientVersion() failed (ignored)');
});

test('a timeout is "The operation has timed out" (QBWC1041 in sendRequestXML)', async () => {
  await using b = await startBench('err-timeout', DEFAULT_SCRIPT, { wc: { timeoutMs: 300 } });
  await readyApp(b);
  b.service.inject('sendRequestXML', { kind: 'hang', ms: 5_000 });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    qbwcCode: 'QBWC1041',
    lines: ['QBWC1041: SendRequestXML failed', 'The operation has timed out'],
  });
});

test('malformed XML in receiveResponseXML is QBWC1042 "Response is not well-formed XML."', async () => {
  await using b = await startBench('err-malformed', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('receiveResponseXML', {
    kind: 'raw',
    body: envelope(
      '<receiveResponseXMLResponse xmlns="http://developer.intuit.com/"><receiveResponseXMLResult>100</receiveResponseXMLResponse>',
    ),
  });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    qbwcCode: 'QBWC1042',
    lines: ['QBWC1042: ReceiveResponseXML failed', 'Response is not well-formed XML.'],
  });
});

test('a scalar wrapped in one compact child is accepted; whitespace before it or a decimal fails (QBWC1042)', async () => {
  const wrapped = (inner: string) =>
    envelope(
      `<ns1:receiveResponseXMLResponse xmlns:ns1="http://developer.intuit.com/"><ns1:receiveResponseXMLResult>${inner}</ns1:receiveResponseXMLResult></ns1:receiveResponseXMLResponse>`,
    );
  for (const [inner, outcome] of [
    ['<int>100</int>', 'ok'],
    ['\n  <int>100</int>\n', 'error'],
    ['100.0', 'error'],
  ] as const) {
    await using b = await startBench(`err-wrapped-${outcome}-${inner.length}`, DEFAULT_SCRIPT);
    await readyApp(b);
    b.service.inject('receiveResponseXML', { kind: 'raw', body: wrapped(inner) });
    const r = await b.wc.update(APP_NAME);
    expect({ inner, outcome: r.outcome, code: r.qbwcCode }).toEqual({
      inner,
      outcome,
      code: outcome === 'ok' ? null : 'QBWC1042',
    });
    if (outcome === 'error') expect(r.lines[1]).toMatch(/^There is an error in XML document \(\d+, \d+\)\.$/);
  }
});

test('a sendRequestXML result in another namespace reads as null: QBWC1041 "Object reference not set …"', async () => {
  await using b = await startBench('err-namespace', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('sendRequestXML', {
    kind: 'raw',
    body: envelope(
      '<sendRequestXMLResponse xmlns="http://developer.intuit.com/"><sendRequestXMLResult xmlns="urn:other">x</sendRequestXMLResult></sendRequestXMLResponse>',
    ),
  });
  const r = await b.wc.update(APP_NAME);
  expect(r.lines).toEqual(['QBWC1041: SendRequestXML failed', 'Object reference not set to an instance of an object.']);
});

test('getLastError failing is QBWC1043, closeConnection failing QBWC1044, connectionError failing QBWC1045', async () => {
  {
    await using b = await startBench('err-1043', { sendRequestXML: () => '' });
    await readyApp(b);
    b.service.inject('getLastError', { kind: 'status', status: 503 });
    const r = await b.wc.update(APP_NAME);
    expect(r.lines).toEqual([
      'QBWC1043: GetLastError failed',
      'The request failed with HTTP status 503: Service Unavailable.',
    ]);
  }
  {
    await using b = await startBench('err-1044', DEFAULT_SCRIPT);
    await readyApp(b);
    b.service.inject('closeConnection', { kind: 'fault', faultstring: 'ticket expired' });
    const r = await b.wc.update(APP_NAME);
    expect(r.lines).toEqual(['QBWC1044: CloseConnection failed', 'ticket expired']);
  }
  {
    await using b = await startBench(
      'err-1045',
      { authenticate: () => ['T', BETA] },
      { world: webConnectorWorld('err-1045', { withBeta: true }) },
    );
    await readyApp(b);
    b.service.inject('connectionError', { kind: 'fault', faultstring: 'no such ticket' });
    const r = await b.wc.update(APP_NAME);
    expect(r.lines).toEqual(['QBWC1045: ConnectionError failed', 'no such ticket']);
  }
});

test('a service that is not listening: authenticate fails QBWC1012 "Unable to connect to the remote server"', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  await using b = await startBench('err-refused');
  await readyApp(b, qwcXml(`http://localhost:${port}/qbwc`));
  const r = await b.wc.update(APP_NAME);
  expect(r.lines).toEqual([
    'QBWC1012: Authentication failed due to following error message.',
    'Unable to connect to the remote server',
  ]);
  expect(r.calls.map((c) => [c.operation, c.ok])).toEqual([
    ['serverVersion', false],
    ['clientVersion', false],
    ['authenticate', false],
  ]);
});

test('a connection closed mid-request is "The underlying connection was closed: …"', async () => {
  await using b = await startBench('err-reset', DEFAULT_SCRIPT);
  await readyApp(b);
  b.service.inject('receiveResponseXML', { kind: 'close-socket' });
  const r = await b.wc.update(APP_NAME);
  expect(r.qbwcCode).toBe('QBWC1042');
  expect(r.lines[1]).toMatch(/^The underlying connection was closed: /);
});

test('no password entered for the application: QBWC1030, nothing is called', async () => {
  await using b = await startBench('err-1030', DEFAULT_SCRIPT);
  const adding = b.wc.addApplication(qwcXml(b.service.url));
  adding.catch(() => undefined);
  for (let i = 0; i < 400 && !b.host.dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((x) => setTimeout(x, 5));
  b.host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await adding;
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1030' });
  expect(b.service.calls).toEqual([]);
});
