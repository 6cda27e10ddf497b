/**
 * qbXML status codes with QuickBooks' severity and message templates, in one table (facts §6.3,
 * §10.2). `{name}` marks a variable; `real: true` means the text is from real QuickBooks captures,
 * otherwise it is Intuit's documented template or our best reading (mock-qb/README.md lists which).
 * In XML the quotes are written `&quot;`; spacing (two spaces before "QuickBooks error message:",
 * the trailing space of 3200) is exact.
 */
export const QBXML_STATUSES = {
  ok: { code: 0, severity: 'Info', text: 'Status OK', real: true },
  noMatch: {
    code: 1,
    severity: 'Info',
    text: 'A query request did not find a matching object in QuickBooks',
    real: true,
  },
  queryIncomplete: {
    code: 500,
    severity: 'Warn',
    text: 'The query request has not been fully completed. There was a required element ("{value}") that could not be found in QuickBooks.',
    real: true,
  },
  notRepresentable: {
    code: 501,
    severity: 'Warn',
    text: 'Unable to represent {objectName} "{value}" in this version of the qbXML spec.',
    real: false,
  },
  cannotReturn: { code: 510, severity: 'Warn', text: 'Unable to return object.', real: false },
  fieldNotSupported: {
    code: 530,
    severity: 'Warn',
    text: 'The field "{fieldName}" is not supported by this implementation.',
    real: false,
  },
  enumNotSupported: {
    code: 531,
    severity: 'Warn',
    text: 'The enum value "{value}" in the field "{fieldName}" is not supported by this implementation.',
    real: false,
  },
  txnClosed: {
    code: 570,
    severity: 'Warn',
    text: 'Unable to link to transaction "{value}" because it has already been closed.',
    real: false,
  },
  internalError: {
    code: 1000,
    severity: 'Error',
    text: 'There has been an internal error when processing the request.',
    real: false,
  },
  notSupported: {
    code: 1030,
    severity: 'Error',
    text: 'This request is not supported by this implementation.',
    real: false,
  },
  invalidObjectId: {
    code: 3000,
    severity: 'Error',
    text: 'The given object ID "{value}" in the field "{fieldName}" is invalid.',
    real: true,
  },
  badBoolean: {
    code: 3010,
    severity: 'Error',
    text: 'There was an error when converting the boolean value "{value}" in the field "{fieldName}"',
    real: false,
  },
  badDate: {
    code: 3020,
    severity: 'Error',
    text: 'There was an error when converting the date value "{value}" in the field "{fieldName}"',
    real: false,
  },
  badDateRange: {
    code: 3030,
    severity: 'Error',
    text: 'Invalid date range: From date is greater than To date.',
    real: false,
  },
  nameInUse: {
    code: 3100,
    severity: 'Error',
    text: 'The name "{name}" of the list element is already in use.',
    real: true,
  },
  objectNotFound: {
    code: 3120,
    severity: 'Error',
    text: 'Object "{id}" specified in the request cannot be found.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    real: true,
  },
  invalidParent: {
    code: 3130,
    severity: 'Error',
    text: 'There is an invalid reference to a parent "{name}" in the {list} list.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    real: true,
  },
  invalidReference: {
    code: 3140,
    severity: 'Error',
    text: 'There is an invalid reference to QuickBooks {refKind} "{name}" in the {txnType}.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    real: true,
  },
  invalidLineReference: {
    code: 3140,
    severity: 'Error',
    text: 'There is an invalid reference to QuickBooks {refKind} "{name}" in the {txnType} line.  QuickBooks error message: Invalid argument.  The specified record does not exist in the list.',
    real: true,
  },
  listLocked: {
    code: 3170,
    severity: 'Error',
    text: 'There was an error when modifying a {objectDescription} named "{name}".  QuickBooks error message: This list has been modified by another user.',
    real: true,
  },
  closingDate: {
    code: 3171,
    severity: 'Error',
    text: 'An attempt was made to modify a {txnType} with a date that is on or before the closing date of the company.',
    real: true,
  },
  txnLocked: {
    code: 3175,
    severity: 'Error',
    text: 'There was an error adding, modifying or deleting {txnId} because it is already in use.  QuickBooks error message: The transaction could not be locked.  It is in use by another user.',
    real: true,
  },
  listSaveError: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {list} list, element "{name}".  QuickBooks error message: {inner}',
    real: true,
  },
  txnSaveError: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {txnType}.  QuickBooks error message: {inner}',
    real: true,
  },
  staleEditSequence: {
    code: 3200,
    severity: 'Error',
    text: 'The provided edit sequence "{editSequence}" is out-of-date. ',
    real: true,
  },
  invalidFieldValue: {
    code: 3210,
    severity: 'Error',
    text: 'The "{fieldDescription}" field has an invalid value "{value}".  QuickBooks error message: {inner}',
    real: true,
  },
  featureNotEnabled: {
    code: 3250,
    severity: 'Error',
    text: 'This feature is not enabled or not available in this version of QuickBooks.',
    real: true,
  },
  insufficientPermission: {
    code: 3260,
    severity: 'Error',
    text: 'Insufficient permission level to perform this action.',
    real: true,
  },
  noPersonalDataPermission: {
    code: 3261,
    severity: 'Error',
    text: 'The integrated application has no permission to access personal data.',
    real: false,
  },
  invalidIterator: { code: 3391, severity: 'Error', text: 'The iteratorID "{iteratorId}" is not valid.', real: true },
} as const satisfies Record<string, { code: number; severity: 'Info' | 'Warn' | 'Error'; text: string; real: boolean }>;

export type QbxmlStatusKey = keyof typeof QBXML_STATUSES;
export type QbxmlSeverity = 'Info' | 'Warn' | 'Error';

/** A status triplet as it goes on an Rs element. */
export interface QbxmlStatus {
  statusCode: number;
  statusSeverity: QbxmlSeverity;
  statusMessage: string;
}

/** Fills a status template: `status('nameInUse', { name: 'Acme' })`. A missing variable is a bug (throws). */
export function qbxmlStatus(key: QbxmlStatusKey, vars: Record<string, string | number> = {}): QbxmlStatus {
  const s = QBXML_STATUSES[key];
  const statusMessage = s.text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined) throw new Error(`qbXML status ${key} needs {${name}}`);
    return String(v);
  });
  return { statusCode: s.code, statusSeverity: s.severity, statusMessage };
}
