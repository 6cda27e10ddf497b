import { Parser } from 'xml2js';

/** An attribute of an {@link XmlTreeElement}, with its resolved namespace. */
export interface XmlTreeAttr {
  /** The qualified name as written (`xsi:nil`). */
  name: string;
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  value: string;
}

/** One element of a namespace-aware XML tree: children in document order, text and whitespace kept. */
export interface XmlTreeElement {
  kind: 'element';
  /** The qualified name as written (`ns1:authenticateResponse`). */
  name: string;
  /** The local name (`authenticateResponse`). */
  local: string;
  /** The namespace URI the name resolves to ('' when none). */
  uri: string;
  /** Attributes by qualified name (namespace declarations included). */
  attrs: Record<string, XmlTreeAttr>;
  children: XmlTreeNode[];
}

/** Character data (text, CDATA or whitespace) between elements. */
export interface XmlTreeText {
  kind: 'text';
  text: string;
}

export type XmlTreeNode = XmlTreeElement | XmlTreeText;

/** Why a document is not well-formed XML. */
export class XmlTreeParseError extends Error {
  override readonly name = 'XmlTreeParseError';
}

interface RawAttr {
  name: string;
  value: string;
  local: string;
  uri: string;
}

interface RawNode {
  '#name': string;
  $?: Record<string, RawAttr>;
  $ns?: { uri: string; local: string };
  $$?: RawNode[];
  _?: string;
}

const TEXT_NODE = '__text__';

/**
 * Parses XML into a namespace-aware tree (xml2js with `xmlns`, children and text nodes in document order,
 * whitespace kept). Synchronous. A leading byte-order mark is ignored; anything not well-formed throws
 * {@link XmlTreeParseError}.
 */
export function parseXmlTree(text: string): XmlTreeElement {
  const parser = new Parser({
    explicitRoot: true,
    explicitChildren: true,
    preserveChildrenOrder: true,
    charsAsChildren: true,
    includeWhiteChars: true,
    trim: false,
    normalize: false,
    explicitArray: true,
    async: false,
    strict: true,
    xmlns: true,
  });
  let result: Record<string, RawNode | string> | undefined;
  let failure: unknown;
  try {
    parser.parseString(text.replace(/^\uFEFF/, ''), (err: unknown, doc: Record<string, RawNode | string>) => {
      failure = err;
      result = doc;
    });
  } catch (error) {
    // xml2js throws instead of calling back for some errors after the root element ("Text data outside of root
    // node."): not well-formed all the same (found by the .qwc fuzzer, issue 7).
    failure = error;
  }
  if (failure) throw new XmlTreeParseError(String((failure as Error).message ?? failure).split('\n')[0]);
  const rootName = result ? Object.keys(result)[0] : undefined;
  if (!result || rootName === undefined) throw new XmlTreeParseError('Root element is missing.');
  if (!endsWithRoot(text, rootName)) throw new XmlTreeParseError('There are multiple root elements.');
  const root = result[rootName]!;
  return convert(typeof root === 'string' ? { '#name': rootName, _: root } : { ...root, '#name': rootName });
}

/** xml2js ignores content after the root element; a well-formed document ends with it (then only misc). */
function endsWithRoot(text: string, rootName: string): boolean {
  const tail = text.replace(/(?:<!--[\s\S]*?-->|<\?[\s\S]*?\?>|\s)+$/, '');
  if (tail.endsWith('/>')) {
    // A self-closed root: the last start tag is the root's.
    const lastOpen = tail.lastIndexOf('<');
    return tail.slice(lastOpen + 1).startsWith(rootName) && tail.indexOf('<' + rootName) === lastOpen;
  }
  return new RegExp(`</${rootName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*>$`).test(tail);
}

function convert(node: RawNode): XmlTreeElement {
  const name = node['#name'];
  const colon = name.indexOf(':');
  const attrs: Record<string, XmlTreeAttr> = {};
  for (const [key, a] of Object.entries(node.$ ?? {})) {
    attrs[key] = { name: key, local: a.local ?? key, uri: a.uri ?? '', value: a.value ?? '' };
  }
  const children: XmlTreeNode[] = [];
  if (node.$$) {
    for (const c of node.$$) {
      if (c['#name'] === TEXT_NODE) children.push({ kind: 'text', text: c._ ?? '' });
      else children.push(convert(c));
    }
  } else if (node._) {
    children.push({ kind: 'text', text: node._ });
  }
  return {
    kind: 'element',
    name,
    local: node.$ns?.local ?? (colon >= 0 ? name.slice(colon + 1) : name),
    uri: node.$ns?.uri ?? '',
    attrs,
    children,
  };
}

/** The element children of an element. */
export function elementChildren(el: XmlTreeElement): XmlTreeElement[] {
  return el.children.filter((c): c is XmlTreeElement => c.kind === 'element');
}

/** The concatenated character data directly inside an element. */
export function ownText(el: XmlTreeElement): string {
  let out = '';
  for (const c of el.children) if (c.kind === 'text') out += c.text;
  return out;
}

/** The first element child with that local name (and namespace, when given). */
export function childElement(el: XmlTreeElement, local: string, uri?: string): XmlTreeElement | undefined {
  for (const c of el.children) {
    if (c.kind === 'element' && c.local === local && (uri === undefined || c.uri === uri)) return c;
  }
  return undefined;
}

/** True when the element carries `xsi:nil="true"`. */
export function isXsiNil(el: XmlTreeElement): boolean {
  return Object.values(el.attrs).some(
    (a) => a.local === 'nil' && a.uri === 'http://www.w3.org/2001/XMLSchema-instance' && /^(true|1)$/.test(a.value),
  );
}

/** Escapes character data for element content (`&`, `<`, `>`), as .NET's XmlTextWriter does. */
export function escapeXmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
