// The RP2 bridge's Windows side and the members it gained for the desktop front doors, over HTTP: CoCreateInstance
// refused as Windows refuses it (the caller's fields in the body, the defaults in the world spec), the caller's
// process carried into the journal, ProcessSubscription answering 1030 until subscriptions are simulated,
// QBXMLVersionsForSubscription, the com-error fault, and a route for every member of the member table.
import { expect, test } from 'vitest';
import { ComError } from '../../../src/protocol/com-error.js';
import { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { RP2_MEMBERS } from '../../../src/protocol/rp2-members.js';
import { validateQbxmlResponse } from '../../support/xsd-validate-response.js';
import { ACME, APP, HOST, expectComError, oneMachineWorld, startMock } from './support.js';

async function post(url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const SUBSCRIPTION =
  '<?xml version="1.0"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLSubscriptionMsgsRq>' +
  '<DataEventSubscriptionQueryRq requestID="a&amp;1"><SubscriberID>{8A5B4C2D-0000-4000-8000-000000000001}</SubscriberID>' +
  '</DataEventSubscriptionQueryRq><SubscriptionDelRq><SubscriberID>{8A5B4C2D-0000-4000-8000-000000000001}</SubscriberID>' +
  '<SubscriptionType>Data</SubscriptionType></SubscriptionDelRq></QBXMLSubscriptionMsgsRq></QBXML>';

test('a 64-bit caller gets 0x80040154 "Class not registered"; the refusal is journaled with the caller', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'win-64' }));
  const refused = await post(`${mock.url}/qbxmlrp2/processors`, { bitness: 64, windowsSession: 2, elevated: true });
  expect(refused).toEqual({ status: 422, json: { hresult: '0x80040154', message: 'Class not registered' } });
  // The typed client raises it as a ComError too.
  await expect(Rp2BridgeClient.createProcessor(mock.url, { bitness: 64 })).rejects.toMatchObject({
    name: 'ComError',
    hresult: '0x80040154',
    message: 'Class not registered',
  });
  const entry = (await mock.control.journal()).find((e) => e.kind === 'rp2.CoCreateInstance');
  expect(entry).toMatchObject({
    summary: 'CoCreateInstance("QBXMLRP2.RequestProcessor") → 0x80040154',
    data: { bitness: 64, windowsSession: 2, elevated: true, runAs: 'interactive', cause: 'caller-64-bit' },
  });
});

test("the world spec's defaults decide for a caller that does not say; the caller's own fields win", async () => {
  const world = oneMachineWorld({ seed: 'win-defaults' });
  world.hosts[0]!.callerDefaults = { bitness: 64, windowsSession: 3 };
  await using mock = await startMock(world);
  const none = Rp2BridgeClient.createProcessor(mock.url);
  await expect(none).rejects.toBeInstanceOf(ComError);
  await expect(none).rejects.toMatchObject({ hresult: '0x80040154' });
  const rp = await Rp2BridgeClient.createProcessor(mock.url, { bitness: 32, runAs: 'interactive' });
  expect(rp.coclass).toBe('RequestProcessor2');
  const created = (await mock.control.journal()).find((e) => e.kind === 'rp2.create');
  expect(created?.data).toMatchObject({
    bitness: 32,
    windowsSession: 3,
    elevated: false,
    coclass: 'RequestProcessor2',
  });
  expect((await mock.state()).windows).toEqual({
    sdk: { installed: true, rp2Dll: 'present' },
    callerDefaults: { bitness: 64, runAs: 'interactive', windowsSession: 3, elevated: false },
  });
});

test('the SDK not installed: by ProgID 0x800401F3 "Invalid class string", by CLSID 0x80040154', async () => {
  const world = oneMachineWorld({ seed: 'win-sdk' });
  world.hosts[0]!.sdk = { installed: false };
  await using mock = await startMock(world);
  expect(await post(`${mock.url}/qbxmlrp2/processors`, { progId: 'QBXMLRP2.RequestProcessor' })).toEqual({
    status: 422,
    json: { hresult: '0x800401F3', message: 'Invalid class string' },
  });
  expect(await post(`${mock.url}/qbxmlrp2/processors`, { clsid: '{45F5708E-3B43-4FA8-BE7E-A5F1849214CB}' })).toEqual({
    status: 422,
    json: { hresult: '0x80040154', message: 'Class not registered' },
  });
});

test('bad caller fields are the simulator’s own 400s, never an HRESULT', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'win-bad' }));
  for (const body of [
    { bitness: 16 },
    { runAs: 'root' },
    { windowsSession: -1 },
    { elevated: 'yes' },
    { progId: 'a', clsid: 'b' },
  ]) {
    const r = await post(`${mock.url}/qbxmlrp2/processors`, body);
    expect(r.status, JSON.stringify(body)).toBe(400);
    expect(r.json['code']).toBe('QBDSIM_ERR_BAD_REQUEST');
  }
});

test('ProcessSubscription: an open connection, a subscription message set; each request answers 1030 (XSD-valid)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'win-sub' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await expectComError(rp.ProcessSubscription(SUBSCRIPTION), '0x8004040F');
  await expectComError(rp.property('QBXMLVersionsForSubscription'), '0x8004040F');
  await rp.OpenConnection2('', APP, 'localQBD');
  const answer = await rp.ProcessSubscription(SUBSCRIPTION);
  expect(answer).toContain(
    '<DataEventSubscriptionQueryRs requestID="a&amp;1" statusCode="1030" statusSeverity="Error" statusMessage="This request is not supported by this implementation." />',
  );
  expect(answer).toContain('<SubscriptionDelRs statusCode="1030"');
  expect(await validateQbxmlResponse(answer)).toEqual({ ok: true, errors: [] });
  const requestSet = SUBSCRIPTION.replace(/QBXMLSubscriptionMsgsRq>/g, 'QBXMLMsgsRq>').replace(
    '<QBXMLMsgsRq>',
    '<QBXMLMsgsRq onError="stopOnError">',
  );
  await expectComError(rp.ProcessSubscription(requestSet), '0x80040429');
  await expectComError(rp.ProcessSubscription('not xml'), '0x80040400');
  await expectComError(rp.ProcessSubscription(SUBSCRIPTION.replace('13.0', '99.0')), '0x80040423');
  expect(await rp.property('QBXMLVersionsForSubscription')).toEqual([
    '5.0',
    '6.0',
    '7.0',
    '8.0',
    '9.0',
    '10.0',
    '11.0',
    '12.0',
    '13.0',
  ]);
  const journal = await mock.control.journal();
  expect(journal.find((e) => e.kind === 'qbxml.subscription-unsupported')?.data).toEqual({
    requests: ['DataEventSubscriptionQueryRq', 'SubscriptionDelRq'],
  });
  expect(journal.some((e) => e.kind === 'rp2.ProcessSubscription' && e.data?.['hresult'] === '0x80040429')).toBe(true);
});

/** Arguments of the right types (empty strings, the first valid enum values). */
function argsOf(params: (typeof RP2_MEMBERS)[number]['params']): Record<string, unknown> {
  const sample = (t: string) => (t === 'BSTR' ? '' : t === 'VARIANT_BOOL' ? false : t === 'QBFileMode' ? 2 : 1);
  return Object.fromEntries(params.map((p) => [p.name, sample(p.type)]));
}

test('every member of the member table has its bridge route', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'win-routes' }));
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  const base = `${mock.url}/qbxmlrp2/processors/${rp.processorId}`;
  for (const m of RP2_MEMBERS) {
    if (!m.route) continue;
    const res = await fetch(`${base}/${m.route.path}`, {
      method: m.route.verb,
      ...(m.route.verb === 'POST'
        ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(argsOf(m.params)) }
        : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    // A COM answer (200, or 422 for a call made out of order or with empty arguments), never "no such member".
    expect([200, 422], `${m.name}: ${JSON.stringify(json)}`).toContain(res.status);
  }
});

test('a com-error fault fails the matching call with that HRESULT and its text; an unknown HRESULT is refused', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'win-fault' }));
  await expect(
    mock.control.armFault(HOST, { kind: 'com-error', match: 'BeginSession', hresult: '0x1234' }),
  ).rejects.toThrow(/com-error needs an hresult/);
  await mock.control.armFault(HOST, { kind: 'com-error', match: 'BeginSession', hresult: '0x8004041d' });
  const rp = await Rp2BridgeClient.createProcessor(mock.url);
  await rp.OpenConnection2('', APP, 'localQBD');
  await expectComError(rp.BeginSession(ACME, 'qbFileOpenDoNotCare'), '0x8004041D');
  const journal = await mock.control.journal();
  expect(journal.find((e) => e.kind === 'rp2.BeginSession')?.data).toMatchObject({ hresult: '0x8004041D' });
  expect(journal.find((e) => e.kind === 'fault.fired')?.summary).toContain('the call fails with 0x8004041D');
  // Fired once: the next BeginSession is decided by QuickBooks again (the Admin is at the UI: the dialog shows).
  expect((await mock.control.faults(HOST)).length).toBe(0);
});
