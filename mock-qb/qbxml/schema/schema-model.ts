import type { ContentAutomaton } from './content-automaton.js';
import type { SimpleTypeSpec, ValueCheck } from './simple-type-check.js';

/**
 * The compiled form of a qbXML schema, whether it came from Intuit's XSD files (`compileXsdDirectory`) or from the
 * project's generated table (`decodeSchemaTable`). The validator and the order helpers only see this shape.
 */
export interface CompiledSchema {
  /** Where it came from (an absolute XSD path, or the generated table's label); for messages only. */
  readonly source: string;
  /** Global element declarations by name (`QBXML`, `QBXMLMsgsRq`, `BillAdd`, `VendorRef`, ...). */
  readonly elements: ReadonlyMap<string, ElementDecl>;
}

/** An element declaration, global (`<xsd:element name>` at top level) or local to a content model. */
export interface ElementDecl {
  readonly name: string;
  readonly type: TypeDef;
  /** XSD `default`: the value an empty element takes for validation. */
  readonly defaultValue?: string | undefined;
  readonly global: boolean;
}

export type TypeDef = ComplexType | SimpleType | OpaqueType;

/**
 * A type whose content is not checked: the generated table uses it for qbXML messages the simulator does not model
 * (their names are known, their content is not in the table). Never produced from an XSD.
 */
export interface OpaqueType {
  readonly kind: 'opaque';
}

export interface SimpleType {
  readonly kind: 'simple';
  readonly spec: SimpleTypeSpec;
  readonly check: ValueCheck;
}

export interface AttributeDecl {
  readonly name: string;
  readonly type: SimpleType;
  readonly required: boolean;
}

export interface ComplexType {
  readonly kind: 'complex';
  /** The XSD name of a named complexType; undefined for anonymous ones. */
  readonly name: string | undefined;
  /** In schema order. */
  readonly attributes: readonly AttributeDecl[];
  readonly attributeMap: ReadonlyMap<string, AttributeDecl>;
  /** simpleContent: the element holds text of this type (and no child elements). */
  readonly textType: SimpleType | undefined;
  /** The content model; undefined means empty content (attributes only, or simpleContent). */
  readonly content: Particle | undefined;
  /** Built on first use (lazy DFA over children names). */
  automaton: ContentAutomaton | undefined;
}

/** `max` is `Infinity` for `maxOccurs="unbounded"`. */
export type Particle = ElementParticle | GroupParticle;

export interface ElementParticle {
  readonly kind: 'element';
  readonly decl: ElementDecl;
  readonly min: number;
  readonly max: number;
}

export interface GroupParticle {
  readonly kind: 'sequence' | 'choice';
  readonly items: readonly Particle[];
  readonly min: number;
  readonly max: number;
}

/** What {@link validateElement} answers: the first problem found, in document order. */
export type ValidationResult = { ok: true } | { ok: false; path: string; reason: string };

/** Builds a complex type record; `automaton` starts empty. */
export function makeComplexType(parts: {
  name: string | undefined;
  attributes: readonly AttributeDecl[];
  textType: SimpleType | undefined;
  content: Particle | undefined;
}): ComplexType {
  return {
    kind: 'complex',
    name: parts.name,
    attributes: parts.attributes,
    attributeMap: new Map(parts.attributes.map((a) => [a.name, a])),
    textType: parts.textType,
    content: parts.content,
    automaton: undefined,
  };
}
