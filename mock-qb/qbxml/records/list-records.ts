import type { CompanyStore } from '../../store/company-store.js';
import { listNameKey, type ListRecordFilter, type ListRecordRow, type ListTable } from '../../store/list-table.js';
import type { RetDoc } from '../ret-doc.js';
import { editSequenceAt, idFactory } from './id-factory.js';
import { stampAt, touchedCopy } from './record-stamp.js';

/** A list record (vendor, account, terms, item, …) as stored; `doc` is the whole Ret in schema order. */
export type ListRow = ListRecordRow;

/** Which records a list query returns (all optional; the query's own filter group). */
export type ListFilter = ListRecordFilter;

/** Upper-cases a name for comparison, as QuickBooks compares list names case-insensitively. */
export const nameKey = listNameKey;

const cache = new WeakMap<ListTable, ListRecords>();

/**
 * The list records of one company with QuickBooks' semantics on top of the store's table: insert with QuickBooks
 * ids and times, save with TimeModified/EditSequence moved, delete into the deleted records. Look-ups by ListID or
 * FullName are the store's (indexed, so the cost does not grow with the company). Callers run inside the request's
 * transaction.
 */
export class ListRecords {
  readonly #store: CompanyStore;
  readonly #table: ListTable;

  private constructor(store: CompanyStore) {
    this.#store = store;
    this.#table = store.lists;
  }

  /** The records of a company (one instance per database handle). */
  static of(store: CompanyStore): ListRecords {
    const table = store.lists;
    let r = cache.get(table);
    if (!r) {
      r = new ListRecords(store);
      cache.set(table, r);
    }
    return r;
  }

  getById(listId: string): ListRow | undefined {
    return this.#table.getById(listId);
  }

  getByFullName(kind: string, fullName: string): ListRow | undefined {
    return this.#table.getByFullName(kind, fullName);
  }

  /** The record using a name within a uniqueness class (e.g. the name lists Customer/Vendor/Employee/OtherName). */
  getByClassName(nameClass: string, fullName: string): ListRow | undefined {
    return this.#table.getByClassName(nameClass, fullName);
  }

  /**
   * Adds a record: makes its ListID, times and EditSequence, and asks `build` for the fields after
   * ListCore (in schema order).
   */
  insert(args: {
    kind: string;
    nameClass: string;
    name: string;
    fullName: string;
    parentId?: string | null;
    isActive: boolean;
    now: number;
    timeZone: string;
    build: (core: { listId: string }) => RetDoc;
    /** A ListID made by the caller (the built-in records of a new company); default: the next list id. */
    listId?: string;
  }): ListRow {
    const listId = args.listId ?? idFactory.listId(this.#store, args.now);
    const stamp = stampAt(args.now, args.timeZone);
    const editSequence = editSequenceAt(args.now);
    const doc: RetDoc = {
      ListID: listId,
      TimeCreated: stamp,
      TimeModified: stamp,
      EditSequence: editSequence,
      ...args.build({ listId }),
    };
    const row: Omit<ListRow, 'seq'> = {
      listId,
      kind: args.kind,
      nameClass: args.nameClass,
      name: args.name,
      fullName: args.fullName,
      parentId: args.parentId ?? null,
      isActive: args.isActive,
      timeCreated: args.now,
      timeModified: args.now,
      editSequence,
      doc,
    };
    return { seq: this.#table.insert(row), ...row };
  }

  /**
   * Saves a changed record: TimeModified and EditSequence move to `now` (unless `touch` is false —
   * e.g. a balance that changes because a bill was entered is not an edit of the vendor).
   */
  save(row: ListRow, opts: { now: number; timeZone: string; touch?: boolean }): ListRow {
    const next = touchedCopy(row, opts);
    this.#table.update(next);
    return next;
  }

  /** Deletes a record and remembers it for ListDeletedQuery. */
  delete(row: ListRow, now: number): void {
    this.#table.delete(row, now);
  }

  hasChildren(listId: string): boolean {
    return this.#table.hasChildren(listId);
  }

  /** The direct children of a record (sub-accounts, jobs, sub-items, sub-classes), in full-name order. */
  childrenOf(listId: string): ListRow[] {
    return this.#table.childrenOf(listId);
  }

  /** Records matching a filter, ordered by full name (the order QuickBooks lists them in). */
  query(f: ListFilter): ListRow[] {
    return this.#table.query(f);
  }

  /** How many records match a filter (for metaData and iterator counts). */
  count(f: ListFilter): number {
    return this.#table.count(f);
  }
}
