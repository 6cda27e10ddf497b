// The SOAP-reply fuzzer, as a function: the suite runs it on the reader the fake Web Connector uses (readQbwcReply),
// its teeth test on a reader with a crash planted. Every generated or mutated reply of a QBWC service, for every
// operation, status and content type, must read as a value of the operation's type or as a failure in the shape
// QBWC reports it (.NET's message for its kind) — which the fake Web Connector turns into QBWC1041/1042/… — never
// a crash; fast-check shrinks a failing reply and the message prints it.
import fc from 'fast-check';
import { expect } from 'vitest';
import { QBWC_OPERATIONS, readQbwcReply, type QbwcOperation } from '../../../src/protocol/qbwc-soap.js';
import { mutatedTextArbitrary } from '../../../src/testing/fuzz/text-mutation.js';
import { assertProperty, type PropertySettings } from '../property-settings.js';

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

/** Well-formed answers of any operation with the values a service really sends (and a few at their edges). */
function answerArbitrary(): fc.Arbitrary<string> {
  const scalar = fc.constantFrom(
    '100',
    '0',
    '50',
    '-1',
    '-100',
    '101',
    '2147483647',
    '2147483648',
    ' 7 ',
    '1.5',
    '',
    'NoOp',
    'Interactive mode',
    'nvu',
    'none',
    'busy',
    'W:old version',
    'E:too old',
    'O:1.0.0',
    'OK',
    'done',
    '&lt;?xml version="1.0"?&gt;',
  );
  const strings = fc
    .array(
      fc.constantFrom('{4C1B3F0E-8B7A-4E5D-9C2F-1A0B3D5E7F90}', '', 'nvu', 'none', 'busy', 'C:\\a.QBW', '5', '-1'),
      {
        maxLength: 5,
      },
    )
    .map((items) => items.map((v) => `<string>${v}</string>`).join(''));
  return fc
    .tuple(
      fc.constantFrom(...OPERATIONS),
      fc.oneof(
        scalar,
        strings,
        scalar.map((v) => `<string>${v}</string>`),
      ),
    )
    .map(([op, value]) => result(op, value));
}

/** .NET's message for each kind of failure QBWC reports (a fault carries the service's own faultstring). */
const FAILURE_SHAPES: Record<string, RegExp> = {
  'http-status': /^The request failed with HTTP status \d{3}: .+\.$/,
  'content-type': /^Client found response content type of '[^']*', but expected 'text\/xml'\.\r\nThe request failed /,
  'not-well-formed': /^Response is not well-formed XML\.$/,
  'bad-xml': /^There is an error in XML document \(\d+, \d+\)\.$/,
  fault: /^[\s\S]*$/,
};

/** What each operation's result reads as. */
function valueHasItsType(operation: QbwcOperation, value: unknown): boolean {
  const type = QBWC_OPERATIONS[operation].result;
  if (type === 'int') return Number.isInteger(value) && (value as number) >= -(2 ** 31) && (value as number) < 2 ** 31;
  if (type === 'ArrayOfString')
    return value === null || (Array.isArray(value) && value.every((v) => v === null || typeof v === 'string'));
  return value === null || typeof value === 'string';
}

export interface SoapReplyFuzzOptions {
  name: string;
  settings: PropertySettings;
  /** The reader under test (default the fake Web Connector's, readQbwcReply). */
  read?: typeof readQbwcReply;
}

/** Runs the SOAP-reply fuzzer; the number of replies read. Throws (with the shrunk reply) on the first failure. */
export async function runSoapReplyFuzz(opts: SoapReplyFuzzOptions): Promise<number> {
  const read = opts.read ?? readQbwcReply;
  let n = 0;
  await assertProperty(
    opts.name,
    fc.property(
      fc.constantFrom(...OPERATIONS),
      fc.constantFrom(200, 200, 200, 400, 404, 500, 502),
      fc.constantFrom('text/xml; charset=utf-8', 'application/soap+xml', 'text/html', '', 'TEXT/XML'),
      fc.oneof(
        { weight: 1, arbitrary: answerArbitrary() },
        {
          weight: 3,
          arbitrary: mutatedTextArbitrary(SEEDS, [
            '<string>',
            '</soap:Body>',
            'xmlns="urn:x"',
            '&amp;',
            '<![CDATA[',
            '-1',
          ]),
        },
      ),
      (operation, status, contentType, body) => {
        n++;
        const shown = `a ${operation} reply (${status}, ${contentType}) ${JSON.stringify(body.slice(0, 300))}`;
        let reply;
        try {
          reply = read(operation, { status, statusText: '', contentType, body });
        } catch (error) {
          throw new Error(`crash reading ${shown}: ${String((error as Error)?.stack ?? error)}`, { cause: error });
        }
        if (reply.ok) {
          expect(valueHasItsType(operation, reply.value), `${shown} read as ${JSON.stringify(reply.value)}`).toBe(true);
          // .NET reads a SOAP body at 2xx, and at 400 and 500 (where a Fault is expected, but a result is read too).
          expect(status < 300 || status === 400 || status === 500, `${shown} read as a value`).toBe(true);
        } else {
          const shape = FAILURE_SHAPES[reply.failure.kind];
          expect(shape, `${shown}: a failure of unknown kind "${reply.failure.kind}"`).toBeDefined();
          expect(reply.failure.message, `${shown}: not how QBWC reports a ${reply.failure.kind}`).toMatch(shape!);
          expect(reply.failure.status).toBe(status);
        }
      },
    ),
    opts.settings,
  );
  return n;
}
