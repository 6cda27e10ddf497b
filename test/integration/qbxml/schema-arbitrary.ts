// fast-check arbitraries built from the compiled qbXML schema (the model the schema table is generated into): a
// request element generated from its content model is valid by construction (every required element, choices and
// occurrences respected, values from a pool filtered by the type's own check), and shrinks towards the bare request
// (optional elements dropped first), so a failure prints a readable request.
import fc from 'fast-check';
import type { ComplexType, ElementDecl, Particle, SimpleType } from '../../../mock-qb/qbxml/schema/schema-model.js';

/** A generated element. */
export interface GenNode {
  name: string;
  text?: string;
  children: GenNode[];
}

const STRINGS = ['Walk', 'walk b', 'Ärger GmbH', 'A & B', 'x'];
const DECIMALS = ['1.00', '12.50', '100.00', '0.50', '3', '2.5'];
const INTEGERS = ['1', '2', '10', '0'];
const DATES = ['2014-11-03', '2014-11-10', '2014-01-31'];
const DATETIMES = ['2014-11-03T09:30:00', '2014-11-10T15:00:00-05:00'];
const DURATIONS = ['PT1H30M0S', 'PT0H15M0S'];

/** Candidate values of a simple type: a pool by base type, kept where the type's own check accepts them. */
export function valuesOf(type: SimpleType): string[] {
  const spec = type.spec;
  if ('enumeration' in spec && spec.enumeration?.length) return [...spec.enumeration];
  const name = spec.name ?? '';
  let pool: string[];
  if (name === 'DATETIMETYPE') pool = DATETIMES;
  else if (name === 'GUIDTYPE') pool = ['{0D3E5C25-8A47-4A9C-9F39-1C2B5D8A6E11}', '0'];
  else if ('union' in spec) pool = ['true', 'false', ...DURATIONS, ...DATES, ...DATETIMES, ...DECIMALS, ...STRINGS];
  else if (spec.base === 'boolean') pool = ['true', 'false'];
  else if (spec.base === 'date') pool = DATES;
  else if (spec.base === 'integer') pool = INTEGERS;
  else if (spec.base === 'decimal') pool = DECIMALS;
  else if (spec.base === 'duration') pool = DURATIONS;
  else pool = [...STRINGS, ...DATETIMES, ...DECIMALS];
  const max = 'union' in spec ? undefined : spec.maxLength;
  const sized = pool.map((v) => (max !== undefined ? v.slice(0, max) : v));
  return [...new Set(sized)].filter((v) => v !== '' && type.check(v) === undefined);
}

/** How deep optional content is generated (deeper, only what is required). */
const MAX_DEPTH = 5;

/**
 * An arbitrary for an element declaration: its children from its content model, its text from its simple type.
 * `depth` counts from the request element.
 */
export function elementArb(decl: ElementDecl, depth = 0): fc.Arbitrary<GenNode> {
  const type = decl.type;
  if (type.kind === 'simple') return textArb(decl.name, type);
  if (type.kind === 'opaque') throw new Error(`${decl.name} has no content model`);
  return complexArb(decl.name, type, depth);
}

function textArb(name: string, type: SimpleType): fc.Arbitrary<GenNode> {
  const values = valuesOf(type);
  if (!values.length) throw new Error(`no candidate value passes ${type.spec.name ?? name}'s check`);
  return fc.constantFrom(...values).map((text) => ({ name, text, children: [] }));
}

function complexArb(name: string, type: ComplexType, depth: number): fc.Arbitrary<GenNode> {
  if (type.textType) return textArb(name, type.textType);
  if (!type.content) return fc.constant({ name, children: [] });
  return particleArb(type.content, depth + 1).map((children) => ({ name, children }));
}

function particleArb(p: Particle, depth: number): fc.Arbitrary<GenNode[]> {
  const optionalAllowed = depth <= MAX_DEPTH;
  const max = p.max === Infinity ? p.min + 2 : Math.min(p.max, p.min + 2);
  const top = optionalAllowed ? max : p.min;
  const one = (): fc.Arbitrary<GenNode[]> => {
    if (p.kind === 'element') return elementArb(p.decl, depth).map((n) => [n]);
    if (p.kind === 'sequence') return fc.tuple(...p.items.map((i) => particleArb(i, depth))).map((xs) => xs.flat());
    // A choice: the first branch that needs nothing is the simplest (shrinking goes there).
    return fc.oneof(...p.items.map((i) => particleArb(i, depth)));
  };
  if (top === 0) return fc.constant([]);
  if (p.min === 1 && top === 1) return one();
  // Optional and repeated: fewer first (fast-check shrinks an array towards its minimum length).
  return fc.array(one(), { minLength: p.min, maxLength: top }).map((xs) => xs.flat());
}

/** The XML of a generated element. */
export function renderNode(n: GenNode): string {
  if (n.text !== undefined) return `<${n.name}>${escapeXml(n.text)}</${n.name}>`;
  return `<${n.name}>${n.children.map(renderNode).join('')}</${n.name}>`;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Sets the text of the first element of that name (depth first), if any. */
export function setText(n: GenNode, name: string, text: string): boolean {
  if (n.name === name && n.text !== undefined) {
    n.text = text;
    return true;
  }
  return n.children.some((c) => setText(c, name, text));
}

/** Removes every element of that name below `n`. */
export function dropAll(n: GenNode, name: string): void {
  n.children = n.children.filter((c) => c.name !== name);
  for (const c of n.children) dropAll(c, name);
}
