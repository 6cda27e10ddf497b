import { expect, test } from 'vitest';
import type { XmlElement } from '../../../mock-qb/qbxml/xml-element.js';
import { openQbxmlSession, statusOf, textAt, type QbxmlSession } from './qbxml-harness.js';

const INVALID_ARGUMENT =
  'QuickBooks error message: Invalid argument.  The specified record does not exist in the list.';

function ret(rs: XmlElement | undefined): XmlElement {
  expect(statusOf(rs!)).toMatchObject({ code: 0 });
  return rs!.children[0]!;
}

function addClass(s: QbxmlSession, name: string, parent?: string): XmlElement {
  const p = parent ? `<ParentRef><FullName>${parent}</FullName></ParentRef>` : '';
  return ret(s.rs(`<ClassAddRq><ClassAdd><Name>${name}</Name>${p}</ClassAdd></ClassAddRq>`)[0]);
}

test('ClassAdd: a hierarchical list (FullName Parent:Child, ParentRef, Sublevel) in schema order', async () => {
  const s = await openQbxmlSession({ seed: 'class-add' });
  const east = addClass(s, 'East');
  expect(east.children.map((c) => [c.name, c.text])).toEqual([
    ['ListID', '80000001-1415631600'],
    ['TimeCreated', '2014-11-10T10:00:00-05:00'],
    ['TimeModified', '2014-11-10T10:00:00-05:00'],
    ['EditSequence', '1415631600'],
    ['Name', 'East'],
    ['FullName', 'East'],
    ['IsActive', 'true'],
    ['Sublevel', '0'],
  ]);
  const boston = addClass(s, 'Boston', 'East');
  expect(boston.children.map((c) => c.name)).toEqual([
    'ListID',
    'TimeCreated',
    'TimeModified',
    'EditSequence',
    'Name',
    'FullName',
    'IsActive',
    'ParentRef',
    'Sublevel',
  ]);
  expect(textAt(boston, 'FullName')).toBe('East:Boston');
  expect(textAt(boston, 'ParentRef/ListID')).toBe('80000001-1415631600');
  expect(textAt(boston, 'Sublevel')).toBe('1');
  s.close();
});

test('ClassAdd: 3100 for a full name in use, 3130 for an unknown parent', async () => {
  const s = await openQbxmlSession({ seed: 'class-errors' });
  addClass(s, 'East');
  addClass(s, 'Boston', 'East');
  const [dup, ok, parent] = s.rs(
    `<ClassAddRq><ClassAdd><Name>BOSTON</Name><ParentRef><FullName>east</FullName></ParentRef></ClassAdd></ClassAddRq>` +
      `<ClassAddRq><ClassAdd><Name>Boston</Name></ClassAdd></ClassAddRq>` +
      `<ClassAddRq><ClassAdd><Name>Austin</Name><ParentRef><FullName>West</FullName></ParentRef></ClassAdd></ClassAddRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(dup!)).toEqual({
    code: 3100,
    severity: 'Error',
    message: 'The name "East:BOSTON" of the list element is already in use.',
  });
  expect(textAt(ret(ok), 'FullName')).toBe('Boston');
  expect(statusOf(parent!)).toEqual({
    code: 3130,
    severity: 'Error',
    message: `There is an invalid reference to a parent "West" in the Classes list.  ${INVALID_ARGUMENT}`,
  });
  s.close();
});

test('ClassMod: rename and move (sub-classes follow), an empty ParentRef moves to the top, no cycles; 3120/3200/3170', async () => {
  const s = await openQbxmlSession({ seed: 'class-mod' });
  const east = addClass(s, 'East');
  const boston = addClass(s, 'Boston', 'East');
  const back = addClass(s, 'Back Bay', 'East:Boston');
  const west = addClass(s, 'West');
  s.advance(1_000);
  const [moved] = s.rs(
    `<ClassModRq><ClassMod><ListID>${textAt(boston, 'ListID')}</ListID><EditSequence>${textAt(boston, 'EditSequence')}</EditSequence><Name>Bostonia</Name><ParentRef><FullName>West</FullName></ParentRef></ClassMod></ClassModRq>`,
  );
  const m = ret(moved);
  expect([textAt(m, 'FullName'), textAt(m, 'ParentRef/ListID'), textAt(m, 'Sublevel')]).toEqual([
    'West:Bostonia',
    textAt(west, 'ListID'),
    '1',
  ]);
  const [sub] = s.rs(`<ClassQueryRq><ListID>${textAt(back, 'ListID')}</ListID></ClassQueryRq>`);
  expect(textAt(ret(sub), 'FullName')).toBe('West:Bostonia:Back Bay');
  expect(textAt(ret(sub), 'TimeModified')).toBe(textAt(back, 'TimeModified'));
  const [top] = s.rs(
    `<ClassModRq><ClassMod><ListID>${textAt(m, 'ListID')}</ListID><EditSequence>${textAt(m, 'EditSequence')}</EditSequence><ParentRef><FullName></FullName></ParentRef></ClassMod></ClassModRq>`,
  );
  const t = ret(top);
  expect([textAt(t, 'FullName'), textAt(t, 'ParentRef/ListID'), textAt(t, 'Sublevel')]).toEqual([
    'Bostonia',
    undefined,
    '0',
  ]);
  const [cycle, missing, stale] = s.rs(
    `<ClassModRq><ClassMod><ListID>${textAt(t, 'ListID')}</ListID><EditSequence>${textAt(t, 'EditSequence')}</EditSequence><ParentRef><FullName>Bostonia:Back Bay</FullName></ParentRef></ClassMod></ClassModRq>` +
      `<ClassModRq><ClassMod><ListID>1234-1415631600</ListID><EditSequence>1</EditSequence></ClassMod></ClassModRq>` +
      `<ClassModRq><ClassMod><ListID>${textAt(east, 'ListID')}</ListID><EditSequence>7</EditSequence><Name>Eastern</Name></ClassMod></ClassModRq>`,
    { onError: 'continueOnError' },
  );
  expect(statusOf(cycle!)).toEqual({
    code: 3130,
    severity: 'Error',
    message: `There is an invalid reference to a parent "Bostonia:Back Bay" in the Classes list.  ${INVALID_ARGUMENT}`,
  });
  expect(statusOf(missing!).code).toBe(3120);
  expect(statusOf(stale!).code).toBe(3200);
  s.host.lockRecord({ path: s.host.openFile!, id: textAt(east, 'ListID')!, machine: 'OFFICE-PC' });
  const [locked] = s.rs(
    `<ClassModRq><ClassMod><ListID>${textAt(east, 'ListID')}</ListID><EditSequence>${textAt(east, 'EditSequence')}</EditSequence><IsActive>false</IsActive></ClassMod></ClassModRq>`,
  );
  expect(statusOf(locked!).message).toBe(
    'There was an error when modifying a class named "East".  QuickBooks error message: This list has been modified by another user.',
  );
  s.close();
});

test('ClassQuery: name filters, ActiveStatus, 500 and 1; no iterator', async () => {
  const s = await openQbxmlSession({ seed: 'class-query' });
  addClass(s, 'East');
  addClass(s, 'Boston', 'East');
  const west = addClass(s, 'West');
  s.send(
    `<ClassModRq><ClassMod><ListID>${textAt(west, 'ListID')}</ListID><EditSequence>${textAt(west, 'EditSequence')}</EditSequence><IsActive>false</IsActive></ClassMod></ClassModRq>`,
  );
  const [active, all, starts, byName, none] = s.rs(
    `<ClassQueryRq/><ClassQueryRq><ActiveStatus>All</ActiveStatus></ClassQueryRq>` +
      `<ClassQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>east:</Name></NameFilter></ClassQueryRq>` +
      `<ClassQueryRq><FullName>East:Boston</FullName><FullName>North</FullName></ClassQueryRq>` +
      `<ClassQueryRq><ActiveStatus>InactiveOnly</ActiveStatus><NameFilter><MatchCriterion>Contains</MatchCriterion><Name>a</Name></NameFilter></ClassQueryRq>`,
    { onError: 'continueOnError' },
  );
  expect(active!.children.map((r) => textAt(r, 'FullName'))).toEqual(['East', 'East:Boston']);
  expect(all!.children.map((r) => textAt(r, 'FullName'))).toEqual(['East', 'East:Boston', 'West']);
  expect(starts!.children.map((r) => textAt(r, 'FullName'))).toEqual(['East:Boston']);
  expect(statusOf(byName!)).toMatchObject({ code: 500, severity: 'Warn' });
  expect(byName!.children.map((r) => textAt(r, 'FullName'))).toEqual(['East:Boston']);
  expect(statusOf(none!).code).toBe(1);
  expect(() => s.send(`<ClassQueryRq iterator="Start"><MaxReturned>1</MaxReturned></ClassQueryRq>`)).toThrow(
    expect.objectContaining({ hresult: '0x80040400' }),
  );
  s.close();
});
