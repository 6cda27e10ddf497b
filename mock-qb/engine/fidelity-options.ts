import type { Hresult } from '../../src/protocol/hresult.js';

/**
 * Choices made where the facts sheet is unsure. Each default is the most plausible real
 * behaviour and is recorded in mock-qb/README.md ("Fidelity notes"); each can be changed per host.
 */
export interface FidelityOptions {
  /** Never-authorized app, Admin at the UI but the file in multi-user (facts §10.1, conf. C). */
  firstAccessMultiUser: Hresult;
  /** Auto-login grant gone stale (login-as user's password/role changed or user removed, file moved). */
  staleAutoLogin: Hresult;
  /** Login-as user already logged in on another machine (DISPUTED: 0x80040437 vs 0x80040408). */
  loginAsElsewhere: Hresult;
  /** QuickBooks running with no company open, BeginSession path does not exist (conf. C). */
  missingPathWhileRunning: Hresult;
  /** QuickBooks running with no company open, BeginSession path is not a company file (conf. C). */
  notCompanyFileWhileRunning: Hresult;
  /** QuickBooks not running, path is not a company file. */
  notCompanyFileUnattended: Hresult;
  /** QuickBooks not running and the app is not in the file's Integrated Applications list at all. */
  unattendedUnknownApp: Hresult;
  /** "No" in the certificate dialog leaves the app listed with Allow Access off (next time 0x8004041A). */
  deniedAppStaysListed: boolean;
  /**
   * The UI refuses to close the company, exit or switch mode while an integrated application has a
   * session open on the file (QuickBooks warns that an application is accessing the file).
   */
  uiBlockedBySessions: boolean;
  /** The background (unattended) instance exits when the connection that started it closes. */
  backgroundExitOn: 'CloseConnection' | 'EndSession';
  /**
   * An app without its own "Yes, always" grant asks for a session while a background instance another app started is
   * running (facts §3.2, §8.4: unattended access needs the app's own grant).
   */
  foreignBackgroundInstance: Hresult;
  /**
   * QuickBooks running with no company open and an app with an auto-login grant names a file: `login-window` (the
   * QuickBooks Login window waits for a person — auto-login belongs to the background instance, facts §1.4) or
   * `auto-login` (QuickBooks logs its UI in as the login-as user).
   */
  autoLoginWithUiRunning: 'login-window' | 'auto-login';
  /**
   * The company's "notify before running an application whose certificate has expired" switch is off: `allow` (no
   * notice and no refusal — nobody asked to be told) or `refuse-unattended` (no notice; unattended still 0x8004041E).
   */
  expiredCertNoticeOff: 'allow' | 'refuse-unattended';
  /** A caller of another Windows user than the one running QuickBooks (facts §2.4: "another Windows user has QB open"). */
  otherWindowsUser: Hresult;
  /** A caller of the same user in another Windows session (a second Remote Desktop session, say; facts §11.2). */
  otherWindowsSession: Hresult;
  /** An unelevated caller and an elevated QuickBooks, or the other way round (facts §11.2). */
  elevationMismatch: Hresult;
  /** QuickBooks must start unattended for a caller without an interactive Windows session (session 0, a service). */
  noInteractiveSession: Hresult;
  /** An iterator idle this long (host clock) is forgotten: Continue answers 3391 (facts §6.5, §10.1: ~10 s). */
  iteratorIdleMs: number;
  /** Which part of the application's identity QuickBooks keys a grant on (facts §3.5, UNCONFIRMED). */
  appIdentity: 'appName' | 'appName+certificate';
}

export const DEFAULT_FIDELITY: Readonly<FidelityOptions> = {
  firstAccessMultiUser: '0x80040418',
  staleAutoLogin: '0x80040430',
  loginAsElsewhere: '0x80040437',
  missingPathWhileRunning: '0x80040403',
  notCompanyFileWhileRunning: '0x80040406',
  notCompanyFileUnattended: '0x80040406',
  unattendedUnknownApp: '0x80040418',
  deniedAppStaysListed: true,
  uiBlockedBySessions: true,
  backgroundExitOn: 'CloseConnection',
  appIdentity: 'appName+certificate',
  foreignBackgroundInstance: '0x8004041D',
  autoLoginWithUiRunning: 'login-window',
  expiredCertNoticeOff: 'allow',
  iteratorIdleMs: 10_000,
  otherWindowsUser: '0x80040408',
  otherWindowsSession: '0x80040408',
  elevationMismatch: '0x80040408',
  noInteractiveSession: '0x80040408',
};
