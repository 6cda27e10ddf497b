import type { QbRecord, SyncObservation } from './sync-observation.js';

/** A broken sync invariant: which one, and what was seen. */
export class SyncInvariantError extends Error {
  override readonly name = 'SyncInvariantError';
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super(`sync invariant "${invariant}" broken: ${detail}`);
  }
}

function duplicates(records: readonly QbRecord[], key: (r: QbRecord) => string | undefined): string[] {
  const seen = new Map<string, number>();
  for (const r of records) {
    const k = key(r);
    if (k) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([k, n]) => `${k} ×${n}`);
}

/**
 * In every reachable state: at most one QuickBooks vendor, bill and bill payment per cloud id — by the connector's
 * ExternalGUID and by its `CloudId` data extension. A write whose outcome was unknown (a lost answer, a crash) was
 * applied zero or one times.
 */
export function checkNoDuplicates(o: SyncObservation): void {
  for (const [kind, list] of Object.entries(o.qb)) {
    const byGuid = duplicates(list, (r) => r.externalGuid);
    const byCloudId = duplicates(list, (r) => r.cloudId);
    if (byGuid.length || byCloudId.length)
      throw new SyncInvariantError(
        'no duplicate per cloud id',
        `${kind} in QuickBooks: ${[...byGuid.map((d) => `ExternalGUID ${d}`), ...byCloudId.map((d) => `CloudId ${d}`)].join(', ')}`,
      );
  }
}

/** EditSequence only moves forward: `seen` keeps the highest seen per record id (updated here). */
export function checkEditSequencesForward(o: SyncObservation, seen: Map<string, number>): void {
  for (const r of [...o.qb.vendors, ...o.qb.bills, ...o.qb.payments]) {
    const now = Number(r.editSequence);
    const before = seen.get(r.id);
    if (before !== undefined && now < before)
      throw new SyncInvariantError('EditSequence only moves forward', `${r.id}: ${before} → ${r.editSequence}`);
    seen.set(r.id, Math.max(now, before ?? now));
  }
}

/** An edit a person made in QuickBooks that the cloud has not seen yet. */
export interface PendingUiEdit {
  id: string;
  field: string;
  value: string;
  editSequence: string;
}

/**
 * An edit made in QuickBooks is never silently overwritten: until the cloud has seen it (its vendor's QuickBooks
 * EditSequence, from an upload or a conflict report, is at least the edit's), QuickBooks keeps the person's value.
 * `pending` is updated: edits the cloud has now seen leave it.
 */
export function checkUiEditsKept(o: SyncObservation, pending: Map<string, PendingUiEdit>): void {
  for (const [id, edit] of pending) {
    const v = o.qb.vendors.find((x) => x.id === id);
    if (v && edit.field === 'Phone' && v.phone !== edit.value)
      throw new SyncInvariantError(
        'an edit in QuickBooks is never silently overwritten',
        `vendor ${id}: the person's Phone "${edit.value}" (EditSequence ${edit.editSequence}) became "${v.phone ?? ''}" before the cloud saw it`,
      );
  }
  for (const [id, edit] of [...pending]) {
    const cloudVendor = o.cloud.vendors.find((v) => v.qbListId === id);
    const uploaded = o.cloud.qb.vendors.find((v) => v.listId === id);
    const seen = Math.max(Number(cloudVendor?.qbEditSequence ?? 0), Number(uploaded?.editSequence ?? 0));
    if (seen >= Number(edit.editSequence)) pending.delete(id);
  }
}

/**
 * After faults stop and syncs ran to quiet: every approved cloud bill is in QuickBooks exactly once and the cloud
 * knows it (entered, with that TxnID); every cloud vendor exactly once, linked; every payment of an entered bill
 * recorded once; and what the cloud last received from QuickBooks is QuickBooks' current vendors — every one, also
 * those a person added in QuickBooks (whatever the iterator page size).
 */
export function checkQuietAgreement(o: SyncObservation): void {
  const fail = (detail: string) => {
    throw new SyncInvariantError('after quiet, both sides agree', detail);
  };
  for (const b of o.cloud.bills) {
    if (b.approved === false) continue;
    const inQb = o.qb.bills.filter((x) => x.cloudId === b.cloudId);
    if (inQb.length !== 1) fail(`cloud bill ${b.cloudId} is in QuickBooks ${inQb.length} times`);
    if (b.status !== 'entered' || b.qbTxnId !== inQb[0]!.id)
      fail(
        `cloud bill ${b.cloudId}: ${b.status} ${b.qbTxnId ?? '-'}, QuickBooks has ${inQb[0]!.id}${b.error ? ` (${b.error})` : ''}`,
      );
  }
  for (const v of o.cloud.vendors) {
    const inQb = o.qb.vendors.filter((x) => x.cloudId === v.cloudId);
    if (inQb.length !== 1) fail(`cloud vendor ${v.cloudId} is in QuickBooks ${inQb.length} times`);
    if (v.qbListId !== inQb[0]!.id)
      fail(`cloud vendor ${v.cloudId} links ${v.qbListId ?? '-'}, QuickBooks has ${inQb[0]!.id}`);
    // A reported conflict (QuickBooks' version stands, a person decides) is a legitimate resting state.
    if (v.pending && !v.conflict) fail(`cloud vendor ${v.cloudId} still pending`);
  }
  for (const p of o.cloud.payments) {
    const inQb = o.qb.payments.filter((x) => x.cloudId === p.cloudId);
    if (inQb.length > 1 || (p.status === 'recorded' && inQb.length !== 1))
      fail(`cloud payment ${p.cloudId} (${p.status}) is in QuickBooks ${inQb.length} times`);
  }
  for (const v of o.qb.vendors) {
    const up = o.cloud.qb.vendors.find((x) => x.listId === v.id);
    if (!up || up.editSequence !== v.editSequence)
      fail(
        `vendor ${v.id}: QuickBooks EditSequence ${v.editSequence}, the cloud last received ${up?.editSequence ?? 'nothing'}`,
      );
  }
}

/**
 * Replaying an exchange changes nothing: at quiet, one more sync (the same exchange again, nothing new on either side)
 * leaves QuickBooks — every record, EditSequence included, so no needless write — and the cloud's records as they were.
 */
export function checkSyncRepeatable(before: SyncObservation, after: SyncObservation): void {
  const view = (o: SyncObservation) =>
    JSON.stringify({ qb: o.qb, vendors: o.cloud.vendors, bills: o.cloud.bills, payments: o.cloud.payments });
  const a = view(before);
  const b = view(after);
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  throw new SyncInvariantError(
    'a sync repeated at quiet changes nothing',
    `first change at: …${a.slice(Math.max(0, i - 80), i + 80)}… → …${b.slice(Math.max(0, i - 80), i + 80)}…`,
  );
}
