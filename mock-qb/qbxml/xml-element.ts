import { Parser } from 'xml2js';

/** One element of a parsed qbXML document, children in document order. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (concatenated character data), '' when none. */
  text: string;
}

/** Why a document could not be parsed (the caller turns this into 0x80040400). */
export class XmlParseError extends Error {
  override readonly name = 'XmlParseError';
}

interface Xml2jsNode {
  '#name': string;
  $?: Record<string, string>;
  $$?: Xml2jsNode[];
  _?: string;
}

// One parser configured once: children kept in document order ($$), text under `_`.
const parser = new Parser({
  explicitRoot: true,
  explicitChildren: true,
  preserveChildrenOrder: true,
  charsAsChildren: false,
  includeWhiteChars: false,
  trim: false,
  normalize: false,
  explicitArray: true,
  async: false,
  strict: true,
});

/**
 * Parses qbXML text with xml2js into {@link XmlElement}s. Synchronous: xml2js calls back
 * synchronously when `async` is false.
 */
export function parseXmlDocument(text: string): XmlElement {
  let result: Record<string, Xml2jsNode> | undefined;
  let failure: unknown;
  parser.reset();
  parser.parseString(text, (err: unknown, doc: Record<string, Xml2jsNode>) => {
    failure = err;
    result = doc;
  });
  if (failure) throw new XmlParseError((failure as Error).message ?? String(failure));
  const rootName = result && Object.keys(result)[0];
  if (!result || !rootName) throw new XmlParseError('the document has no root element');
  const root = result[rootName]!;
  return convert(rootName, typeof root === 'string' ? { '#name': rootName, _: root } : root);
}

function convert(name: string, node: Xml2jsNode | string): XmlElement {
  if (typeof node === 'string') return { name, attrs: {}, children: [], text: node };
  const children = (node.$$ ?? []).map((c) => convert(c['#name'], c));
  return { name, attrs: node.$ ?? {}, children, text: node._ ?? '' };
}

/** The first child of that name. */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}

/** Every child of that name. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** The text of the first child of that name, or undefined. */
export function childText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}
