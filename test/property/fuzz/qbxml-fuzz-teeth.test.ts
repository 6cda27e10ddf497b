// The qbXML fuzzer's teeth: bugs planted in one handler (through QbxmlProcessor's `handlers` seam, in process) must
// make it fail within its CI budget, with the shrunk input printed.
import './no-response-audit.js';
import { expect, test } from 'vitest';
import type { RqContext, RqHandler } from '../../../mock-qb/qbxml/rq-context.js';
import { propertySettings } from '../property-settings.js';
import { runQbxmlFuzz } from './qbxml-fuzz-run.js';

const CI_RUNS = propertySettings('qbxml-fuzz', { numRuns: 65_000 }).numRuns;

function planted(
  rq: string,
  bug: (real: RqHandler, ctx: RqContext) => ReturnType<RqHandler>,
): (real: Readonly<Record<string, RqHandler>>) => Record<string, RqHandler> {
  return (real) => ({ ...real, [rq]: (ctx) => bug(real[rq]!, ctx) });
}

const vendorName = (ctx: RqContext): string =>
  ctx.rq.children.find((c) => c.name === 'VendorAdd')?.children.find((c) => c.name === 'Name')?.text ?? '';

async function failureOf(name: string, handlers: ReturnType<typeof planted>, numRuns: number): Promise<string> {
  const started = performance.now();
  const failure = await runQbxmlFuzz({ name, settings: { ...propertySettings(name, { numRuns }) }, handlers }).then(
    () => undefined,
    (error: Error) => error.message,
  );
  expect(failure, `the planted bug was not found in ${numRuns} inputs`).toBeDefined();
  console.log(
    `${name}: found in ${Math.round(performance.now() - started)} ms\n${failure!.split('\n').slice(0, 4).join('\n')}`,
  );
  return failure!;
}

test('a TypeError planted in VendorAdd (names of 41 characters and more) is found and shrunk', async () => {
  const failure = await failureOf(
    'qbxml-fuzz-teeth-crash',
    planted('VendorAddRq', (real, ctx) => {
      if (vendorName(ctx).length > 40) (undefined as unknown as { name: string }).name.toString();
      return real(ctx);
    }),
    CI_RUNS,
  );
  expect(failure).toMatch(/QBDSIM_ERR_INTERNAL on /);
  expect(failure).toMatch(/Counterexample: \[".*<VendorAddRq/);
});

test("an answer Intuit's XSD refuses, planted in VendorAdd, is found and its input shrunk", async () => {
  const failure = await failureOf(
    'qbxml-fuzz-teeth-xsd',
    planted('VendorAddRq', (real, ctx) => {
      const result = real(ctx);
      if (!vendorName(ctx).includes('GmbH') || !result.body) return result;
      return { ...result, body: [...result.body, '<Bogus>1</Bogus>\n'] };
    }),
    // Far under the CI budget: the XSD check runs after all the inputs.
    Math.min(CI_RUNS, 3_000),
  );
  expect(failure).toMatch(/do not validate against the qbXML 13\.0 XSD/);
  expect(failure).toMatch(/Shrunk input: ".*Ärger GmbH/);
  expect(failure).toMatch(/Bogus/);
});
