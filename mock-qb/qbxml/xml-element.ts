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

/**
 * A document over one of qbd-sim's own limits (nesting depth). Not a parse failure: the caller answers with the
 * simulator's QBDSIM_ERR_TOO_LARGE, never with a QuickBooks HRESULT.
 */
export class XmlLimitError extends Error {
  override readonly name = 'XmlLimitError';
  constructor(
    message: string,
    readonly limit: number,
  ) {
    super(message);
  }
}

/** What {@link parseXmlDocument} accepts at most. */
export interface XmlParseLimits {
  /** Elements nested deeper than this (the root is depth 1) stop the parse with {@link XmlLimitError}. */
  maxDepth?: number;
}

/** A processing instruction (`<?target body?>`) as the parser read it. */
export interface ProcessingInstruction {
  target: string;
  body: string;
}

/** What comes before the root element, as the parser read it (comments and whitespace left out). */
export interface XmlProlog {
  /** The XML declaration's pseudo-attributes (`version`, `encoding`, `standalone`), when the document has one. */
  declaration?: Readonly<Record<string, string>>;
  /** The processing instructions before the root element, in document order (the declaration is not one). */
  instructions: ProcessingInstruction[];
}

/** A parsed document: its root element and its prolog. */
export interface XmlDocument {
  root: XmlElement;
  prolog: XmlProlog;
}

/** A sax tag as xml2js's parser reports it (strict mode, no namespaces). */
interface SaxTag {
  name: string;
  attributes: Record<string, string>;
}

/** The parts of xml2js's sax parser the tree builder uses. */
interface SaxParser {
  ended: boolean;
  onopentag: (tag: SaxTag) => void;
  onclosetag: () => void;
  ontext: (text: string) => void;
  oncdata: (text: string) => void;
  ondoctype: (doctype: string) => void;
  onprocessinginstruction: (pi: { name: string; body: string }) => void;
  oncomment: (comment: string) => void;
}

/** An element being built, with xml2js's flag for text that came from CDATA (kept even when it is all whitespace). */
interface OpenElement extends XmlElement {
  cdata?: boolean;
}

const WHITESPACE_ONLY = /^\s*$/;

/**
 * xml2js's parser (its sax parser, checks and error reporting unchanged) building {@link XmlElement}s directly.
 * xml2js's own tree with children in document order (`explicitChildren` + `preserveChildrenOrder`) copies every
 * node property by property and was then converted again: most of a request's parsing time. The tree is the one
 * that conversion gave: an element's `text` is its direct character data (CDATA included) unless that is only
 * whitespace, its `children` its child elements in order, `attrs` its attributes. As in xml2js, the root element's
 * end ends the parse (`end` is emitted and the parser reset).
 */
class ElementTreeParser extends Parser {
  /** Set by {@link parseXmlDocument} before each parse. */
  maxDepth = Infinity;
  /** Whether the text opens with `<?xml ` (after a byte-order mark): the only place a declaration may stand. */
  opensWithDeclaration = false;
  /** The prolog of the document being parsed (filled while no element has opened). */
  prolog: XmlProlog = { instructions: [] };

  override reset(): void {
    super.reset();
    const sax = (this as unknown as { saxParser: SaxParser }).saxParser;
    const stack: OpenElement[] = [];
    /** Nodes seen so far (comments, PIs, elements): an XML declaration is only allowed before any. */
    let nodes = 0;
    let rootSeen = false;
    sax.oncomment = () => {
      nodes++;
    };
    // The prolog is read from the parse, never by searching the text: a `<?qbxml?>` inside a comment is a comment's
    // text, and one after the root element is not the document's (QuickBooks' parser reads the document).
    sax.onprocessinginstruction = ({ name, body }) => {
      const first = nodes++ === 0;
      if (name.toLowerCase() === 'xml') {
        // XML 1.0 §2.8: the declaration is the document's very first thing, spelled `xml`; the target is reserved.
        if (name !== 'xml' || !first || !this.opensWithDeclaration)
          throw new XmlParseError(`<?${name} …?> is only allowed as the XML declaration at the document's start`);
        this.prolog.declaration = pseudoAttributes(body);
        return;
      }
      if (!rootSeen) this.prolog.instructions.push({ target: name, body });
    };
    // A DTD is never read, let alone resolved: no internal or external entities, no billion laughs. sax would skip
    // it, but QuickBooks does not accept what it cannot use, so the document fails (0x80040400).
    sax.ondoctype = () => {
      throw new XmlParseError('the document has a DTD (<!DOCTYPE …>); DTDs and entity declarations are not accepted');
    };
    sax.onopentag = (tag) => {
      if (stack.length >= this.maxDepth) {
        throw new XmlLimitError(
          `the document nests elements deeper than qbd-sim's limit of ${this.maxDepth} (at <${tag.name}>)`,
          this.maxDepth,
        );
      }
      nodes++;
      rootSeen = true;
      stack.push({ name: tag.name, attrs: tag.attributes, children: [], text: '' });
    };
    sax.ontext = (text) => {
      const top = stack[stack.length - 1];
      if (top) top.text += text;
    };
    sax.oncdata = (text) => {
      const top = stack[stack.length - 1];
      if (top) {
        top.text += text;
        top.cdata = true;
      }
    };
    sax.onclosetag = () => {
      const el = stack.pop()!;
      if (el.cdata) delete el.cdata;
      else if (WHITESPACE_ONLY.test(el.text)) el.text = '';
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.children.push(el);
        return;
      }
      // The root closed: what xml2js does at this point (the current sax parser, as xml2js reads it).
      (this as unknown as { saxParser: SaxParser }).saxParser.ended = true;
      this.emit('end', el);
    };
  }
}

// One parser configured once; the options are those the tree used to be built with (strict, text kept as is).
const parser = new ElementTreeParser({
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

/** A character outside XML 1.0's `Char` production (a lone surrogate is one: the `u` flag reads it alone). */
// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const PSEUDO_ATTRIBUTE = /([A-Za-z_:][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/**
 * The pseudo-attributes of a processing instruction's body (`version="13.0"`), as the XML declaration and
 * `<?qbxml?>` write them. Text that is not `name="value"` is skipped.
 */
export function pseudoAttributes(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of body.matchAll(PSEUDO_ATTRIBUTE)) out[m[1]!] ??= m[2] ?? m[3] ?? '';
  return out;
}

const OPENS_WITH_DECLARATION = /^\uFEFF?<\?xml[\s?]/;

/**
 * Parses qbXML text with xml2js into {@link XmlElement}s. Synchronous: xml2js calls back
 * synchronously when `async` is false. A DTD fails the parse ({@link XmlParseError}); nesting deeper than
 * `limits.maxDepth` throws {@link XmlLimitError}.
 */
export function parseXmlDocument(text: string, limits: XmlParseLimits = {}): XmlElement {
  return parseXmlDocumentWithProlog(text, limits).root;
}

/**
 * {@link parseXmlDocument}, with the document's prolog: its XML declaration and the processing instructions before
 * the root element. A byte-order mark is skipped (xml2js strips it); an XML declaration anywhere but at the start,
 * or spelled other than `xml`, fails the parse as XML 1.0 says.
 */
export function parseXmlDocumentWithProlog(text: string, limits: XmlParseLimits = {}): XmlDocument {
  // sax accepts characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/U+FFFF); QuickBooks' parser
  // (MSXML) does not, and echoing them (a requestID) would make the response itself malformed.
  const bad = NOT_XML_CHAR.exec(text);
  if (bad) {
    const code = bad[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    throw new XmlParseError(`the document holds a character XML does not allow (U+${code}) at offset ${bad.index}`);
  }
  let result: XmlElement | null | undefined;
  let failure: unknown;
  parser.maxDepth = limits.maxDepth ?? Infinity;
  parser.opensWithDeclaration = OPENS_WITH_DECLARATION.test(text);
  const prolog: XmlProlog = { instructions: [] };
  parser.prolog = prolog;
  parser.reset();
  try {
    parser.parseString(text, (err: unknown, doc: XmlElement | null) => {
      failure = err;
      result = doc;
    });
  } catch (error) {
    // xml2js throws instead of calling back for some errors after the root element ("Text data outside of root
    // node."): still not well-formed (found by the qbXML fuzzer, issue 7).
    failure = error;
  }
  if (failure instanceof XmlLimitError || failure instanceof XmlParseError) throw failure;
  if (failure) throw new XmlParseError((failure as Error).message ?? String(failure));
  if (!result) throw new XmlParseError('the document has no root element');
  return { root: result, prolog };
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
