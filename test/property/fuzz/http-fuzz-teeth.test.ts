// The HTTP fuzzer's teeth: a HostQuery handler that throws on every call (planted through QbxmlProcessor's `handlers`
// seam, in process) answers 500 QBDSIM_ERR_INTERNAL over the bridge, and only inside a live session: the fuzzer must
// find it within its CI budget and print the shrunk request.
import './no-response-audit.js';
import { expect, test } from 'vitest';
import { propertySettings } from '../property-settings.js';
import { runHttpFuzz } from './http-fuzz-run.js';

test('a HostQuery handler that throws is found inside a session, with the shrunk request', async () => {
  const settings = propertySettings('http-fuzz', { numRuns: 3_000 });
  const started = performance.now();
  const failure = await runHttpFuzz({
    name: 'http-fuzz-teeth',
    settings: { ...settings, seed: propertySettings('http-fuzz-teeth', { numRuns: 1 }).seed },
    handlers: (real) => ({
      ...real,
      HostQueryRq: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'productName')");
      },
    }),
  }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  expect(failure, `the planted crash was not found in ${settings.numRuns} requests`).toBeDefined();
  console.log(`http-fuzz-teeth: found in ${Math.round(performance.now() - started)} ms\n${failure!.slice(0, 900)}`);
  expect(failure).toMatch(/qbd-sim failed internally/);
  expect(failure).toMatch(/Counterexample: .*ProcessRequest.*HostQueryRq/);
});
