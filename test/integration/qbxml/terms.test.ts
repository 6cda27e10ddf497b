import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt } from './qbxml-harness.js';

function fields(ret: XmlElement | undefined): [string, string][] {
  return ret!.children.map((c) => [c.name, c.text]);
}

test('StandardTermsAdd: all three amounts come back (zero when not given), DiscountPct written with two decimals', async () => {
  const s = await openQbxmlSession({ seed: 'terms-standard' });
  const [net45, twoTen] = s.rs(
    `<StandardTermsAddRq requestID="1"><StandardTermsAdd><Name>Net 45</Name><StdDueDays>45</StdDueDays></StandardTermsAdd></StandardTermsAddRq>` +
      `<StandardTermsAddRq requestID="2"><StandardTermsAdd><Name>2% 10 Net 30</Name><StdDueDays>30</StdDueDays><StdDiscountDays>10</StdDiscountDays><DiscountPct>2</DiscountPct></StandardTermsAdd></StandardTermsAddRq>`,
  );
  expect(fields(net45!.children[0])).toEqual([
    ['ListID', '80000001-1415631600'],
    ['TimeCreated', '2014-11-10T10:00:00-05:00'],
    ['TimeModified', '2014-11-10T10:00:00-05:00'],
    ['EditSequence', '1415631600'],
    ['Name', 'Net 45'],
    ['IsActive', 'true'],
    ['StdDueDays', '45'],
    ['StdDiscountDays', '0'],
    ['DiscountPct', '0.00'],
  ]);
  expect(fields(twoTen!.children[0]).slice(4)).toEqual([
    ['Name', '2% 10 Net 30'],
    ['IsActive', 'true'],
    ['StdDueDays', '30'],
    ['StdDiscountDays', '10'],
    ['DiscountPct', '2.00'],
  ]);
  s.close();
});

test('DateDrivenTermsAdd answers a DateDrivenTermsRet; standard and date-driven terms share one name space (3100)', async () => {
  const s = await openQbxmlSession({ seed: 'terms-date-driven' });
  const [eom, dup, dupStandard] = s.rs(
    `<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>EOM</Name><DayOfMonthDue>31</DayOfMonthDue><DiscountDayOfMonth>10</DiscountDayOfMonth><DiscountPct>1.5</DiscountPct></DateDrivenTermsAdd></DateDrivenTermsAddRq>` +
      `<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>net 30</Name><DayOfMonthDue>30</DayOfMonthDue></DateDrivenTermsAdd></DateDrivenTermsAddRq>` +
      `<StandardTermsAddRq><StandardTermsAdd><Name>eom</Name></StandardTermsAdd></StandardTermsAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(fields(eom!.children[0]).slice(4)).toEqual([
    ['Name', 'EOM'],
    ['IsActive', 'true'],
    ['DayOfMonthDue', '31'],
    ['DueNextMonthDays', '0'],
    ['DiscountDayOfMonth', '10'],
    ['DiscountPct', '1.50'],
  ]);
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "net 30" of the list element is already in use.',
  });
  expect(statusOf(dupStandard!).message).toBe('The name "eom" of the list element is already in use.');
  s.close();
});

test('TermsQuery returns standard and date-driven terms mixed, in name order; the typed queries return one kind', async () => {
  const s = await openQbxmlSession({ seed: 'terms-query' });
  s.send(
    `<DateDrivenTermsAddRq><DateDrivenTermsAdd><Name>EOM</Name><DayOfMonthDue>31</DayOfMonthDue></DateDrivenTermsAdd></DateDrivenTermsAddRq>` +
      `<StandardTermsAddRq><StandardTermsAdd><Name>Dormant</Name><IsActive>false</IsActive></StandardTermsAdd></StandardTermsAddRq>`,
  );
  const [all, allStatuses, standard, dateDriven, byName, none] = s.rs(
    `<TermsQueryRq requestID="1"/>` +
      `<TermsQueryRq requestID="2" metaData="MetaDataAndResponseData"><ActiveStatus>All</ActiveStatus></TermsQueryRq>` +
      `<StandardTermsQueryRq requestID="3"><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Net</Name></NameFilter></StandardTermsQueryRq>` +
      `<DateDrivenTermsQueryRq requestID="4"/>` +
      `<TermsQueryRq requestID="5"><FullName>EOM</FullName><FullName>Net 30</FullName><FullName>Net 90</FullName></TermsQueryRq>` +
      `<DateDrivenTermsQueryRq requestID="6"><FullName>Net 30</FullName></DateDrivenTermsQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(all!.children.map((r) => [r.name, textAt(r, 'Name')])).toEqual([
    ['StandardTermsRet', '1% 10 Net 30'],
    ['StandardTermsRet', 'Due on receipt'],
    ['DateDrivenTermsRet', 'EOM'],
    ['StandardTermsRet', 'Net 15'],
    ['StandardTermsRet', 'Net 30'],
    ['StandardTermsRet', 'Net 60'],
  ]);
  expect(allStatuses!.attrs['retCount']).toBe('7');
  expect(standard!.children.map((r) => textAt(r, 'Name'))).toEqual(['Net 15', 'Net 30', 'Net 60']);
  expect(dateDriven!.children.map((r) => [r.name, textAt(r, 'Name')])).toEqual([['DateDrivenTermsRet', 'EOM']]);
  expect(statusOf(byName!)).toMatchObject({ code: 500, severity: 'Warn' });
  expect(statusOf(byName!).message).toContain('("Net 90")');
  expect(byName!.children.map((r) => r.name)).toEqual(['DateDrivenTermsRet', 'StandardTermsRet']);
  // A standard term is not found by the date-driven query.
  expect(statusOf(none!).code).toBe(500);
  expect(none!.children).toEqual([]);
  s.close();
});

test('TermsQuery has no iterator (0x80040400); IncludeRetElement trims the Ret', async () => {
  const s = await openQbxmlSession({ seed: 'terms-iterator' });
  expect(() => s.send(`<TermsQueryRq iterator="Start"><MaxReturned>2</MaxReturned></TermsQueryRq>`)).toThrow(
    expect.objectContaining({ hresult: '0x80040400' }),
  );
  const [trimmed] = s.rs(
    `<TermsQueryRq><FullName>Net 30</FullName><IncludeRetElement>Name</IncludeRetElement><IncludeRetElement>StdDueDays</IncludeRetElement></TermsQueryRq>`,
  );
  expect(fields(trimmed!.children[0])).toEqual([
    ['Name', 'Net 30'],
    ['StdDueDays', '30'],
  ]);
  s.close();
});
