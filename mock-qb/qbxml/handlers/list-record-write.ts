import { listKind } from '../list-kinds.js';
import { adjustListBalance, totalBalanceCents } from '../list-balance.js';
import { orderDocDeep } from '../order-doc-deep.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { refDoc } from '../ref-resolver.js';
import { ListRecords, type ListRow } from '../records/list-records.js';
import { mergeDoc, requestToDoc } from '../request-to-doc.js';
import type { RetDoc } from '../ret-doc.js';
import type { RqContext } from '../rq-context.js';
import { child, childText, type XmlElement } from '../xml-element.js';
import { checkNameFree, requireEditable } from './list-write.js';

/** How the Add and Mod of one list kind turn request fields into a stored record. */
export interface ListWriteSpec {
  /** The record kind (`Account`, `Customer`, `ItemService`); its names come from LIST_KINDS. */
  kind: string;
  /** Kinds a `ParentRef` may name (hierarchical lists: `Parent:Child` full names, `Sublevel`); absent for flat lists. */
  parentKinds?: readonly string[];
  /** What is being saved, for the 3140 text ("… in the Customer."). */
  objectType: string;
  /** Record kinds each `…Ref` may point at. */
  refKinds: Readonly<Record<string, readonly string[]>>;
  /** Request fields that are not stored as Ret fields (handled by the caller, or not simulated). */
  skip?: readonly string[];
  /** Request field → Ret field (`SalesOrPurchaseMod` → `SalesOrPurchase`). */
  rename?: Readonly<Record<string, string>>;
}

/** Where a record sits in its list: its full name, parent and level. */
interface Placement {
  parent: ListRow | null;
  fullName: string;
  sublevel: number;
}

function sublevelOf(row: ListRow): number {
  return Number(row.doc['Sublevel'] ?? 0);
}

function place(parent: ListRow | null, name: string): Placement {
  return parent
    ? { parent, fullName: `${parent.fullName}:${name}`, sublevel: sublevelOf(parent) + 1 }
    : { parent: null, fullName: name, sublevel: 0 };
}

/**
 * The parent a request's `ParentRef` names: undefined when the request has no ParentRef, null when it is empty (top
 * level), else the record. A miss answers 3130 with QuickBooks' text ("There is an invalid reference to a parent
 * "X" in the Customers list. …"), naming the ListID or FullName sent.
 */
function requestedParent(ctx: RqContext, el: XmlElement, spec: ListWriteSpec): ListRow | null | undefined {
  const ref = child(el, 'ParentRef');
  if (!ref || !spec.parentKinds) return undefined;
  const listId = childText(ref, 'ListID')?.trim();
  const fullName = childText(ref, 'FullName');
  if (!listId && !fullName) return null;
  const records = ListRecords.of(ctx.store);
  let row: ListRow | undefined;
  if (listId) {
    row = records.getById(listId);
    if (row && !spec.parentKinds.includes(row.kind)) row = undefined;
  } else {
    row = spec.parentKinds.map((k) => records.getByFullName(k, fullName!)).find(Boolean);
  }
  if (!row) {
    throw QbxmlStatusError.of('invalidParent', { name: listId || fullName || '', list: listKind(spec.kind).listName });
  }
  return row;
}

function convertOptions(ctx: RqContext, spec: ListWriteSpec, skip: readonly string[]) {
  return {
    store: ctx.store,
    refKinds: spec.refKinds,
    objectType: spec.objectType,
    skip: new Set(['ParentRef', ...skip, ...(spec.skip ?? [])]),
    ...(spec.rename ? { rename: spec.rename } : {}),
  };
}

/** Name, FullName, ParentRef and Sublevel of a placed record (FullName etc. only for hierarchical lists). */
function placementFields(spec: ListWriteSpec, name: string, at: Placement): RetDoc {
  if (!spec.parentKinds) return { Name: name };
  return {
    Name: name,
    FullName: at.fullName,
    ...(at.parent ? { ParentRef: refDoc(at.parent) } : {}),
    Sublevel: String(at.sublevel),
  };
}

/**
 * A list Add the way QuickBooks checks it: the parent (3130), the name within its name space (3100), then the
 * references (3140). `complete` adds the fields QuickBooks computes (balances, defaults) before the doc is put in
 * schema order. A sub-record's opening balance is added to its ancestors' TotalBalance.
 */
export function addListRecord(
  ctx: RqContext,
  add: XmlElement,
  spec: ListWriteSpec,
  complete: (doc: RetDoc) => RetDoc = (d) => d,
): ListRow {
  const kind = listKind(spec.kind);
  const name = childText(add, 'Name')!;
  const at = place(requestedParent(ctx, add, spec) ?? null, name);
  checkNameFree(ctx, kind.nameClass, at.fullName);
  const fields = requestToDoc(add, convertOptions(ctx, spec, []));
  const doc = complete({ IsActive: 'true', ...fields, ...placementFields(spec, name, at) });
  const row = ListRecords.of(ctx.store).insert({
    kind: spec.kind,
    nameClass: kind.nameClass,
    name,
    fullName: at.fullName,
    parentId: at.parent?.listId ?? null,
    isActive: doc['IsActive'] !== 'false',
    now: ctx.now,
    timeZone: ctx.host.timeZone,
    build: () => orderDocDeep(doc, ctx.schema, kind.retName),
  });
  const total = totalBalanceCents(row.doc);
  if (at.parent && total) {
    adjustListBalance(ctx.store, at.parent.listId, total, {
      now: ctx.now,
      timeZone: ctx.host.timeZone,
      ownBalance: false,
    });
  }
  return row;
}

/**
 * A list Mod the way QuickBooks checks it: the record (3120), its EditSequence (3200), another user's lock (3170),
 * the new parent (3130; a record cannot move below itself), the new name (3100), the references (3140). Fields sent
 * replace the stored ones (aggregates merged field by field); `complete` adjusts the merged doc. A rename or move
 * renames the sub-records' full names (without touching their TimeModified: QuickBooks stores the parent link, not
 * the full name) and moves the record's TotalBalance between its old and new ancestors.
 */
export function modListRecord(
  ctx: RqContext,
  mod: XmlElement,
  spec: ListWriteSpec,
  complete: (doc: RetDoc, row: ListRow) => RetDoc = (d) => d,
): ListRow {
  const kind = listKind(spec.kind);
  const records = ListRecords.of(ctx.store);
  const row = requireEditable(ctx, mod, [spec.kind], kind.objectDescription);
  const name = childText(mod, 'Name') ?? row.name;
  const requested = requestedParent(ctx, mod, spec);
  if (requested && isSelfOrBelow(records, requested, row.listId)) {
    throw QbxmlStatusError.of('invalidParent', { name: requested.fullName, list: kind.listName });
  }
  const parent = requested === undefined ? (row.parentId ? (records.getById(row.parentId) ?? null) : null) : requested;
  const at = place(parent, name);
  if (at.fullName !== row.fullName) checkNameFree(ctx, kind.nameClass, at.fullName, row.listId);
  const patch = requestToDoc(mod, convertOptions(ctx, spec, ['ListID', 'EditSequence']));
  const merged: RetDoc = { ...mergeDoc(row.doc, patch), ...placementFields(spec, name, at) };
  if (spec.parentKinds && !at.parent) delete merged['ParentRef'];
  const doc = orderDocDeep(complete(merged, row), ctx.schema, kind.retName);
  const opts = { now: ctx.now, timeZone: ctx.host.timeZone };
  const saved = records.save(
    {
      ...row,
      name,
      fullName: at.fullName,
      parentId: at.parent?.listId ?? null,
      isActive: doc['IsActive'] !== 'false',
      doc,
    },
    opts,
  );
  if (saved.fullName !== row.fullName || sublevelOf(saved) !== sublevelOf(row))
    refreshDescendants(records, saved, opts);
  const total = totalBalanceCents(saved.doc);
  if (saved.parentId !== row.parentId && total) {
    if (row.parentId) adjustListBalance(ctx.store, row.parentId, -total, { ...opts, ownBalance: false });
    if (saved.parentId) adjustListBalance(ctx.store, saved.parentId, total, { ...opts, ownBalance: false });
  }
  return saved;
}

function isSelfOrBelow(records: ListRecords, candidate: ListRow, listId: string): boolean {
  const seen = new Set<string>();
  for (let r: ListRow | undefined = candidate; r && !seen.has(r.listId);) {
    if (r.listId === listId) return true;
    seen.add(r.listId);
    r = r.parentId ? records.getById(r.parentId) : undefined;
  }
  return false;
}

function refreshDescendants(records: ListRecords, parent: ListRow, opts: { now: number; timeZone: string }): void {
  for (const c of records.childrenOf(parent.listId)) {
    const fullName = `${parent.fullName}:${c.name}`;
    const doc: RetDoc = {
      ...c.doc,
      FullName: fullName,
      ParentRef: refDoc(parent),
      Sublevel: String(sublevelOf(parent) + 1),
    };
    const saved = records.save({ ...c, fullName, doc }, { ...opts, touch: false });
    refreshDescendants(records, saved, opts);
  }
}
