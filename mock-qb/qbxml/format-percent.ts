/**
 * A PERCENTTYPE value (`DiscountPct`, `PricePercent`) the way QuickBooks writes it back: at least two decimals, at
 * most five (`1` → `1.00`, `12.5` → `12.50`, `0.125` → `0.125`); empty → `0.00`. The schema check has already
 * accepted the lexical form (`[+-]?digits(.digits)?`).
 */
export function formatPercent(text: string): string {
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text.trim();
  const whole = String(Number(m[2] || '0'));
  let frac = (m[3] ?? '').slice(0, 5).replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  const sign = m[1] === '-' && (whole !== '0' || /[1-9]/.test(frac)) ? '-' : '';
  return `${sign}${whole}.${frac}`;
}
