import type { CertificateStatus, RequestedPrefs } from '../store/company-records.js';
import type { CallerProcess } from './host-windows.js';

/** `not-running` | `initializing` | `running`. */
export type ProcessState = 'not-running' | 'initializing' | 'running';

/** How a company file is open. */
export type OpenMode = 'single-user' | 'multi-user';

/** The four choices of the Application Certificate dialog. */
export type CertificateChoice = 'no' | 'prompt-each-time' | 'when-open' | 'always';

/** The certificate the calling program is signed with (as the RP2 bridge's caller declares it). */
export interface CallerCertificate {
  subject: string;
  status: CertificateStatus;
  /** ISO date, or null. */
  expires: string | null;
}

/**
 * Who is calling: the simulated machine and Windows user of a request processor, and the process it runs in
 * (bitness, service or not, Windows session, elevation — carried for the BeginSession rules of a later issue).
 */
export interface CallerIdentity extends CallerProcess {
  machine: string;
  windowsUser: string;
  certificate: CallerCertificate;
}

/** An application as `OpenConnection` named it, plus what it asked for through AuthPreferences. */
export interface AppRequest {
  appId: string;
  appName: string;
  /** `QBXMLRPConnectionType` value. */
  connType: number;
  caller: CallerIdentity;
  requested: RequestedPrefs;
  /** The AuthFlags bits, or null when `PutAuthFlags` was never called. */
  authFlags: number | null;
}

/** A modal window showing in the QuickBooks UI. */
export type Dialog =
  | { id: string; kind: 'login'; title: string; file: string; mode: OpenMode; forApp: string | null }
  | { id: string; kind: 'preferences'; title: string; tab: 'integrated-applications'; subtab: 'company' | 'my' }
  | {
      id: string;
      kind: 'certificate';
      title: string;
      stage: 'choose' | 'confirm';
      appName: string;
      appId: string;
      certificate: CallerCertificate;
      requested: RequestedPrefs;
      question: string;
      /** Users offered in "Login as" (shown with "Yes, always" when the file has more than one user). */
      loginAsChoices: string[];
      /** Whether the personal-data box is offered (not for pdpNotNeeded). */
      personalDataOffered: boolean;
      /** The choice made in the first stage (confirm stage only). */
      answer?: { choice: CertificateChoice; loginAs: string | null; personalData: boolean };
    }
  | { id: string; kind: 'access-prompt'; title: string; appName: string; text: string }
  | {
      id: string;
      kind: 'expired-certificate';
      title: string;
      appName: string;
      certificate: CallerCertificate;
      text: string;
    }
  | { id: string; kind: 'generic'; title: string; text: string };

export type DialogKind = Dialog['kind'];

/**
 * The buttons of QuickBooks' expired-certificate notice (facts §3.2 name "Allow Always"; the other two are the
 * plausible rest, UNCONFIRMED). Closing the notice is `deny`.
 */
export type ExpiredCertificateAnswer = 'allow-always' | 'allow-once' | 'deny';

/** Another machine that has the company file open. */
export interface Workstation {
  machine: string;
  user: string;
  /** `multi-user`: shares the file; `single-user`: holds it exclusively. */
  mode: OpenMode;
}

/** An open QBXMLRP2 session on this host. */
export interface SessionInfo {
  ticket: string;
  processorId: string;
  appName: string;
  filePath: string;
  mode: OpenMode;
  user: string;
  /** True when QuickBooks logged in for the app (auto-login); HostRet/IsAutomaticLogin. */
  isAutomaticLogin: boolean;
  /** Whether QuickBooks honoured everything the app asked for (WasAuthPreferencesObeyed). */
  prefsObeyed: boolean;
  startedAt: number;
}
