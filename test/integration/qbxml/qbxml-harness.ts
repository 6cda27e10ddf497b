// In-process harness for qbXML tests: a world, an authorized session, and `send()` that runs a
// request set through the real processor. Every response a test file produces is validated
// against Intuit's XSD with libxml2 (in one batch, after the file's tests): what the mock emits
// is held against external truth, not against our own tables.
import { afterAll, expect } from 'vitest';
import { buildWorld, type WorldSpec } from '../../../mock-qb/engine/world-spec.js';
import type { QbHost } from '../../../mock-qb/engine/qb-host.js';
import type { QbWorld } from '../../../mock-qb/engine/qb-world.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import type { RequestProcessor } from '../../../mock-qb/rp2/request-processor.js';
import { parseXmlDocument, type XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { validateQbxmlResponse } from '../../support/xsd-validate-response.js';

export const COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Test Co.QBW';

const emitted: { test: string; xml: string }[] = [];

afterAll(async () => {
  if (!emitted.length) return;
  const results = await Promise.all(emitted.map((e) => validateQbxmlResponse(e.xml)));
  const failures = results
    .map((r, i) => ({ r, e: emitted[i]! }))
    .filter(({ r }) => !r.ok)
    .map(({ r, e }) => `${e.test}:\n${r.errors.join('\n')}\n--- response ---\n${e.xml}`);
  emitted.length = 0;
  expect(failures, 'responses that do not validate against the qbXML 13.0 XSD').toEqual([]);
}, 120_000);

/** One machine, one company file open single-user by the Admin, on a manual clock. */
export function qbxmlWorld(
  opts: { seed: string; clockStart?: string; timeZone?: string; product?: string } = { seed: 'qbxml' },
): WorldSpec {
  return {
    seed: opts.seed,
    clock: 'manual',
    clockStart: opts.clockStart ?? '2014-11-10T15:00:00Z',
    hosts: [
      {
        id: 'OFFICE-PC',
        ...(opts.product ? { product: opts.product } : {}),
        timeZone: opts.timeZone ?? 'America/New_York',
        companyFiles: [
          {
            path: COMPANY_PATH,
            companyName: 'Test Co',
            users: [
              { name: 'Admin', password: '', role: 'admin' },
              { name: 'Clerk', password: 'clerk', role: 'all-areas' },
            ],
          },
        ],
        ui: { running: true, open: { path: COMPANY_PATH, mode: 'single-user', user: 'Admin', password: '' } },
      },
    ],
  };
}

/** A session of an authorized application and helpers to talk qbXML to it. */
export interface QbxmlSession {
  world: QbWorld;
  host: QbHost;
  processor: RequestProcessor;
  ticket: string;
  /** Sends the requests inside `<QBXMLMsgsRq>` and returns the response text (validated after the file). */
  send(requests: string, opts?: { onError?: 'stopOnError' | 'continueOnError'; version?: string }): string;
  /** Sends a whole document as is. */
  sendRaw(xml: string): string;
  /** Sends and returns the Rs elements. */
  rs(requests: string, opts?: { onError?: 'stopOnError' | 'continueOnError'; version?: string }): XmlElement[];
  /** Moves the host clock. */
  advance(ms: number): void;
  close(): void;
}

/**
 * Builds the world and opens a session for `appName` (authorized "Yes, always" as Admin with
 * personal data unless `grant` says otherwise).
 */
export async function openQbxmlSession(
  opts: {
    seed: string;
    world?: WorldSpec;
    appName?: string;
    grant?: { choice: 'when-open' | 'always' | 'prompt-each-time'; personalData?: boolean; loginAs?: string };
    readOnly?: boolean;
  } = { seed: 'qbxml' },
): Promise<QbxmlSession> {
  const world = buildWorld(opts.world ?? qbxmlWorld({ seed: opts.seed }));
  const host = world.host();
  const processors = new ProcessorRegistry(world);
  const processor = processors.create({ certificate: { subject: 'CN=Test Vendor', status: 'valid' } });
  if (opts.readOnly) processor.PutIsReadOnly(true);
  processor.OpenConnection2('', opts.appName ?? 'qbXML Tests', 1);
  const pending = processor.BeginSession('', 2);
  const grant = opts.grant ?? { choice: 'always', personalData: true, loginAs: 'Admin' };
  // BeginSession reaches the certificate dialog after a few promise turns.
  for (let i = 0; i < 50 && !host.dialogs.some((d) => d.kind === 'certificate'); i++)
    await new Promise((r) => setImmediate(r));
  host.answerCertificateDialog({
    choice: grant.choice,
    loginAs: grant.loginAs ?? (grant.choice === 'always' ? 'Admin' : null),
    personalData: grant.personalData ?? true,
    done: true,
  });
  const ticket = await pending;
  const testName = () => expect.getState().currentTestName ?? '(outside a test)';
  const send = (requests: string, o: { onError?: string; version?: string } = {}): string => {
    const xml =
      `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${o.version ?? '13.0'}"?>\n<QBXML>\n` +
      `<QBXMLMsgsRq onError="${o.onError ?? 'stopOnError'}">\n${requests}\n</QBXMLMsgsRq>\n</QBXML>`;
    return sendRaw(xml);
  };
  const sendRaw = (xml: string): string => {
    const response = processor.ProcessRequest(ticket, xml);
    emitted.push({ test: testName(), xml: response });
    return response;
  };
  return {
    world,
    host,
    processor,
    ticket,
    send,
    sendRaw,
    rs: (requests, o) => parseXmlDocument(send(requests, o)).children[0]!.children,
    advance: (ms) => (host.clock as unknown as { advance(ms: number): void }).advance(ms),
    close: () => {
      processors.releaseAll();
      world.close();
    },
  };
}

/** The text of a child path (`VendorRet/ListID`) of an element, or undefined. */
export function textAt(el: XmlElement | undefined, path: string): string | undefined {
  let cur = el;
  for (const part of path.split('/')) cur = cur?.children.find((c) => c.name === part);
  return cur?.text;
}

/** Status triplet of an Rs element. */
export function statusOf(rs: XmlElement): { code: number; severity: string; message: string } {
  return {
    code: Number(rs.attrs['statusCode']),
    severity: rs.attrs['statusSeverity'] ?? '',
    message: rs.attrs['statusMessage'] ?? '',
  };
}
