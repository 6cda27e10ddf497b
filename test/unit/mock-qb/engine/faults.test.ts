import { expect, test } from 'vitest';
import { HostFaults, recordIdsOf } from '../../../../mock-qb/engine/faults.js';
import { buildWorld } from '../../../../mock-qb/engine/world-spec.js';

function host() {
  return buildWorld({ seed: 'faults-unit', hosts: [{ id: 'OFFICE-PC' }] }).host('OFFICE-PC');
}

const BILL_ADD = '<QBXML><QBXMLMsgsRq onError="stopOnError"><BillAddRq><BillAdd/></BillAddRq></QBXMLMsgsRq></QBXML>';
const HOST_QUERY = '<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq/></QBXMLMsgsRq></QBXML>';

test('a fault fires once by default, count times when asked, only where it matches; each firing is journaled', () => {
  const h = host();
  const faults = HostFaults.of(h);
  faults.arm({ kind: 'commit-then-drop', match: 'BillAdd', count: 2 });
  expect(faults.take('ProcessRequest', { inputRequest: HOST_QUERY })).toBeUndefined();
  expect(faults.take('rp2-call', { method: 'ProcessRequest', inputRequest: BILL_ADD })).toBeUndefined(); // another site
  expect(faults.take('ProcessRequest', { inputRequest: BILL_ADD })).toMatchObject({
    kind: 'commit-then-drop',
    fired: 1,
  });
  expect(faults.take('ProcessRequest', { inputRequest: BILL_ADD })).toMatchObject({ remaining: 0, fired: 2 });
  expect(faults.take('ProcessRequest', { inputRequest: BILL_ADD })).toBeUndefined();
  expect(faults.list()).toEqual([]);
  expect(h.journal.list({ actor: 'fault' }).map((e) => e.summary)).toEqual([
    'fault commit-then-drop fired on ProcessRequest (BillAddRq): QuickBooks commits the request, the answer is dropped',
    'fault commit-then-drop fired on ProcessRequest (BillAddRq): QuickBooks commits the request, the answer is dropped',
  ]);
});

test('a delay matches an RP2 method or a request; a qbwc-drop a SOAP operation', () => {
  const faults = HostFaults.of(host());
  faults.arm({ kind: 'delay', match: 'BeginSession', ms: 5 });
  faults.arm({ kind: 'delay', match: 'BillAdd' });
  faults.arm({ kind: 'qbwc-drop', match: 'sendRequestXML', phase: 'after' });
  expect(faults.take('rp2-call', { method: 'EndSession' })).toBeUndefined();
  expect(faults.take('rp2-call', { method: 'BeginSession' })).toMatchObject({ ms: 5 });
  expect(faults.take('rp2-call', { method: 'ProcessRequest', inputRequest: BILL_ADD })).toMatchObject({ ms: 1000 });
  expect(faults.take('qbwc-soap', { method: 'authenticate' })).toBeUndefined();
  expect(faults.take('qbwc-soap', { method: 'sendRequestXML' })).toMatchObject({ phase: 'after' });
});

test('a seeded probability draws the same firings for the same seed, unlimited unless counted', () => {
  const pattern = (seed: string) => {
    const faults = HostFaults.of(host());
    faults.arm({ kind: 'modal-dialog', probability: 0.3, seed });
    return Array.from({ length: 40 }, () => (faults.take('ProcessRequest', { inputRequest: HOST_QUERY }) ? 1 : 0)).join(
      '',
    );
  };
  expect(pattern('a')).toBe(pattern('a'));
  expect(pattern('a')).not.toBe(pattern('b'));
  expect(pattern('a')).toMatch(/1.*1.*1/);
  expect(() => HostFaults.of(host()).arm({ kind: 'qb-crash', probability: 0 })).toThrow(RangeError);
});

test('the records a request edits: each Mod target, each Del target, and with `applied` the bills a payment pays', () => {
  const rq =
    '<VendorModRq><VendorMod><ListID>80000001-1</ListID><EditSequence>1</EditSequence><VendorRef><ListID>X</ListID></VendorRef></VendorMod></VendorModRq>' +
    '<TxnDelRq><TxnDelType>Bill</TxnDelType><TxnID>T-9</TxnID></TxnDelRq>' +
    '<BillPaymentCheckAddRq><BillPaymentCheckAdd><AppliedToTxnAdd><TxnID>T-1</TxnID></AppliedToTxnAdd></BillPaymentCheckAdd></BillPaymentCheckAddRq>';
  expect(recordIdsOf(rq)).toEqual(['80000001-1', 'T-9']);
  expect(recordIdsOf(rq, { applied: true })).toEqual(['T-1', '80000001-1', 'T-9']);
});
