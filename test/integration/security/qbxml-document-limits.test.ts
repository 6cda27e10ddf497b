// Issue 10, security: a qbXML document with a DTD or entity declarations is never resolved and gets 0x80040400 (what
// QuickBooks' parser answers for what it cannot parse); a document over qbd-sim's size limit or nested deeper than its
// limit is refused with HTTP 413 QBDSIM_ERR_TOO_LARGE on the bridge — never a QuickBooks answer — and the fake QBWC
// ends the update with that code as the web service's failure.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { ControlClient, DEFAULT_QBXML_LIMITS, startMockQb, type MockQbHandle } from '../../../mock-qb/index.js';
import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';
import type { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { APP_NAME, qbxml, readyApp, startBench } from '../web-connector/support.js';
import { HOST, authorizeApp, connect, expectComError, oneMachineWorld, type Mock } from '../mock-qb/support.js';

const LIMITS = { maxRequestBytes: 64 * 1024, maxDepth: 24 };

/** A mock with small limits and an authorized app in a session. */
async function session(): Promise<{ mock: Mock; handle: MockQbHandle; rp: Rp2BridgeClient; ticket: string }> {
  const handle = await startMockQb({ world: oneMachineWorld({ seed: 'limits' }), seed: 'limits', qbxmlLimits: LIMITS });
  onTestFinished(() => handle.stop());
  const control = new ControlClient(handle.url);
  const mock: Mock = {
    seed: 'limits',
    handle,
    url: handle.url,
    control,
    ui: control.ui(HOST),
    state: () => control.hostState(HOST),
    [Symbol.asyncDispose]: () => handle.stop(),
  };
  await authorizeApp(mock, { choice: 'when-open' });
  const rp = await connect(mock);
  const ticket = await rp.BeginSession('', 'qbFileOpenDoNotCare');
  return { mock, handle, rp, ticket };
}

const PI = '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?>';
const HOST_QUERY_SET = '<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

/** ProcessRequest over HTTP, raw: status and body. */
async function processRaw(handle: MockQbHandle, rp: Rp2BridgeClient, ticket: string, inputRequest: string) {
  const res = await fetch(`${handle.bridgeUrl}/processors/${encodeURIComponent(rp.processorId)}/ProcessRequest`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ticket, inputRequest }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('a DTD, internal or external entities, or a billion laughs: 0x80040400, never resolved', async () => {
  const { mock, rp, ticket } = await session();
  const secretFile = path.join(os.tmpdir(), `qbd-sim-xxe-${process.pid}.txt`);
  writeFileSync(secretFile, 'TOP-SECRET-XXE-CONTENT');
  const laughs = Array.from({ length: 10 }, (_, i) =>
    i === 0 ? '<!ENTITY l0 "lol">' : `<!ENTITY l${i} "${`&l${i - 1};`.repeat(10)}">`,
  ).join('');
  const documents = [
    `${PI}<!DOCTYPE QBXML [<!ENTITY name "Acme">]>${HOST_QUERY_SET}`,
    `${PI}<!DOCTYPE QBXML [<!ENTITY xxe SYSTEM "file://${secretFile}">]><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq><VendorAdd><Name>&xxe;</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`,
    `${PI}<!DOCTYPE QBXML SYSTEM "file://${secretFile}">${HOST_QUERY_SET}`,
    `${PI}<!DOCTYPE QBXML [${laughs}]><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq><VendorAdd><Name>&l9;</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`,
    // An entity used without any declaration, and a declaration outside a DTD.
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq><VendorAdd><Name>&xxe;</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`,
    `${PI}<!ENTITY name "Acme">${HOST_QUERY_SET}`,
  ];
  for (const doc of documents) {
    const started = performance.now();
    await expectComError(rp.ProcessRequest(ticket, doc), '0x80040400');
    expect(performance.now() - started).toBeLessThan(2_000);
  }
  const journal = JSON.stringify(await mock.control.journal({ host: HOST }));
  expect(journal).not.toContain('TOP-SECRET-XXE-CONTENT');
  expect(journal).toContain('DTD');
  // The session still works, and no vendor was added.
  const ok = await rp.ProcessRequest(ticket, `${PI}${HOST_QUERY_SET}`);
  expect(ok).toContain('statusCode="0"');
  const vendors = await rp.ProcessRequest(
    ticket,
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>`,
  );
  expect(vendors).not.toContain('lollol');
  expect(vendors).not.toContain('TOP-SECRET');
});

test('a document over the size limit: HTTP 413 QBDSIM_ERR_TOO_LARGE, no HRESULT, nothing applied', async () => {
  const { mock, handle, rp, ticket } = await session();
  const memo = 'x'.repeat(LIMITS.maxRequestBytes);
  const doc = `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq><VendorAdd><Name>Too Big Ltd</Name><Notes>${memo}</Notes></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>`;
  const res = await processRaw(handle, rp, ticket, doc);
  expect(res.status).toBe(413);
  expect(res.body['code']).toBe('QBDSIM_ERR_TOO_LARGE');
  expect(res.body['hresult']).toBeUndefined();
  expect(String(res.body['message'])).toContain(`${LIMITS.maxRequestBytes} bytes`);
  expect(String(res.body['message'])).toContain('not a QuickBooks answer');
  // The typed client throws the simulator's error, not a ComError.
  await expect(rp.ProcessRequest(ticket, doc)).rejects.toBeInstanceOf(QbdSimError);
  // UTF-8 bytes count, not characters: 3-byte characters at a third of the limit in characters are over it.
  const wide = `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="${'€'.repeat(LIMITS.maxRequestBytes / 3)}"/></QBXMLMsgsRq></QBXML>`;
  expect((await processRaw(handle, rp, ticket, wide)).status).toBe(413);
  // A body beyond even the bridge's JSON limit: the same 413 and code.
  const huge = await processRaw(handle, rp, ticket, 'y'.repeat(3 * LIMITS.maxRequestBytes + 2 * 1024 * 1024));
  expect(huge.status).toBe(413);
  expect(huge.body['code']).toBe('QBDSIM_ERR_TOO_LARGE');
  // Nothing was added; the journal says why (qbd-sim's limit).
  const vendors = await rp.ProcessRequest(
    ticket,
    `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><VendorQueryRq requestID="1"><FullName>Too Big Ltd</FullName></VendorQueryRq></QBXMLMsgsRq></QBXML>`,
  );
  expect(vendors).not.toContain('<VendorRet>');
  const limitEntries = (await mock.control.journal({ host: HOST })).filter((e) => e.kind === 'qbxml.limit');
  expect(limitEntries.length).toBeGreaterThanOrEqual(2);
});

test('a document nested deeper than the limit: HTTP 413 QBDSIM_ERR_TOO_LARGE; at the limit it is parsed', async () => {
  const { handle, rp, ticket } = await session();
  const nest = (depth: number) => `${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}`;
  // QBXML > QBXMLMsgsRq > HostQueryRq is 3 levels; the rest is nesting inside the request.
  const deep = `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="1">${nest(LIMITS.maxDepth)}</HostQueryRq></QBXMLMsgsRq></QBXML>`;
  const res = await processRaw(handle, rp, ticket, deep);
  expect(res.status).toBe(413);
  expect(res.body['code']).toBe('QBDSIM_ERR_TOO_LARGE');
  expect(String(res.body['message'])).toContain(`limit of ${LIMITS.maxDepth}`);
  // Within the depth limit the document is parsed (and fails the schema check as QuickBooks would: 0x80040400).
  const within = `${PI}<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="1">${nest(LIMITS.maxDepth - 3)}</HostQueryRq></QBXMLMsgsRq></QBXML>`;
  await expectComError(rp.ProcessRequest(ticket, within), '0x80040400');
  expect(DEFAULT_QBXML_LIMITS.maxDepth).toBeGreaterThanOrEqual(32);
});

test('the fake QBWC ends the update as the service failure when the service sends a document over the limits', async () => {
  const depth = DEFAULT_QBXML_LIMITS.maxDepth + 10;
  const tooDeep = qbxml(`<HostQueryRq requestID="1">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</HostQueryRq>`);
  let sent = 0;
  await using b = await startBench('limits-qbwc', {
    sendRequestXML: () => (sent++ === 0 ? qbxml('<HostQueryRq requestID="1"/>') : sent === 2 ? tooDeep : ''),
    receiveResponseXML: () => 50,
  });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r.outcome).toBe('error');
  expect(r.qbwcCode).toBeNull(); // not a QBWC error code, and not a QuickBooks HRESULT
  expect(r.simError?.code).toBe('QBDSIM_ERR_TOO_LARGE');
  expect(r.status).toMatch(/^QBDSIM_ERR_TOO_LARGE: request #2 from the application's web service/);
  expect(r.requests).toBe(2);
  // The first request was answered; the refused one never reached receiveResponseXML, and nothing was called after.
  expect(b.service.operations().filter((o) => o === 'receiveResponseXML')).toHaveLength(1);
  expect(b.service.operations().at(-1)).toBe('sendRequestXML');
  expect(b.qbwcJournal().some((e) => e.kind === 'qbwc.service-refused')).toBe(true);
  expect(b.wc.log.text()).toContain('QBDSIM_ERR_TOO_LARGE');
  // QuickBooks was closed as always: no session is left.
  expect(b.host.state().sessions).toEqual([]);
});
