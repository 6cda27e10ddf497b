import { childrenNamed, type XmlElement } from '../xml-element.js';

/** The `IncludeRetElement` names of a request as a set, or undefined when it names none (all fields). */
export function includeRetElements(rq: XmlElement): ReadonlySet<string> | undefined {
  const names = childrenNamed(rq, 'IncludeRetElement').map((e) => e.text);
  return names.length ? new Set(names) : undefined;
}

/** The `OwnerID` values of a request (DataExtRet wanted for these owners), upper-cased. */
export function ownerIds(rq: XmlElement): string[] {
  return childrenNamed(rq, 'OwnerID').map((e) => e.text.trim().toUpperCase());
}
