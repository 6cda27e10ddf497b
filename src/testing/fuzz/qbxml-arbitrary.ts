import fc from 'fast-check';
import { mutatedTextArbitrary } from './text-mutation.js';

/** Wraps requests in a qbXML request set. */
export function qbxmlRequestSet(body: string, opts: { version?: string; onError?: string } = {}): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><?qbxml version="${opts.version ?? '13.0'}"?>` +
    `<QBXML><QBXMLMsgsRq onError="${opts.onError ?? 'stopOnError'}">${body}</QBXMLMsgsRq></QBXML>`
  );
}

const name = fc.oneof(
  fc.constantFrom('Acme Paper', 'Zeta & Sons', 'Ärger GmbH', 'x'.repeat(41), 'x'.repeat(42), '', ' '),
  fc.string({ maxLength: 45 }).map((s) => s.replace(/[<&]/g, '')),
);
const amount = fc.oneof(
  fc.constantFrom('10.00', '0.00', '-5.00', '1e3', '12.345', 'abc', '99999999999999.99'),
  fc.integer({ min: -1000, max: 100000 }).map((n) => (n / 100).toFixed(2)),
);
const date = fc.constantFrom('2024-07-01', '2024-02-30', '1899-12-31', 'yesterday', '2024-07-01T10:00:00');
const listId = fc.constantFrom('80000001-1719838804', '80000099-1', '', 'not-an-id');

/** Request bodies of the message types an AP connector sends, with values at and past their edges. */
export function qbxmlRequestBodyArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant('<HostQueryRq requestID="1"/>'),
    fc.constant('<CompanyQueryRq requestID="1"/>'),
    fc.constant('<PreferencesQueryRq requestID="1"/>'),
    name.map((n) => `<VendorAddRq requestID="2"><VendorAdd><Name>${n}</Name></VendorAdd></VendorAddRq>`),
    fc
      .tuple(listId, fc.constantFrom('1', '1719838804', ''), name)
      .map(
        ([id, seq, n]) =>
          `<VendorModRq requestID="3"><VendorMod><ListID>${id}</ListID><EditSequence>${seq}</EditSequence><Name>${n}</Name></VendorMod></VendorModRq>`,
      ),
    fc
      .tuple(name, date, amount)
      .map(
        ([n, d, a]) =>
          `<BillAddRq requestID="4"><BillAdd><VendorRef><FullName>${n}</FullName></VendorRef><TxnDate>${d}</TxnDate>` +
          `<ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef><Amount>${a}</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`,
      ),
    fc
      .tuple(fc.constantFrom('0', '1', '100', '-1', 'x'), date)
      .map(
        ([max, d]) =>
          `<BillQueryRq requestID="5" iterator="Start"><MaxReturned>${max}</MaxReturned><ModifiedDateRangeFilter><FromModifiedDate>${d}</FromModifiedDate></ModifiedDateRangeFilter></BillQueryRq>`,
      ),
    fc.constant('<VendorQueryRq requestID="6"><MaxReturned>5</MaxReturned></VendorQueryRq>'),
    listId.map((id) => `<TxnDelRq requestID="7"><TxnDelType>Bill</TxnDelType><TxnID>${id}</TxnID></TxnDelRq>`),
    fc.constant(
      '<DataExtDefAddRq requestID="8"><DataExtDefAdd><OwnerID>{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}</OwnerID>' +
        '<DataExtName>CloudId</DataExtName><DataExtType>STR255TYPE</DataExtType><AssignToObject>Vendor</AssignToObject></DataExtDefAdd></DataExtDefAddRq>',
    ),
    fc.constant('<AccountQueryRq requestID="9"/>'),
  );
}

/** qbXML request sets: generated (valid shape, edgy values, several requests, any onError and version) and mutated. */
export function qbxmlArbitrary(): fc.Arbitrary<string> {
  const generated = generatedQbxmlArbitrary();
  return fc.oneof(
    { weight: 2, arbitrary: generated },
    {
      weight: 3,
      arbitrary: generated.chain((seed) =>
        mutatedTextArbitrary([seed], ['<VendorAddRq>', '</VendorAddRq>', '<BillAdd>', '<QBXMLMsgsRq>', '</QBXML>']),
      ),
    },
  );
}

/** Well-formed qbXML request sets only: several requests with edgy values, any onError and version (no mutation). */
export function generatedQbxmlArbitrary(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.array(qbxmlRequestBodyArbitrary(), { minLength: 0, maxLength: 4 }),
      fc.constantFrom('13.0', '13.0', '2.0', '1.0', '14.0', '', 'x'),
      fc.constantFrom('stopOnError', 'continueOnError', 'rollbackOnError', ''),
    )
    .map(([bodies, version, onError]) => qbxmlRequestSet(bodies.join(''), { version, onError }));
}
