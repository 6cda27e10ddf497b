import type { StoredDoc, StoredValue } from '../store/record-doc.js';
import { escapeText } from './xml-writer.js';

/**
 * A stored record in response shape: an ordered object whose keys are element names in schema
 * order; a value is a leaf's text, a nested aggregate, or a list of repeated elements. Records are
 * kept this way in the company database (the store's document) so a query writes them straight out.
 */
export type DocValue = StoredValue;
export type RetDoc = StoredDoc;

/**
 * Writes `<name>` + the doc's fields (only `include`d top-level fields when given, as
 * IncludeRetElement asks) in the one-element-per-line shape QuickBooks answers in.
 */
export function writeRetDoc(name: string, doc: RetDoc, out: string[], include?: ReadonlySet<string>): void {
  out.push(`<${name}>\n`);
  for (const key in doc) {
    if (include && !include.has(key)) continue;
    writeValue(key, doc[key]!, out);
  }
  out.push(`</${name}>\n`);
}

function writeValue(name: string, value: DocValue, out: string[]): void {
  if (typeof value === 'string') {
    out.push(`<${name}>${escapeText(value)}</${name}>\n`);
  } else if (Array.isArray(value)) {
    for (const v of value) writeValue(name, v, out);
  } else {
    writeRetDoc(name, value, out);
  }
}
