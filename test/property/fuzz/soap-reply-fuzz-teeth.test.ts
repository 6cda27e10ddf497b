// The SOAP-reply fuzzer's teeth: a reader with a crash planted (on a negative receiveResponseXML percentage — the
// "ask getLastError" answer —, around the real reader through the fuzzer's `read` seam) must be found within the CI
// budget, with the shrunk reply printed.
import { expect, test } from 'vitest';
import { readQbwcReply } from '../../../src/protocol/qbwc-soap.js';
import { propertySettings } from '../property-settings.js';
import { runSoapReplyFuzz } from './soap-reply-fuzz-run.js';

test('a crash planted in the reply reader (a negative percentage) is found and shrunk', async () => {
  const settings = propertySettings('soap-reply-fuzz', { numRuns: 10_000 });
  const started = performance.now();
  const failure = await runSoapReplyFuzz({
    name: 'soap-reply-fuzz-teeth',
    settings,
    read: (operation, reply) => {
      const read = readQbwcReply(operation, reply);
      if (read.ok && operation === 'receiveResponseXML' && (read.value as number) < 0)
        throw new RangeError('planted: a negative percentage');
      return read;
    },
  }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  expect(failure, `the planted crash was not found in ${settings.numRuns} replies`).toBeDefined();
  console.log(
    `soap-reply-fuzz-teeth: found in ${Math.round(performance.now() - started)} ms\n${failure!.slice(0, 600)}`,
  );
  expect(failure).toMatch(/crash reading a \w+ reply/);
  expect(failure).toMatch(/Counterexample: \["receiveResponseXML".*-1/);
});
