// Issue 21 item 4: a record lock lives while its holder has the record open (facts §4.4) — it ends when the
// workstation that holds it closes the file, when the company closes at the machine that holds it, and when
// QuickBooks there stops working. Locks held by others stay.
import { expect, test } from 'vitest';
import { ACME, oneMachineWorld, startMock, type Mock } from './support.js';

const MULTI_USER = {
  running: true,
  open: { path: ACME, mode: 'multi-user' as const, user: 'Admin', password: 'admin' },
};

async function locks(mock: Mock): Promise<Record<string, { machine: string }>> {
  return (await mock.state()).files.find((f) => f.path === ACME)!.recordLocks ?? {};
}

async function lockedWorld(seed: string): Promise<Mock> {
  const mock = await startMock(oneMachineWorld({ seed, ui: MULTI_USER }));
  await mock.control.workstationJoin(mock.ui.host, {
    path: ACME,
    machine: 'FRONT-DESK',
    user: 'Bookkeeper',
    mode: 'multi-user',
  });
  await mock.control.lockRecord(mock.ui.host, { path: ACME, id: '80000001-1415631600', machine: 'FRONT-DESK' });
  await mock.control.lockRecord(mock.ui.host, { path: ACME, id: '80000002-1415631600', machine: mock.ui.host });
  return mock;
}

test('a workstation that closes the file releases the records it had open; the host UI keeps its own', async () => {
  await using mock = await lockedWorld('locks-workstation-leaves');
  await mock.control.workstationLeave(mock.ui.host, { path: ACME, machine: 'FRONT-DESK' });
  expect(Object.keys(await locks(mock))).toEqual(['80000002-1415631600']);
});

test('closing the company at the host releases the records its UI had open; the workstation keeps its own', async () => {
  await using mock = await lockedWorld('locks-company-closes');
  await mock.ui.closeCompany();
  expect(Object.keys(await locks(mock))).toEqual(['80000001-1415631600']);
});

test('QuickBooks crashing at the host releases the records its UI had open', async () => {
  await using mock = await lockedWorld('locks-crash');
  mock.handle.world.host(mock.ui.host).crash();
  expect(Object.keys(await locks(mock))).toEqual(['80000001-1415631600']);
  const released = await mock.control.journal({ host: mock.ui.host, actor: 'host' });
  expect(released.map((e) => e.kind)).toContain('host.locks-released');
});
