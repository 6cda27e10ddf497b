// ProcessRequest failures raised as COM errors (no response document): the qbXML envelope itself
// cannot be taken by QuickBooks (facts §1.2, §2.1, §2.4).
import { expect, test } from 'vitest';
import type { Rp2BridgeClient } from '../../../src/protocol/rp2-bridge-client.js';
import { authorizeApp, connect, expectComError, HOST_QUERY, oneMachineWorld, startMock, type Mock } from './support.js';

/** APP authorized for the open Acme file (Pro 2014) with a session open: returns the processor and ticket. */
async function openSession(mock: Mock): Promise<{ rp: Rp2BridgeClient; ticket: string }> {
  await authorizeApp(mock, { choice: 'when-open' });
  const rp = await connect(mock);
  return { rp, ticket: await rp.BeginSession('', 'qbFileOpenDoNotCare') };
}

function requestSet(version: string, onError: string, body = '<HostQueryRq requestID="1"/>'): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${version}"?>` +
    `<QBXML><QBXMLMsgsRq onError="${onError}">${body}</QBXMLMsgsRq></QBXML>`
  );
}

test('0x80040400: ProcessRequest with XML that is not well-formed', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'envelope-400' }));
  const { rp, ticket } = await openSession(mock);
  await expectComError(
    rp.ProcessRequest(ticket, requestSet('13.0', 'stopOnError', '<HostQueryRq requestID="1">')),
    '0x80040400',
  );
  await expectComError(rp.ProcessRequest(ticket, 'this is not XML'), '0x80040400');
  // The session survives a rejected request.
  expect(await rp.ProcessRequest(ticket, HOST_QUERY)).toContain('<HostQueryRs requestID="1" statusCode="0"');
  await rp.EndSession(ticket);
});

test('0x80040423: ProcessRequest asks qbXML 14.0 of QuickBooks Pro 2014 (which supports up to 13.0)', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'envelope-423', product: 'pro-2014' }));
  const { rp, ticket } = await openSession(mock);
  expect(await rp.QBXMLVersionsForSession(ticket)).not.toContain('14.0');
  await expectComError(rp.ProcessRequest(ticket, requestSet('14.0', 'stopOnError')), '0x80040423');
  await rp.EndSession(ticket);
});

test('0x80040413: ProcessRequest with onError="rollbackOnError"', async () => {
  await using mock = await startMock(oneMachineWorld({ seed: 'envelope-413' }));
  const { rp, ticket } = await openSession(mock);
  await expectComError(rp.ProcessRequest(ticket, requestSet('13.0', 'rollbackOnError')), '0x80040413');
  await rp.EndSession(ticket);
});
