// The member table (src/protocol/rp2-members.ts) held against facts §1.1–§1.4: every member of IRequestProcessor with
// its dispid, the enum values, the coclasses' CLSIDs. The bridge's property routes come from it.
import { expect, test } from 'vitest';
import { RP2_PROPERTIES } from '../../../../src/protocol/rp2-bridge-contract.js';
import {
  RP2_COCLASSES,
  RP2_COM_ENUMS,
  RP2_MEMBERS,
  coclassOfClsid,
  coclassOfProgId,
  membersOf,
} from '../../../../src/protocol/rp2-members.js';
import { factsSection, tableRows } from './facts-sheet.js';

const name = (cell: string) => /`(\w+)`/.exec(cell)![1]!;

test('every member of facts §1.2 is in the table with its dispid, and nothing else is on IRequestProcessor', () => {
  const facts = tableRows(factsSection('### 1.2 ')).map(([dispid, member]) => [name(member!), Number(dispid)]);
  expect(facts.length).toBe(17);
  const table = RP2_MEMBERS.filter((m) => m.object === 'RequestProcessor').map((m) => [m.name, m.dispid]);
  expect(table).toEqual(facts);
});

test('every IAuthPreferences member of facts §1.3 is in the table', () => {
  const facts = tableRows(factsSection('### 1.3 ')).flatMap(([member]) =>
    [...member!.matchAll(/`(\w+)\(/g)].map((m) => m[1]),
  );
  const table = RP2_MEMBERS.filter((m) => m.object === 'AuthPreferences').map((m) => m.name);
  expect([...table].sort()).toEqual([...new Set(facts)].sort());
});

test('the enumerations are the values of facts §1.4', () => {
  const section = factsSection('### 1.4 ');
  for (const [enumName, values] of Object.entries(RP2_COM_ENUMS)) {
    if (enumName === 'QBXMLRPAuthFlags') continue; // §1.3's bits, names assumed (see rp2-members.ts)
    const row = tableRows(section).find(([e]) => e === `\`${enumName}\``);
    expect(row, enumName).toBeDefined();
    for (const [k, v] of Object.entries(values)) expect(row![1], `${enumName}.${k}`).toContain(`\`${k}\` = ${v}`);
  }
});

test('coclasses: CLSIDs of facts §1.1, ProgIDs and CLSIDs resolve case-insensitively, GetQBLastError only on RequestProcessor3', () => {
  const section = factsSection('### 1.1 ');
  for (const c of ['RequestProcessor2', 'RequestProcessor3', 'AuthPreferences'] as const) {
    expect(section).toContain(RP2_COCLASSES[c].clsid);
  }
  expect(coclassOfProgId('qbxmlrp2.requestprocessor')).toBe('RequestProcessor2');
  expect(coclassOfProgId('QBXMLRP2.RequestProcessor.9')).toBeUndefined();
  expect(coclassOfClsid('71f531f5-8e67-4a7a-9161-15733ffc3206')).toBe('RequestProcessor3');
  expect(membersOf('RequestProcessor2').map((m) => m.name)).not.toContain('GetQBLastError');
  expect(membersOf('RequestProcessor3').map((m) => m.name)).toContain('GetQBLastError');
  expect(membersOf('AuthPreferences').map((m) => m.name)).toContain('PutAuthFlags');
});

test("the bridge's GET properties are the table's parameterless propgets", () => {
  const gets = RP2_MEMBERS.filter((m) => m.route?.verb === 'GET').map((m) => m.name);
  expect([...RP2_PROPERTIES]).toEqual(gets);
});
