/**
 * A response element to write. `children` and `text` are exclusive; attributes keep their order.
 * Values are written as given: callers put fields in schema order (see schema/retOrder).
 */
export interface XmlOut {
  name: string;
  attrs?: [string, string][];
  children?: XmlOut[];
  text?: string;
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const ATTR_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;' };

/** Escapes character data as QuickBooks writes it. */
export function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/[&<>]/g, (c) => TEXT_ESCAPES[c]!) : s;
}

/** Escapes an attribute value (quotes become `&quot;`, as in real statusMessage attributes). */
export function escapeAttr(s: string): string {
  return /[&<>"]/.test(s) ? s.replace(/[&<>"]/g, (c) => ATTR_ESCAPES[c]!) : s;
}

/**
 * Writes elements the way QuickBooks' responses look: no indentation, one element per line, a
 * leaf on one line, an element with neither children nor text self-closed with a space (`<X a="1" />`).
 */
export function writeXml(node: XmlOut, out: string[] = []): string[] {
  const attrs = node.attrs?.length ? node.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('') : '';
  if (node.children?.length) {
    out.push(`<${node.name}${attrs}>\n`);
    for (const c of node.children) writeXml(c, out);
    out.push(`</${node.name}>\n`);
  } else if (node.text !== undefined) {
    out.push(`<${node.name}${attrs}>${escapeText(node.text)}</${node.name}>\n`);
  } else {
    out.push(`<${node.name}${attrs} />\n`);
  }
  return out;
}

/** A leaf element, or nothing when the value is undefined/null (optional fields are simply absent). */
export function leaf(name: string, value: string | number | boolean | null | undefined): XmlOut[] {
  if (value === undefined || value === null) return [];
  return [{ name, text: String(value) }];
}
