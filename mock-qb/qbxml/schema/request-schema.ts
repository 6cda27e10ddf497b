import { QbdSimError } from '../../../src/protocol/qbd-sim-error.js';
import type { XmlElement } from '../xml-element.js';
import { QBXML_SCHEMA_TABLE } from './qbxml-schema-table.generated.js';
import { decodeSchemaTable } from './schema-table-codec.js';
import type { CompiledSchema, ElementDecl, Particle, TypeDef, ValidationResult } from './schema-model.js';
import { validateElement } from './validate-element.js';
import { compileXsdDirectory } from './xsd-compiler.js';

export type { ValidationResult } from './schema-model.js';

export interface RequestSchemaOptions {
  /**
   * Strict mode: validate every request against the full XSD in this directory (one holding Intuit's
   * `qbxmlops*.xsd` and its includes), compiled once and cached. Without it, the generated table is used.
   */
  readonly xsdDir?: string | undefined;
}

/** The qbXML schema as the request processor uses it. */
export interface RequestSchema {
  /** `table` (the generated table, the default) or `xsd` (strict mode). */
  readonly mode: 'table' | 'xsd';
  /** What the schema came from: the table's label or the XSD entry file. */
  readonly source: string;
  /** Validates a whole `QBXML` document element (paths start with `QBXML/`). */
  validateDocument(qbxml: XmlElement): ValidationResult;
  /**
   * Validates a `QBXMLMsgsRq` element: its attributes, the names and order of its requests, and the full content of
   * each request the schema holds. With the generated table, a known request the simulator does not model passes
   * with its content unchecked (the processor answers it as not simulated); in strict mode every request is checked.
   */
  validateMessageSet(msgsRq: XmlElement): ValidationResult;
  /** Validates one request element (`BillAddRq`, ...) as a child of `QBXMLMsgsRq`. */
  validateRequest(rq: XmlElement): ValidationResult;
  /** True for every request element of qbXML's `QBXMLMsgsRq` (known even when not simulated). */
  isKnownRequest(name: string): boolean;
  /** True for the requests the simulator models (mock-qb/qbxml/schema/supported-messages.ts). */
  isSupportedRequest(name: string): boolean;
  /** The child element names of an aggregate in schema order (`BillRet` → TxnID, TimeCreated, ...). */
  retOrder(aggregateName: string): readonly string[];
  /**
   * The child element names, in schema order, of the element at `path`: a global element or a request/response
   * name, then child names (`BillRet/ExpenseLineRet`, `VendorRet/VendorAddress`, `BillAddRs/BillRet`). Sequences and
   * choices are flattened; a name that occurs twice is listed once, where it first occurs.
   */
  childOrder(path: string): readonly string[];
}

let tableSchema: CompiledSchema | undefined;

/** The request schema: from the generated table by default, from an XSD directory in strict mode. */
export function createRequestSchema(opts: RequestSchemaOptions = {}): RequestSchema {
  if (opts.xsdDir !== undefined) {
    return new CompiledRequestSchema('xsd', compileXsdDirectory(opts.xsdDir), QBXML_SCHEMA_TABLE.supportedRequests);
  }
  tableSchema ??= decodeSchemaTable(QBXML_SCHEMA_TABLE);
  return new CompiledRequestSchema('table', tableSchema, QBXML_SCHEMA_TABLE.supportedRequests);
}

class CompiledRequestSchema implements RequestSchema {
  readonly source: string;
  private readonly requests: ReadonlyMap<string, ElementDecl>;
  private readonly responses: ReadonlyMap<string, ElementDecl>;
  private readonly supported: ReadonlySet<string>;
  private readonly orders = new Map<string, readonly string[]>();
  private readonly typeOrders = new WeakMap<TypeDef, readonly string[]>();

  constructor(
    readonly mode: 'table' | 'xsd',
    private readonly compiled: CompiledSchema,
    supported: readonly string[],
  ) {
    this.source = compiled.source;
    this.requests = childDecls(compiled, 'QBXMLMsgsRq');
    this.responses = childDecls(compiled, 'QBXMLMsgsRs');
    this.supported = new Set(supported);
  }

  validateDocument(qbxml: XmlElement): ValidationResult {
    if (qbxml.name !== 'QBXML') return { ok: false, path: qbxml.name, reason: 'the root element is not "QBXML"' };
    return validateElement(this.compiled, qbxml);
  }

  validateMessageSet(msgsRq: XmlElement): ValidationResult {
    if (msgsRq.name !== 'QBXMLMsgsRq') {
      return { ok: false, path: msgsRq.name, reason: 'expected the element "QBXMLMsgsRq"' };
    }
    return validateElement(this.compiled, msgsRq);
  }

  validateRequest(rq: XmlElement): ValidationResult {
    const decl = this.requests.get(rq.name);
    if (!decl) return { ok: false, path: 'QBXMLMsgsRq', reason: `element "${rq.name}" is not a qbXML request` };
    return validateElement(this.compiled, rq, decl, 'QBXMLMsgsRq');
  }

  isKnownRequest(name: string): boolean {
    return this.requests.has(name);
  }

  isSupportedRequest(name: string): boolean {
    return this.supported.has(name);
  }

  retOrder(aggregateName: string): readonly string[] {
    return this.childOrder(aggregateName);
  }

  childOrder(path: string): readonly string[] {
    let order = this.orders.get(path);
    if (!order) {
      const type = this.typeAt(path);
      order = this.typeOrders.get(type);
      if (!order) {
        order = Object.freeze(flattenNames(type));
        this.typeOrders.set(type, order);
      }
      this.orders.set(path, order);
    }
    return order;
  }

  private typeAt(path: string): TypeDef {
    const [first = '', ...rest] = path.split('/');
    let decl = this.compiled.elements.get(first) ?? this.requests.get(first) ?? this.responses.get(first);
    if (!decl) throw unknownPath(path, `"${first}" is not a qbXML element`);
    for (const name of rest) {
      const type: TypeDef = decl.type;
      if (type.kind === 'opaque') throw notInTable(path, decl.name);
      const next: ElementDecl | undefined = type.kind === 'complex' ? findChild(type.content, name) : undefined;
      if (!next) throw unknownPath(path, `"${decl.name}" has no child "${name}"`);
      decl = next;
    }
    if (decl.type.kind === 'opaque') throw notInTable(path, decl.name);
    return decl.type;
  }
}

function childDecls(compiled: CompiledSchema, name: string): ReadonlyMap<string, ElementDecl> {
  const decl = compiled.elements.get(name);
  const decls = new Map<string, ElementDecl>();
  if (decl?.type.kind === 'complex') collect(decl.type.content, decls);
  return decls;
}

function collect(p: Particle | undefined, into: Map<string, ElementDecl>): void {
  if (!p) return;
  if (p.kind === 'element') {
    if (!into.has(p.decl.name)) into.set(p.decl.name, p.decl);
  } else for (const item of p.items) collect(item, into);
}

function findChild(p: Particle | undefined, name: string): ElementDecl | undefined {
  if (!p) return undefined;
  if (p.kind === 'element') return p.decl.name === name ? p.decl : undefined;
  for (const item of p.items) {
    const found = findChild(item, name);
    if (found) return found;
  }
  return undefined;
}

function flattenNames(type: TypeDef): string[] {
  if (type.kind !== 'complex') return [];
  const decls = new Map<string, ElementDecl>();
  collect(type.content, decls);
  return [...decls.keys()];
}

function unknownPath(path: string, why: string): QbdSimError {
  return new QbdSimError('QBDSIM_ERR_INTERNAL', `No schema order for "${path}": ${why}.`, { path });
}

function notInTable(path: string, name: string): QbdSimError {
  return new QbdSimError(
    'QBDSIM_ERR_NOT_SIMULATED',
    `No schema order for "${path}": "${name}" is not in the generated qbXML schema table (add its request to ` +
      `mock-qb/qbxml/schema/supported-messages.ts and regenerate, or use strict mode with an XSD directory).`,
    { path },
  );
}
