// The request schema as the processor uses it: the first problem of a request, reported with its path and reason,
// the same from the generated table and in strict mode (the XSD compiled); known vs supported requests; the element
// order helpers response builders rely on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { createRequestSchema, type RequestSchema } from '../../../../../mock-qb/qbxml/schema/request-schema.js';
import { SUPPORTED_REQUESTS } from '../../../../../mock-qb/qbxml/schema/supported-messages.js';
import { parseXmlDocument, type XmlElement } from '../../../../../mock-qb/qbxml/xml-element.js';
import { isQbdSimError } from '../../../../../src/protocol/qbd-sim-error.js';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const xsdDir = path.resolve(repoRoot, '../shared/qbxml-xsd/13.0');

const modes: [string, RequestSchema][] = [
  ['table', createRequestSchema()],
  ['strict', createRequestSchema({ xsdDir })],
];

function msgs(requests: string, attrs = 'onError="stopOnError"'): XmlElement {
  return parseXmlDocument(`<QBXMLMsgsRq ${attrs}>${requests}</QBXMLMsgsRq>`);
}

const vendor = '<VendorRef><FullName>Acme</FullName></VendorRef>';

/** [request set, expected path, expected reason] */
const FAILURES: [string, XmlElement, string, string][] = [
  [
    'wrong order',
    msgs(`<BillAddRq><BillAdd>${vendor}<Memo>m</Memo><RefNumber>1</RefNumber></BillAdd></BillAddRq>`),
    'QBXMLMsgsRq/BillAddRq/BillAdd',
    'element "RefNumber" is not allowed here; expected one of IsTaxIncluded, SalesTaxCodeRef, ExchangeRate, ' +
      'ExternalGUID, LinkToTxnID, ExpenseLineAdd, ItemLineAdd, ItemGroupLineAdd (schema order) or the end of the element',
  ],
  [
    'missing required child',
    msgs('<BillAddRq><BillAdd><TxnDate>2024-01-01</TxnDate></BillAdd></BillAddRq>'),
    'QBXMLMsgsRq/BillAddRq/BillAdd',
    'element "TxnDate" is not allowed here; expected "VendorRef"',
  ],
  [
    'missing required child at the end',
    msgs('<BillAddRq><BillAdd/></BillAddRq>'),
    'QBXMLMsgsRq/BillAddRq/BillAdd',
    'missing required element "VendorRef"',
  ],
  [
    'missing one of several',
    msgs('<VendorQueryRq><NameFilter/></VendorQueryRq>'),
    'QBXMLMsgsRq/VendorQueryRq/NameFilter',
    'missing required element "MatchCriterion"',
  ],
  [
    'too long',
    msgs(`<VendorAddRq><VendorAdd><Name>${'N'.repeat(42)}</Name></VendorAdd></VendorAddRq>`),
    'QBXMLMsgsRq/VendorAddRq/VendorAdd/Name',
    'value longer than 41',
  ],
  [
    'bad enumeration value',
    msgs('<VendorQueryRq><ActiveStatus>Sometimes</ActiveStatus></VendorQueryRq>'),
    'QBXMLMsgsRq/VendorQueryRq/ActiveStatus',
    'value "Sometimes" is not one of ActiveOnly, InactiveOnly, All',
  ],
  [
    'bad date',
    msgs(`<BillAddRq><BillAdd>${vendor}<TxnDate>2023-02-29</TxnDate></BillAdd></BillAddRq>`),
    'QBXMLMsgsRq/BillAddRq/BillAdd/TxnDate',
    'not a valid DATETYPE: value "2023-02-29" is not a valid date (YYYY-MM-DD)',
  ],
  [
    'bad boolean',
    msgs('<VendorAddRq><VendorAdd><Name>A</Name><IsActive>yes</IsActive></VendorAdd></VendorAddRq>'),
    'QBXMLMsgsRq/VendorAddRq/VendorAdd/IsActive',
    'not a valid BOOLTYPE: value "yes" is not a boolean (true, false, 1, 0)',
  ],
  [
    'bad amount',
    msgs(`<BillAddRq><BillAdd>${vendor}<ExpenseLineAdd><Amount>1.5</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`),
    'QBXMLMsgsRq/BillAddRq/BillAdd/ExpenseLineAdd/Amount',
    'value "1.5" does not match the pattern of AMTTYPE',
  ],
  [
    'below minInclusive',
    msgs('<VendorQueryRq><MaxReturned>0</MaxReturned></VendorQueryRq>'),
    'QBXMLMsgsRq/VendorQueryRq/MaxReturned',
    'value "0" is less than 1 (minInclusive)',
  ],
  [
    'unknown element',
    msgs('<VendorAddRq><VendorAdd><Name>A</Name><Nickname>a</Nickname></VendorAdd></VendorAddRq>'),
    'QBXMLMsgsRq/VendorAddRq/VendorAdd',
    'element "Nickname" is unknown here; expected one of IsActive, ClassRef, CompanyName, Salutation, FirstName, ' +
      'MiddleName, LastName, Suffix, JobTitle, VendorAddress, ShipAddress, Phone, Mobile, Pager, AltPhone, Fax, ' +
      'Email, Cc, Contact, AltContact, AdditionalContactRef, Contacts, NameOnCheck, AccountNumber, Notes, … (23 more) ' +
      '(schema order) or the end of the element',
  ],
  [
    'unknown attribute',
    msgs(`<BillAddRq reqID="1"><BillAdd>${vendor}</BillAdd></BillAddRq>`),
    'QBXMLMsgsRq/BillAddRq',
    'attribute "reqID" is not allowed',
  ],
  [
    'bad attribute value',
    msgs('<VendorQueryRq iterator="Begin"/>'),
    'QBXMLMsgsRq/VendorQueryRq',
    'attribute "iterator": value "Begin" is not one of Start, Continue, Stop',
  ],
  ['missing required attribute', msgs('<HostQueryRq/>', ''), 'QBXMLMsgsRq', 'missing required attribute "onError"'],
  [
    'text in element-only content',
    msgs(`<BillAddRq><BillAdd><VendorRef>Acme</VendorRef></BillAdd></BillAddRq>`),
    'QBXMLMsgsRq/BillAddRq/BillAdd/VendorRef',
    'text is not allowed in "VendorRef" (element-only content)',
  ],
  [
    'element inside a value',
    msgs('<VendorAddRq><VendorAdd><Name><b>A</b></Name></VendorAdd></VendorAddRq>'),
    'QBXMLMsgsRq/VendorAddRq/VendorAdd/Name',
    'element "b" is not allowed here; "Name" holds a value only',
  ],
  [
    'two alternatives of a choice',
    msgs('<VendorQueryRq><ListID>1-1</ListID><FullName>A</FullName></VendorQueryRq>'),
    'QBXMLMsgsRq/VendorQueryRq',
    'element "FullName" is not allowed here; expected one of ListID, IncludeRetElement, OwnerID (schema order) or the ' +
      'end of the element',
  ],
];

for (const [mode, schema] of modes) {
  for (const [what, set, path, reason] of FAILURES) {
    test(`${mode}: ${what} is reported with its path and reason`, () => {
      expect(schema.validateMessageSet(set)).toEqual({ ok: false, path, reason });
    });
  }

  test(`${mode}: an unknown request is refused by name`, () => {
    const result = schema.validateMessageSet(msgs('<HostQueryRq/><FooQueryRq/>'));
    expect(result).toMatchObject({ ok: false, path: 'QBXMLMsgsRq' });
    expect(!result.ok && result.reason).toMatch(/^element "FooQueryRq" is unknown here; expected one of HostQueryRq, /);
    expect(schema.validateRequest(parseXmlDocument('<FooQueryRq/>'))).toEqual({
      ok: false,
      path: 'QBXMLMsgsRq',
      reason: 'element "FooQueryRq" is not a qbXML request',
    });
  });

  test(`${mode}: valid requests pass, and a request validates on its own with the same path`, () => {
    const bill = `<BillAddRq requestID="7"><BillAdd>${vendor}<TxnDate></TxnDate><IsTaxIncluded/><ExpenseLineAdd><Amount>-1.00</Amount></ExpenseLineAdd></BillAdd></BillAddRq>`;
    expect(schema.validateMessageSet(msgs(`${bill}<VendorQueryRq><ActiveStatus/></VendorQueryRq>`))).toEqual({
      ok: true,
    });
    expect(schema.validateRequest(parseXmlDocument(bill))).toEqual({ ok: true });
    expect(schema.validateRequest(parseXmlDocument('<BillAddRq><BillAdd/></BillAddRq>'))).toEqual({
      ok: false,
      path: 'QBXMLMsgsRq/BillAddRq/BillAdd',
      reason: 'missing required element "VendorRef"',
    });
  });

  test(`${mode}: a whole document is validated from the QBXML root`, () => {
    const doc = parseXmlDocument(
      '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError"><HostQueryRq/></QBXMLMsgsRq></QBXML>',
    );
    expect(schema.validateDocument(doc)).toEqual({ ok: true });
    const two = parseXmlDocument(
      '<QBXML><QBXMLMsgsRq onError="stopOnError"/><QBXMLMsgsRq onError="stopOnError"/></QBXML>',
    );
    expect(schema.validateDocument(two)).toEqual({
      ok: false,
      path: 'QBXML',
      reason: 'element "QBXMLMsgsRq" is not allowed here; expected the end of the element',
    });
  });

  test(`${mode}: every supported request is known and supported; others are known only`, () => {
    for (const name of SUPPORTED_REQUESTS) {
      expect(schema.isKnownRequest(name)).toBe(true);
      expect(schema.isSupportedRequest(name)).toBe(true);
    }
    expect(schema.isKnownRequest('EmployeeQueryRq')).toBe(true);
    expect(schema.isSupportedRequest('EmployeeQueryRq')).toBe(false);
    expect(schema.isKnownRequest('BillPaymentCreditCardModRq')).toBe(false); // not in qbXML 13.0
    expect(schema.isKnownRequest('BillAddRs')).toBe(false);
  });

  test(`${mode}: retOrder and childOrder give child names in schema order`, () => {
    expect(schema.retOrder('BillRet')).toEqual([
      'TxnID',
      'TimeCreated',
      'TimeModified',
      'EditSequence',
      'TxnNumber',
      'VendorRef',
      'VendorAddress',
      'APAccountRef',
      'TxnDate',
      'DueDate',
      'AmountDue',
      'CurrencyRef',
      'ExchangeRate',
      'AmountDueInHomeCurrency',
      'RefNumber',
      'TermsRef',
      'Memo',
      'IsTaxIncluded',
      'SalesTaxCodeRef',
      'IsPaid',
      'ExternalGUID',
      'LinkedTxn',
      'ExpenseLineRet',
      'ItemLineRet',
      'ItemGroupLineRet',
      'OpenAmount',
      'DataExtRet',
    ]);
    expect(schema.childOrder('BillRet/ExpenseLineRet')).toEqual([
      'TxnLineID',
      'AccountRef',
      'Amount',
      'TaxAmount',
      'Memo',
      'CustomerRef',
      'ClassRef',
      'SalesTaxCodeRef',
      'BillableStatus',
      'SalesRepRef',
      'DataExtRet',
    ]);
    expect(schema.childOrder('VendorRet/VendorAddress')).toEqual([
      'Addr1',
      'Addr2',
      'Addr3',
      'Addr4',
      'Addr5',
      'City',
      'State',
      'PostalCode',
      'Country',
      'Note',
    ]);
    expect(schema.retOrder('TxnDelRs')).toEqual(['TxnDelType', 'TxnID', 'TimeDeleted', 'RefNumber', 'ErrorRecovery']);
    expect(schema.retOrder('ListDelRs')).toEqual(['ListDelType', 'ListID', 'TimeDeleted', 'FullName']);
    expect(schema.childOrder('BillAddRs')).toEqual(['BillRet', 'ErrorRecovery']);
    expect(schema.childOrder('BillAddRs/BillRet')).toBe(schema.retOrder('BillRet'));
    expect(schema.retOrder('ErrorRecovery')).toEqual([
      'ListID',
      'OwnerID',
      'TxnID',
      'TxnNumber',
      'EditSequence',
      'ExternalGUID',
    ]);
    expect(schema.retOrder('StandardTermsRet')).toContain('StdDueDays');
    expect(schema.retOrder('DataExtRet')).toEqual(['OwnerID', 'DataExtName', 'DataExtType', 'DataExtValue']);
  });

  test(`${mode}: every Ret aggregate of the supported responses has an order`, () => {
    for (const ret of [
      'HostRet',
      'CompanyRet',
      'PreferencesRet',
      'AccountRet',
      'VendorRet',
      'CustomerRet',
      'StandardTermsRet',
      'DateDrivenTermsRet',
      'ClassRet',
      'ItemServiceRet',
      'ItemNonInventoryRet',
      'ItemOtherChargeRet',
      'BillRet',
      'BillPaymentCheckRet',
      'BillPaymentCreditCardRet',
      'CheckRet',
      'VendorCreditRet',
      'InvoiceRet',
      'ReceivePaymentRet',
      'TxnDeletedRet',
      'ListDeletedRet',
      'DataExtDefRet',
      'DataExtRet',
      'SalesTaxCodeRet',
      'PaymentMethodRet',
    ]) {
      expect(schema.retOrder(ret).length, ret).toBeGreaterThan(2);
    }
  });

  test(`${mode}: an unknown aggregate path is a mock bug with a stable code`, () => {
    expect(() => schema.childOrder('BillRet/NoSuchChild')).toThrow(/"BillRet" has no child "NoSuchChild"/);
    let error: unknown;
    try {
      schema.retOrder('NoSuchRet');
    } catch (e) {
      error = e;
    }
    expect(isQbdSimError(error) && error.code).toBe('QBDSIM_ERR_INTERNAL');
  });
}

test('table: a known request the simulator does not model passes with its content unchecked', () => {
  const [, table] = modes[0]!;
  const [, strict] = modes[1]!;
  const set = msgs('<EmployeeQueryRq><Nonsense/></EmployeeQueryRq>');
  expect(table.validateMessageSet(set)).toEqual({ ok: true });
  expect(strict.validateMessageSet(set)).toEqual({
    ok: false,
    path: 'QBXMLMsgsRq/EmployeeQueryRq',
    reason: expect.stringMatching(/^element "Nonsense" is unknown here; /) as string,
  });
  expect(() => table.retOrder('EmployeeQueryRs')).toThrow(/not in the generated qbXML schema table/);
  expect(strict.retOrder('EmployeeQueryRs')).toEqual(['EmployeeRet']);
});

test('the table and strict mode say where they come from', () => {
  expect(modes[0]![1]).toMatchObject({ mode: 'table', source: 'qbXML 13.0 (qbxmlops130.xsd)' });
  expect(modes[1]![1]).toMatchObject({ mode: 'xsd', source: path.join(xsdDir, 'qbxmlops130.xsd') });
});
