/**
 * A record's document as the store keeps it (JSON in the `doc` column): an ordered object whose keys are field names
 * (qbXML element names, in schema order); a value is a leaf's text, a nested aggregate, or a list of repeated ones.
 */
export type StoredValue = string | StoredDoc | StoredValue[];

/** See {@link StoredValue}. */
export interface StoredDoc {
  [field: string]: StoredValue;
}
