import { HRESULT_TEXTS } from './hresult-table.js';
import { WINDOWS_HRESULTS, type WindowsHresult } from './windows-hresults.js';

/** A QBXMLRP2 HRESULT (Intuit's string table). */
export type Rp2Hresult = keyof typeof HRESULT_TEXTS;

/**
 * Every HRESULT code qbd-sim knows (upper-case hex, as `0x8004041A`): QBXMLRP2's, and Windows' own around it
 * (`0x80040154` "Class not registered", … — src/protocol/windows-hresults.ts).
 */
export type Hresult = Rp2Hresult | WindowsHresult;

/**
 * Symbolic names for the HRESULTs the simulator raises. Values are the codes; texts come
 * from {@link HRESULT_TEXTS} (Intuit's DLL string table), never from here.
 */
export const HR = {
  PARSE_ERROR: '0x80040400',
  COULD_NOT_ACCESS: '0x80040401',
  UNEXPECTED: '0x80040402',
  COULD_NOT_OPEN_FILE: '0x80040403',
  FILE_VERSION_UNKNOWN: '0x80040406',
  COULD_NOT_START: '0x80040408',
  DIFFERENT_FILE_OPEN: '0x8004040A',
  NO_SESSION: '0x8004040C',
  INVALID_TICKET: '0x8004040D',
  NO_CONNECTION: '0x8004040F',
  WRONG_MODE: '0x80040410',
  SESSION_ACTIVE: '0x80040411',
  CONNECTION_ACTIVE: '0x80040412',
  ROLLBACK_UNSUPPORTED: '0x80040413',
  MODAL_DIALOG: '0x80040414',
  APP_NAME_REQUIRED: '0x80040415',
  NOT_RUNNING_NEEDS_FILE: '0x80040416',
  NO_FILE_NEEDS_FILE: '0x80040417',
  FIRST_ACCESS_NEEDS_ADMIN: '0x80040418',
  CERT_INVALID: '0x80040419',
  NO_PERMISSION: '0x8004041A',
  NO_AUTO_LOGIN: '0x8004041D',
  CERT_EXPIRED: '0x8004041E',
  ACCESS_DENIED: '0x80040420',
  SINGLE_USER_SHARED: '0x80040422',
  QBXML_VERSION_UNSUPPORTED: '0x80040423',
  NOT_INITIALIZED: '0x80040424',
  INVALID_PARAMETER: '0x80040425',
  NOT_FROM_REMOTE: '0x8004042A',
  CERT_REVOKED: '0x8004042C',
  LAUNCH_UI_GAVE_UP: '0x8004042D',
  NOT_IN_SESSION: '0x8004042E',
  CONNECTION_TYPE_NOT_FOUND: '0x8004042F',
  AUTO_LOGIN_STALE: '0x80040430',
  EDITION_SIMPLE_START: '0x80040431',
  EDITION_PRO: '0x80040432',
  EDITION_PREMIER: '0x80040433',
  EDITION_ENTERPRISE: '0x80040434',
  AUTO_LOGIN_REAUTHORIZE: '0x80040435',
  MULTI_USER_SIMPLE_START: '0x80040436',
  USER_LOGGED_IN_ELSEWHERE: '0x80040437',
} as const satisfies Record<string, Rp2Hresult>;

/** Intuit's exact text for a QBXMLRP2 HRESULT; Windows' FormatMessage text for one of Windows' own. */
export function hresultText(code: Hresult): string {
  return Object.hasOwn(HRESULT_TEXTS, code)
    ? HRESULT_TEXTS[code as Rp2Hresult]
    : WINDOWS_HRESULTS[code as WindowsHresult].text;
}

/** True when `value` is an HRESULT code one of the tables knows (case-insensitive hex digits). */
export function isHresult(value: string): value is Hresult {
  const code = normalizeHresult(value);
  return Object.hasOwn(HRESULT_TEXTS, code) || Object.hasOwn(WINDOWS_HRESULTS, code);
}

/** `0x8004041a` → `0x8004041A` (QuickBooks writes the hex digits upper-case). */
export function normalizeHresult(value: string): string {
  return value.startsWith('0x') || value.startsWith('0X') ? `0x${value.slice(2).toUpperCase()}` : value;
}
