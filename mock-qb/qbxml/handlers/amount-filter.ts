import { readCents } from '../request-values.js';
import { child, type XmlElement } from '../xml-element.js';

/**
 * An amount filter (`TotalBalanceFilter`, `AmountFilter`…): `Operator` (LessThan, LessThanEqual,
 * Equal, GreaterThan, GreaterThanEqual) and `Amount`, applied to a stored amount text.
 */
export function compareAmount(filter: XmlElement, stored: string): boolean {
  const op = child(filter, 'Operator')?.text ?? 'Equal';
  const target = readCents(filter, 'Amount') ?? 0;
  const holder: XmlElement = {
    name: '',
    attrs: {},
    children: [{ name: 'A', attrs: {}, children: [], text: stored }],
    text: '',
  };
  const value = readCents(holder, 'A') ?? 0;
  switch (op) {
    case 'LessThan':
      return value < target;
    case 'LessThanEqual':
      return value <= target;
    case 'GreaterThan':
      return value > target;
    case 'GreaterThanEqual':
      return value >= target;
    default:
      return value === target;
  }
}
