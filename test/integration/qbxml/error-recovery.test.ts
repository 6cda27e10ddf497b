import { afterAll, expect, test } from 'vitest';
import { buildWorld } from '../../../mock-qb/engine/world-spec.js';
import { REQUEST_HANDLERS } from '../../../mock-qb/qbxml/handlers/request-handlers.js';
import { QbxmlProcessor } from '../../../mock-qb/qbxml/qbxml-processor.js';
import { parseXmlDocument, type XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { ProcessorRegistry } from '../../../mock-qb/rp2/processor-registry.js';
import { validateQbxmlResponse } from '../../support/xsd-validate-response.js';
import { COMPANY_PATH, openQbxmlSession, qbxmlWorld, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

const extra: { test: string; xml: string }[] = [];

afterAll(async () => {
  const results = await Promise.all(extra.map((e) => validateQbxmlResponse(e.xml)));
  const failures = results
    .map((r, i) => ({ r, e: extra[i]! }))
    .filter(({ r }) => !r.ok)
    .map(({ r, e }) => `${e.test}:\n${r.errors.join('\n')}\n--- response ---\n${e.xml}`);
  expect(failures, 'responses that do not validate against the qbXML 13.0 XSD').toEqual([]);
}, 120_000);

/** Sends a request set with error-recovery attributes; returns the QBXMLMsgsRs element and the raw text. */
function sendSet(
  s: QbxmlSession,
  attrs: { newMessageSetID?: string; oldMessageSetID?: string; onError?: string },
  requests: string,
): { msgs: XmlElement; xml: string } {
  const a = Object.entries({ onError: 'stopOnError', ...attrs })
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  const xml = s.sendRaw(
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML>\n<QBXMLMsgsRq${a}>${requests}</QBXMLMsgsRq>\n</QBXML>`,
  );
  return { msgs: parseXmlDocument(xml).children[0]!, xml };
}

/** The Rs elements of a response, as text. */
function rsText(xml: string): string {
  return xml.slice(xml.indexOf('>', xml.indexOf('<QBXMLMsgsRs')) + 2, xml.indexOf('</QBXMLMsgsRs>'));
}

const vendorAdd = (name: string, requestID = '1') =>
  `<VendorAddRq requestID="${requestID}"><VendorAdd><Name>${name}</Name></VendorAdd></VendorAddRq>`;

function vendorNames(s: QbxmlSession): string[] {
  const [q] = s.rs(`<VendorQueryRq><ActiveStatus>All</ActiveStatus></VendorQueryRq>`);
  return q!.children.map((r) => textAt(r, 'Name')!);
}

test('a set with newMessageSetID: the answer carries it with messageSetStatusCode 0, and writes carry ErrorRecovery', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-new' });
  const owner = '{87EDAAF8-637E-4203-867F-4BA79C2F8998}';
  const { msgs } = sendSet(
    s,
    { newMessageSetID: 'SET-0001', onError: 'continueOnError' },
    vendorAdd('Acme', '1') +
      vendorAdd('ACME', '2') +
      `<VendorQueryRq requestID="3"></VendorQueryRq>` +
      `<DataExtDefAddRq requestID="4"><DataExtDefAdd><OwnerID>${owner}</OwnerID><DataExtName>FileID</DataExtName>` +
      `<DataExtType>STR255TYPE</DataExtType><AssignToObject>Company</AssignToObject></DataExtDefAdd></DataExtDefAddRq>`,
  );
  expect(msgs.attrs).toEqual({ newMessageSetID: 'SET-0001', messageSetStatusCode: '0' });
  const [added, duplicate, query, def] = msgs.children;
  const recovery = added!.children.find((c) => c.name === 'ErrorRecovery')!;
  expect(added!.children.map((c) => c.name)).toEqual(['VendorRet', 'ErrorRecovery']);
  expect(recovery.children.map((c) => [c.name, c.text])).toEqual([
    ['ListID', textAt(added!.children[0], 'ListID')],
    ['EditSequence', textAt(added!.children[0], 'EditSequence')],
  ]);
  expect(statusOf(duplicate!).code).toBe(3100);
  expect(duplicate!.children).toEqual([]); // a failed request names no object
  expect(query!.children.every((c) => c.name === 'VendorRet')).toBe(true); // queries have no ErrorRecovery
  expect(textAt(def!, 'ErrorRecovery/OwnerID')).toBe(owner);
  s.close();
});

test('a lost answer: oldMessageSetID alone returns the kept Rs elements without running anything again', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-status' });
  const first = sendSet(s, { newMessageSetID: 'SET-0001' }, vendorAdd('Acme'));
  // The connector never saw `first`; on restart it asks what became of SET-0001.
  const check = sendSet(s, { oldMessageSetID: 'SET-0001' }, '');
  expect(check.msgs.attrs).toEqual({ messageSetStatusCode: '0' });
  expect(rsText(check.xml)).toBe(rsText(first.xml));
  expect(statusOf(check.msgs.children[0]!).code).toBe(0);
  expect(vendorNames(s)).toEqual(['Acme']);
  s.close();
});

test('the same set sent again under its newMessageSetID is answered from the kept answer, not applied twice', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-resend' });
  const first = sendSet(s, { newMessageSetID: 'SET-0001' }, vendorAdd('Acme'));
  s.advance(5_000);
  const again = sendSet(s, { newMessageSetID: 'SET-0001' }, vendorAdd('Acme'));
  expect(again.msgs.attrs).toEqual({ newMessageSetID: 'SET-0001', messageSetStatusCode: '0' });
  expect(rsText(again.xml)).toBe(rsText(first.xml));
  expect(vendorNames(s)).toEqual(['Acme']);
  // Other requests under a kept ID: 9001, nothing runs.
  const other = sendSet(s, { newMessageSetID: 'SET-0001' }, vendorAdd('Beta'));
  expect(other.msgs.attrs).toEqual({ newMessageSetID: 'SET-0001', messageSetStatusCode: '9001' });
  expect(other.msgs.children).toEqual([]);
  expect(vendorNames(s)).toEqual(['Acme']);
  s.close();
});

test('an unknown oldMessageSetID answers 600; with requests and no newMessageSetID they still run', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-600' });
  const check = sendSet(s, { oldMessageSetID: 'NEVER-SENT' }, '');
  expect(check.msgs.attrs).toEqual({ messageSetStatusCode: '600' });
  expect(check.msgs.children).toEqual([]);
  const run = sendSet(s, { oldMessageSetID: 'NEVER-SENT' }, vendorAdd('Acme'));
  expect(run.msgs.attrs).toEqual({ messageSetStatusCode: '600' });
  expect(statusOf(run.msgs.children[0]!).code).toBe(0);
  s.close();
});

test('a message set ID longer than 24 characters answers 9004 and nothing runs', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-9004' });
  const long = 'X'.repeat(25);
  const set = sendSet(s, { newMessageSetID: long }, vendorAdd('Acme'));
  expect(set.msgs.attrs).toEqual({ newMessageSetID: long, messageSetStatusCode: '9004' });
  expect(set.msgs.children).toEqual([]);
  expect(sendSet(s, { newMessageSetID: 'X'.repeat(24) }, vendorAdd('Acme')).msgs.attrs['messageSetStatusCode']).toBe(
    '0',
  );
  s.close();
});

test('the next set acknowledges the old one with oldMessageSetID; ClearAllMessageSets forgets them all', async () => {
  const s = await openQbxmlSession({ seed: 'recovery-ack' });
  sendSet(s, { newMessageSetID: 'A' }, vendorAdd('Acme'));
  const next = sendSet(s, { oldMessageSetID: 'A', newMessageSetID: 'B' }, vendorAdd('Beta'));
  expect(next.msgs.attrs).toEqual({ newMessageSetID: 'B', messageSetStatusCode: '0' });
  expect(sendSet(s, { oldMessageSetID: 'A' }, '').msgs.attrs['messageSetStatusCode']).toBe('600');
  expect(sendSet(s, { oldMessageSetID: 'B' }, '').msgs.attrs['messageSetStatusCode']).toBe('0');
  sendSet(s, { newMessageSetID: 'C' }, vendorAdd('Cobalt'));
  const cleared = sendSet(s, { oldMessageSetID: 'ClearAllMessageSets' }, '');
  expect(cleared.msgs.attrs).toEqual({ messageSetStatusCode: '0' });
  expect(sendSet(s, { oldMessageSetID: 'B' }, '').msgs.attrs['messageSetStatusCode']).toBe('600');
  expect(sendSet(s, { oldMessageSetID: 'C' }, '').msgs.attrs['messageSetStatusCode']).toBe('600');
  s.close();
});

test('a set whose answer was never kept (the simulator failed mid-set) answers 9002', async () => {
  const world = buildWorld(qbxmlWorld({ seed: 'recovery-9002' }));
  const host = world.host();
  host.companyStore(COMPANY_PATH).putApp({
    appName: 'Recovery Tests',
    appId: '',
    allowAccess: true,
    promptEachTime: false,
    autoLogin: false,
    loginAs: null,
    loginAsCredentialVersion: null,
    loginAsFilePath: null,
    personalData: true,
    requested: { isReadOnly: false, unattendedModePref: 'umpOptional', personalDataPref: 'pdpOptional' },
    certificateSubject: '',
    certificateStatus: 'valid',
    certificateExpires: null,
    grantedAt: '2014-11-10T15:00:00.000Z',
  });
  const qbxml = new QbxmlProcessor({
    handlers: {
      ...REQUEST_HANDLERS,
      ClassAddRq: () => {
        throw new Error('simulated crash');
      },
    },
  });
  const registry = new ProcessorRegistry(world, { qbxml });
  const p = registry.create();
  p.OpenConnection2('', 'Recovery Tests', 1);
  const ticket = await p.BeginSession('', 2);
  const send = (attrs: string, requests: string) => {
    const xml = p.ProcessRequest(
      ticket,
      `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"${attrs}>${requests}</QBXMLMsgsRq></QBXML>`,
    );
    extra.push({ test: expect.getState().currentTestName ?? '', xml });
    return parseXmlDocument(xml).children[0]!;
  };
  expect(() =>
    send(
      ' newMessageSetID="CRASH"',
      vendorAdd('Acme') + `<ClassAddRq><ClassAdd><Name>East</Name></ClassAdd></ClassAddRq>`,
    ),
  ).toThrow(/a bug in qbd-sim/);
  expect(send(' oldMessageSetID="CRASH"', '').attrs).toEqual({ messageSetStatusCode: '9002' });
  expect(
    send(
      ' newMessageSetID="CRASH"',
      vendorAdd('Acme') + `<ClassAddRq><ClassAdd><Name>East</Name></ClassAdd></ClassAddRq>`,
    ).attrs,
  ).toEqual({
    newMessageSetID: 'CRASH',
    messageSetStatusCode: '9002',
  });
  registry.releaseAll();
  world.close();
});
