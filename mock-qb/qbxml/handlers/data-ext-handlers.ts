import { formatQbDateTime, parseQbDateTime } from '../../../src/protocol/qb-datetime.js';
import { qbxmlStatus } from '../../../src/protocol/qbxml-status.js';
import { QbxmlStatusError } from '../qbxml-status-error.js';
import { DataExtDefs, defKey, type DataExtDefRow, type DataExtType } from '../records/data-ext-defs.js';
import { editSequenceAt } from '../records/id-factory.js';
import { ListRecords, type ListRow } from '../records/list-records.js';
import { formatCents, readBool, readCents } from '../request-values.js';
import { writeRetDoc, type RetDoc } from '../ret-doc.js';
import type { RqContext, RqHandler, RqResult } from '../rq-context.js';
import { child, childrenNamed, childText, type XmlElement } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';

/*
 * Data extensions (facts §6.6; Intuit's DataExtDef and DataExt references): definitions per OwnerID (`0` = public custom
 * field shown in the UI, a GUID = private data only applications that know the GUID see), and values on list
 * records, transactions and the Company. The choices below are fidelity notes in mock-qb/README.md:
 *
 * - Every value needs a definition assigned to the object's type, private data included (Intuit: "A data extension
 *   definition must be created before data can be written"); otherwise 3120 naming the DataExtName.
 * - DataExtAdd of a value that is already set → 3100; DataExtMod / DataExtDel of one that is not → 3120.
 * - DataExtAdd / DataExtMod update the parent record's TimeModified (Intuit) and with it its EditSequence.
 */

/** Record kinds a `ListDataExtType` covers (every item type is an `Item`). */
const ITEM_KINDS = [
  'ItemService',
  'ItemNonInventory',
  'ItemOtherCharge',
  'ItemInventory',
  'ItemInventoryAssembly',
  'ItemFixedAsset',
  'ItemSubtotal',
  'ItemDiscount',
  'ItemPayment',
  'ItemSalesTax',
  'ItemSalesTaxGroup',
  'ItemGroup',
] as const;

const LIST_DATA_EXT_KINDS: Readonly<Record<string, readonly string[]>> = {
  Account: ['Account'],
  Customer: ['Customer'],
  Employee: ['Employee'],
  Item: ITEM_KINDS,
  OtherName: ['OtherName'],
  Vendor: ['Vendor'],
};

/** The objects a public custom field can belong to (Intuit's custom fields table: customers, employees, items, vendors). */
const CUSTOM_FIELD_OBJECTS = new Set(['Customer', 'Employee', 'Item', 'Vendor']);

/** How the 3170 text names a list record ("… when modifying a vendor named …"). */
function objectDescription(kind: string): string {
  if (kind.startsWith('Item')) return 'item';
  return kind === 'OtherName' ? 'other name' : kind.toLowerCase();
}

/** Private data an object may hold, all applications together (Intuit: 4096 bytes per object). */
const PRIVATE_DATA_LIMIT = 4096;

/** The AssignToObject value a stored object belongs to (`ItemService` → `Item`; transactions and `Company` as is). */
function assignTypeOfKind(kind: string): string {
  return kind.startsWith('Item') ? 'Item' : kind;
}

/** `0`, or the GUID upper-cased (QuickBooks returns owners upper-case). */
function ownerOf(el: XmlElement): string {
  return defKey((childText(el, 'OwnerID') ?? '').trim());
}

// ---------------------------------------------------------------------------------------------------- definitions

const dataExtDefAdd: RqHandler = (ctx) => {
  const add = child(ctx.rq, 'DataExtDefAdd')!;
  const ownerId = ownerOf(add);
  const name = childText(add, 'DataExtName')!;
  const type = childText(add, 'DataExtType')!.trim() as DataExtType;
  const assignTo = distinct(childrenNamed(add, 'AssignToObject').map((e) => e.text.trim()));
  if (ownerId === '0') checkCustomField(type, assignTo);
  const defs = DataExtDefs.of(ctx.store);
  if (defs.get(ownerId, name)) throw QbxmlStatusError.of('nameInUse', { name });
  const def = defs.insert({
    ownerId,
    name,
    type,
    assignTo,
    listRequire: readBool(add, 'DataExtListRequire') ?? false,
    txnRequire: readBool(add, 'DataExtTxnRequire') ?? false,
    formatString: childText(add, 'DataExtFormatString') ?? '',
  });
  return { body: writeDef(ctx, def) };
};

const dataExtDefMod: RqHandler = (ctx) => {
  const mod = child(ctx.rq, 'DataExtDefMod')!;
  const defs = DataExtDefs.of(ctx.store);
  const def = requireDef(defs, ownerOf(mod), childText(mod, 'DataExtName')!);
  const next: DataExtDefRow = { ...def, assignTo: [...def.assignTo] };
  const newName = childText(mod, 'DataExtNewName');
  if (newName !== undefined && newName !== def.name) {
    const taken = defs.get(def.ownerId, newName);
    if (taken && taken.id !== def.id) throw QbxmlStatusError.of('nameInUse', { name: newName });
    next.name = newName;
  }
  next.assignTo = distinct([...next.assignTo, ...childrenNamed(mod, 'AssignToObject').map((e) => e.text.trim())]);
  const removed = new Set(childrenNamed(mod, 'RemoveFromObject').map((e) => e.text.trim()));
  next.assignTo = next.assignTo.filter((t) => !removed.has(t));
  if (def.ownerId === '0') checkCustomField(def.type, next.assignTo);
  next.listRequire = readBool(mod, 'DataExtListRequire') ?? next.listRequire;
  next.txnRequire = readBool(mod, 'DataExtTxnRequire') ?? next.txnRequire;
  next.formatString = childText(mod, 'DataExtFormatString') ?? next.formatString;

  // Values follow their definition: renamed with it, gone from the object types it no longer belongs to.
  for (const at of defs.objectsWithValues(def)) {
    const key = { ownerId: def.ownerId, objectType: at.objectType, objectId: at.objectId, name: def.name };
    const value = ctx.store.getDataExt(key);
    if (!value) continue;
    if (!next.assignTo.includes(assignTypeOfKind(at.objectType))) {
      ctx.store.removeDataExt(key);
    } else if (next.name !== def.name) {
      // Another name moves the value to the end; the same name in another casing is replaced in place.
      if (defKey(next.name) !== defKey(def.name)) ctx.store.removeDataExt(key);
      ctx.store.putDataExt({ ...value, name: next.name });
    }
  }
  defs.update(next);
  return { body: writeDef(ctx, next) };
};

const dataExtDefDel: RqHandler = (ctx) => {
  // DataExtDefDel is a group: OwnerID and DataExtName sit directly in the request.
  const defs = DataExtDefs.of(ctx.store);
  const def = requireDef(defs, ownerOf(ctx.rq), childText(ctx.rq, 'DataExtName')!);
  for (const at of defs.objectsWithValues(def)) {
    ctx.store.removeDataExt({ ownerId: def.ownerId, objectType: at.objectType, objectId: at.objectId, name: def.name });
  }
  defs.delete(def);
  const body: string[] = [];
  writeRetDoc(
    'DataExtDefDelRet',
    { OwnerID: def.ownerId, DataExtName: def.name, TimeDeleted: formatQbDateTime(ctx.now, ctx.host.timeZone) },
    body,
  );
  return { body };
};

/**
 * DataExtDefQuery: `OwnerID*` → those owners' definitions (`0` = the custom fields); `AssignToObject*` → the custom
 * fields assigned to those objects; neither → every custom field. A private definition is only returned to a query
 * that names its OwnerID, like private values.
 */
const dataExtDefQuery: RqHandler = (ctx) => {
  const owners = new Set(childrenNamed(ctx.rq, 'OwnerID').map((e) => defKey(e.text.trim())));
  const objects = new Set(childrenNamed(ctx.rq, 'AssignToObject').map((e) => e.text.trim()));
  const defs = DataExtDefs.of(ctx.store)
    .all()
    .filter((d) =>
      owners.size
        ? owners.has(d.ownerId)
        : d.ownerId === '0' && (!objects.size || d.assignTo.some((t) => objects.has(t))),
    );
  const metaData = ctx.rq.attrs['metaData'] ?? 'NoMetaData';
  const result: RqResult = {};
  if (metaData !== 'NoMetaData') result.attrs = [['retCount', String(defs.length)]];
  if (!defs.length) return { ...result, status: qbxmlStatus('noMatch') };
  if (metaData === 'MetaDataOnly') return result;
  const include = defIncludes(ctx);
  const body: string[] = [];
  for (const def of defs) writeRetDoc('DataExtDefRet', defDoc(def), body, include);
  return { ...result, body };
};

function requireDef(defs: ReturnType<typeof DataExtDefs.of>, ownerId: string, name: string): DataExtDefRow {
  const def = defs.get(ownerId, name);
  if (!def) throw QbxmlStatusError.of('objectNotFound', { id: name });
  return def;
}

function checkCustomField(type: DataExtType, assignTo: readonly string[]): void {
  if (type !== 'STR255TYPE')
    throw QbxmlStatusError.of('customFieldDefinitionInvalid', { fieldName: 'DataExtType', value: type });
  const wrong = assignTo.find((t) => !CUSTOM_FIELD_OBJECTS.has(t));
  if (wrong !== undefined || !assignTo.length) {
    throw QbxmlStatusError.of('customFieldDefinitionInvalid', { fieldName: 'AssignToObject', value: wrong ?? '' });
  }
}

function defDoc(def: DataExtDefRow): RetDoc {
  return {
    OwnerID: def.ownerId,
    DataExtID: String(def.id),
    DataExtName: def.name,
    DataExtType: def.type,
    ...(def.assignTo.length ? { AssignToObject: [...def.assignTo] } : {}),
    DataExtListRequire: String(def.listRequire),
    DataExtTxnRequire: String(def.txnRequire),
    DataExtFormatString: def.formatString,
  };
}

/** DataExtDefRet elements the schema requires stay whatever IncludeRetElement names. */
const DEF_REQUIRED = ['DataExtID', 'DataExtListRequire', 'DataExtTxnRequire', 'DataExtFormatString'];

function defIncludes(ctx: RqContext): ReadonlySet<string> | undefined {
  const include = includeRetElements(ctx.rq);
  return include && new Set([...include, ...DEF_REQUIRED]);
}

function writeDef(ctx: RqContext, def: DataExtDefRow): string[] {
  const body: string[] = [];
  writeRetDoc('DataExtDefRet', defDoc(def), body, defIncludes(ctx));
  return body;
}

// ---------------------------------------------------------------------------------------------------- values

/** The object a DataExtAdd/Mod/Del names: a list record, a transaction, or the Company. */
interface DataExtTarget {
  /** How the store keys the object: the record's kind (`Vendor`, `ItemService`, `Bill`) or `Company`. */
  objectType: string;
  /** ListID / TxnID; `''` for the Company. */
  objectId: string;
  /** The AssignToObject value the definition must carry. */
  assignType: string;
  /** The request's object choice as DataExtDelRet writes it back. */
  choice: RetDoc;
  /** 3170/3175 when another user has the record open. */
  requireUnlocked(): void;
  /** Moves the record's TimeModified and EditSequence to now. */
  touch(): void;
}

function resolveTarget(ctx: RqContext, el: XmlElement): DataExtTarget {
  const listType = childText(el, 'ListDataExtType')?.trim();
  if (listType !== undefined) return listTarget(ctx, listType, child(el, 'ListObjRef')!);
  const txnType = childText(el, 'TxnDataExtType')?.trim();
  if (txnType !== undefined) return txnTarget(ctx, txnType, el);
  return {
    objectType: 'Company',
    objectId: '',
    assignType: 'Company',
    choice: { OtherDataExtType: 'Company' },
    requireUnlocked: () => undefined,
    touch: () => undefined,
  };
}

function listTarget(ctx: RqContext, listType: string, ref: XmlElement): DataExtTarget {
  const kinds = LIST_DATA_EXT_KINDS[listType] ?? [];
  const records = ListRecords.of(ctx.store);
  const listId = childText(ref, 'ListID')?.trim();
  const fullName = childText(ref, 'FullName');
  let row: ListRow | undefined;
  if (listId) {
    row = records.getById(listId);
    if (row && !kinds.includes(row.kind)) row = undefined;
  } else if (fullName !== undefined) {
    for (const kind of kinds) {
      row = records.getByFullName(kind, fullName);
      if (row) break;
    }
  }
  if (!row) throw QbxmlStatusError.of('objectNotFound', { id: listId || fullName || '' });
  const found = row;
  return {
    objectType: found.kind,
    objectId: found.listId,
    assignType: listType,
    choice: { ListDataExtType: listType, ListObjRef: { ListID: found.listId, FullName: found.fullName } },
    requireUnlocked: () => {
      if (ctx.host.recordLock(ctx.session.filePath, found.listId)) {
        throw QbxmlStatusError.of('listLocked', {
          objectDescription: objectDescription(found.kind),
          name: found.fullName,
        });
      }
    },
    touch: () => void records.save(found, { now: ctx.now, timeZone: ctx.host.timeZone }),
  };
}

function txnTarget(ctx: RqContext, txnType: string, el: XmlElement): DataExtTarget {
  const txnEl = child(el, 'TxnID')!;
  // Not simulated: macros (TxnID useMacro) and values on transaction lines. Answered as such, never a silent OK.
  if (txnEl.attrs['useMacro'] !== undefined) throw unsupported(ctx, 'TxnID useMacro');
  if (child(el, 'TxnLineID')) throw unsupported(ctx, 'TxnLineID');
  const txnId = txnEl.text.trim();
  const txns = ctx.store.txns;
  const found = txns.getById(txnId);
  if (!found || found.kind !== txnType) throw QbxmlStatusError.of('objectNotFound', { id: txnId });
  const row = { txn_id: found.txnId, kind: found.kind };
  return {
    objectType: row.kind,
    objectId: row.txn_id,
    assignType: txnType,
    choice: { TxnDataExtType: txnType, TxnID: row.txn_id },
    requireUnlocked: () => {
      if (ctx.host.recordLock(ctx.session.filePath, row.txn_id))
        throw QbxmlStatusError.of('txnLocked', { txnId: row.txn_id });
    },
    touch: () => {
      txns.touch(row.txn_id, ctx.now, editSequenceAt(ctx.now), formatQbDateTime(ctx.now, ctx.host.timeZone));
    },
  };
}

function unsupported(ctx: RqContext, what: string): QbxmlStatusError {
  ctx.host.log(
    'qbxml',
    'qbxml.unsupported',
    `${ctx.rq.name} with ${what} is not simulated by qbd-sim; answered status 1030`,
    {
      request: ctx.rq.name,
      field: what,
    },
  );
  return QbxmlStatusError.of('notSupported');
}

/** The definition a value needs: same owner and name, assigned to the object's type; else 3120 for the name. */
function defFor(ctx: RqContext, ownerId: string, name: string, target: DataExtTarget): DataExtDefRow {
  const def = DataExtDefs.of(ctx.store).get(ownerId, name);
  if (!def || !def.assignTo.includes(target.assignType)) throw QbxmlStatusError.of('objectNotFound', { id: name });
  return def;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const INT32 = /^[+-]?\d+$/;

/** The value as QuickBooks keeps it, checked against the definition's type (amounts in cents: `12.5` → `12.50`). */
function checkValue(ctx: RqContext, el: XmlElement, def: DataExtDefRow): string {
  const raw = childText(el, 'DataExtValue') ?? '';
  const value = def.type.startsWith('STR') ? raw : raw.trim();
  if (value.trim() === '') throw QbxmlStatusError.of('dataExtValueBlank');
  const invalid = () => QbxmlStatusError.of('dataExtValueInvalid', { value: raw, dataExtType: def.type });
  switch (def.type) {
    case 'STR255TYPE':
    case 'STR1024TYPE':
      if ([...value].length > (def.type === 'STR255TYPE' ? 255 : 1024)) throw invalid();
      return value;
    case 'INTTYPE': {
      const n = Number(value);
      if (!INT32.test(value) || n < -2147483648 || n > 2147483647) throw invalid();
      return String(n);
    }
    case 'AMTTYPE':
      if (!DECIMAL.test(value)) throw invalid();
      return formatCents(readCents(el, 'DataExtValue')!);
    case 'PRICETYPE':
    case 'PERCENTTYPE':
    case 'QUANTYPE':
      if (!DECIMAL.test(value)) throw invalid();
      return value;
    case 'DATETIMETYPE':
      if (parseQbDateTime(value, ctx.host.timeZone) === undefined) throw invalid();
      return value;
  }
}

/** Private data of all applications on one object stays within 4096 bytes (values, UTF-8). */
function checkRoom(ctx: RqContext, target: DataExtTarget, def: DataExtDefRow, value: string): void {
  if (def.ownerId === '0') return;
  const others = ctx.store
    .listDataExts({ objectType: target.objectType, objectId: target.objectId })
    .filter((d) => d.ownerId !== '0' && !(d.ownerId === def.ownerId && defKey(d.name) === defKey(def.name)));
  const bytes = others.reduce((n, d) => n + Buffer.byteLength(d.value, 'utf8'), Buffer.byteLength(value, 'utf8'));
  if (bytes > PRIVATE_DATA_LIMIT) throw QbxmlStatusError.of('dataExtPrivateDataFull', { value });
}

function dataExtRet(def: DataExtDefRow, value: string): string[] {
  const body: string[] = [];
  // A real DataExtModRs writes <OwnerID>0</OwnerID> for custom fields too (consolibyte capture).
  writeRetDoc(
    'DataExtRet',
    { OwnerID: def.ownerId, DataExtName: def.name, DataExtType: def.type, DataExtValue: value },
    body,
  );
  return body;
}

function writeValue(ctx: RqContext, el: XmlElement, mode: 'add' | 'mod'): RqResult {
  const ownerId = ownerOf(el);
  const name = childText(el, 'DataExtName')!;
  const target = resolveTarget(ctx, el);
  const def = defFor(ctx, ownerId, name, target);
  const value = checkValue(ctx, el, def);
  const key = { ownerId: def.ownerId, objectType: target.objectType, objectId: target.objectId, name: def.name };
  const existing = ctx.store.getDataExt(key);
  if (mode === 'add' && existing) throw QbxmlStatusError.of('nameInUse', { name: def.name });
  if (mode === 'mod' && !existing) throw QbxmlStatusError.of('objectNotFound', { id: def.name });
  target.requireUnlocked();
  checkRoom(ctx, target, def, value);
  ctx.store.putDataExt({ ...key, type: def.type, value });
  target.touch();
  return { body: dataExtRet(def, value) };
}

const dataExtAdd: RqHandler = (ctx) => writeValue(ctx, child(ctx.rq, 'DataExtAdd')!, 'add');

const dataExtMod: RqHandler = (ctx) => writeValue(ctx, child(ctx.rq, 'DataExtMod')!, 'mod');

const dataExtDel: RqHandler = (ctx) => {
  const del = child(ctx.rq, 'DataExtDel')!;
  const ownerId = ownerOf(del);
  const name = childText(del, 'DataExtName')!;
  const target = resolveTarget(ctx, del);
  const def = defFor(ctx, ownerId, name, target);
  const key = { ownerId: def.ownerId, objectType: target.objectType, objectId: target.objectId, name: def.name };
  if (!ctx.store.getDataExt(key)) throw QbxmlStatusError.of('objectNotFound', { id: def.name });
  target.requireUnlocked();
  ctx.store.removeDataExt(key);
  const body: string[] = [];
  writeRetDoc(
    'DataExtDelRet',
    {
      OwnerID: def.ownerId,
      DataExtName: def.name,
      ...target.choice,
      TimeDeleted: formatQbDateTime(ctx.now, ctx.host.timeZone),
    },
    body,
  );
  return { body };
};

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** DataExtDefAdd/Mod/Del/Query and DataExtAdd/Mod/Del. */
export const DATA_EXT_HANDLERS: Readonly<Record<string, RqHandler>> = {
  DataExtDefAddRq: dataExtDefAdd,
  DataExtDefModRq: dataExtDefMod,
  DataExtDefDelRq: dataExtDefDel,
  DataExtDefQueryRq: dataExtDefQuery,
  DataExtAddRq: dataExtAdd,
  DataExtModRq: dataExtMod,
  DataExtDelRq: dataExtDel,
};
