// The simple lists (issue 15): Customer Type, Vendor Type, Job Type, Ship Via, Customer Message, Payment Method,
// Vehicle, Other Name — Add, Mod where qbXML 13.0 has it, Query, ListDel and ListDeletedQuery. Every response is
// validated against Intuit's XSD by the harness.
import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

const LISTS = [
  'CustomerType',
  'VendorType',
  'JobType',
  'ShipMethod',
  'CustomerMsg',
  'PaymentMethod',
  'Vehicle',
  'OtherName',
];

function ok(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!), rs?.attrs['statusMessage']).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

test('each simple list: Add → Ret, a Query by the new ListID returns the same Ret, ListDel → ListDeletedQuery', async () => {
  const s = await openQbxmlSession({ seed: 'simple-lists' });
  for (const kind of LISTS) {
    const added = ok(s.rs(`<${kind}AddRq><${kind}Add><Name>Sim ${kind}</Name></${kind}Add></${kind}AddRq>`)[0]);
    expect(added.name).toBe(`${kind}Ret`);
    expect(textAt(added, 'Name')).toBe(`Sim ${kind}`);
    expect(textAt(added, 'IsActive')).toBe('true');
    const id = textAt(added, 'ListID')!;
    expect(id).toMatch(/^[0-9A-F]+-\d+$/);
    const [byId] = s.rs(`<${kind}QueryRq><ListID>${id}</ListID></${kind}QueryRq>`);
    expect(ok(byId)).toEqual(added);
    const [byName] = s.rs(`<${kind}QueryRq><FullName>sim ${kind.toLowerCase()}</FullName></${kind}QueryRq>`);
    expect(textAt(ok(byName), 'ListID')).toBe(id);
    ok(s.rs(`<ListDelRq><ListDelType>${kind}</ListDelType><ListID>${id}</ListID></ListDelRq>`)[0]);
    const [deleted] = s.rs(`<ListDeletedQueryRq><ListDelType>${kind}</ListDelType></ListDeletedQueryRq>`);
    expect(textAt(ok(deleted), 'ListID')).toBe(id);
  }
  s.close();
});

test('hierarchical types: FullName and Sublevel under a ParentRef; a missing parent is 3130; a duplicate name 3100', async () => {
  const s = await openQbxmlSession({ seed: 'simple-lists-tree' });
  ok(s.rs(`<CustomerTypeAddRq><CustomerTypeAdd><Name>Retail</Name></CustomerTypeAdd></CustomerTypeAddRq>`)[0]);
  const sub = ok(
    s.rs(
      `<CustomerTypeAddRq><CustomerTypeAdd><Name>Online</Name><ParentRef><FullName>Retail</FullName></ParentRef>` +
        `</CustomerTypeAdd></CustomerTypeAddRq>`,
    )[0],
  );
  expect([textAt(sub, 'FullName'), textAt(sub, 'Sublevel'), textAt(sub, 'ParentRef/FullName')]).toEqual([
    'Retail:Online',
    '1',
    'Retail',
  ]);
  const [missing, dup] = s.rs(
    `<VendorTypeAddRq><VendorTypeAdd><Name>X</Name><ParentRef><FullName>Nope</FullName></ParentRef></VendorTypeAdd></VendorTypeAddRq>` +
      `<CustomerTypeAddRq><CustomerTypeAdd><Name>retail</Name></CustomerTypeAdd></CustomerTypeAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(missing!).code).toBe(3130);
  expect(statusOf(dup!).code).toBe(3100);
  s.close();
});

test('Other Name shares the name space of vendors and customers (3100); Vehicle and Other Name Mod check EditSequence (3200)', async () => {
  const s = await openQbxmlSession({ seed: 'simple-lists-mod' });
  ok(s.rs(`<VendorAddRq><VendorAdd><Name>Shared Name</Name></VendorAdd></VendorAddRq>`)[0]);
  const [clash] = s.rs(`<OtherNameAddRq><OtherNameAdd><Name>Shared Name</Name></OtherNameAdd></OtherNameAddRq>`);
  expect(statusOf(clash!).code).toBe(3100);
  for (const kind of ['Vehicle', 'OtherName']) {
    const added = ok(s.rs(`<${kind}AddRq><${kind}Add><Name>Mod ${kind}</Name></${kind}Add></${kind}AddRq>`)[0]);
    const id = textAt(added, 'ListID')!;
    const first = textAt(added, 'EditSequence')!;
    s.advance(2_000);
    const modded = ok(
      s.rs(
        `<${kind}ModRq><${kind}Mod><ListID>${id}</ListID><EditSequence>${first}</EditSequence>` +
          `<Name>Renamed ${kind}</Name></${kind}Mod></${kind}ModRq>`,
      )[0],
    );
    expect(textAt(modded, 'Name')).toBe(`Renamed ${kind}`);
    expect(textAt(modded, 'EditSequence')).not.toBe(first);
    const [stale] = s.rs(
      `<${kind}ModRq><${kind}Mod><ListID>${id}</ListID><EditSequence>${first}</EditSequence>` +
        `<Name>Again</Name></${kind}Mod></${kind}ModRq>`,
    );
    expect(statusOf(stale!).code).toBe(3200);
  }
  s.close();
});

test('references to simple-list records resolve: a customer of a Customer Type, a vendor of a Vendor Type', async () => {
  const s = await openQbxmlSession({ seed: 'simple-lists-refs' });
  const type = ok(
    s.rs(`<CustomerTypeAddRq><CustomerTypeAdd><Name>Wholesale</Name></CustomerTypeAdd></CustomerTypeAddRq>`)[0],
  );
  const vtype = ok(s.rs(`<VendorTypeAddRq><VendorTypeAdd><Name>Supplier</Name></VendorTypeAdd></VendorTypeAddRq>`)[0]);
  const customer = ok(
    s.rs(
      `<CustomerAddRq><CustomerAdd><Name>Big Buyer</Name><CustomerTypeRef><FullName>wholesale</FullName></CustomerTypeRef>` +
        `</CustomerAdd></CustomerAddRq>`,
    )[0],
  );
  expect(textAt(customer, 'CustomerTypeRef/ListID')).toBe(textAt(type, 'ListID'));
  expect(textAt(customer, 'CustomerTypeRef/FullName')).toBe('Wholesale');
  const vendor = ok(
    s.rs(
      `<VendorAddRq><VendorAdd><Name>Parts Co</Name><VendorTypeRef><ListID>${textAt(vtype, 'ListID')}</ListID></VendorTypeRef>` +
        `</VendorAdd></VendorAddRq>`,
    )[0],
  );
  expect(textAt(vendor, 'VendorTypeRef/FullName')).toBe('Supplier');
  s.close();
});
