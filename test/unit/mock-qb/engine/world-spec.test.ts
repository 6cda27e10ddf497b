import { expect, test } from 'vitest';
import { buildWorld, SAMPLE_WORLD_SPEC } from '../../../../mock-qb/engine/world-spec.js';
import { parseGateOrder, GATE_CHECKS } from '../../../../mock-qb/engine/gate-order.js';

test('the sample world is one Pro 2014 machine with Acme Supplies open multi-user as Admin', () => {
  const world = buildWorld(SAMPLE_WORLD_SPEC, { seed: 1 });
  const s = world.host('office-pc').state();
  expect(s).toMatchObject({
    id: 'OFFICE-PC',
    process: 'running',
    openMode: 'multi-user',
    loggedInUser: 'Admin',
    timeZone: 'America/New_York',
  });
  expect(s.product).toMatchObject({ productName: 'QuickBooks Pro 2014', majorVersion: 24 });
  expect(s.product.qbxmlVersions.at(-1)).toBe('13.0');
  expect(s.files[0]!.users!.map((u) => u.name)).toEqual(['Admin', 'Bookkeeper']);
  world.close();
});

test('an invalid world names the field that is wrong', () => {
  expect(() => buildWorld({ hosts: [{ id: 'BAD NAME', companyFiles: [] }] })).toThrow(/hosts\.0\.id/);
  expect(() => buildWorld({ hosts: [{ id: 'PC', product: 'quickbooks-2099' }] })).toThrow(/hosts\.0\.product/);
  expect(() => buildWorld({ hosts: [] })).toThrow(/hosts/);
  expect(() => buildWorld({ hosts: [{ id: 'PC', timeZone: 'Mars/Olympus' }] })).toThrow(/time zone/);
});

test('reset returns the world to how it was built', () => {
  const world = buildWorld(SAMPLE_WORLD_SPEC, { seed: 1 });
  const host = world.host();
  host.switchMode('single-user');
  host.addUser({ name: 'Clerk' });
  world.reset();
  expect(host.openMode).toBe('multi-user');
  expect(host.state().files[0]!.users!.map((u) => u.name)).toEqual(['Admin', 'Bookkeeper']);
  world.close();
});

test('a gate order must be a permutation of the checks', () => {
  expect(parseGateOrder([...GATE_CHECKS].reverse())).toHaveLength(GATE_CHECKS.length);
  expect(() => parseGateOrder(['process'])).toThrow(/missing/);
  expect(() => parseGateOrder([...GATE_CHECKS, 'process'])).toThrow(/twice/);
  expect(() => parseGateOrder([...GATE_CHECKS.slice(1), 'nonsense'])).toThrow(/unknown/);
});
