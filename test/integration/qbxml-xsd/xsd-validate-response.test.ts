// The libxml2 helper other tests use to hold the mock's responses against Intuit's XSD; and our own validator (table
// and strict) judging the same responses alike, since the table carries the response side too.
import { expect, test } from 'vitest';
import { createRequestSchema } from '../../../mock-qb/qbxml/schema/request-schema.js';
import { parseXmlDocument } from '../../../mock-qb/qbxml/xml-element.js';
import { QBXML_XSD_DIR, validateQbxmlDocuments, validateQbxmlResponse } from '../../support/xsd-validate-response.js';

const response = (body: string): string =>
  `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${body}\n</QBXMLMsgsRs>\n</QBXML>\n`;

const billRet = (inner: string): string =>
  `<BillRet><TxnID>1A2B-1705500001</TxnID><TimeCreated>2024-01-17T09:15:02-05:00</TimeCreated>` +
  `<TimeModified>2024-01-17T09:15:02-05:00</TimeModified><EditSequence>1705500902</EditSequence><TxnNumber>12</TxnNumber>` +
  `<VendorRef><ListID>80000004-1705500000</ListID><FullName>Acme Supply Co.</FullName></VendorRef>` +
  `<APAccountRef><ListID>80000001-1705400000</ListID><FullName>Accounts Payable</FullName></APAccountRef>` +
  `<TxnDate>2024-01-17</TxnDate><DueDate>2024-02-16</DueDate><AmountDue>412.50</AmountDue>${inner}</BillRet>`;

const OK_STATUS = 'statusCode="0" statusSeverity="Info" statusMessage="Status OK"';

const VALID_RESPONSES = [
  response(
    `<BillAddRs requestID="1" ${OK_STATUS}>${billRet(
      '<RefNumber>INV-1</RefNumber><IsPaid>false</IsPaid><ExpenseLineRet><TxnLineID>1A2C-1705500001</TxnLineID>' +
        '<AccountRef><FullName>Utilities</FullName></AccountRef><Amount>412.50</Amount></ExpenseLineRet><OpenAmount>412.50</OpenAmount>',
    )}</BillAddRs>`,
  ),
  response(
    `<VendorQueryRs requestID="2" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" retCount="0" iteratorRemainingCount="0" iteratorID="{eb05f701-e727-472f-8ade-6753c4f67a46}"/>`,
  ),
  response(
    `<TxnDelRs requestID="3" ${OK_STATUS}><TxnDelType>Bill</TxnDelType><TxnID>1A2B-1705500001</TxnID><TimeDeleted>2024-01-18T10:00:00-05:00</TimeDeleted><RefNumber>INV-1</RefNumber></TxnDelRs>`,
  ),
];

const INVALID_RESPONSES = [
  // IsPaid comes after RefNumber in BillRet.
  response(`<BillAddRs ${OK_STATUS}>${billRet('<IsPaid>false</IsPaid><RefNumber>INV-1</RefNumber>')}</BillAddRs>`),
  // statusSeverity is required.
  response(`<BillQueryRs statusCode="0"/>`),
  // AmountDue is an amount.
  response(`<BillQueryRs ${OK_STATUS}>${billRet('<RefNumber>1</RefNumber>').replace('412.50', '412.5')}</BillQueryRs>`),
];

test('valid responses validate; invalid ones fail with libxml2 messages', async () => {
  const [valid, invalid] = await Promise.all([
    Promise.all(VALID_RESPONSES.map(validateQbxmlResponse)),
    Promise.all(INVALID_RESPONSES.map(validateQbxmlResponse)),
  ]);
  expect(valid).toEqual(VALID_RESPONSES.map(() => ({ ok: true, errors: [] })));
  expect(invalid.map((r) => r.ok)).toEqual([false, false, false]);
  expect(invalid[0]!.errors.join('\n')).toMatch(/Element 'RefNumber': This element is not expected/);
  expect(invalid[1]!.errors.join('\n')).toMatch(/statusSeverity/);
});

test('a document that is not well-formed fails alone; the others in the batch still get their answer', async () => {
  const results = await validateQbxmlDocuments([
    VALID_RESPONSES[0]!,
    '<QBXML><QBXMLMsgsRs></QBXML>',
    VALID_RESPONSES[1]!,
  ]);
  expect(results.map((r) => r.ok)).toEqual([true, false, true]);
  expect(results[1]!.errors.length).toBeGreaterThan(0);
});

test('our validator (table and strict) judges the same responses as libxml2', async () => {
  const all = [...VALID_RESPONSES, ...INVALID_RESPONSES];
  const libxml2 = await validateQbxmlDocuments(all);
  for (const schema of [createRequestSchema(), createRequestSchema({ xsdDir: QBXML_XSD_DIR })]) {
    const ours = all.map((xml) => schema.validateDocument(parseXmlDocument(xml)).ok);
    expect(ours, schema.mode).toEqual(libxml2.map((r) => r.ok));
  }
});
