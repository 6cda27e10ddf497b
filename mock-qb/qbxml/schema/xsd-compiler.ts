import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';
import { parseXmlDocument, type XmlElement } from '../xml-element.js';
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
import {
  compileSimpleTypeCheck,
  isUnionSpec,
  type AtomicSpec,
  type BuiltinBase,
  type SimpleTypeSpec,
} from './simple-type-check.js';

export { validateElement } from './validate-element.js';

/** A schema compiled from XSD files, with the files it read. */
export interface CompiledXsd extends CompiledSchema {
  /** The entry file (absolute). */
  readonly entry: string;
  /** Every file read, entry first, then includes in the order met. */
  readonly files: readonly string[];
}

const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
const cache = new Map<string, CompiledXsd>();

/**
 * Loads and compiles a qbXML XSD: `dirOrFile` is a directory holding one `qbxmlops*.xsd` (Intuit's entry file, which
 * includes the others) or the entry file itself. Compiled once per absolute path and cached for the process.
 *
 * The subset compiled is the one qbXML uses: global elements and `ref=`, named and anonymous complexTypes with
 * `sequence`/`choice`/named `group`s (nested, any minOccurs/maxOccurs), attributes (`use="required"`, type or inline
 * simpleType), `simpleContent` extensions, simpleTypes by `restriction` (length facets, enumeration, pattern,
 * min/max inclusive/exclusive, digits) and `union`. Anything else throws, naming the construct and file, so a schema
 * that needs more fails loudly instead of validating loosely.
 */
export function compileXsdDirectory(dirOrFile: string): CompiledXsd {
  const entry = resolveEntry(dirOrFile);
  let compiled = cache.get(entry);
  if (!compiled) {
    compiled = new XsdCompiler(entry).compile();
    cache.set(entry, compiled);
  }
  return compiled;
}

function resolveEntry(dirOrFile: string): string {
  const absolute = path.resolve(dirOrFile);
  let isDir: boolean;
  try {
    isDir = statSync(absolute).isDirectory();
  } catch {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      `No qbXML schema at ${absolute}: name a directory holding qbxmlops*.xsd.`,
    );
  }
  if (!isDir) return absolute;
  const entries = readdirSync(absolute).filter((f) => /^qbxmlops\d+\.xsd$/i.test(f));
  if (entries.length !== 1) {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      `${absolute} holds ${entries.length} qbxmlops*.xsd files (${entries.join(', ') || 'none'}); name a directory ` +
        `with exactly one (Intuit's entry file), or the entry file itself.`,
    );
  }
  return path.join(absolute, entries[0]!);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface Located {
  readonly node: XmlElement;
  readonly file: string;
}

class XsdCompiler {
  private readonly files: string[] = [];
  private readonly elements = new Map<string, Located>();
  private readonly complexTypes = new Map<string, Located>();
  private readonly simpleTypes = new Map<string, Located>();
  private readonly groups = new Map<string, Located>();

  private readonly globalDecls = new Map<string, ElementDecl>();
  private readonly namedComplex = new Map<string, ComplexType>();
  private readonly namedSimple = new Map<string, SimpleTypeSpec>();
  private readonly simpleTypeCache = new Map<SimpleTypeSpec, SimpleType>();
  /** Prefixes bound to the XML Schema namespace (qbXML's files use `xsd:`). */
  private readonly xsdPrefixes = new Set<string>();

  constructor(private readonly entry: string) {}

  compile(): CompiledXsd {
    this.load(this.entry);
    for (const name of this.elements.keys()) this.globalElement(name);
    for (const name of this.complexTypes.keys()) this.complexTypeNamed(name);
    return { source: this.entry, entry: this.entry, files: this.files, elements: this.globalDecls };
  }

  // -- loading ----------------------------------------------------------------------------------------------------

  private load(file: string): void {
    if (this.files.includes(file)) return;
    this.files.push(file);
    let root: XmlElement;
    try {
      root = parseXmlDocument(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `Cannot read the XSD ${file}: ${(error as Error).message}`);
    }
    for (const [attr, value] of Object.entries(root.attrs)) {
      if (attr.startsWith('xmlns:') && value === XSD_NS) this.xsdPrefixes.add(attr.slice('xmlns:'.length));
    }
    if (local(root) !== 'schema') this.unsupported(root, file, 'a root element other than xsd:schema');
    if (root.attrs['xmlns'] !== undefined) this.unsupported(root, file, 'a default namespace declaration');
    if (root.attrs['targetNamespace']) this.unsupported(root, file, 'a targetNamespace');
    for (const node of root.children) {
      const kind = local(node);
      const name = node.attrs['name'];
      switch (kind) {
        case 'include':
          this.load(path.resolve(path.dirname(file), node.attrs['schemaLocation'] ?? ''));
          break;
        case 'annotation':
          break;
        case 'element':
          this.declare(this.elements, name, node, file);
          break;
        case 'complexType':
          this.declare(this.complexTypes, name, node, file);
          break;
        case 'simpleType':
          this.declare(this.simpleTypes, name, node, file);
          break;
        case 'group':
          this.declare(this.groups, name, node, file);
          break;
        default:
          this.unsupported(node, file, `top-level xsd:${kind}`);
      }
    }
  }

  private declare(map: Map<string, Located>, name: string | undefined, node: XmlElement, file: string): void {
    if (!name) this.unsupported(node, file, `a top-level xsd:${local(node)} without a name`);
    if (map.has(name)) this.unsupported(node, file, `a second top-level xsd:${local(node)} named "${name}"`);
    map.set(name, { node, file });
  }

  // -- elements and complex types ---------------------------------------------------------------------------------

  private globalElement(name: string): ElementDecl {
    let decl = this.globalDecls.get(name);
    if (decl) return decl;
    const located = this.elements.get(name);
    if (!located) throw this.error(`element ref="${name}" names no global element`);
    // Registered before its type is compiled, so recursive references resolve to the same object.
    const partial: Mutable<ElementDecl> = { name, type: { kind: 'opaque' }, global: true };
    if (located.node.attrs['default'] !== undefined) partial.defaultValue = located.node.attrs['default'];
    decl = partial;
    this.globalDecls.set(name, decl);
    partial.type = this.elementType(located.node, located.file);
    return decl;
  }

  private localElement(node: XmlElement, file: string): ElementDecl {
    const name = node.attrs['name'];
    if (!name) this.unsupported(node, file, 'an xsd:element without name or ref');
    if (node.attrs['default'] !== undefined || node.attrs['fixed'] !== undefined) {
      this.unsupported(node, file, 'a default or fixed value on a local element');
    }
    return { name, type: this.elementType(node, file), global: false };
  }

  private elementType(node: XmlElement, file: string): TypeDef {
    for (const attr of ['fixed', 'nillable', 'abstract', 'substitutionGroup', 'block', 'final', 'form']) {
      if (node.attrs[attr] !== undefined) this.unsupported(node, file, `xsd:element ${attr}=`);
    }
    const inline = node.children.filter((c) => local(c) !== 'annotation');
    const typeName = node.attrs['type'];
    if (typeName !== undefined) {
      if (inline.length > 0) this.unsupported(node, file, 'an element with both type= and an inline type');
      return this.typeByName(typeName, node, file);
    }
    if (inline.length !== 1) this.unsupported(node, file, 'an element without a type (xsd:anyType)');
    const child = inline[0]!;
    if (local(child) === 'complexType') return this.complexType(child, file, undefined);
    if (local(child) === 'simpleType') return this.simpleType(this.simpleSpec(child, file, undefined));
    return this.unsupported(child, file, `xsd:${local(child)} inside xsd:element`);
  }

  private typeByName(qname: string, node: XmlElement, file: string): TypeDef {
    if (this.isBuiltin(qname)) return this.simpleType(this.builtin(qname, node, file));
    if (this.complexTypes.has(qname)) return this.complexTypeNamed(qname);
    if (this.simpleTypes.has(qname)) return this.simpleType(this.simpleTypeNamed(qname));
    throw this.error(`type "${qname}" is not defined (${file})`);
  }

  private complexTypeNamed(name: string): ComplexType {
    let type = this.namedComplex.get(name);
    if (type) return type;
    const located = this.complexTypes.get(name)!;
    const partial = makeComplexType({ name, attributes: [], textType: undefined, content: undefined });
    this.namedComplex.set(name, partial);
    const filled = this.complexType(located.node, located.file, name);
    Object.assign(partial, { ...filled, automaton: undefined });
    type = partial;
    return type;
  }

  private complexType(node: XmlElement, file: string, name: string | undefined): ComplexType {
    if (node.attrs['mixed'] === 'true') this.unsupported(node, file, 'mixed content');
    if (node.attrs['abstract'] === 'true') this.unsupported(node, file, 'an abstract complexType');
    const attributes: AttributeDecl[] = [];
    let content: Particle | undefined;
    let textType: SimpleType | undefined;
    let seenModel = false;
    for (const child of node.children) {
      const kind = local(child);
      if (kind === 'annotation') continue;
      if (kind === 'sequence' || kind === 'choice' || kind === 'group') {
        if (seenModel) this.unsupported(child, file, 'two content models in one complexType');
        seenModel = true;
        content = this.particle(child, file);
      } else if (kind === 'attribute') {
        attributes.push(this.attribute(child, file));
      } else if (kind === 'simpleContent') {
        if (seenModel) this.unsupported(child, file, 'simpleContent next to a content model');
        seenModel = true;
        const extension = child.children.find((c) => local(c) !== 'annotation');
        if (!extension || local(extension) !== 'extension') {
          this.unsupported(child, file, 'simpleContent other than xsd:extension');
        }
        const base = extension.attrs['base'];
        if (!base) this.unsupported(extension, file, 'an extension without base=');
        const baseType = this.typeByName(base, extension, file);
        if (baseType.kind !== 'simple') this.unsupported(extension, file, 'simpleContent extending a complex type');
        textType = baseType;
        for (const c of extension.children) {
          if (local(c) === 'attribute') attributes.push(this.attribute(c, file));
          else if (local(c) !== 'annotation')
            this.unsupported(c, file, `xsd:${local(c)} inside a simpleContent extension`);
        }
      } else {
        this.unsupported(child, file, `xsd:${kind} inside a complexType`);
      }
    }
    return makeComplexType({ name, attributes, textType, content });
  }

  private particle(node: XmlElement, file: string): Particle {
    const min = occurs(node.attrs['minOccurs'], 1);
    const max = occurs(node.attrs['maxOccurs'], 1);
    const kind = local(node);
    if (kind === 'element') {
      const ref = node.attrs['ref'];
      const decl = ref !== undefined ? this.globalElement(ref) : this.localElement(node, file);
      return { kind: 'element', decl, min, max };
    }
    if (kind === 'group') {
      const ref = node.attrs['ref'];
      const group = ref !== undefined ? this.groups.get(ref) : undefined;
      if (!group) return this.unsupported(node, file, `xsd:group ref="${ref ?? ''}" (no such named group)`);
      const model = group.node.children.filter((c) => local(c) !== 'annotation');
      if (model.length !== 1 || !['sequence', 'choice'].includes(local(model[0]!))) {
        this.unsupported(group.node, group.file, 'a group that is not one sequence or choice');
      }
      const inner = this.particle(model[0]!, group.file);
      if (inner.kind === 'element') throw this.error('unreachable: a group model is a sequence or choice');
      return { kind: inner.kind, items: inner.items, min, max };
    }
    if (kind === 'sequence' || kind === 'choice') {
      const items: Particle[] = [];
      for (const child of node.children) {
        if (local(child) === 'annotation') continue;
        if (!['element', 'group', 'sequence', 'choice'].includes(local(child))) {
          this.unsupported(child, file, `xsd:${local(child)} inside xsd:${kind}`);
        }
        items.push(this.particle(child, file));
      }
      return { kind, items, min, max };
    }
    return this.unsupported(node, file, `xsd:${kind} as a particle`);
  }

  private attribute(node: XmlElement, file: string): AttributeDecl {
    const name = node.attrs['name'];
    if (!name) this.unsupported(node, file, 'an attribute without name (ref= or attributeGroup)');
    if (node.attrs['fixed'] !== undefined) this.unsupported(node, file, 'a fixed attribute value');
    const use = node.attrs['use'] ?? 'optional';
    if (use !== 'optional' && use !== 'required') this.unsupported(node, file, `attribute use="${use}"`);
    const typeName = node.attrs['type'];
    const inline = node.children.find((c) => local(c) === 'simpleType');
    let spec: SimpleTypeSpec;
    if (typeName !== undefined) {
      const type = this.typeByName(typeName, node, file);
      if (type.kind !== 'simple') this.unsupported(node, file, 'an attribute of complex type');
      spec = type.spec;
    } else if (inline) {
      spec = this.simpleSpec(inline, file, undefined);
    } else {
      spec = { base: 'string' }; // xsd:anySimpleType
    }
    return { name, type: this.simpleType(spec), required: use === 'required' };
  }

  // -- simple types ---------------------------------------------------------------------------------------------

  private simpleType(spec: SimpleTypeSpec): SimpleType {
    let type = this.simpleTypeCache.get(spec);
    if (!type) {
      type = { kind: 'simple', spec, check: compileSimpleTypeCheck(spec) };
      this.simpleTypeCache.set(spec, type);
    }
    return type;
  }

  private simpleTypeNamed(name: string): SimpleTypeSpec {
    let spec = this.namedSimple.get(name);
    if (!spec) {
      const located = this.simpleTypes.get(name)!;
      spec = this.simpleSpec(located.node, located.file, name);
      this.namedSimple.set(name, spec);
    }
    return spec;
  }

  private simpleSpecByName(qname: string, node: XmlElement, file: string): SimpleTypeSpec {
    if (this.isBuiltin(qname)) return this.builtin(qname, node, file);
    if (this.simpleTypes.has(qname)) return this.simpleTypeNamed(qname);
    return this.unsupported(node, file, `a simple type based on "${qname}" (not a simple type here)`);
  }

  private simpleSpec(node: XmlElement, file: string, name: string | undefined): SimpleTypeSpec {
    const body = node.children.filter((c) => local(c) !== 'annotation');
    if (body.length !== 1) this.unsupported(node, file, 'a simpleType without exactly one restriction or union');
    const def = body[0]!;
    const kind = local(def);
    const named = <T extends SimpleTypeSpec>(spec: T): T => (name ? { ...spec, name } : withoutName(spec));
    if (kind === 'union') {
      const members: SimpleTypeSpec[] = [];
      for (const qname of (def.attrs['memberTypes'] ?? '').split(/\s+/).filter(Boolean)) {
        members.push(this.simpleSpecByName(qname, def, file));
      }
      for (const c of def.children) {
        if (local(c) === 'simpleType') members.push(this.simpleSpec(c, file, undefined));
        else if (local(c) !== 'annotation') this.unsupported(c, file, `xsd:${local(c)} inside xsd:union`);
      }
      // A union of unions is the union of their members.
      const flat = members.flatMap((m) => (isUnionSpec(m) ? m.union : [m]));
      return named({ union: flat });
    }
    if (kind !== 'restriction') return this.unsupported(def, file, `xsd:${kind} in a simpleType`);
    const inlineBase = def.children.find((c) => local(c) === 'simpleType');
    const baseName = def.attrs['base'];
    const base = inlineBase
      ? this.simpleSpec(inlineBase, file, undefined)
      : baseName
        ? this.simpleSpecByName(baseName, def, file)
        : this.unsupported(def, file, 'a restriction without base');
    const facets = def.children.filter((c) => !['annotation', 'simpleType'].includes(local(c)));
    if (isUnionSpec(base)) {
      if (facets.length > 0) this.unsupported(def, file, 'facets on a restriction of a union');
      return named(base);
    }
    return named(this.applyFacets(base, facets, file));
  }

  private applyFacets(base: AtomicSpec, facets: readonly XmlElement[], file: string): AtomicSpec {
    const spec: Mutable<AtomicSpec> = { ...base };
    const enumeration: string[] = [];
    const patterns: string[] = [];
    for (const facet of facets) {
      const value = facet.attrs['value'];
      if (value === undefined) this.unsupported(facet, file, `xsd:${local(facet)} without value`);
      switch (local(facet)) {
        case 'enumeration':
          enumeration.push(value);
          break;
        case 'pattern':
          patterns.push(value);
          break;
        case 'length':
        case 'minLength':
        case 'totalDigits':
        case 'fractionDigits':
          spec[local(facet) as 'length'] = Number(value);
          break;
        case 'maxLength':
          spec.maxLength = Math.min(Number(value), spec.maxLength ?? Infinity);
          break;
        case 'minInclusive':
        case 'maxInclusive':
        case 'minExclusive':
        case 'maxExclusive':
          spec[local(facet) as 'minInclusive'] = value;
          break;
        case 'whiteSpace':
          if (!(value === 'preserve' && base.base === 'string') && !(value === 'collapse' && base.base !== 'string')) {
            this.unsupported(facet, file, `whiteSpace="${value}" on ${base.base}`);
          }
          break;
        default:
          this.unsupported(facet, file, `the facet xsd:${local(facet)}`);
      }
    }
    if (enumeration.length > 0) spec.enumeration = enumeration;
    // Patterns of one derivation step are alternatives; patterns of successive steps must all match.
    if (patterns.length > 0) {
      spec.patterns = [
        ...(base.patterns ?? []),
        patterns.length === 1 ? patterns[0]! : patterns.map((p) => `(?:${p})`).join('|'),
      ];
    }
    return spec;
  }

  private isBuiltin(qname: string): boolean {
    const colon = qname.indexOf(':');
    return colon > 0 && this.xsdPrefixes.has(qname.slice(0, colon));
  }

  private builtin(qname: string, node: XmlElement, file: string): AtomicSpec {
    const name = qname.slice(qname.indexOf(':') + 1);
    const known: Record<string, BuiltinBase> = {
      string: 'string',
      token: 'token',
      boolean: 'boolean',
      date: 'date',
      integer: 'integer',
      decimal: 'decimal',
      duration: 'duration',
    };
    const base = known[name];
    if (!base) return this.unsupported(node, file, `the built-in type xsd:${name}`);
    return { base };
  }

  // -- errors -----------------------------------------------------------------------------------------------------

  private unsupported(node: XmlElement, file: string, what: string): never {
    const name = node.attrs['name'] ?? node.attrs['ref'];
    throw this.error(`${what} is not supported (at xsd:${local(node)}${name ? ` "${name}"` : ''} in ${file})`);
  }

  private error(message: string): QbdSimError {
    return new QbdSimError('QBDSIM_ERR_NOT_SIMULATED', `qbXML schema compiler: ${message}`, { entry: this.entry });
  }
}

function withoutName<T extends SimpleTypeSpec>(spec: T): T {
  if (spec.name === undefined) return spec;
  const copy = { ...spec };
  delete (copy as { name?: string }).name;
  return copy;
}

/** The local part of an XSD element name (`xsd:sequence` → `sequence`). */
function local(node: XmlElement): string {
  const colon = node.name.indexOf(':');
  return colon < 0 ? node.name : node.name.slice(colon + 1);
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return value === 'unbounded' ? Infinity : Number(value);
}
