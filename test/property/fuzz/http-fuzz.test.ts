// Fuzzing the mock's HTTP entry points (http-fuzz-run.ts): the RP2 bridge and the control API, real routes with
// fuzzed bodies and made-up ones, and calls inside live sessions so qbXML reaches the handlers. Every answer comes in
// time, is never a 5xx (but qbd-sim's 501 "not simulated") or an internal error, every qbXML answer is valid against
// Intuit's XSD, and a refused request leaves the host and its company files as they were.
import './no-response-audit.js';
import { expect, test } from 'vitest';
import { propertySettings } from '../property-settings.js';
import { runHttpFuzz } from './http-fuzz-run.js';

test('RP2 bridge and control API, inside live sessions: no 5xx, no internal error, no hang, XSD-valid qbXML', async () => {
  const settings = propertySettings('http-fuzz', { numRuns: 3_000 });
  const stats = await runHttpFuzz({ name: 'http-fuzz', settings });
  console.log(`HTTP fuzz: ${JSON.stringify(stats)}`);
  expect(stats.requests).toBeGreaterThanOrEqual(settings.numRuns);
  // The point of the sessions: a good part of the requests reach a qbXML handler.
  expect(stats.handled / stats.requests).toBeGreaterThan(0.2);
});
