// The content-model automaton: exact on ambiguous models (no greedy false negatives), finite maxOccurs unrolled,
// nested choices and sequences, expected names in schema order.
import { expect, test } from 'vitest';
import { ContentAutomaton } from '../../../../../mock-qb/qbxml/schema/content-automaton.js';
import type { ElementDecl, Particle } from '../../../../../mock-qb/qbxml/schema/schema-model.js';

const decl = (name: string): ElementDecl => ({ name, type: { kind: 'opaque' }, global: true });
const el = (name: string, min = 1, max = 1): Particle => ({ kind: 'element', decl: decl(name), min, max });
const seq = (items: Particle[], min = 1, max = 1): Particle => ({ kind: 'sequence', items, min, max });
const choice = (items: Particle[], min = 1, max = 1): Particle => ({ kind: 'choice', items, min, max });

function accepts(model: Particle | undefined, names: string[]): boolean {
  let state = ContentAutomaton.compile(model).start;
  for (const name of names) {
    const t = state.step(name);
    if (!t) return false;
    state = t.state;
  }
  return state.accepting;
}

test("the QBXML root's ambiguous choice (two all-optional sequences) accepts either branch", () => {
  const root = choice([
    seq([el('SignonMsgsRq', 0), choice([el('QBXMLMsgsRq', 0), el('QBXMLSubscriptionMsgsRq', 0)])]),
    seq([el('SignonMsgsRs', 0), choice([el('QBXMLMsgsRs', 0), el('QBXMLSubscriptionMsgsRs', 0)])]),
  ]);
  expect(accepts(root, [])).toBe(true);
  expect(accepts(root, ['QBXMLMsgsRq'])).toBe(true);
  expect(accepts(root, ['QBXMLMsgsRs'])).toBe(true); // a greedy first-alternative matcher refuses this
  expect(accepts(root, ['SignonMsgsRs', 'QBXMLMsgsRs'])).toBe(true);
  expect(accepts(root, ['QBXMLMsgsRq', 'QBXMLMsgsRs'])).toBe(false);
  expect(accepts(root, ['SignonMsgsRq', 'QBXMLMsgsRs'])).toBe(false);
});

test('finite maxOccurs is counted exactly', () => {
  const model = seq([el('Name'), el('AdditionalContactRef', 0, 8), el('Notes', 0)]);
  const refs = (n: number): string[] => Array<string>(n).fill('AdditionalContactRef');
  expect(accepts(model, ['Name', ...refs(8), 'Notes'])).toBe(true);
  expect(accepts(model, ['Name', ...refs(9)])).toBe(false);
  expect(accepts(seq([el('A', 2, 3)]), ['A'])).toBe(false);
  expect(accepts(seq([el('A', 2, 3)]), ['A', 'A', 'A'])).toBe(true);
  expect(accepts(seq([el('A', 2, Infinity)]), Array<string>(20).fill('A'))).toBe(true);
  expect(accepts(seq([el('A', 0, 0), el('B')]), ['A', 'B'])).toBe(false);
});

test('repeated choices and nested groups', () => {
  // BillAdd's tail: ExpenseLineAdd* (ItemLineAdd | ItemGroupLineAdd)*
  const tail = seq([
    el('VendorRef'),
    el('ExpenseLineAdd', 0, Infinity),
    choice([el('ItemLineAdd'), el('ItemGroupLineAdd')], 0, Infinity),
  ]);
  expect(
    accepts(tail, ['VendorRef', 'ExpenseLineAdd', 'ExpenseLineAdd', 'ItemLineAdd', 'ItemGroupLineAdd', 'ItemLineAdd']),
  ).toBe(true);
  expect(accepts(tail, ['VendorRef', 'ItemLineAdd', 'ExpenseLineAdd'])).toBe(false);
  // A query's filter choice: ListID+ | FullName+ | (MaxReturned? ActiveStatus?)
  const query = seq([
    choice(
      [el('ListID', 1, Infinity), el('FullName', 1, Infinity), seq([el('MaxReturned', 0), el('ActiveStatus', 0)])],
      0,
    ),
    el('OwnerID', 0, Infinity),
  ]);
  expect(accepts(query, ['ListID', 'ListID', 'OwnerID'])).toBe(true);
  expect(accepts(query, ['ActiveStatus'])).toBe(true);
  expect(accepts(query, ['ListID', 'FullName'])).toBe(false);
  expect(accepts(query, ['ActiveStatus', 'MaxReturned'])).toBe(false);
});

test('expected names come in schema order, once each', () => {
  const model = seq([el('A'), choice([el('C'), el('B')], 0), el('B', 0), el('D')]);
  const after = ContentAutomaton.compile(model).start.step('A')!.state;
  expect(after.expected()).toEqual(['C', 'B', 'D']);
  expect(after.accepting).toBe(false);
});
