import { runListQuery } from '../list-query.js';
import type { RqHandler } from '../rq-context.js';
import { child } from '../xml-element.js';
import { includeRetElements } from './include-ret-element.js';
import { addListRecord, modListRecord, type ListWriteSpec } from './list-record-write.js';
import { writeOne } from './list-write.js';

/** Classes: a hierarchical list (`Parent:Child`, Sublevel) with no other fields. */
const CLASS: ListWriteSpec = { kind: 'Class', parentKinds: ['Class'], objectType: 'Class', refKinds: {} };

const classAdd: RqHandler = (ctx) => {
  const row = addListRecord(ctx, child(ctx.rq, 'ClassAdd')!, CLASS);
  return { body: writeOne(ctx, row, 'ClassRet', includeRetElements(ctx.rq)) };
};

const classMod: RqHandler = (ctx) => {
  const row = modListRecord(ctx, child(ctx.rq, 'ClassMod')!, CLASS);
  return { body: writeOne(ctx, row, 'ClassRet', includeRetElements(ctx.rq)) };
};

/** ClassQuery: the list filters; no iterator (facts §6.5). */
const classQuery: RqHandler = (ctx) =>
  runListQuery(ctx, { kinds: ['Class'], retName: () => 'ClassRet', iterators: false });

/** ClassAdd, ClassMod, ClassQuery. */
export const CLASS_HANDLERS: Readonly<Record<string, RqHandler>> = {
  ClassAddRq: classAdd,
  ClassModRq: classMod,
  ClassQueryRq: classQuery,
};
