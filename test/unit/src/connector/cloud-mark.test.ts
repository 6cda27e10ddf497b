import { expect, test } from 'vitest';
import { externalGuidFor } from '../../../../src/connector/cloud-mark.js';

const OWNER = '{6E7B4C2A-1D3F-4B8E-9A5C-0F2D8E4B7A13}';

test('the ExternalGUID of a piece of work is a braced GUID, the same every time', () => {
  const guid = externalGuidFor(OWNER, 'bill', 'b-0001');
  expect(guid).toMatch(/^\{[0-9A-F]{8}-[0-9A-F]{4}-5[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/);
  expect(externalGuidFor(OWNER, 'bill', 'b-0001')).toBe(guid);
  expect(externalGuidFor(OWNER.toLowerCase(), 'bill', 'b-0001')).toBe(guid);
});

test('different work, kind or owner: different ExternalGUIDs', () => {
  const all = new Set([
    externalGuidFor(OWNER, 'bill', 'x-1'),
    externalGuidFor(OWNER, 'payment', 'x-1'),
    externalGuidFor(OWNER, 'vendor', 'x-1'),
    externalGuidFor(OWNER, 'bill', 'x-2'),
    externalGuidFor('{00000000-0000-0000-0000-000000000001}', 'bill', 'x-1'),
  ]);
  expect(all.size).toBe(5);
});
