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
  accountNumberInUse: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {list} list, element "{name}".  QuickBooks error message: The account number is already in use.',
    real: true,
  },
  /**
   * ListDel of a record that has sub-records (sub-accounts, jobs, sub-items) or is used by transactions or other
   * records. Fidelity note: the code QuickBooks answers here is UNCONFIRMED (facts §6.9: "3170/3180-class"); this is
   * the real 3180 list template with the real QuickBooks inner message "The list element is in use.".
   */
  listElementInUse: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {list} list, element "{name}".  QuickBooks error message: The list element is in use.',
    real: false,
  },
  txnSaveError: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {txnType}.  QuickBooks error message: {inner}',
    real: true,
  },
  /**
   * A transaction QuickBooks cannot save as asked (no A/P or A/R account to post to, a Mod that would leave a bill
   * paid beyond its new amount, a change of vendor or account under applied payments). Real template with a real
   * inner message (facts §10.2); which situations QuickBooks answers with it is our reading (mock-qb/README.md).
   */
  txnRecordError: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {txnType}.  QuickBooks error message: This record has an error in it.',
    real: true,
  },
  /** A transaction without lines, or a payment application with no amount, discount or credit (inner text UNCONFIRMED). */
  txnEmpty: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {txnType}.  QuickBooks error message: Transaction is empty.',
    real: false,
  },
  /**
   * TxnDel of a transaction other transactions are linked to (a bill or invoice with payments applied, a credit used
   * in a payment): refused, as the QuickBooks UI asks the user first. Code and inner text are our choice (UNCONFIRMED).
   */
  txnLinkedCannotDelete: {
    code: 3180,
    severity: 'Error',
    text: 'There was an error when saving a {txnType}.  QuickBooks error message: This transaction is linked to other transactions and cannot be deleted.',
    real: false,
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
  /**
   * Paying more than a bill's or invoice's open amount (facts §10.2, real capture). That capture has severity `Info`;
   * we answer `Error` (the request is refused and nothing is saved, which is what Error means; fidelity note).
   */
  overpayment: {
    code: 3210,
    severity: 'Error',
    text: 'The "{fieldDescription}" field has an invalid value "{value}".  QuickBooks error message: You cannot pay more than the amount due.',
    real: true,
  },
  /** Applying more of a vendor credit than remains of it (SetCredit): real template, inner text our wording. */
  creditOverApplied: {
    code: 3210,
    severity: 'Error',
    text: 'The "{fieldDescription}" field has an invalid value "{value}".  QuickBooks error message: You cannot apply more credit than is available.',
    real: false,
  },
  /** ReceivePayment applying more than its TotalAmount: real template, inner text our wording. */
  paymentOverApplied: {
    code: 3210,
    severity: 'Error',
    text: 'The "{fieldDescription}" field has an invalid value "{value}".  QuickBooks error message: The amount applied is more than the amount of the payment.',
    real: false,
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
  /**
   * Data extensions (mock-qb/qbxml/handlers/data-ext-handlers.ts). QuickBooks' texts for these refusals are not in the
   * facts: the 3210 template is real, the inner messages are ours (fidelity notes, mock-qb/README.md).
   */
  dataExtValueInvalid: {
    code: 3210,
    severity: 'Error',
    text: 'The "DataExtValue" field has an invalid value "{value}".  QuickBooks error message: The value is not a valid {dataExtType} value.',
    real: false,
  },
  dataExtValueBlank: {
    code: 3210,
    severity: 'Error',
    text: 'The "DataExtValue" field has an invalid value "".  QuickBooks error message: A data extension cannot be set to blank; DataExtDel clears it.',
    real: false,
  },
  dataExtPrivateDataFull: {
    code: 3210,
    severity: 'Error',
    text: 'The "DataExtValue" field has an invalid value "{value}".  QuickBooks error message: An object holds at most 4096 bytes of private data.',
    real: false,
  },
  customFieldDefinitionInvalid: {
    code: 3210,
    severity: 'Error',
    text: 'The "{fieldName}" field has an invalid value "{value}".  QuickBooks error message: A custom field (OwnerID 0) is STR255TYPE and belongs to customers, employees, items or vendors.',
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

/**
 * `messageSetStatusCode` values of `QBXMLMsgsRs` (error recovery; facts §6.1, §6.3). The attribute carries only the
 * code, no text; the meanings are those Intuit's SDK sample InvoiceAdd.cs (facts S4) gives each code. 9003 is
 * unused there.
 */
export const MESSAGE_SET_STATUS_CODES = {
  /** The message set's error-recovery attributes were accepted (or the stored responses follow). */
  ok: { code: 0, meaning: 'Status OK' },
  noStoredState: {
    code: 600,
    meaning: 'The oldMessageSetID does not match any stored IDs, and no newMessageSetID is provided.',
  },
  checksumMismatch: {
    code: 9001,
    meaning: 'Invalid checksum. The newMessageSetID specified matches the currently stored ID, but checksum fails.',
  },
  noStoredResponse: { code: 9002, meaning: 'No stored response was found.' },
  idTooLong: { code: 9004, meaning: 'Invalid MessageSetID, greater than 24 character was given.' },
  cannotStore: { code: 9005, meaning: 'Unable to store response.' },
} as const satisfies Record<string, { code: number; meaning: string }>;

export type MessageSetStatusKey = keyof typeof MESSAGE_SET_STATUS_CODES;
