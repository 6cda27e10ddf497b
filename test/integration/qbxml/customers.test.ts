import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

function ret(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!)).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

function addCustomer(s: QbxmlSession, fields: string): XmlElement {
  return ret(s.rs(`<CustomerAddRq><CustomerAdd>${fields}</CustomerAdd></CustomerAddRq>`)[0]);
}

function mod(s: QbxmlSession, r: XmlElement, fields: string): XmlElement {
  const [rs] = s.rs(
    `<CustomerModRq><CustomerMod><ListID>${textAt(r, 'ListID')}</ListID><EditSequence>${textAt(r, 'EditSequence')}</EditSequence>${fields}</CustomerMod></CustomerModRq>`,
  );
  return rs!;
}

test('CustomerAdd answers a CustomerRet in schema order with the address block, balances and JobStatus', async () => {
  const s = await openQbxmlSession({ seed: 'customer-add' });
  const c = addCustomer(
    s,
    `<Name>Joes Garage</Name><CompanyName>Joes Garage</CompanyName><FirstName>Joe</FirstName>` +
      `<BillAddress><Addr1>123 Main St.</Addr1><City>Mountain View</City><State>CA</State><PostalCode>94566</PostalCode></BillAddress>` +
      `<Email>joe@example.com</Email><TermsRef><FullName>Net 30</FullName></TermsRef><OpenBalance>100.00</OpenBalance>` +
      `<AccountNumber>89087</AccountNumber><CreditLimit>2000</CreditLimit>`,
  );
  expect(c.children.map((e) => e.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'IsActive',
    'Sublevel',
    'CompanyName',
    'FirstName',
    'BillAddress',
    'BillAddressBlock',
    'Email',
    'TermsRef',
    'Balance',
    'TotalBalance',
    'AccountNumber',
    'CreditLimit',
    'JobStatus',
  ]);
  expect(textAt(c, 'ListID')).toBe('80000001-1415631600');
  expect(textAt(c, 'BillAddressBlock/Addr1')).toBe('123 Main St.');
  expect(textAt(c, 'BillAddressBlock/Addr2')).toBe('Mountain View, CA 94566');
  expect(textAt(c, 'TermsRef/ListID')).toMatch(/^[0-9A-F]+0000-1415631600$/); // the built-in "Net 30"
  expect(textAt(c, 'Balance')).toBe('100.00');
  expect(textAt(c, 'TotalBalance')).toBe('100.00');
  expect(textAt(c, 'CreditLimit')).toBe('2000.00');
  expect(textAt(c, 'JobStatus')).toBe('None');
  s.close();
});

test('a job is a customer below its customer: Customer:Job, Sublevel 1, its balance in the customer TotalBalance', async () => {
  const s = await openQbxmlSession({ seed: 'customer-job' });
  const acme = addCustomer(s, `<Name>Acme</Name><OpenBalance>10.00</OpenBalance>`);
  const job = addCustomer(
    s,
    `<Name>Kitchen</Name><ParentRef><ListID>${textAt(acme, 'ListID')}</ListID></ParentRef><OpenBalance>5.25</OpenBalance><JobStatus>InProgress</JobStatus>`,
  );
  expect(textAt(job, 'FullName')).toBe('Acme:Kitchen');
  expect(textAt(job, 'ParentRef/FullName')).toBe('Acme');
  expect(textAt(job, 'Sublevel')).toBe('1');
  expect(textAt(job, 'JobStatus')).toBe('InProgress');
  const sub = addCustomer(s, `<Name>Sink</Name><ParentRef><FullName>acme:kitchen</FullName></ParentRef>`);
  expect(textAt(sub, 'FullName')).toBe('Acme:Kitchen:Sink');
  expect(textAt(sub, 'Sublevel')).toBe('2');
  const [q] = s.rs(`<CustomerQueryRq><FullName>Acme</FullName></CustomerQueryRq>`);
  expect(textAt(ret(q), 'Balance')).toBe('10.00');
  expect(textAt(ret(q), 'TotalBalance')).toBe('15.25');
  // Renaming the customer renames its jobs.
  const renamed = mod(s, ret(q), `<Name>Acme Corp</Name>`);
  expect(textAt(ret(renamed), 'FullName')).toBe('Acme Corp');
  const [jobs] = s.rs(
    `<CustomerQueryRq><ListID>${textAt(job, 'ListID')}</ListID><ListID>${textAt(sub, 'ListID')}</ListID></CustomerQueryRq>`,
  );
  expect(jobs!.children.map((r) => textAt(r, 'FullName'))).toEqual(['Acme Corp:Kitchen', 'Acme Corp:Kitchen:Sink']);
  s.close();
});

test('customers share their name space with vendors (3100); a bad ParentRef is 3130; a bad TermsRef is 3140', async () => {
  const s = await openQbxmlSession({ seed: 'customer-errors' });
  s.send(`<VendorAddRq><VendorAdd><Name>Acme</Name></VendorAdd></VendorAddRq>`);
  const [dup, parent, terms, jobOfVendor] = s.rs(
    `<CustomerAddRq><CustomerAdd><Name>acme</Name></CustomerAdd></CustomerAddRq>` +
      `<CustomerAddRq><CustomerAdd><Name>Kitchen</Name><ParentRef><FullName>Nobody</FullName></ParentRef></CustomerAdd></CustomerAddRq>` +
      `<CustomerAddRq><CustomerAdd><Name>Beta</Name><TermsRef><FullName>Net 99</FullName></TermsRef></CustomerAdd></CustomerAddRq>` +
      `<CustomerAddRq><CustomerAdd><Name>Kitchen</Name><ParentRef><FullName>Acme</FullName></ParentRef></CustomerAdd></CustomerAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "acme" of the list element is already in use.',
  });
  expect(statusOf(parent!)).toEqual({
    code: 3130,
    severity: 'Error',
    message: `There is an invalid reference to a parent "Nobody" in the Customers list.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(terms!)).toEqual({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks Terms "Net 99" in the Customer.  ${INVALID_ARGUMENT}`,
  });
  // A vendor is not a customer: it cannot have jobs.
  expect(statusOf(jobOfVendor!).code).toBe(3130);
  // The other way round: a vendor cannot take a customer's name.
  const [vendorDup] = s
    .rs(
      `<CustomerAddRq><CustomerAdd><Name>Beta</Name></CustomerAdd></CustomerAddRq><VendorAddRq><VendorAdd><Name>BETA</Name></VendorAdd></VendorAddRq>`,
      { onError: 'continueOnError' },
    )
    .slice(1);
  expect(statusOf(vendorDup!).code).toBe(3100);
  s.close();
});

test('CustomerMod: 3120, 3200, 3170; fields replace, addresses merge and their block follows', async () => {
  const s = await openQbxmlSession({ seed: 'customer-mod' });
  const c = addCustomer(
    s,
    `<Name>Acme</Name><BillAddress><Addr1>1 Main St</Addr1><City>Springfield</City><State>IL</State></BillAddress><Phone>555-0100</Phone>`,
  );
  const [missing] = s.rs(
    `<CustomerModRq><CustomerMod><ListID>80000042-1415631600</ListID><EditSequence>1</EditSequence></CustomerMod></CustomerModRq>`,
  );
  expect(statusOf(missing!)).toEqual({
    code: 3120,
    severity: 'Error',
    message: `Object "80000042-1415631600" specified in the request cannot be found.  ${INVALID_ARGUMENT}`,
  });
  const [stale] = s.rs(
    `<CustomerModRq><CustomerMod><ListID>${textAt(c, 'ListID')}</ListID><EditSequence>999</EditSequence></CustomerMod></CustomerModRq>`,
  );
  expect(statusOf(stale!).message).toBe('The provided edit sequence "999" is out-of-date. ');
  s.host.lockRecord({ path: s.host.openFile!, id: textAt(c, 'ListID')!, machine: 'OFFICE-PC' });
  expect(statusOf(mod(s, c, `<Phone>555-0199</Phone>`))).toEqual({
    code: 3170,
    severity: 'Error',
    message:
      'There was an error when modifying a customer named "Acme".  QuickBooks error message: This list has been modified by another user.',
  });
  s.host.unlockRecord({ path: s.host.openFile!, id: textAt(c, 'ListID')! });
  s.advance(5_000);
  const m = ret(mod(s, c, `<BillAddress><Addr2>Suite 4</Addr2><PostalCode>62701</PostalCode></BillAddress>`));
  expect(m.children.find((e) => e.name === 'BillAddress')!.children.map((e) => [e.name, e.text])).toEqual([
    ['Addr1', '1 Main St'],
    ['Addr2', 'Suite 4'],
    ['City', 'Springfield'],
    ['State', 'IL'],
    ['PostalCode', '62701'],
  ]);
  expect(m.children.find((e) => e.name === 'BillAddressBlock')!.children.map((e) => e.text)).toEqual([
    '1 Main St',
    'Suite 4',
    'Springfield, IL 62701',
  ]);
  expect(textAt(m, 'Phone')).toBe('555-0100');
  expect(textAt(m, 'EditSequence')).toBe('1415631605');
  s.close();
});

test('CustomerQuery: iterators, TotalBalanceFilter, ClassFilter (500 for an unknown class) and no match (1)', async () => {
  const s = await openQbxmlSession({ seed: 'customer-query' });
  s.send(`<ClassAddRq><ClassAdd><Name>East</Name></ClassAdd></ClassAddRq>`);
  s.send(
    `<ClassAddRq><ClassAdd><Name>Boston</Name><ParentRef><FullName>East</FullName></ParentRef></ClassAdd></ClassAddRq>`,
  );
  s.send(
    Array.from(
      { length: 5 },
      (_, i) =>
        `<CustomerAddRq><CustomerAdd><Name>C${i}</Name>${i === 1 ? '<ClassRef><FullName>East:Boston</FullName></ClassRef>' : ''}` +
        `<OpenBalance>${i}00.00</OpenBalance></CustomerAdd></CustomerAddRq>`,
    ).join(''),
  );
  const [first] = s.rs(`<CustomerQueryRq iterator="Start"><MaxReturned>2</MaxReturned></CustomerQueryRq>`);
  const id = first!.attrs['iteratorID']!;
  expect(first!.attrs['iteratorRemainingCount']).toBe('3');
  expect(first!.children.map((r) => textAt(r, 'Name'))).toEqual(['C0', 'C1']);
  const [second] = s.rs(
    `<CustomerQueryRq iterator="Continue" iteratorID="${id}"><MaxReturned>2</MaxReturned></CustomerQueryRq>`,
  );
  expect(second!.children.map((r) => textAt(r, 'Name'))).toEqual(['C2', 'C3']);
  expect(second!.attrs['iteratorRemainingCount']).toBe('1');
  const [balance, byClass, withChildren, unknownClass, none] = s.rs(
    `<CustomerQueryRq><TotalBalanceFilter><Operator>GreaterThanEqual</Operator><Amount>300.00</Amount></TotalBalanceFilter></CustomerQueryRq>` +
      `<CustomerQueryRq><ClassFilter><FullName>East</FullName></ClassFilter></CustomerQueryRq>` +
      `<CustomerQueryRq><ClassFilter><FullNameWithChildren>East</FullNameWithChildren></ClassFilter></CustomerQueryRq>` +
      `<CustomerQueryRq><ClassFilter><FullName>West</FullName></ClassFilter></CustomerQueryRq>` +
      `<CustomerQueryRq><NameFilter><MatchCriterion>EndsWith</MatchCriterion><Name>9</Name></NameFilter></CustomerQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(balance!.children.map((r) => textAt(r, 'Name'))).toEqual(['C3', 'C4']);
  expect(statusOf(byClass!).code).toBe(1);
  expect(withChildren!.children.map((r) => textAt(r, 'Name'))).toEqual(['C1']);
  expect(statusOf(unknownClass!)).toEqual({
    code: 500,
    severity: 'Warn',
    message:
      'The query request has not been fully completed. There was a required element ("West") that could not be found in QuickBooks.',
  });
  expect(statusOf(none!).code).toBe(1);
  s.close();
});
