import { parseQbDate, parseQbDateTime } from '../../src/protocol/qb-datetime.js';
import { QbxmlStatusError } from './qbxml-status-error.js';
import { child, type XmlElement } from './xml-element.js';

/**
 * Typed readers for request field values. The schema check has already accepted the lexical form
 * where it can; these turn values into what the handlers store, answering QuickBooks' conversion
 * statuses (3010, 3020) where a value still cannot be used.
 */

/** BOOLTYPE → `true` / `false` (QuickBooks writes lower case); undefined when absent. */
export function readBool(el: XmlElement, name: string): boolean | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw QbxmlStatusError.of('badBoolean', { value: v, fieldName: name });
}

/** AMTTYPE/PRICETYPE → cents as an integer (exact); undefined when absent. */
export function readCents(el: XmlElement, name: string): number | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) {
    throw QbxmlStatusError.of('invalidFieldValue', {
      fieldDescription: name,
      value: v,
      inner: 'The amount is not a number.',
    });
  }
  const frac = (m[3] ?? '').padEnd(2, '0');
  if (frac.length > 2 && /[1-9]/.test(frac.slice(2))) {
    // QuickBooks rounds amounts to cents.
    const rounded = Math.round(Number(`${m[2] || '0'}.${frac}`) * 100);
    return m[1] === '-' ? -rounded : rounded;
  }
  const cents = Number(m[2] || '0') * 100 + Number(frac.slice(0, 2));
  return m[1] === '-' ? -cents : cents;
}

/** Cents → `1234.50` (the way QuickBooks writes amounts). */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const a = Math.abs(cents);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** INTTYPE; undefined when absent. */
export function readInt(el: XmlElement, name: string): number | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) {
    throw QbxmlStatusError.of('invalidFieldValue', {
      fieldDescription: name,
      value: v,
      inner: 'The value is not a whole number.',
    });
  }
  return n;
}

/** DATETYPE → `YYYY-MM-DD` (zero-padded); 3020 when it is not a date. */
export function readDate(el: XmlElement, name: string, timeZone: string): string | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  const ms = parseQbDate(v, timeZone);
  if (ms === undefined) throw QbxmlStatusError.of('badDate', { value: v, fieldName: name });
  const [y, m, d] = v.split('-');
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** DATETIMETYPE → an instant (no offset = the QuickBooks machine's local time); 3020 when malformed. */
export function readDateTime(el: XmlElement, name: string, timeZone: string): number | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  const ms = parseQbDateTime(v, timeZone);
  if (ms === undefined) throw QbxmlStatusError.of('badDate', { value: v, fieldName: name });
  return ms;
}

/** A string field; undefined when absent. */
export function readText(el: XmlElement, name: string): string | undefined {
  return child(el, name)?.text;
}
