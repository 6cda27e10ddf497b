import type { XmlElement } from '../xml-element.js';
import { ContentAutomaton } from './content-automaton.js';
import type { CompiledSchema, ComplexType, ElementDecl, SimpleType, ValidationResult } from './schema-model.js';

const OK: ValidationResult = { ok: true };
const NON_WHITESPACE = /[^\t\n\r ]/;
const MAX_LISTED = 25;

/**
 * Validates an element against a compiled schema and reports the first problem in document order: the path of the
 * element where it is (`QBXMLMsgsRq/BillAddRq/BillAdd`) and why (`element "Memo" is not allowed here; expected one of
 * ...`). The element is typed by its global declaration, or by `decl` when given (a local one, such as `BillAddRq`
 * inside `QBXMLMsgsRq`); `parentPath` prefixes the reported path.
 *
 * Known limit: {@link XmlElement} comes from xml2js, which turns whitespace-only text into '' (CDATA aside). So
 * `<Amount> </Amount>` is checked as an empty value (valid for AMTTYPE) where libxml2 checks " " (invalid).
 */
export function validateElement(
  compiled: CompiledSchema,
  el: XmlElement,
  decl?: ElementDecl,
  parentPath?: string,
): ValidationResult {
  const path = parentPath ? `${parentPath}/${el.name}` : el.name;
  const declaration = decl ?? compiled.elements.get(el.name);
  if (!declaration) return fail(parentPath ?? el.name, `element "${el.name}" is not declared in ${compiled.source}`);
  return validateAgainst(el, declaration, path) ?? OK;
}

function validateAgainst(el: XmlElement, decl: ElementDecl, path: string): ValidationResult | undefined {
  const type = decl.type;
  if (type.kind === 'opaque') return undefined;
  if (type.kind === 'simple') {
    for (const attr in el.attrs)
      if (!isNamespaceDeclaration(attr, el.attrs[attr]!)) return unknownAttribute(path, attr);
    if (el.children.length > 0) {
      return fail(path, `element "${el.children[0]!.name}" is not allowed here; "${el.name}" holds a value only`);
    }
    return checkValue(el, decl, type, path);
  }
  return validateComplex(el, decl, type, path);
}

function validateComplex(
  el: XmlElement,
  decl: ElementDecl,
  type: ComplexType,
  path: string,
): ValidationResult | undefined {
  for (const name in el.attrs) {
    const value = el.attrs[name]!;
    const attr = type.attributeMap.get(name);
    if (!attr) {
      if (isNamespaceDeclaration(name, value)) continue;
      return unknownAttribute(path, name);
    }
    const problem = attr.type.check(value);
    if (problem !== undefined) return fail(path, `attribute "${name}": ${problem}`);
  }
  for (const attr of type.attributes) {
    if (attr.required && el.attrs[attr.name] === undefined)
      return fail(path, `missing required attribute "${attr.name}"`);
  }
  if (type.textType) {
    if (el.children.length > 0) {
      return fail(path, `element "${el.children[0]!.name}" is not allowed here; "${el.name}" holds a value only`);
    }
    return checkValue(el, decl, type.textType, path);
  }
  if (NON_WHITESPACE.test(el.text)) return fail(path, `text is not allowed in "${el.name}" (element-only content)`);

  const automaton = (type.automaton ??= ContentAutomaton.compile(type.content));
  let state = automaton.start;
  for (const child of el.children) {
    const transition = state.step(child.name);
    if (!transition) {
      const what = automaton.mentions(child.name) ? 'is not allowed here' : 'is unknown here';
      return fail(path, `element "${child.name}" ${what}; ${expectedText(state.expected(), state.accepting)}`);
    }
    const problem = validateAgainst(child, transition.decl, `${path}/${child.name}`);
    if (problem) return problem;
    state = transition.state;
  }
  if (!state.accepting) {
    const expected = state.expected();
    return fail(
      path,
      expected.length === 1
        ? `missing required element "${expected[0]}"`
        : `missing required element; ${expectedText(expected, false)}`,
    );
  }
  return undefined;
}

function checkValue(el: XmlElement, decl: ElementDecl, type: SimpleType, path: string): ValidationResult | undefined {
  // An empty element with a declared default is validated with the default (XML Schema 1.0, 3.3.4).
  const value = el.text === '' && decl.defaultValue !== undefined ? decl.defaultValue : el.text;
  const problem = type.check(value);
  return problem === undefined ? undefined : fail(path, problem);
}

/** `xmlns:p="..."` and an empty `xmlns=""` declare namespaces; they are not attributes. */
function isNamespaceDeclaration(name: string, value: string): boolean {
  return name.startsWith('xmlns:') || (name === 'xmlns' && value === '');
}

function unknownAttribute(path: string, name: string): ValidationResult {
  return fail(path, `attribute "${name}" is not allowed`);
}

function expectedText(expected: readonly string[], accepting: boolean): string {
  const end = accepting ? 'the end of the element' : undefined;
  if (expected.length === 0) return `expected ${end ?? 'nothing'}`;
  const shown = expected.slice(0, MAX_LISTED).join(', ');
  const more = expected.length > MAX_LISTED ? `, … (${expected.length - MAX_LISTED} more)` : '';
  const list = expected.length === 1 ? `expected "${expected[0]}"` : `expected one of ${shown}${more} (schema order)`;
  return end ? `${list} or ${end}` : list;
}

function fail(path: string, reason: string): ValidationResult {
  return { ok: false, path, reason };
}
