// The session loop of one Update (facts §5.2–§5.4, §10.3) against a QBWC service written with the `soap` package from
// the project's WSDL: what the service receives, in which order, and how the fake QBWC reacts to each answer.
import { expect, test } from 'vitest';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import {
  ACME,
  APP_NAME,
  BETA,
  FILE_ID,
  OWNER_ID,
  PASSWORD,
  USER_NAME,
  companyExt,
  expectNoPassword,
  qbxml,
  readyApp,
  startBench,
  waitForJournal,
  webConnectorWorld,
} from './support.js';

const HOST_QUERY = qbxml('<HostQueryRq requestID="9"/>');

/** A service that sends `requests` one by one and reports `percent(i)` after each. */
function sendsRequests(
  requests: string[],
  percent: (i: number) => number = (i) => Math.round(((i + 1) / requests.length) * 100),
) {
  let sent = 0;
  let answered = 0;
  return {
    sendRequestXML: () => requests[sent++] ?? '',
    receiveResponseXML: () => percent(answered++),
  };
}

test('a full update: the calls in order, the HCP on the first sendRequestXML only, then closeConnection', async () => {
  await using b = await startBench('loop-full', sendsRequests([HOST_QUERY, HOST_QUERY]));
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    outcome: 'ok',
    status: 'OK',
    qbwcCode: null,
    ticket: 'TICKET-1',
    companyFile: ACME,
    requests: 2,
  });
  expect(b.service.operations()).toEqual([
    'serverVersion',
    'clientVersion',
    'authenticate',
    'sendRequestXML',
    'receiveResponseXML',
    'sendRequestXML',
    'receiveResponseXML',
    'closeConnection',
  ]);
  const sends = b.service.calls.filter((c) => c.operation === 'sendRequestXML').map((c) => c.args);
  expect(sends[0]).toMatchObject({
    ticket: 'TICKET-1',
    strCompanyFileName: ACME,
    qbXMLCountry: 'US',
    qbXMLMajorVers: 13,
    qbXMLMinorVers: 0,
  });
  const hcp = String(sends[0]!['strHCPResponse']);
  // HostQuery, CompanyQuery with the app's OwnerID (its FileID and the AppLock it set), PreferencesQuery: 0, 1, 2.
  expect([...hcp.matchAll(/<(\w+)Rs requestID="(\d)" statusCode="0"/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual([
    'HostQuery:0',
    'CompanyQuery:1',
    'PreferencesQuery:2',
  ]);
  expect(hcp).toContain(
    `<DataExtName>FileID</DataExtName>\n<DataExtType>STR255TYPE</DataExtType>\n<DataExtValue>${FILE_ID}</DataExtValue>`,
  );
  expect(hcp).toMatch(
    /<DataExtName>AppLock<\/DataExtName>\n<DataExtType>STR255TYPE<\/DataExtType>\n<DataExtValue>LOCKED:OFFICE-PC:\d+<\/DataExtValue>/,
  );
  expect(sends[1]!['strHCPResponse'] ?? '').toBe('');
  expect(sends[1]).toMatchObject({ ticket: 'TICKET-1', strCompanyFileName: ACME });
  // The responses went back with empty hresult/message.
  const receives = b.service.calls.filter((c) => c.operation === 'receiveResponseXML').map((c) => c.args);
  expect(String(receives[0]!['response'])).toContain('<HostQueryRs requestID="9" statusCode="0"');
  expect(receives[0]!['hresult'] ?? '').toBe('');
  expect(receives[0]!['message'] ?? '').toBe('');
});

test('QBWC speaks SOAP 1.1 as .NET does: quoted SOAPAction, text/xml, the .NET envelope, empty serverVersion', async () => {
  await using b = await startBench('loop-wire', sendsRequests([HOST_QUERY]));
  await readyApp(b);
  await b.wc.update(APP_NAME);
  const byOp = Object.fromEntries(b.service.wire.map((w) => [w.operation, w]));
  for (const w of b.service.wire) {
    expect(w.soapAction).toBe(`"http://developer.intuit.com/${w.operation}"`);
    expect(w.contentType).toBe('text/xml; charset=utf-8');
    expect(w.userAgent).toMatch(/^Mozilla\/4\.0 \(compatible; MSIE 6\.0; MS Web Services Client Protocol [\d.]+\)$/);
    expect(
      w.body.startsWith(
        '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>',
      ),
    ).toBe(true);
  }
  expect(byOp['serverVersion']!.body).toContain(
    '<soap:Body><serverVersion xmlns="http://developer.intuit.com/" /></soap:Body>',
  );
  expect(byOp['clientVersion']!.body).toContain(
    '<clientVersion xmlns="http://developer.intuit.com/"><strVersion>2.3.0.36</strVersion></clientVersion>',
  );
  expect(byOp['authenticate']!.body).toContain(
    `<strUserName>${USER_NAME}</strUserName><strPassword>${PASSWORD}</strPassword>`,
  );
  expect(byOp['receiveResponseXML']!.body).toContain('<hresult /><message />');
});

test('authenticate with the password the user entered; QWCLog and the journal never show it', async () => {
  await using b = await startBench('loop-password', {
    authenticate: (u, p) => (u === USER_NAME && p === PASSWORD ? ['T-OK', 'none'] : ['', 'nvu']),
  });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r.outcome).toBe('no-data');
  const log = b.wc.log.text();
  expect(log).toContain(
    `*** Calling authenticate() with following parameters:<userName="${USER_NAME}"><password=<MaskedForSecurity>`,
  );
  expectNoPassword(log);
  expectNoPassword(JSON.stringify(b.world.journal.list()));
  expectNoPassword(JSON.stringify(r));
});

test.each(['none', 'NONE', 'None'])(
  'authenticate "%s": no data exchange, closeConnection, no QuickBooks session',
  async (answer) => {
    await using b = await startBench(`loop-none-${answer}`, { authenticate: () => ['T-NONE', answer] });
    await readyApp(b);
    const since = b.world.journal.stats().lastSeq;
    const r = await b.wc.update(APP_NAME);
    expect(r).toMatchObject({
      outcome: 'no-data',
      status: 'No data exchange required',
      qbwcCode: null,
      companyFile: null,
    });
    expect(b.service.operations()).toEqual(['serverVersion', 'clientVersion', 'authenticate', 'closeConnection']);
    expect(b.service.calls.at(-1)!.args).toEqual({ ticket: 'T-NONE' });
    expect(b.world.journal.list({ since }).filter((e) => e.kind === 'rp2.BeginSession')).toEqual([]);
  },
);

test('authenticate "nvu": "Invalid password for user: <UserName>" (an empty ticket is normal), nothing more is called', async () => {
  await using b = await startBench('loop-nvu', { authenticate: () => ['', 'nvu'] });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'invalid-user', status: `Invalid password for user: ${USER_NAME}`, ticket: '' });
  expect(b.service.operations()).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
  expect(b.wc.application(APP_NAME).status).toBe(`Invalid password for user: ${USER_NAME}`);
});

test('authenticate "busy": "Application Busy"', async () => {
  await using b = await startBench('loop-busy', { authenticate: () => ['T-BUSY', 'busy'] });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'busy', status: 'Application Busy' });
  expect(b.service.operations()).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
});

test('authenticate with a company file path: BeginSession opens that file (the one QuickBooks has open)', async () => {
  await using b = await startBench('loop-path', {
    authenticate: () => ['T-PATH', ACME],
    ...sendsRequests([HOST_QUERY]),
  });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', companyFile: ACME });
  const begin = b.world.journal
    .list()
    .filter((e) => e.kind === 'rp2.BeginSession')
    .at(-1);
  expect(begin?.data).toMatchObject({ qbFileName: ACME, reqFileMode: 2 });
});

test('authenticate answering too few items is QBWC1012 "Index was outside the bounds of the array."', async () => {
  await using b = await startBench('loop-short', { authenticate: () => ['ONLY-TICKET'] });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    outcome: 'error',
    qbwcCode: 'QBWC1012',
    lines: [
      'QBWC1012: Authentication failed due to following error message.',
      'Index was outside the bounds of the array.',
    ],
  });
  expect(b.service.operations()).toEqual(['serverVersion', 'clientVersion', 'authenticate']);
  expect(b.wc.log.text()).toContain('QBWC1012: Authentication failed due to following error message.');
});

test('authenticate without a result is QBWC1012 "Object reference not set to an instance of an object."', async () => {
  await using b = await startBench('loop-null', { authenticate: () => null });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r.lines).toEqual([
    'QBWC1012: Authentication failed due to following error message.',
    'Object reference not set to an instance of an object.',
  ]);
});

test('a WCF service answering `a:string` items (Microsoft Arrays namespace) fails authenticate with QBWC1012', async () => {
  await using b = await startBench('loop-wcf');
  await readyApp(b);
  b.service.inject('authenticate', {
    kind: 'raw',
    body:
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><authenticateResponse xmlns="http://developer.intuit.com/">' +
      '<authenticateResult xmlns:a="http://schemas.microsoft.com/2003/10/Serialization/Arrays" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">' +
      '<a:string>T-WCF</a:string><a:string></a:string></authenticateResult></authenticateResponse></s:Body></s:Envelope>',
  });
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({
    qbwcCode: 'QBWC1012',
    lines: [expect.any(String), 'Index was outside the bounds of the array.'],
  });
});

test('percent done: 0–99 asks for the next request, 100 ends; each request goes through QuickBooks', async () => {
  const percents = [0, 33, 99, 100];
  await using b = await startBench(
    'loop-percent',
    sendsRequests([HOST_QUERY, HOST_QUERY, HOST_QUERY, HOST_QUERY], (i) => percents[i]!),
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', requests: 4, percentDone: 100 });
  const log = b.wc.log.text();
  expect(log.match(/There are more requests to process\./g)).toHaveLength(3);
  expect(log).toContain('Done. No more to process.');
  expect(log).toContain('<more="33">');
});

test('a percentage over 100 counts as done', async () => {
  await using b = await startBench(
    'loop-150',
    sendsRequests([HOST_QUERY, HOST_QUERY], () => 150),
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', requests: 1, percentDone: 150 });
});

test('a negative percentage → getLastError → closeConnection; the update ends as QBWC1031 with the text', async () => {
  await using b = await startBench('loop-negative', {
    ...sendsRequests([HOST_QUERY], () => -1),
    getLastError: () => 'Vendor "Acme" could not be synced',
  });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(b.service.operations().slice(3)).toEqual([
    'sendRequestXML',
    'receiveResponseXML',
    'getLastError',
    'closeConnection',
  ]);
  expect(r).toMatchObject({
    outcome: 'error',
    qbwcCode: 'QBWC1031',
    status: 'Vendor "Acme" could not be synced',
    lastError: 'Vendor "Acme" could not be synced',
    lines: [
      'QBWC1031: Update completed with some error. Application has been notified of the error accordingly. See QWCLog for further information.',
      'Vendor "Acme" could not be synced',
    ],
  });
  // QuickBooks was released before closeConnection: the AppLock is cleared.
  expect(companyExt(b, 'AppLock')).toBe('UNLOCKED:OFFICE-PC');
});

test('an empty request → getLastError; a blank answer is still an error (QBWC1031)', async () => {
  await using b = await startBench('loop-empty', { sendRequestXML: () => '', getLastError: () => '' });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(b.service.operations().slice(3)).toEqual(['sendRequestXML', 'getLastError', 'closeConnection']);
  expect(r).toMatchObject({ outcome: 'error', qbwcCode: 'QBWC1031', requests: 0 });
});

test('NoOp: QBWC waits on the host clock (5 s) and asks for a request again', async () => {
  let round = 0;
  await using b = await startBench('loop-noop', {
    sendRequestXML: () => (round++ === 0 ? '' : HOST_QUERY),
    getLastError: () => 'NoOp',
    receiveResponseXML: () => 100,
  });
  await readyApp(b);
  const since = b.world.journal.stats().lastSeq;
  const update = b.wc.update(APP_NAME);
  await waitForJournal(b, 'qbwc.noop-wait', since);
  await new Promise((r) => setTimeout(r, 20));
  expect(b.service.operations().slice(-2)).toEqual(['sendRequestXML', 'getLastError']);
  b.clock.advance(4_999);
  await new Promise((r) => setTimeout(r, 20));
  expect(b.service.operations().at(-1)).toBe('getLastError');
  b.clock.advance(1);
  const r = await update;
  expect(r).toMatchObject({ outcome: 'ok', requests: 1 });
  const sendTimes = r.calls.filter((c) => c.operation === 'sendRequestXML').map((c) => c.at);
  expect(sendTimes).toEqual(['2024-03-01T15:00:00.000Z', '2024-03-01T15:00:05.000Z']);
});

// Interactive mode (getInteractiveURL → interactiveDone / interactiveRejected → closeConnection): interactive-mode.test.ts.

test('a ProcessRequest failure reaches receiveResponseXML as hresult + message with an empty response', async () => {
  await using b = await startBench(
    'loop-hresult',
    sendsRequests(['<QBXML><not-qbxml'], () => 100),
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r.outcome).toBe('ok');
  const args = b.service.calls.find((c) => c.operation === 'receiveResponseXML')!.args;
  expect(args['response'] ?? '').toBe('');
  expect(args['hresult']).toBe('0x80040400');
  expect(args['message']).toBe(HRESULT_TEXTS['0x80040400']);
});

test('connectionError with a path: QBWC retries BeginSession with that file', async () => {
  const connectionErrors: Record<string, unknown>[] = [];
  await using b = await startBench(
    'loop-conn-path',
    {
      authenticate: () => ['T-CE', BETA],
      connectionError: (a) => (connectionErrors.push(a), ACME),
      ...sendsRequests([HOST_QUERY]),
    },
    { world: webConnectorWorld('loop-conn-path', { withBeta: true }) },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  // Beta is not the open file: 0x8004040A on both tries; the service names Acme; the retry succeeds.
  expect(connectionErrors).toEqual([{ ticket: 'T-CE', hresult: '0x8004040A', message: HRESULT_TEXTS['0x8004040A'] }]);
  expect(r).toMatchObject({ outcome: 'ok', companyFile: ACME, requests: 1 });
  const begins = b.world.journal
    .list()
    .filter((e) => e.kind === 'rp2.BeginSession')
    .slice(-3);
  expect(begins.map((e) => e.data?.['qbFileName'])).toEqual([BETA, BETA, ACME]);
});

test('connectionError "done" (any case) stops: closeConnection, QBWC1013 with QuickBooks\' message', async () => {
  await using b = await startBench(
    'loop-conn-done',
    { authenticate: () => ['T-CE', BETA], connectionError: () => 'DONE' },
    { world: webConnectorWorld('loop-conn-done', { withBeta: true }) },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(b.service.operations().slice(3)).toEqual(['connectionError', 'closeConnection']);
  expect(r).toMatchObject({
    outcome: 'error',
    qbwcCode: 'QBWC1013',
    lines: [
      'QBWC1013: Error connecting to QuickBooks. Returning error message to application.',
      HRESULT_TEXTS['0x8004040A'],
    ],
  });
});

test('the guard stops a service that never reaches 100 (maxRequestRounds)', async () => {
  await using b = await startBench(
    'loop-guard',
    { sendRequestXML: () => HOST_QUERY, receiveResponseXML: () => 50 },
    { wc: { maxRequestRounds: 5 } },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'stopped', requests: 5 });
  expect(b.qbwcJournal().some((e) => e.kind === 'qbwc.guard')).toBe(true);
  expect(companyExt(b, 'AppLock')).toBe('UNLOCKED:OFFICE-PC');
});

test('AppLock: LOCKED:<MACHINE>:<.NET UTC ticks> during the update, UNLOCKED:<MACHINE> after', async () => {
  let lockDuring: string | undefined;
  const bench = await startBench('loop-applock', {
    sendRequestXML: () => {
      lockDuring = companyExt(bench, 'AppLock');
      return HOST_QUERY;
    },
    receiveResponseXML: () => 100,
  });
  await using b = bench;
  await readyApp(b);
  b.clock.advance(1_234);
  await b.wc.update(APP_NAME);
  // 2024-03-01T15:00:01.234Z in 100-ns ticks since 0001-01-01.
  expect(lockDuring).toBe(
    `LOCKED:OFFICE-PC:${(BigInt(Date.parse('2024-03-01T15:00:01.234Z')) + 62135596800000n) * 10000n}`,
  );
  expect(companyExt(b, 'AppLock')).toBe('UNLOCKED:OFFICE-PC');
  expect(b.wc.log.text()).toContain(`Company file has been unlocked for ownerID = <${OWNER_ID}>`);
  // Set and cleared with qbXML: CompanyQuery (OwnerID) + DataExtMod before the HCP, the same after 100.
  const exchanges = b.world.journal
    .list({ actor: 'qbxml' })
    .filter((e) => e.kind === 'qbxml.exchange')
    .map((e) => e.summary)
    .slice(3);
  expect(exchanges).toEqual([
    'ProcessRequest: CompanyQueryRq → 0',
    'ProcessRequest: DataExtModRq → 0',
    'ProcessRequest: HostQueryRq → 0, CompanyQueryRq → 0, PreferencesQueryRq → 0',
    'ProcessRequest: HostQueryRq → 0',
    'ProcessRequest: CompanyQueryRq → 0',
    'ProcessRequest: DataExtModRq → 0',
  ]);
});

test('clientVersion: W: warns and goes on; E: stops (QBWC1037); O: stops; anything else is QBWC1046', async () => {
  for (const [answer, outcome, code, called] of [
    ['W:Please upgrade soon', 'ok', null, true],
    ['E:This service needs a newer Web Connector', 'error', 'QBWC1037', false],
    ['O:2.3.1.0', 'cancelled', null, false],
    ['nonsense', 'error', 'QBWC1046', false],
  ] as const) {
    await using b = await startBench(`loop-cv-${answer.slice(0, 2)}`, {
      clientVersion: () => answer,
      ...sendsRequests([HOST_QUERY]),
    });
    await readyApp(b);
    const r = await b.wc.update(APP_NAME);
    expect({
      answer,
      outcome: r.outcome,
      code: r.qbwcCode,
      authenticated: b.service.operations().includes('authenticate'),
    }).toEqual({
      answer,
      outcome,
      code,
      authenticated: called,
    });
  }
});

test('a multi-request exchange: the VendorAdds land in the company file', async () => {
  const names = ['Northwind Paper', 'Contoso Freight', 'Fabrikam Tools'];
  const requests = names.map((n, i) =>
    qbxml(
      `<VendorAddRq requestID="${i + 1}"><VendorAdd><Name>${n}</Name><CompanyName>${n} Inc.</CompanyName></VendorAdd></VendorAddRq>`,
    ),
  );
  const responses: string[] = [];
  await using b = await startBench('loop-vendors', {
    ...sendsRequests([...requests, qbxml('<VendorQueryRq requestID="9"/>')], (i) => [25, 50, 75, 100][i]!),
    receiveResponseXML: (a) => (responses.push(a.response), [25, 50, 75, 100][responses.length - 1]!),
  });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'ok', requests: 4 });
  for (const [i, n] of names.entries()) {
    expect(responses[i]).toMatch(
      new RegExp(`<VendorAddRs requestID="${i + 1}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">`),
    );
    expect(responses[i]).toContain(`<Name>${n}</Name>`);
  }
  // Independently of the service: another application's session on the file sees the vendors.
  const rp = b.processors.create({ certificate: { subject: 'CN=Checker', status: 'valid' } });
  rp.OpenConnection2('', 'Checker', 1);
  const begin = rp.BeginSession('', 2);
  for (let i = 0; i < 50 && !b.host.dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((x) => setImmediate(x));
  b.host.answerCertificateDialog({ choice: 'when-open', personalData: false, done: true });
  const ticket = await begin;
  const list = rp.ProcessRequest(ticket, qbxml('<VendorQueryRq/>'));
  expect([...list.matchAll(/<Name>([^<]*)<\/Name>/g)].map((m) => m[1])).toEqual(expect.arrayContaining(names));
  rp.EndSession(ticket);
  rp.CloseConnection();
});
