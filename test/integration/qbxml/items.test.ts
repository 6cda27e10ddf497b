import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

function ret(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!)).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

function tree(el: XmlElement | undefined): unknown {
  if (!el) return undefined;
  return el.children.length ? el.children.map((c) => [c.name, tree(c)]) : el.text;
}

const SOP = `<SalesOrPurchase><AccountRef><FullName>Office Supplies</FullName></AccountRef></SalesOrPurchase>`;

const CONSULTING =
  `<ItemServiceAddRq><ItemServiceAdd><Name>Consulting</Name><BarCode><BarCodeValue>C-100</BarCodeValue></BarCode>` +
  `<SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef>` +
  `<SalesOrPurchase><Desc>Hourly consulting</Desc><Price>120.00</Price><AccountRef><FullName>Office Supplies</FullName></AccountRef></SalesOrPurchase>` +
  `</ItemServiceAdd></ItemServiceAddRq>`;

test('ItemServiceAdd: ItemServiceRet in schema order, SalesOrPurchase with its AccountRef resolved, BarCode as BarCodeValue', async () => {
  const s = await openQbxmlSession({ seed: 'item-service' });
  const item = ret(s.rs(CONSULTING)[0]);
  expect(item.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'BarCodeValue',
    'IsActive',
    'Sublevel',
    'SalesTaxCodeRef',
    'SalesOrPurchase',
  ]);
  expect(textAt(item, 'ListID')).toBe('80000001-1415631600');
  expect(textAt(item, 'BarCodeValue')).toBe('C-100');
  expect(tree(item.children.find((c) => c.name === 'SalesOrPurchase'))).toEqual([
    ['Desc', 'Hourly consulting'],
    ['Price', '120.00'],
    [
      'AccountRef',
      [
        ['ListID', '70000-1415631600'],
        ['FullName', 'Office Supplies'],
      ],
    ],
  ]);
  s.close();
});

test('ItemNonInventoryAdd and ItemOtherChargeAdd with SalesAndPurchase: income, expense, tax code and vendor references', async () => {
  const s = await openQbxmlSession({ seed: 'item-sales-and-purchase' });
  s.send(`<VendorAddRq><VendorAdd><Name>Paper Co</Name></VendorAdd></VendorAddRq>`);
  s.send(`<AccountAddRq><AccountAdd><Name>Sales</Name><AccountType>Income</AccountType></AccountAdd></AccountAddRq>`);
  const [paper, freight] = s.rs(
    `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Paper</Name><ManufacturerPartNumber>P-1</ManufacturerPartNumber>` +
      `<SalesAndPurchase><SalesDesc>Copy paper</SalesDesc><SalesPrice>9.99</SalesPrice><IncomeAccountRef><FullName>Sales</FullName></IncomeAccountRef>` +
      `<PurchaseDesc>Paper (case)</PurchaseDesc><PurchaseCost>5.00</PurchaseCost><PurchaseTaxCodeRef><FullName>Tax</FullName></PurchaseTaxCodeRef>` +
      `<ExpenseAccountRef><FullName>Office Supplies</FullName></ExpenseAccountRef><PrefVendorRef><FullName>Paper Co</FullName></PrefVendorRef>` +
      `</SalesAndPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>` +
      `<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>Freight</Name><SalesOrPurchase><PricePercent>5</PricePercent>` +
      `<AccountRef><FullName>Sales</FullName></AccountRef></SalesOrPurchase></ItemOtherChargeAdd></ItemOtherChargeAddRq>`,
  );
  const p = ret(paper);
  expect(p.name).toBe('ItemNonInventoryRet');
  expect(p.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'IsActive',
    'Sublevel',
    'ManufacturerPartNumber',
    'SalesAndPurchase',
  ]);
  expect(
    p.children
      .find((c) => c.name === 'SalesAndPurchase')!
      .children.map((c) => [c.name, textAt(c, 'FullName') ?? c.text]),
  ).toEqual([
    ['SalesDesc', 'Copy paper'],
    ['SalesPrice', '9.99'],
    ['IncomeAccountRef', 'Sales'],
    ['PurchaseDesc', 'Paper (case)'],
    ['PurchaseCost', '5.00'],
    ['PurchaseTaxCodeRef', 'Tax'],
    ['ExpenseAccountRef', 'Office Supplies'],
    ['PrefVendorRef', 'Paper Co'],
  ]);
  const f = ret(freight);
  expect(f.name).toBe('ItemOtherChargeRet');
  expect(textAt(f, 'SalesOrPurchase/PricePercent')).toBe('5.00');
  s.close();
});

test('item references: 3140 for a bad account (also inside SalesAndPurchase), 3130 for a parent of another type, 3100 across item types', async () => {
  const s = await openQbxmlSession({ seed: 'item-errors' });
  s.send(CONSULTING);
  const [account, income, vendor, parentType, dup] = s.rs(
    `<ItemServiceAddRq><ItemServiceAdd><Name>Design</Name><SalesOrPurchase><AccountRef><FullName>Design Income</FullName></AccountRef></SalesOrPurchase></ItemServiceAdd></ItemServiceAddRq>` +
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Paper</Name><SalesAndPurchase><IncomeAccountRef><ListID>80000077-1415631600</ListID></IncomeAccountRef></SalesAndPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>` +
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Paper</Name><SalesAndPurchase><PrefVendorRef><FullName>Consulting</FullName></PrefVendorRef></SalesAndPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>` +
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Binders</Name><ParentRef><FullName>Consulting</FullName></ParentRef><SalesOrPurchase><AccountRef><FullName>Office Supplies</FullName></AccountRef></SalesOrPurchase></ItemNonInventoryAdd></ItemNonInventoryAddRq>` +
      `<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>consulting</Name><SalesOrPurchase><AccountRef><FullName>Office Supplies</FullName></AccountRef></SalesOrPurchase></ItemOtherChargeAdd></ItemOtherChargeAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(account!)).toEqual({
    code: 3140,
    severity: 'Error',
    message: `There is an invalid reference to QuickBooks Account "Design Income" in the ItemService.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(income!).message).toBe(
    `There is an invalid reference to QuickBooks Account "80000077-1415631600" in the ItemNonInventory.  ${INVALID_ARGUMENT}`,
  );
  expect(statusOf(vendor!).message).toBe(
    `There is an invalid reference to QuickBooks Vendor "Consulting" in the ItemNonInventory.  ${INVALID_ARGUMENT}`,
  );
  expect(statusOf(parentType!)).toEqual({
    code: 3130,
    severity: 'Error',
    message: `There is an invalid reference to a parent "Consulting" in the Items list.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "consulting" of the list element is already in use.',
  });
  const [sub] = s.rs(
    `<ItemServiceAddRq><ItemServiceAdd><Name>Senior</Name><ParentRef><FullName>Consulting</FullName></ParentRef>${SOP}</ItemServiceAdd></ItemServiceAddRq>`,
  );
  expect([textAt(ret(sub), 'FullName'), textAt(ret(sub), 'Sublevel')]).toEqual(['Consulting:Senior', '1']);
  s.close();
});

test('item Mod: SalesOrPurchaseMod merges field by field, Price replaces PricePercent, the other aggregate switches; 3200, 3170', async () => {
  const s = await openQbxmlSession({ seed: 'item-mod' });
  const item = ret(s.rs(CONSULTING)[0]);
  const id = textAt(item, 'ListID')!;
  s.advance(2_000);
  const [pct] = s.rs(
    `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${textAt(item, 'EditSequence')}</EditSequence>` +
      `<SalesOrPurchaseMod><PricePercent>12.5</PricePercent><ApplyAccountRefToExistingTxns>true</ApplyAccountRefToExistingTxns></SalesOrPurchaseMod></ItemServiceMod></ItemServiceModRq>`,
  );
  const p = ret(pct);
  expect(tree(p.children.find((c) => c.name === 'SalesOrPurchase'))).toEqual([
    ['Desc', 'Hourly consulting'],
    ['PricePercent', '12.50'],
    [
      'AccountRef',
      [
        ['ListID', '70000-1415631600'],
        ['FullName', 'Office Supplies'],
      ],
    ],
  ]);
  expect(textAt(p, 'EditSequence')).toBe('1415631602');
  s.advance(1_000);
  const [both] = s.rs(
    `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${textAt(p, 'EditSequence')}</EditSequence>` +
      `<SalesAndPurchaseMod><SalesPrice>150.00</SalesPrice><IncomeAccountRef><FullName>Utilities</FullName></IncomeAccountRef><ExpenseAccountRef><FullName>Rent Expense</FullName></ExpenseAccountRef></SalesAndPurchaseMod></ItemServiceMod></ItemServiceModRq>`,
  );
  const b = ret(both);
  expect(b.children.some((c) => c.name === 'SalesOrPurchase')).toBe(false);
  expect(textAt(b, 'SalesAndPurchase/IncomeAccountRef/FullName')).toBe('Utilities');
  const [stale, badAccount] = s.rs(
    `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${textAt(p, 'EditSequence')}</EditSequence><Name>X</Name></ItemServiceMod></ItemServiceModRq>` +
      `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${textAt(b, 'EditSequence')}</EditSequence><SalesAndPurchaseMod><ExpenseAccountRef><FullName>Nope</FullName></ExpenseAccountRef></SalesAndPurchaseMod></ItemServiceMod></ItemServiceModRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(stale!).code).toBe(3200);
  expect(statusOf(badAccount!).code).toBe(3140);
  s.host.lockRecord({ path: s.host.openFile!, id, machine: 'OFFICE-PC' });
  const [locked] = s.rs(
    `<ItemServiceModRq><ItemServiceMod><ListID>${id}</ListID><EditSequence>${textAt(b, 'EditSequence')}</EditSequence><Name>X</Name></ItemServiceMod></ItemServiceModRq>`,
  );
  expect(statusOf(locked!).message).toBe(
    'There was an error when modifying a item named "Consulting".  QuickBooks error message: This list has been modified by another user.',
  );
  // A Mod of another item type's ListID does not find it.
  const [wrongType] = s.rs(
    `<ItemNonInventoryModRq><ItemNonInventoryMod><ListID>${id}</ListID><EditSequence>${textAt(b, 'EditSequence')}</EditSequence></ItemNonInventoryMod></ItemNonInventoryModRq>`,
  );
  expect(statusOf(wrongType!).code).toBe(3120);
  s.close();
});

test('ItemQuery returns every item type mixed in name order, with iterators; typed queries and ClassFilter', async () => {
  const s = await openQbxmlSession({ seed: 'item-query' });
  s.send(`<ClassAddRq><ClassAdd><Name>Retail</Name></ClassAdd></ClassAddRq>`);
  s.send(
    `<ItemServiceAddRq><ItemServiceAdd><Name>Assembly</Name>${SOP}</ItemServiceAdd></ItemServiceAddRq>` +
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Bolts</Name><ClassRef><FullName>Retail</FullName></ClassRef>${SOP}</ItemNonInventoryAdd></ItemNonInventoryAddRq>` +
      `<ItemOtherChargeAddRq><ItemOtherChargeAdd><Name>Crating</Name>${SOP}</ItemOtherChargeAdd></ItemOtherChargeAddRq>` +
      `<ItemServiceAddRq><ItemServiceAdd><Name>Delivery</Name>${SOP}</ItemServiceAdd></ItemServiceAddRq>` +
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>Eyelets</Name>${SOP}</ItemNonInventoryAdd></ItemNonInventoryAddRq>`,
  );
  const [first] = s.rs(
    `<ItemQueryRq iterator="Start" metaData="MetaDataAndResponseData"><MaxReturned>3</MaxReturned></ItemQueryRq>`,
  );
  expect(first!.attrs['retCount']).toBe('3');
  expect(first!.attrs['iteratorRemainingCount']).toBe('2');
  expect(first!.children.map((r) => [r.name, textAt(r, 'Name')])).toEqual([
    ['ItemServiceRet', 'Assembly'],
    ['ItemNonInventoryRet', 'Bolts'],
    ['ItemOtherChargeRet', 'Crating'],
  ]);
  const [rest] = s.rs(
    `<ItemQueryRq iterator="Continue" iteratorID="${first!.attrs['iteratorID']}"><MaxReturned>3</MaxReturned></ItemQueryRq>`,
  );
  expect(rest!.children.map((r) => [r.name, textAt(r, 'Name')])).toEqual([
    ['ItemServiceRet', 'Delivery'],
    ['ItemNonInventoryRet', 'Eyelets'],
  ]);
  expect(rest!.attrs['iteratorRemainingCount']).toBe('0');
  const [services, byClass, byName, none] = s.rs(
    `<ItemServiceQueryRq/>` +
      `<ItemNonInventoryQueryRq><ClassFilter><FullName>Retail</FullName></ClassFilter></ItemNonInventoryQueryRq>` +
      `<ItemQueryRq><FullName>Crating</FullName><FullName>Dowels</FullName></ItemQueryRq>` +
      `<ItemOtherChargeQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Z</Name></NameFilter></ItemOtherChargeQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(services!.children.map((r) => textAt(r, 'Name'))).toEqual(['Assembly', 'Delivery']);
  expect(byClass!.children.map((r) => textAt(r, 'Name'))).toEqual(['Bolts']);
  expect(statusOf(byName!)).toMatchObject({ code: 500, severity: 'Warn' });
  expect(byName!.children.map((r) => r.name)).toEqual(['ItemOtherChargeRet']);
  expect(statusOf(none!).code).toBe(1);
  s.close();
});
