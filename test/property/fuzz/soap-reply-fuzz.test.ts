// Fuzzing what a connector's QBWC service answers: the fake Web Connector reads generated and mutated SOAP replies
// (status, content type, envelope) for every operation. Each one is read as a value or refused with the failure QBWC
// reports (.NET's message) — never a crash.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { QBWC_OPERATIONS, readQbwcReply, type QbwcOperation } from '../../../src/protocol/qbwc-soap.js';
import { mutatedTextArbitrary } from '../../../src/testing/fuzz/text-mutation.js';
import { assertProperty, propertySettings } from '../property-settings.js';

const OPERATIONS = Object.keys(QBWC_OPERATIONS) as QbwcOperation[];

const envelope = (inner: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body>${inner}</soap:Body></soap:Envelope>`;
const result = (op: string, value: string) =>
  envelope(`<${op}Response xmlns="http://developer.intuit.com/"><${op}Result>${value}</${op}Result></${op}Response>`);

const SEEDS = [
  result('authenticate', '<string>{4C1B3F0E-8B7A-4E5D-9C2F-1A0B3D5E7F90}</string><string></string><string/>'),
  result('sendRequestXML', '&lt;?xml version="1.0"?&gt;&lt;?qbxml version="13.0"?&gt;&lt;QBXML/&gt;'),
  result('receiveResponseXML', '100'),
  result('serverVersion', '1.0.0'),
  result('closeConnection', 'OK'),
  envelope(
    '<soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request.</faultstring></soap:Fault>',
  ),
];

test('SOAP replies of a QBWC service: a value or the failure QBWC reports, for every operation; never a crash', async () => {
  let n = 0;
  await assertProperty(
    'soap-reply-fuzz',
    fc.property(
      fc.constantFrom(...OPERATIONS),
      fc.constantFrom(200, 200, 200, 400, 404, 500, 502),
      fc.constantFrom('text/xml; charset=utf-8', 'application/soap+xml', 'text/html', '', 'TEXT/XML'),
      mutatedTextArbitrary(SEEDS, ['<string>', '</soap:Body>', 'xmlns="urn:x"', '&amp;', '<![CDATA[', '-1']),
      (operation, status, contentType, body) => {
        n++;
        let reply;
        try {
          reply = readQbwcReply(operation, { status, statusText: '', contentType, body });
        } catch (error) {
          throw new Error(
            `crash reading a ${operation} reply (${status}, ${contentType}) ${JSON.stringify(body.slice(0, 300))}: ${String((error as Error)?.stack ?? error)}`,
            { cause: error },
          );
        }
        if (!reply.ok) expect(reply.failure.message.length).toBeGreaterThan(0);
      },
    ),
    propertySettings('soap-reply-fuzz', { numRuns: 10_000 }),
  );
  expect(n).toBeGreaterThanOrEqual(10_000);
});
