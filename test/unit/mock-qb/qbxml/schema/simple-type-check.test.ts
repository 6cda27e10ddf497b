// Value checks of qbXML's simple types, with the XML Schema 1.0 details libxml2 applies (whitespace collapse for
// non-string types, code-point lengths, calendar dates, time-zone range); the agreement test holds them to libxml2.
import { expect, test } from 'vitest';
import { compileSimpleTypeCheck, type SimpleTypeSpec } from '../../../../../mock-qb/qbxml/schema/simple-type-check.js';

const empty: SimpleTypeSpec = { base: 'token', enumeration: [''] };
const BOOLTYPE = compileSimpleTypeCheck({ name: 'BOOLTYPE', union: [{ base: 'boolean' }, empty] });
const DATETYPE = compileSimpleTypeCheck({ name: 'DATETYPE', union: [{ base: 'date' }, empty] });
const AMTTYPE = compileSimpleTypeCheck({
  name: 'AMTTYPE',
  base: 'string',
  patterns: ['([+\\-]?[0-9]{1,13}(\\.[0-9]{2})?)?'],
});
const NAME41 = compileSimpleTypeCheck({ base: 'string', maxLength: 41 });
const DAY = compileSimpleTypeCheck({ base: 'integer', minInclusive: '1', maxInclusive: '31' });
const STATUS = compileSimpleTypeCheck({ base: 'string', enumeration: ['ActiveOnly', 'InactiveOnly', 'All'] });

const valid = (check: (v: string) => string | undefined, values: string[]): void => {
  for (const v of values) expect(check(v), JSON.stringify(v)).toBeUndefined();
};
const invalid = (check: (v: string) => string | undefined, values: string[]): void => {
  for (const v of values) expect(check(v), JSON.stringify(v)).toBeTypeOf('string');
};

test('BOOLTYPE: true/false/1/0 after collapsing whitespace, or empty', () => {
  valid(BOOLTYPE, ['true', 'false', '1', '0', ' true ', '', '   ']);
  invalid(BOOLTYPE, ['TRUE', 'yes', 't', '2']);
  expect(BOOLTYPE('yes')).toBe('not a valid BOOLTYPE: value "yes" is not a boolean (true, false, 1, 0)');
});

test('DATETYPE: calendar dates with optional zone, or empty', () => {
  valid(DATETYPE, ['2024-02-29', '2024-01-31', ' 2024-01-31 ', '2024-01-31Z', '2024-01-31+14:00', '12024-01-01', '']);
  valid(DATETYPE, ['-2024-02-28', '2000-02-29']);
  invalid(DATETYPE, ['2023-02-29', '1900-02-29', '2024-04-31', '2024-13-01', '2024-00-10', '2024-1-5', '01/17/2024']);
  invalid(DATETYPE, ['0000-01-01', '02024-01-01', '2024-01-31+15:00', '2024-01-31-14:59', '2024-01-31T10:00:00']);
});

test('AMTTYPE: a pattern on the raw value (no whitespace collapse for strings)', () => {
  valid(AMTTYPE, ['', '0', '12.50', '-12.50', '+1', '1234567890123.00']);
  invalid(AMTTYPE, ['12.5', '1.005', ' 1.00', '1,000.00', '12345678901234']);
  expect(AMTTYPE('12.5')).toBe('value "12.5" does not match the pattern of AMTTYPE');
});

test('maxLength counts characters (code points), not UTF-16 units', () => {
  valid(NAME41, ['x'.repeat(41), '😀'.repeat(41), '']);
  invalid(NAME41, ['x'.repeat(42), '😀'.repeat(42)]);
  expect(NAME41('x'.repeat(42))).toBe('value longer than 41');
});

test('integers with bounds', () => {
  valid(DAY, ['1', '31', ' 15 ', '+5', '0031']);
  invalid(DAY, ['0', '32', '-1', '1.0', 'x', '']);
  expect(DAY('32')).toBe('value "32" is greater than 31 (maxInclusive)');
});

test('string enumerations compare the raw value', () => {
  valid(STATUS, ['All']);
  invalid(STATUS, ['all', ' All', '']);
  expect(STATUS('x')).toBe('value "x" is not one of ActiveOnly, InactiveOnly, All');
});

test('decimals, durations and digit facets', () => {
  const decimal = compileSimpleTypeCheck({ base: 'decimal', totalDigits: 5, fractionDigits: 2 });
  valid(decimal, ['1', '.5', '5.', '-123.45', '00123.450']);
  invalid(decimal, ['1e3', '123456', '1.234', '']);
  const duration = compileSimpleTypeCheck({ base: 'duration', patterns: ['[+\\-]?PT([0-9]+H)?([0-9]+M)?([0-9]+S)?'] });
  valid(duration, ['PT1H', 'PT1H30M', '-PT5S']);
  invalid(duration, ['PT', 'P1D', '+PT1H', '1H']);
});
