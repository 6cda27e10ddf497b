import type { DocValue, RetDoc } from './ret-doc.js';

/**
 * The `…AddressBlock` QuickBooks returns beside an address (`BillAddress` → `BillAddressBlock`): the address as
 * printed, at most five lines `Addr1`…`Addr5`: the street lines, then `City, State PostalCode`, then the country
 * (real captures: `<Addr2>Mountain View, CA 94566</Addr2>` after one street line). Undefined when the address has
 * nothing to print.
 */
export function addressBlock(address: DocValue | undefined): RetDoc | undefined {
  if (!address || typeof address !== 'object' || Array.isArray(address)) return undefined;
  const text = (k: string): string => {
    const v = address[k];
    return typeof v === 'string' ? v.trim() : '';
  };
  const lines = ['Addr1', 'Addr2', 'Addr3', 'Addr4', 'Addr5'].map(text).filter(Boolean);
  const cityState = [text('City'), text('State')].filter(Boolean).join(', ');
  const cityLine = [cityState, text('PostalCode')].filter(Boolean).join(' ');
  if (cityLine) lines.push(cityLine);
  if (text('Country')) lines.push(text('Country'));
  if (!lines.length) return undefined;
  const block: RetDoc = {};
  lines.slice(0, 5).forEach((line, i) => (block[`Addr${i + 1}`] = line));
  return block;
}
