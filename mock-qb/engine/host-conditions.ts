import type { Hresult } from '../../src/protocol/hresult.js';

/**
 * Host states that make the rarer QBXMLRP2 HRESULTs reachable (facts §2.1, §2.4): each names a situation on the
 * machine, in QuickBooks or in the company file — set in a world spec (`conditions`) or through the control API
 * (`POST /__qbd/hosts/{host}/conditions`), never as "answer this code". `situation: false` marks the few whose
 * HRESULT names no situation in the facts (an internal error, out of memory, a message passed through): those are
 * environment conditions, listed as such.
 *
 * `at` is the call they act on; BeginSession conditions act at a fixed place in the gate: `install` ones before any
 * other check but the connection's, `file` ones once the company file is known, `authorization` ones when QuickBooks
 * decides whether the app may in, `auto-login` ones when QuickBooks logs in for the app.
 */
export const HOST_CONDITIONS = {
  'product-without-qbxml': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040404',
    situation: 'the running QuickBooks is a version without qbXML support (before the SDK: QuickBooks 2001 and older)',
  },
  'qbxml-components-missing': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040405',
    situation: "QuickBooks is installed without its qbXML components (the SDK's QuickBooks side is missing)",
  },
  'installation-incomplete': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040407',
    situation:
      'the QuickBooks installation is incomplete (an interrupted install or update; QuickBooks asks for a reinstall)',
  },
  'edition-without-sdk': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x8004041F',
    situation:
      'the QuickBooks product cannot accept XML requests (a product outside Pro/Premier/Enterprise 2002 and later)',
  },
  'not-registered': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040427',
    situation: 'QuickBooks has not been registered and its registration period is over',
  },
  'several-instances': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040438',
    situation: 'several QuickBooks instances run on the machine (a stuck background QBW32.exe beside the UI, say)',
  },
  'script-caller': {
    at: 'BeginSession',
    stage: 'install',
    hresult: '0x80040426',
    situation: 'the caller is a script host (wscript/cscript, a browser script) and QuickBooks refuses scripts',
  },
  'file-of-other-version': {
    at: 'BeginSession',
    stage: 'file',
    hresult: '0x80040409',
    situation: 'the company file belongs to another QuickBooks version (it must be updated in the UI first)',
  },
  'shared-books-read-only': {
    at: 'BeginSession',
    stage: 'file',
    hresult: '0x80040439',
    situation: 'the company file is a Shared Books file open read-only',
  },
  'company-file-damaged': {
    at: 'BeginSession',
    stage: 'file',
    hresult: '0x8004041C',
    situation:
      'the company file is damaged: QuickBooks meets an internal error reading it (Verify/Rebuild Data needed)',
  },
  'integrated-apps-locked': {
    at: 'BeginSession',
    stage: 'authorization',
    hresult: '0x8004041B',
    situation:
      "the company's Integrated Applications information is locked (another user is changing it at a workstation)",
  },
  'quickbooks-upgraded': {
    at: 'BeginSession',
    stage: 'auto-login',
    hresult: '0x80040435',
    situation:
      'QuickBooks was upgraded (a configuration change) since an auto-login grant was made: the Admin must grant it again',
  },
  'rp2-library-older': {
    at: 'ProcessRequest',
    stage: 'request',
    hresult: '0x80040428',
    situation:
      'the installed QBXMLRP2 library is older than QuickBooks: it knows qbXML up to 12.0, not the request’s version',
  },
  'subscriptions-unavailable': {
    at: 'ProcessSubscription',
    stage: 'request',
    hresult: '0x8004042B',
    situation: 'this QuickBooks version has no event or UI-extension subscriptions (the call is not available in it)',
  },
  'company-file-name-unavailable': {
    at: 'GetCurrentCompanyFileName',
    stage: 'request',
    hresult: '0x8004040B',
    situation: false,
  },
  'sdk-internal-error': { at: 'BeginSession', stage: 'install', hresult: '0x80040402', situation: false },
  'out-of-memory': { at: 'BeginSession', stage: 'install', hresult: '0x8004040E', situation: false },
  'quickbooks-message': { at: 'BeginSession', stage: 'install', hresult: '0x80040421', situation: false },
} as const satisfies Record<string, { at: string; stage: string; hresult: Hresult; situation: string | false }>;

export type HostConditionName = keyof typeof HOST_CONDITIONS;
export type HostConditionStage = (typeof HOST_CONDITIONS)[HostConditionName]['stage'];

/** A condition in force on a host: since when (host clock), and the text QuickBooks passes through (0x80040421). */
export interface ActiveCondition {
  since: number;
  text?: string;
}

/** The library's newest qbXML version under `rp2-library-older`. */
export const OLDER_RP2_LIBRARY_VERSION = 12;

/** Whether `name` is a known condition. */
export function isHostCondition(name: string): name is HostConditionName {
  return Object.hasOwn(HOST_CONDITIONS, name);
}
