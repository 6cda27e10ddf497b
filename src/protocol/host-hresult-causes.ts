import type { Hresult } from './hresult.js';
import type { QBFileModeName } from './rp2-enums.js';

/**
 * Which host or caller state produces which HRESULT (cause → code), machine-readable. The RP2 bridge evaluates the
 * `CoCreateInstance` rows whose `decidedBy` is `bridge` when a processor is created (mock-qb/rp2/co-create-instance.ts);
 * `BeginSession` rows are decided by the host's BeginSession gate (mock-qb/engine) and listed here so that the front
 * doors' table-driven tests (test/integration/com/) build each state and check the code that comes out. Later issues
 * extend the table (the caller's Windows session and elevation, …).
 *
 * A state names only what differs from the embedded default world (OFFICE-PC, QuickBooks Pro 2014 running, "Acme
 * Supplies" open multi-user, Admin logged in; a 32-bit interactive caller; the SDK installed) and from the default
 * call (`OpenConnection2(…, localQBD)`, then `BeginSession(<that company file>, qbFileOpenDoNotCare)`).
 */
export interface HostCause {
  /** A stable id (kebab-case). */
  id: string;
  /** The call that fails. */
  at: 'CoCreateInstance' | 'BeginSession';
  /** The HRESULT. For CoCreateInstance: when the caller activates by ProgID (pywin32 `Dispatch("QBXMLRP2.…")`). */
  hresult: Hresult;
  /** CoCreateInstance by CLSID (.NET `new RequestProcessor2()`), when it differs: no ProgID is looked up. */
  hresultByClsid?: Hresult;
  /** Who decides: the RP2 bridge (from this table), the host's BeginSession gate, or the front door itself. */
  decidedBy: 'bridge' | 'host' | 'front-door';
  state: CauseState;
  /** The situation in words. */
  when: string;
  /** A = stated by Intuit/Microsoft texts, B = documented or several field reports, C = inference (facts §2.4). */
  confidence: 'A' | 'B' | 'C';
  /** Where the facts sheet has it. */
  facts: string;
}

/** The state a cause needs; every field is optional and names a difference from the defaults. */
export interface CauseState {
  /** Named host conditions in force (world spec `conditions`; mock-qb/engine/host-conditions.ts). */
  conditions?: string[];
  /** The process that creates the request processor (the CoCreateInstance body; world spec `callerDefaults`). */
  caller?: {
    bitness?: 32 | 64;
    runAs?: 'interactive' | 'service' | 'system';
    /** COM initialized on the calling thread (pywin32: `pythoncom.CoInitialize()` in a worker thread). */
    comInitialized?: boolean;
    certificate?: 'valid' | 'invalid' | 'revoked' | 'expired';
  };
  /** The Windows machine (world spec `sdk`). */
  machine?: {
    sdkInstalled?: boolean;
    rp2Dll?: 'present' | 'missing' | 'wrong-architecture';
  };
  /** QuickBooks on that machine. */
  quickbooks?: {
    /** `not-running`; `no-company-open`; `other-company-open` (another company file open, multi-user); `admin-single-user` (the file single-user, Admin at the UI). */
    is?: 'not-running' | 'no-company-open' | 'other-company-open' | 'admin-single-user';
    /** A modal window shows in the QuickBooks UI. */
    modalDialog?: boolean;
  };
  /** The calls. */
  call?: {
    /** false: BeginSession without OpenConnection first. */
    openConnection?: boolean;
    /** `''`, or (default) the company file's path. */
    qbFileName?: '' | 'the-company-file';
    reqFileMode?: QBFileModeName;
    /** The person at the UI answers the certificate dialog this way while BeginSession waits. */
    certificateDialog?: 'no';
  };
}

/** The table. CoCreateInstance rows are evaluated in this order (the first that matches answers). */
export const HOST_HRESULT_CAUSES: readonly HostCause[] = [
  {
    id: 'com-not-initialized',
    at: 'CoCreateInstance',
    hresult: '0x800401F0',
    decidedBy: 'front-door',
    state: { caller: { comInitialized: false } },
    when: 'a thread creates the processor without CoInitialize (pywin32: a worker thread without pythoncom.CoInitialize())',
    confidence: 'A',
    facts: 'Windows COM (not in the facts sheet)',
  },
  {
    id: 'sdk-not-installed',
    at: 'CoCreateInstance',
    hresult: '0x800401F3',
    hresultByClsid: '0x80040154',
    decidedBy: 'bridge',
    state: { machine: { sdkInstalled: false } },
    when: 'the QuickBooks SDK (QBXMLRP2) is not installed: the ProgID is unknown, and so is the CLSID',
    confidence: 'B',
    facts: '§11.2, §1.1',
  },
  {
    id: 'caller-64-bit',
    at: 'CoCreateInstance',
    hresult: '0x80040154',
    decidedBy: 'bridge',
    state: { caller: { bitness: 64 } },
    when: 'a 64-bit process: QBXMLRP2 is a 32-bit in-process server, registered only in the 32-bit registry view',
    confidence: 'B',
    facts: '§11.2, §1.1',
  },
  {
    id: 'rp2-dll-missing',
    at: 'CoCreateInstance',
    hresult: '0x8007007E',
    decidedBy: 'bridge',
    state: { machine: { rp2Dll: 'missing' } },
    when: 'QBXMLRP2 is registered but its DLL is missing',
    confidence: 'B',
    facts: '§11.2',
  },
  {
    id: 'rp2-dll-wrong-architecture',
    at: 'CoCreateInstance',
    hresult: '0x8007007E',
    decidedBy: 'bridge',
    state: { machine: { rp2Dll: 'wrong-architecture' } },
    when: 'the registered DLL is of the other architecture',
    confidence: 'B',
    facts: '§11.2',
  },
  {
    id: 'caller-service',
    at: 'CoCreateInstance',
    hresult: '0x80070005',
    decidedBy: 'bridge',
    state: { caller: { runAs: 'service' } },
    when: 'the caller runs as a Windows service (not in the session of the user who runs QuickBooks)',
    confidence: 'B',
    facts: '§11.2',
  },
  {
    id: 'caller-system',
    at: 'CoCreateInstance',
    hresult: '0x80070005',
    decidedBy: 'bridge',
    state: { caller: { runAs: 'system' } },
    when: 'the caller runs as SYSTEM',
    confidence: 'B',
    facts: '§11.2',
  },
  {
    id: 'begin-before-open-connection',
    at: 'BeginSession',
    hresult: '0x8004040F',
    decidedBy: 'host',
    state: { call: { openConnection: false } },
    when: 'BeginSession before OpenConnection',
    confidence: 'A',
    facts: '§1.5',
  },
  {
    id: 'qb-not-running-no-path',
    at: 'BeginSession',
    hresult: '0x80040416',
    decidedBy: 'host',
    state: { quickbooks: { is: 'not-running' }, call: { qbFileName: '' } },
    when: 'QuickBooks is not running and BeginSession names no company file',
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'no-company-open-no-path',
    at: 'BeginSession',
    hresult: '0x80040417',
    decidedBy: 'host',
    state: { quickbooks: { is: 'no-company-open' }, call: { qbFileName: '' } },
    when: 'QuickBooks runs with no company file open and BeginSession names none',
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'other-company-open',
    at: 'BeginSession',
    hresult: '0x8004040A',
    decidedBy: 'host',
    state: { quickbooks: { is: 'other-company-open' } },
    when: 'another company file is open than the one BeginSession names',
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'modal-dialog',
    at: 'BeginSession',
    hresult: '0x80040414',
    decidedBy: 'host',
    state: { quickbooks: { modalDialog: true } },
    when: 'a modal window shows in the QuickBooks UI',
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'file-open-in-other-mode',
    at: 'BeginSession',
    hresult: '0x80040410',
    decidedBy: 'host',
    state: { call: { reqFileMode: 'qbFileOpenSingleUser' } },
    when: 'the file is open multi-user and the application asks for single-user',
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'certificate-invalid',
    at: 'BeginSession',
    hresult: '0x80040419',
    decidedBy: 'host',
    state: { caller: { certificate: 'invalid' } },
    when: "the application's certificate is invalid",
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'certificate-revoked',
    at: 'BeginSession',
    hresult: '0x8004042C',
    decidedBy: 'host',
    state: { caller: { certificate: 'revoked' } },
    when: "the application's certificate was revoked",
    confidence: 'A',
    facts: '§2.4',
  },
  {
    id: 'first-access-no-admin-single-user',
    at: 'BeginSession',
    hresult: '0x80040418',
    decidedBy: 'host',
    state: {},
    when: 'the application never accessed the file and nobody can authorize it (the file multi-user)',
    confidence: 'B',
    facts: '§2.4, §10.1',
  },
  {
    id: 'certificate-dialog-no',
    at: 'BeginSession',
    hresult: '0x80040420',
    decidedBy: 'host',
    state: { quickbooks: { is: 'admin-single-user' }, call: { certificateDialog: 'no' } },
    when: 'the Admin answers "No" in the certificate dialog while BeginSession waits',
    confidence: 'A',
    facts: '§2.4, §3.2',
  },
  {
    id: 'condition-product-without-qbxml',
    at: 'BeginSession',
    hresult: '0x80040404',
    decidedBy: 'host',
    state: { conditions: ['product-without-qbxml'] },
    when: 'the running QuickBooks is a version without qbXML support',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-qbxml-components-missing',
    at: 'BeginSession',
    hresult: '0x80040405',
    decidedBy: 'host',
    state: { conditions: ['qbxml-components-missing'] },
    when: 'QuickBooks is installed without its qbXML components',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-installation-incomplete',
    at: 'BeginSession',
    hresult: '0x80040407',
    decidedBy: 'host',
    state: { conditions: ['installation-incomplete'] },
    when: 'the QuickBooks installation is incomplete',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-edition-without-sdk',
    at: 'BeginSession',
    hresult: '0x8004041F',
    decidedBy: 'host',
    state: { conditions: ['edition-without-sdk'] },
    when: 'a QuickBooks product that cannot accept XML requests',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-not-registered',
    at: 'BeginSession',
    hresult: '0x80040427',
    decidedBy: 'host',
    state: { conditions: ['not-registered'] },
    when: 'QuickBooks has not been registered',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-several-instances',
    at: 'BeginSession',
    hresult: '0x80040438',
    decidedBy: 'host',
    state: { conditions: ['several-instances'] },
    when: 'several QuickBooks instances run on the machine',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-script-caller',
    at: 'BeginSession',
    hresult: '0x80040426',
    decidedBy: 'host',
    state: { conditions: ['script-caller'] },
    when: 'the caller is a script host',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-file-of-other-version',
    at: 'BeginSession',
    hresult: '0x80040409',
    decidedBy: 'host',
    state: { conditions: ['file-of-other-version'] },
    when: 'the company file belongs to another QuickBooks version',
    confidence: 'A',
    facts: '§2.1, §2.4',
  },
  {
    id: 'condition-shared-books-read-only',
    at: 'BeginSession',
    hresult: '0x80040439',
    decidedBy: 'host',
    state: { conditions: ['shared-books-read-only'] },
    when: 'a Shared Books file is open read-only',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-company-file-damaged',
    at: 'BeginSession',
    hresult: '0x8004041C',
    decidedBy: 'host',
    state: { conditions: ['company-file-damaged'] },
    when: 'the company file is damaged: an internal error reading it',
    confidence: 'C',
    facts: '§2.1',
  },
  {
    id: 'condition-integrated-apps-locked',
    at: 'BeginSession',
    hresult: '0x8004041B',
    decidedBy: 'host',
    state: { conditions: ['integrated-apps-locked'] },
    when: 'the Integrated Applications information is locked by another user',
    confidence: 'C',
    facts: '§2.1',
  },
  {
    id: 'condition-sdk-internal-error',
    at: 'BeginSession',
    hresult: '0x80040402',
    decidedBy: 'host',
    state: { conditions: ['sdk-internal-error'] },
    when: 'an unexpected SDK error (environment condition: the facts name no situation)',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-out-of-memory',
    at: 'BeginSession',
    hresult: '0x8004040E',
    decidedBy: 'host',
    state: { conditions: ['out-of-memory'] },
    when: 'out of memory (environment condition)',
    confidence: 'A',
    facts: '§2.1',
  },
  {
    id: 'condition-quickbooks-message',
    at: 'BeginSession',
    hresult: '0x80040421',
    decidedBy: 'host',
    state: { conditions: ['quickbooks-message'] },
    when: 'QuickBooks passes its own message through (environment condition)',
    confidence: 'A',
    facts: '§2.1',
  },
];

/** The rows the RP2 bridge decides at CoCreateInstance, in order. */
export function coCreateCauses(): HostCause[] {
  return HOST_HRESULT_CAUSES.filter((c) => c.at === 'CoCreateInstance' && c.decidedBy === 'bridge');
}
