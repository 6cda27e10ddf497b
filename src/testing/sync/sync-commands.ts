import fc from 'fast-check';
import { ArmFaultCommand } from './commands/arm-fault-command.js';
import { ArmLostAnswerCommand, SYNC_WRITE_TYPES } from './commands/arm-lost-answer-command.js';
import { CloudCreateBillCommand } from './commands/cloud-create-bill-command.js';
import { CloudCreatePaymentCommand } from './commands/cloud-create-payment-command.js';
import { CloudCreateVendorCommand } from './commands/cloud-create-vendor-command.js';
import { CloudEditVendorCommand } from './commands/cloud-edit-vendor-command.js';
import { DismissDialogsCommand } from './commands/dismiss-dialogs-command.js';
import { QbAddVendorCommand } from './commands/qb-add-vendor-command.js';
import { QbEditVendorCommand } from './commands/qb-edit-vendor-command.js';
import { RestartConnectorCommand } from './commands/restart-connector-command.js';
import { SyncNowCommand } from './commands/sync-now-command.js';
import { SyncRaceCommand } from './commands/sync-race-command.js';
import type { SyncCommand } from './sync-command.js';
import type { FaultSpec } from '../../../mock-qb/index.js';

/** Faults that hit the connector's writes: lost answers, crashes, windows, locks, a person's edit first. */
export function syncFaultArbitrary(): fc.Arbitrary<FaultSpec> {
  return fc.oneof(
    {
      weight: 4,
      // Lost answers, mostly after QuickBooks committed (the window duplicates come from), on every write type the
      // reference connector makes alike (DataExtAdd: the bill's CloudId; a vendor's rides in its VendorAdd set).
      arbitrary: fc.record({
        kind: fc.constantFrom('commit-then-drop' as const, 'commit-then-drop' as const, 'drop-before-commit' as const),
        match: fc.constantFrom(...SYNC_WRITE_TYPES),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('qb-crash' as const),
        match: fc.constantFrom('BillAdd', 'VendorMod'),
        phase: fc.constantFrom('before' as const, 'after' as const),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('modal-dialog' as const) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constantFrom('record-locked' as const, 'edit-sequence-bumped' as const),
        match: fc.constant('VendorMod'),
      }),
    },
  );
}

/**
 * The commands of the sync properties, weighted so that short runs reach the windows that matter (a write in flight
 * when a fault fires, a vendor edited on both sides); with `race`, also syncs racing a person and the cloud
 * (the property's `fc.scheduler` orders them).
 */
export function syncCommands(opts: { race?: boolean } = {}): fc.Arbitrary<SyncCommand>[] {
  const index = fc.nat({ max: 2 });
  const phone = fc.integer({ min: 200, max: 299 }).map((n) => `555-0${n}`);
  const bill = fc
    .tuple(index, fc.integer({ min: 1, max: 999 }), fc.nat({ max: 20 }))
    .map(([v, a, d]) => new CloudCreateBillCommand(v, `${a}.00`, d));
  const payment = fc
    .tuple(index, fc.constantFrom('1.00', '5.00'), fc.nat({ max: 20 }))
    .map(([b, a, d]) => new CloudCreatePaymentCommand(b, a, d));
  const fault = syncFaultArbitrary().map((f) => new ArmFaultCommand(f));
  // A lost answer aimed at a write the next sync makes (every write type, as often as it is due).
  const lostAnswer = fc
    .tuple(
      fc.constantFrom('commit-then-drop' as const, 'commit-then-drop' as const, 'drop-before-commit' as const),
      fc.nat(11),
    )
    .map(([kind, pick]) => new ArmLostAnswerCommand(kind, pick));
  const sync = fc.constant(0).map(() => new SyncNowCommand());
  const list: fc.Arbitrary<SyncCommand>[] = [
    fc.constant(0).map(() => new CloudCreateVendorCommand()),
    fc.constant(0).map(() => new CloudCreateVendorCommand()),
    bill,
    bill,
    payment,
    payment,
    fc.tuple(index, phone).map(([v, p]) => new CloudEditVendorCommand(v, p)),
    fc.tuple(index, phone).map(([v, p]) => new CloudEditVendorCommand(v, p)),
    index.map((v) => new QbEditVendorCommand(v)),
    index.map((v) => new QbEditVendorCommand(v)),
    fc.constant(0).map(() => new QbAddVendorCommand()),
    sync,
    sync,
    sync,
    fault,
    fault,
    lostAnswer,
    lostAnswer,
    fc.constant(0).map(() => new RestartConnectorCommand()),
    fc.constant(0).map(() => new DismissDialogsCommand()),
  ];
  if (opts.race) list.push(fc.tuple(index, phone).map(([v, p]) => new SyncRaceCommand(v, p)));
  return list;
}
