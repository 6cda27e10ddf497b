// Fuzzing the qbXML request processor in process with generated and mutated request sets. Every input gets a
// well-formed qbXML response (a sample is held against Intuit's XSD), Intuit's HRESULT, or a qbd-sim validation error —
// never a crash or a hang — and a request set QuickBooks rejects as a whole leaves the company file unchanged.
import fc from 'fast-check';
import { afterAll, expect, test } from 'vitest';
import { qbxmlArbitrary } from '../../../src/testing/fuzz/qbxml-arbitrary.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import { assertProperty, propertySettings } from '../property-settings.js';
import { validateQbxmlDocuments } from '../../support/xsd-validate-response.js';
import { CompanyWatch } from './company-digest.js';

// Millions of fuzz responses would swamp the suite's response audit: this file checks a sample against the XSD itself.
delete process.env['QBDSIM_QBXML_RESPONSE_LOG'];
const mock = await import('../../../mock-qb/index.js');
const { ComError } = await import('../../../src/protocol/com-error.js');
const { QbdSimError } = await import('../../../src/protocol/qbd-sim-error.js');

const PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Fuzz Co.QBW';
const world = mock.buildWorld({
  seed: 'qbxml-fuzz',
  clock: 'manual',
  clockStart: '2024-07-01T13:00:00Z',
  hosts: [
    {
      id: 'OFFICE-PC',
      companyFiles: [
        { path: PATH, companyName: 'Fuzz Co', users: [{ name: 'Admin', password: 'admin', role: 'admin' }] },
      ],
      ui: { running: true, open: { path: PATH, mode: 'multi-user', user: 'Admin', password: 'admin' } },
    },
  ],
});
const host = world.host('OFFICE-PC');
const processors = new mock.ProcessorRegistry(world);
const session = {
  ticket: 'fuzz',
  processorId: 'fuzz',
  appName: 'qbd-sim fuzzer',
  filePath: PATH,
  mode: 'multi-user' as const,
  user: 'Admin',
  isAutomaticLogin: false,
  prefsObeyed: true,
  startedAt: 0,
};
const watch = new CompanyWatch(host, PATH);
afterAll(() => world.close());

const sample = new Set<string>();
let inputs = 0;

test('qbXML: a response, an HRESULT or a validation error for every input; a rejected request set changes nothing', async () => {
  const settings = propertySettings('qbxml-fuzz', { numRuns: 65_000 });
  await assertProperty(
    'qbxml-fuzz',
    fc.property(qbxmlArbitrary(), (xml) => {
      inputs++;
      const before = watch.digest();
      const started = performance.now();
      let response: string | undefined;
      try {
        response = processors.qbxml.process(host, session, xml);
      } catch (error) {
        if (error instanceof ComError) {
          expect(HRESULT_TEXTS[error.hresult as keyof typeof HRESULT_TEXTS]).toBe(error.message);
        } else if (!(error instanceof QbdSimError)) {
          throw new Error(
            `crash on input ${JSON.stringify(xml.slice(0, 400))}: ${String((error as Error)?.stack ?? error)}`,
            { cause: error },
          );
        }
        expect(watch.digest(), 'a rejected request set changed the company file').toBe(before);
      }
      expect(performance.now() - started, 'the processor took over 2 s').toBeLessThan(2_000);
      if (response !== undefined) {
        expect(response).toMatch(
          /^<\?xml version="1\.0" \?>\s*<QBXML>\s*<QBXMLMsgsRs>[\s\S]*<\/QBXMLMsgsRs>\s*<\/QBXML>\s*$/,
        );
        const severities = [...response.matchAll(/statusSeverity="(\w+)"/g)].map((m) => m[1]);
        if (severities.length && severities.every((s) => s === 'Error'))
          expect(watch.digest(), 'requests answered with errors changed the company file').toBe(before);
        if (sample.size < 400) sample.add(response);
      }
    }),
    settings,
  );
  const results = await validateQbxmlDocuments([...sample]);
  const invalid = results.flatMap((r, i) => (r.ok ? [] : [`${r.errors.join('; ')}\n${[...sample][i]!.slice(0, 600)}`]));
  expect(invalid, 'fuzz responses that do not validate against the qbXML 13.0 XSD').toEqual([]);
  console.log(`qbXML fuzz: ${inputs} inputs, ${sample.size} distinct responses validated against the XSD`);
});
