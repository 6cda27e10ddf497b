/**
 * The records a company file (.QBW) holds about itself, as the store persists them.
 * Business data (vendors, bills, ...) is added by the qbXML processor's own tables.
 */

/** A QuickBooks user role. Only the `Admin` user has `admin`. */
export type UserRole = 'admin' | 'all-areas' | 'selected-areas' | 'external-accountant';

/** A QuickBooks user of one company file. */
export interface UserRecord {
  /** Login name, unique case-insensitively (`Admin`, `Bookkeeper`). */
  name: string;
  /** The user's password ('' for none). Never logged. */
  password: string;
  role: UserRole;
  /**
   * Bumped whenever the user's password or role changes. A stored auto-login grant remembers the
   * value it was made with; a mismatch makes the grant stale (0x80040430 / 0x80040435).
   */
  credentialVersion: number;
}

/** The app's requested preferences (IAuthPreferences) as the grant recorded them. */
export interface RequestedPrefs {
  isReadOnly: boolean;
  unattendedModePref: 'umpRequired' | 'umpOptional';
  personalDataPref: 'pdpRequired' | 'pdpOptional' | 'pdpNotNeeded';
}

/** Certificate status as QuickBooks sees it (facts §3.2). */
export type CertificateStatus = 'valid' | 'expired' | 'revoked' | 'invalid' | 'none';

/** One entry of the Integrated Applications list (the grant), keyed by application name. */
export interface AppGrantRecord {
  appName: string;
  appId: string;
  /** "Allow this application to read and modify this company file" (the Allow Access column). */
  allowAccess: boolean;
  /** "Prompt before allowing access". Mutually exclusive with autoLogin. */
  promptEachTime: boolean;
  /** "Allow this application to log in automatically". */
  autoLogin: boolean;
  /** The "Login as" user for auto-login (null when autoLogin is off). */
  loginAs: string | null;
  /** `credentialVersion` of the login-as user when the grant was made; null without auto-login. */
  loginAsCredentialVersion: number | null;
  /** The company file path when the auto-login grant was made (a move or rename makes it stale). */
  loginAsFilePath: string | null;
  /** "Allow this application to access personal data such as Social Security Numbers ..." */
  personalData: boolean;
  requested: RequestedPrefs;
  certificateSubject: string;
  certificateStatus: CertificateStatus;
  /** ISO date the certificate expires, or null. */
  certificateExpires: string | null;
  /** ISO time (host clock) the grant was made or last changed. */
  grantedAt: string;
}

/** The two company-wide switches on the Integrated Applications Company Preferences tab. */
export interface CompanyAppPrefs {
  /** "Don't allow any applications to access this company file". */
  blockAllApps: boolean;
  /** "Notify the user before running any application whose certificate has expired". */
  notifyExpiredCert: boolean;
}

/** Company information (CompanyRet fields the simulator keeps). */
export interface CompanyInfo {
  companyName: string;
  legalCompanyName: string;
  isSampleCompany: boolean;
}

/** A data extension value attached to an object (private when ownerId is a GUID, public when '0'). */
export interface DataExtRecord {
  /** Upper-case GUID in braces, or '0'. */
  ownerId: string;
  /** `Company`, or a list/txn type. */
  objectType: string;
  /** ListID/TxnID, or '' for the Company object. */
  objectId: string;
  name: string;
  type:
    'AMTTYPE' | 'DATETIMETYPE' | 'INTTYPE' | 'PERCENTTYPE' | 'PRICETYPE' | 'QUANTYPE' | 'STR1024TYPE' | 'STR255TYPE';
  value: string;
}
