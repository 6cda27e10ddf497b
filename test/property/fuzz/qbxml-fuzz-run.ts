// The qbXML fuzzer, as a function: the suite runs it against the real handlers (qbxml-fuzz.test.ts) and its teeth
// test against handlers with a bug planted (qbxml-fuzz-teeth.test.ts, through QbxmlProcessor's `handlers` seam).
//
// A failure is: a crash (anything but Intuit's HRESULT with its text or qbd-sim's own refusal of the input), qbd-sim's
// QBDSIM_ERR_INTERNAL (a handler threw: a bug in the fake), an answer over 2 s, an answer not shaped like a qbXML
// response set, or not valid against Intuit's XSD (xsd-sample.ts), and a rejected set that changed the company file.
// fast-check shrinks the input and the message prints it.
import './no-response-audit.js';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { RqHandler } from '../../../mock-qb/qbxml/rq-context.js';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import { qbxmlArbitrary } from '../../../src/testing/fuzz/qbxml-arbitrary.js';
import { assertProperty, type PropertySettings } from '../property-settings.js';
import { CompanyWatch } from './company-digest.js';
import { assertSampleValid, XsdSample } from './xsd-sample.js';

const mock = await import('../../../mock-qb/index.js');
const { REQUEST_HANDLERS } = await import('../../../mock-qb/qbxml/handlers/request-handlers.js');
const { QbxmlProcessor } = await import('../../../mock-qb/qbxml/qbxml-processor.js');
const { ComError } = await import('../../../src/protocol/com-error.js');
const { QbdSimError } = await import('../../../src/protocol/qbd-sim-error.js');

/** The longest one request set may take (the processor is synchronous: measured, not interrupted). */
export const QBXML_FUZZ_BOUND_MS = 2_000;

/** A shape every qbXML answer has. */
export const QBXML_RESPONSE_SET =
  /^<\?xml version="1\.0" \?>\s*<QBXML>\s*<QBXMLMsgsRs[^>]*>[\s\S]*<\/QBXMLMsgsRs>\s*<\/QBXML>\s*$/;

const PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Fuzz Co.QBW';

export interface QbxmlFuzzOptions {
  name: string;
  settings: PropertySettings;
  /** Replaces the request handlers (a teeth test plants a bug in one); default the simulator's own. */
  handlers?: (real: Readonly<Record<string, RqHandler>>) => Readonly<Record<string, RqHandler>>;
}

export interface QbxmlFuzzStats {
  inputs: number;
  /** Inputs whose answer was a response set (not an HRESULT or a refusal). */
  answered: number;
  /** Distinct answer shapes validated against the XSD. */
  shapes: number;
}

/** Runs the qbXML fuzzer; throws (with the shrunk input) on the first failure. */
export async function runQbxmlFuzz(opts: QbxmlFuzzOptions): Promise<QbxmlFuzzStats> {
  const world = mock.buildWorld({
    seed: opts.name,
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
  try {
    const host = world.host('OFFICE-PC');
    const qbxml = new QbxmlProcessor(opts.handlers ? { handlers: opts.handlers(REQUEST_HANDLERS) } : {});
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
    const sample = new XsdSample<string>();
    const stats = { inputs: 0, answered: 0, shapes: 0 };
    // A sampled answer that fails the XSD is replayed and shrunk from the company as it was built.
    const baseline = host.snapshot();
    const answer = (xml: string): string | undefined => {
      host.restore(baseline);
      try {
        return qbxml.process(host, session, xml);
      } catch {
        return undefined;
      }
    };
    await assertProperty(
      opts.name,
      fc.property(qbxmlArbitrary(), (xml) => {
        const run = stats.inputs++;
        const before = watch.digest();
        const started = performance.now();
        let response: string | undefined;
        try {
          response = qbxml.process(host, session, xml);
        } catch (error) {
          const known =
            error instanceof ComError
              ? HRESULT_TEXTS[error.hresult as keyof typeof HRESULT_TEXTS] === error.message
              : error instanceof QbdSimError && error.code !== 'QBDSIM_ERR_INTERNAL';
          if (!known) {
            throw new Error(
              `${error instanceof QbdSimError ? error.code : 'crash'} on ${JSON.stringify(xml.slice(0, 600))}: ` +
                String((error as Error)?.stack ?? error),
              { cause: error },
            );
          }
          expect(watch.digest(), 'a rejected request set changed the company file').toBe(before);
        }
        expect(performance.now() - started, `the processor took over ${QBXML_FUZZ_BOUND_MS} ms`).toBeLessThan(
          QBXML_FUZZ_BOUND_MS,
        );
        if (response === undefined) return;
        stats.answered++;
        expect(response, 'not a qbXML response set').toMatch(QBXML_RESPONSE_SET);
        const severities = [...response.matchAll(/statusSeverity="(\w+)"/g)].map((m) => m[1]);
        if (severities.length && severities.every((s) => s === 'Error'))
          expect(watch.digest(), 'requests answered with errors changed the company file').toBe(before);
        sample.offer(response, xml, run);
      }),
      opts.settings,
    );
    stats.shapes = sample.size;
    await assertSampleValid(opts.name, sample, qbxmlArbitrary(), opts.settings, answer, (xml) => JSON.stringify(xml));
    return stats;
  } finally {
    world.close();
  }
}
