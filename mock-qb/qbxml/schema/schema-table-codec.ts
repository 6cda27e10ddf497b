import {
  makeComplexType,
  type AttributeDecl,
  type CompiledSchema,
  type ComplexType,
  type ElementDecl,
  type Particle,
  type SimpleType,
  type TypeDef,
} from './schema-model.js';
import { compileSimpleTypeCheck, type SimpleTypeSpec } from './simple-type-check.js';

/**
 * The project's own serialized form of compiled qbXML content models (what `qbxml-schema-table.generated.ts` holds):
 * element names, order, occurrence, attributes, and the simple-type constraints needed to check requests. Derived data,
 * regenerated from Intuit's XSD by `scripts/generate-qbxml-schema-table.ts` and held against it by a drift test.
 *
 * A complex type is one line of a small notation:
 *
 * ```
 * type      := attribute* text? particle?
 * attribute := '@' name '=' typeRef '!'?          ('!' = use="required")
 * text      := '#' typeRef                         (simpleContent: the element holds a value of that type)
 * particle  := (element | '(' particle* ')' | '[' particle ('|' particle)* ']') occurs?
 *              ('(…)' = sequence, '[…|…]' = choice)
 * element   := name                                (a global element: its type is in `elements`)
 *            | name '=' typeRef                    (a local element)
 * typeRef   := 's' index                           (simpleTypes[index])
 *            | '<' key '>'                         (complexTypes[key])
 *            | '*'                                 (opaque: content not checked)
 * occurs    := '?' | '*' | '+' | '{' min ',' max? '}'
 * ```
 */
export interface SchemaTable {
  readonly format: 1;
  /** What the table was generated from, e.g. `qbXML 13.0 (qbxmlops130.xsd)`. */
  readonly source: string;
  /** Requests whose content (and whose response's content) the table holds. */
  readonly supportedRequests: readonly string[];
  /** Global elements: name → typeRef. */
  readonly elements: Readonly<Record<string, string>>;
  /** `default=` values of global elements. */
  readonly defaults: Readonly<Record<string, string>>;
  /** Complex types by key (the XSD name, or the path of the element that declares an anonymous one). */
  readonly complexTypes: Readonly<Record<string, string>>;
  readonly simpleTypes: readonly SimpleTypeSpec[];
}

export interface EncodeOptions {
  readonly source: string;
  readonly roots: readonly string[];
  readonly supportedRequests: readonly string[];
  /** Element names whose declarations are written as opaque (`*`): known by name, content not in the table. */
  readonly opaque: ReadonlySet<string>;
}

/** Encodes the part of a compiled schema reachable from `roots` (global element names) into a {@link SchemaTable}. */
export function encodeSchemaTable(compiled: CompiledSchema, options: EncodeOptions): SchemaTable {
  const elements: Record<string, string> = {};
  const defaults: Record<string, string> = {};
  const complexTypes: Record<string, string> = {};
  const simpleKeys = new Map<string, number>();
  const simpleTypes: SimpleTypeSpec[] = [];
  const complexKeys = new Map<ComplexType, string>();
  const usedKeys = new Set<string>();

  const simpleRef = (type: SimpleType): string => {
    const canonical = JSON.stringify(type.spec);
    let index = simpleKeys.get(canonical);
    if (index === undefined) {
      index = simpleTypes.length;
      simpleTypes.push(type.spec);
      simpleKeys.set(canonical, index);
    }
    return `s${index}`;
  };

  const typeRef = (name: string, type: TypeDef, hint: string): string => {
    if (options.opaque.has(name) || type.kind === 'opaque') return '*';
    if (type.kind === 'simple') return simpleRef(type);
    return `<${complexRef(type, hint)}>`;
  };

  const complexRef = (type: ComplexType, hint: string): string => {
    let key = complexKeys.get(type);
    if (key !== undefined) return key;
    key = type.name ?? hint;
    for (let n = 2; usedKeys.has(key); n++) key = `${type.name ?? hint}#${n}`;
    usedKeys.add(key);
    complexKeys.set(type, key);
    complexTypes[key] = ''; // reserve: recursive references resolve to the key
    const owner = key;
    const parts: string[] = type.attributes.map((a) => `@${a.name}=${simpleRef(a.type)}${a.required ? '!' : ''}`);
    if (type.textType) parts.push(`#${simpleRef(type.textType)}`);
    if (type.content) parts.push(particle(type.content, owner));
    complexTypes[key] = parts.join(' ');
    return key;
  };

  const globalElement = (decl: ElementDecl): void => {
    if (decl.name in elements) return;
    elements[decl.name] = ''; // reserve before recursing
    if (decl.defaultValue !== undefined) defaults[decl.name] = decl.defaultValue;
    elements[decl.name] = typeRef(decl.name, decl.type, decl.name);
  };

  const particle = (p: Particle, owner: string): string => {
    let body: string;
    if (p.kind === 'element') {
      if (p.decl.global) {
        globalElement(p.decl);
        body = p.decl.name;
      } else {
        if (p.decl.defaultValue !== undefined) {
          throw new Error(`the table cannot hold a default on the local element ${owner}/${p.decl.name}`);
        }
        body = `${p.decl.name}=${typeRef(p.decl.name, p.decl.type, `${owner}/${p.decl.name}`)}`;
      }
    } else {
      const items = p.items.map((item) => particle(item, owner));
      body = p.kind === 'sequence' ? `(${items.join(' ')})` : `[${items.join('|')}]`;
    }
    return body + occursSuffix(p.min, p.max);
  };

  for (const root of options.roots) {
    const decl = compiled.elements.get(root);
    if (!decl) throw new Error(`no global element "${root}" in ${compiled.source}`);
    globalElement(decl);
  }

  return {
    format: 1,
    source: options.source,
    supportedRequests: [...options.supportedRequests],
    elements: sortKeys(elements),
    defaults: sortKeys(defaults),
    complexTypes: sortKeys(complexTypes),
    simpleTypes,
  };
}

function occursSuffix(min: number, max: number): string {
  if (min === 1 && max === 1) return '';
  if (min === 0 && max === 1) return '?';
  if (min === 0 && max === Infinity) return '*';
  if (min === 1 && max === Infinity) return '+';
  return `{${min},${max === Infinity ? '' : max}}`;
}

function sortKeys(record: Record<string, string>): Record<string, string> {
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(record).sort()) sorted[key] = record[key]!;
  return sorted;
}

// ---------------------------------------------------------------------------------------------------------------

/**
 * Rebuilds a {@link CompiledSchema} from a table (all of it, ~20 ms; the content automata are still built lazily, on
 * first validation of each type).
 */
export function decodeSchemaTable(table: SchemaTable): CompiledSchema {
  if (table.format !== 1) throw new Error(`unknown qbXML schema table format ${String(table.format)}`);
  const simple = table.simpleTypes.map((spec): SimpleType => ({
    kind: 'simple',
    spec,
    check: compileSimpleTypeCheck(spec),
  }));
  const complex = new Map<string, ComplexType>();
  const globals = new Map<string, ElementDecl>();
  const opaque: TypeDef = { kind: 'opaque' };

  const resolveRef = (ref: string, where: string): TypeDef => {
    if (ref === '*') return opaque;
    if (ref.startsWith('<') && ref.endsWith('>')) return complexType(ref.slice(1, -1));
    const s = /^s(\d+)$/.exec(ref);
    const type = s ? simple[Number(s[1])] : undefined;
    if (!type) throw new Error(`bad type reference "${ref}" in ${where}`);
    return type;
  };

  const simpleRef = (ref: string, where: string): SimpleType => {
    const type = resolveRef(ref, where);
    if (type.kind !== 'simple') throw new Error(`"${ref}" in ${where} is not a simple type`);
    return type;
  };

  const globalElement = (name: string, where: string): ElementDecl => {
    let decl = globals.get(name);
    if (decl) return decl;
    const ref = table.elements[name];
    if (ref === undefined) throw new Error(`the table has no global element "${name}" (used in ${where})`);
    const partial: { name: string; type: TypeDef; defaultValue?: string; global: true } = {
      name,
      type: opaque,
      global: true,
    };
    const defaultValue = table.defaults[name];
    if (defaultValue !== undefined) partial.defaultValue = defaultValue;
    decl = partial;
    globals.set(name, decl);
    partial.type = resolveRef(ref, `element ${name}`);
    return decl;
  };

  const complexType = (key: string): ComplexType => {
    let type = complex.get(key);
    if (type) return type;
    const text = table.complexTypes[key];
    if (text === undefined) throw new Error(`the table has no complex type "${key}"`);
    type = makeComplexType({ name: key, attributes: [], textType: undefined, content: undefined });
    complex.set(key, type);
    Object.assign(type, parseComplexType(text, key));
    return type;
  };

  const parseComplexType = (
    text: string,
    key: string,
  ): Pick<ComplexType, 'attributes' | 'attributeMap' | 'textType' | 'content'> => {
    const reader = new Reader(text, key);
    const attributes: AttributeDecl[] = [];
    let textType: SimpleType | undefined;
    let content: Particle | undefined;
    reader.skipSpaces();
    while (reader.peek() === '@') {
      reader.next();
      const name = reader.name();
      reader.expect('=');
      const type = simpleRef(reader.typeRef(), key);
      const required = reader.peek() === '!';
      if (required) reader.next();
      attributes.push({ name, type, required });
      reader.skipSpaces();
    }
    if (reader.peek() === '#') {
      reader.next();
      textType = simpleRef(reader.typeRef(), key);
      reader.skipSpaces();
    }
    if (!reader.done()) content = particle(reader);
    reader.skipSpaces();
    if (!reader.done()) reader.fail('unexpected text after the content model');
    return { attributes, attributeMap: new Map(attributes.map((a) => [a.name, a])), textType, content };
  };

  const particle = (reader: Reader): Particle => {
    const c = reader.peek();
    let result: { kind: 'sequence' | 'choice'; items: Particle[] } | { kind: 'element'; decl: ElementDecl };
    if (c === '(' || c === '[') {
      reader.next();
      const close = c === '(' ? ')' : ']';
      const items: Particle[] = [];
      reader.skipSpaces();
      while (reader.peek() !== close) {
        items.push(particle(reader));
        reader.skipSpaces();
        if (c === '[' && reader.peek() === '|') {
          reader.next();
          reader.skipSpaces();
        }
      }
      reader.next();
      result = { kind: c === '(' ? 'sequence' : 'choice', items };
    } else {
      const name = reader.name();
      let decl: ElementDecl;
      if (reader.peek() === '=') {
        reader.next();
        decl = { name, type: resolveRef(reader.typeRef(), reader.where), global: false };
      } else {
        decl = globalElement(name, reader.where);
      }
      result = { kind: 'element', decl };
    }
    const [min, max] = reader.occurs();
    return { ...result, min, max };
  };

  for (const name of Object.keys(table.elements)) globalElement(name, 'the element list');
  return { source: table.source, elements: globals };
}

class Reader {
  private i = 0;
  constructor(
    private readonly text: string,
    readonly where: string,
  ) {}

  peek(): string {
    return this.text[this.i] ?? '';
  }
  next(): string {
    return this.text[this.i++] ?? '';
  }
  done(): boolean {
    return this.i >= this.text.length;
  }
  skipSpaces(): void {
    while (this.peek() === ' ') this.i++;
  }
  expect(c: string): void {
    if (this.next() !== c) this.fail(`expected "${c}"`);
  }
  name(): string {
    const m = /^[A-Za-z_][\w.-]*/.exec(this.text.slice(this.i, this.i + 200));
    if (!m) this.fail('expected a name');
    this.i += m[0].length;
    return m[0];
  }
  typeRef(): string {
    const c = this.peek();
    if (c === '*') return this.next();
    if (c === '<') {
      const end = this.text.indexOf('>', this.i);
      if (end < 0) this.fail('unclosed "<"');
      const ref = this.text.slice(this.i, end + 1);
      this.i = end + 1;
      return ref;
    }
    const m = /^s\d+/.exec(this.text.slice(this.i, this.i + 12));
    if (!m) this.fail('expected a type reference');
    this.i += m[0].length;
    return m[0];
  }
  occurs(): [number, number] {
    const c = this.peek();
    if (c === '?') return (this.next(), [0, 1]);
    if (c === '*') return (this.next(), [0, Infinity]);
    if (c === '+') return (this.next(), [1, Infinity]);
    if (c === '{') {
      const m = /^\{(\d+),(\d*)\}/.exec(this.text.slice(this.i, this.i + 24));
      if (!m) this.fail('bad occurrence');
      this.i += m[0].length;
      return [Number(m[1]), m[2] === '' ? Infinity : Number(m[2])];
    }
    return [1, 1];
  }
  fail(message: string): never {
    throw new Error(`qbXML schema table: ${message} at ${this.i} in complex type "${this.where}"`);
  }
}
