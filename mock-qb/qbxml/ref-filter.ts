import type { CompanyStore } from '../store/company-store.js';
import { ListRecords, type ListRow } from './records/list-records.js';
import type { XmlElement } from './xml-element.js';

/** A list filter on a reference field, resolved: a row test, or the first name/id that does not exist (→ 500). */
export type RefFilter =
  { match: (row: ListRow) => boolean; missing?: undefined } | { match?: undefined; missing: string };

/**
 * A query filter on a reference (`ClassFilter`, `CurrencyFilter`): `ListID*` | `FullName*` | `ListIDWithChildren` |
 * `FullNameWithChildren`, matched against the reference `field` of each row (`ClassRef`). "WithChildren" takes the
 * named record and everything below it. A filter naming a record that does not exist makes the query incomplete
 * (status 500 with that name, as for `FullName+`); `kinds` is empty for lists the simulator does not keep
 * (currencies), where nothing can be found.
 */
export function refFilter(db: CompanyStore, filter: XmlElement, kinds: readonly string[], field: string): RefFilter {
  const records = ListRecords.of(db);
  const ids = new Set<string>();
  const find = (how: 'ListID' | 'FullName', value: string): ListRow | undefined => {
    if (how === 'ListID') {
      const row = records.getById(value);
      return row && kinds.includes(row.kind) ? row : undefined;
    }
    return kinds.map((k) => records.getByFullName(k, value)).find(Boolean);
  };
  const addTree = (row: ListRow): void => {
    ids.add(row.listId);
    for (const c of records.childrenOf(row.listId)) addTree(c);
  };
  for (const el of filter.children) {
    const withChildren = el.name.endsWith('WithChildren');
    const how = el.name.startsWith('ListID') ? 'ListID' : 'FullName';
    const value = how === 'ListID' ? el.text.trim() : el.text;
    const row = find(how, value);
    if (!row) return { missing: value };
    if (withChildren) addTree(row);
    else ids.add(row.listId);
  }
  return {
    match: (row) => {
      const ref = row.doc[field];
      return typeof ref === 'object' && !Array.isArray(ref) && ids.has(String(ref['ListID']));
    },
  };
}
