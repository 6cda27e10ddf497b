// Fuzzing what a connector's QBWC service answers (soap-reply-fuzz-run.ts): the fake Web Connector's reader reads
// generated and mutated SOAP replies for every operation as a value of the operation's type or as the failure QBWC
// reports, in .NET's words for its kind — never a crash.
import { expect, test } from 'vitest';
import { propertySettings } from '../property-settings.js';
import { runSoapReplyFuzz } from './soap-reply-fuzz-run.js';

test('SOAP replies of a QBWC service: a typed value or a QBWC-shaped failure, for every operation; never a crash', async () => {
  const settings = propertySettings('soap-reply-fuzz', { numRuns: 10_000 });
  expect(await runSoapReplyFuzz({ name: 'soap-reply-fuzz', settings })).toBeGreaterThanOrEqual(settings.numRuns);
});
