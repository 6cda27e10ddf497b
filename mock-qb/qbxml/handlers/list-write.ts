import { QbxmlStatusError } from '../qbxml-status-error.js';
import { ListRecords, type ListRow } from '../records/list-records.js';
import { writeRetDoc } from '../ret-doc.js';
import type { RqContext } from '../rq-context.js';
import { childText, type XmlElement } from '../xml-element.js';

/** 3100 when another record of the same name space already uses the name (case-insensitively). */
export function checkNameFree(ctx: RqContext, nameClass: string, fullName: string, exceptListId?: string): void {
  const taken = ListRecords.of(ctx.store).getByClassName(nameClass, fullName);
  if (taken && taken.listId !== exceptListId) throw QbxmlStatusError.of('nameInUse', { name: fullName });
}

/**
 * The record a Mod names, checked the way QuickBooks checks it: it must exist (3120), its
 * EditSequence must be the current one (3200), and no other user may have it open (3170).
 */
export function requireEditable(
  ctx: RqContext,
  mod: XmlElement,
  kinds: readonly string[],
  objectDescription: string,
): ListRow {
  const listId = childText(mod, 'ListID')!.trim();
  const row = ListRecords.of(ctx.store).getById(listId);
  if (!row || !kinds.includes(row.kind)) throw QbxmlStatusError.of('objectNotFound', { id: listId });
  const editSequence = childText(mod, 'EditSequence') ?? '';
  if (editSequence !== row.editSequence) throw QbxmlStatusError.of('staleEditSequence', { editSequence });
  if (ctx.host.recordLock(ctx.session.filePath, row.listId)) {
    throw QbxmlStatusError.of('listLocked', { objectDescription, name: row.fullName });
  }
  return row;
}

/** Writes one record's Ret (an Add/Mod answer), trimmed by IncludeRetElement. */
export function writeOne(_ctx: RqContext, row: ListRow, retName: string, include?: ReadonlySet<string>): string[] {
  const out: string[] = [];
  writeRetDoc(retName, row.doc, out, include);
  return out;
}
