// Fuzzing the qbXML request processor in process with generated and mutated request sets (qbxml-fuzz-run.ts): every
// input gets a qbXML response set valid against Intuit's XSD, Intuit's HRESULT, or qbd-sim's own refusal of the input
// — never a crash, a QBDSIM_ERR_INTERNAL or a hang — and a request set QuickBooks rejects leaves the company unchanged.
import './no-response-audit.js';
import { expect, test } from 'vitest';
import { propertySettings } from '../property-settings.js';
import { runQbxmlFuzz } from './qbxml-fuzz-run.js';

test('qbXML: an XSD-valid response, an HRESULT or a refusal for every input; never an internal error', async () => {
  const settings = propertySettings('qbxml-fuzz', { numRuns: 65_000 });
  const stats = await runQbxmlFuzz({ name: 'qbxml-fuzz', settings });
  expect(stats.inputs).toBeGreaterThanOrEqual(settings.numRuns);
  console.log(
    `qbXML fuzz: ${stats.inputs} inputs, ${stats.answered} answered with a response set, ` +
      `${stats.shapes} answer shapes validated against the XSD`,
  );
});
