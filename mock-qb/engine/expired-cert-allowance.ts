import type { CompanyStore } from '../store/company-store.js';

/*
 * "Allow Always" in QuickBooks' expired-certificate notice is remembered inside the company file (facts §3.2: a
 * one-time notice; 0x8004041E's text: choose "Allow Always" to keep auto-login). The store keeps it in a table of
 * the company database (store.expiredCerts), so it travels with the file, its snapshots and images.
 */

/** Whether the Admin chose "Allow Always" for this app's expired certificate (the same certificate subject). */
export function isExpiredCertAllowed(store: CompanyStore, appName: string, subject: string): boolean {
  return store.expiredCerts.allowedSubject(appName) === subject;
}

/** Records "Allow Always" for this app's expired certificate. */
export function allowExpiredCert(store: CompanyStore, appName: string, subject: string, at: string): void {
  store.expiredCerts.allow(appName, subject, at);
}

/** Remove in Integrated Applications forgets the app entirely, this choice included. */
export function forgetExpiredCert(store: CompanyStore, appName: string): void {
  store.expiredCerts.forget(appName);
}
