import { QbxmlStatusError } from './qbxml-status-error.js';
import type { DocValue } from './ret-doc.js';
import { child, type XmlElement } from './xml-element.js';

/** Cents of a stored amount (`1234.50` → 123450); 0 when absent. */
export function centsOf(value: DocValue | undefined): number {
  if (typeof value !== 'string' || value === '') return 0;
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(value.trim());
  if (!m) return 0;
  const frac = (m[3] ?? '').padEnd(2, '0').slice(0, 2);
  const cents = Number(m[2] || '0') * 100 + Number(frac);
  return m[1] === '-' ? -cents : cents;
}

/** A decimal field (QUANTYPE, PRICETYPE) of a request as a number; undefined when absent; 3210 when not a number. */
export function readDecimal(el: XmlElement, name: string): number | undefined {
  const v = child(el, name)?.text.trim();
  if (v === undefined || v === '') return undefined;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v)) {
    throw QbxmlStatusError.of('invalidFieldValue', {
      fieldDescription: name,
      value: v,
      inner: 'The amount is not a number.',
    });
  }
  return Number(v);
}

/** A quantity as QuickBooks writes it (`2`, `2.5`). */
export function formatQuantity(n: number): string {
  return String(Number(n.toFixed(5)));
}

/** A price or rate (PRICETYPE) as QuickBooks writes it: two decimals, up to five when it has them (`12.50`, `1.23456`). */
export function formatPrice(n: number): string {
  const five = n.toFixed(5);
  const trimmed = five.replace(/0+$/, '');
  const decimals = trimmed.length - trimmed.indexOf('.') - 1;
  return decimals <= 2 ? n.toFixed(2) : trimmed;
}

/** Cents of a money amount computed from decimals (quantity × rate), rounded half away from zero as QuickBooks rounds. */
export function roundCents(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100 + 1e-7);
  return amount < 0 ? -cents : cents;
}
