import type { CompanyStore } from '../store/company-store.js';

/*
 * "Allow Always" in QuickBooks' expired-certificate notice is remembered inside the company file (facts §3.2: a
 * one-time notice; 0x8004041E's text: choose "Allow Always" to keep auto-login). The engine keeps it in a table of
 * its own in the company database, so it travels with the file, its snapshots and images.
 */
const DDL = `CREATE TABLE IF NOT EXISTS qbdsim_expired_cert_allowed (
  app_name_key        TEXT PRIMARY KEY,
  certificate_subject TEXT NOT NULL,
  allowed_at          TEXT NOT NULL
) STRICT`;

const ready = new WeakSet<object>();

function db(store: CompanyStore): CompanyStore['db'] {
  const handle = store.db;
  if (!ready.has(handle)) {
    handle.exec(DDL);
    ready.add(handle);
  }
  return handle;
}

/** Whether the Admin chose "Allow Always" for this app's expired certificate (the same certificate subject). */
export function isExpiredCertAllowed(store: CompanyStore, appName: string, subject: string): boolean {
  const row = db(store)
    .prepare('SELECT certificate_subject FROM qbdsim_expired_cert_allowed WHERE app_name_key = ?')
    .get(appName.toLowerCase()) as { certificate_subject: string } | undefined;
  return row?.certificate_subject === subject;
}

/** Records "Allow Always" for this app's expired certificate. */
export function allowExpiredCert(store: CompanyStore, appName: string, subject: string, at: string): void {
  db(store)
    .prepare(
      `INSERT INTO qbdsim_expired_cert_allowed (app_name_key, certificate_subject, allowed_at) VALUES (?, ?, ?)
       ON CONFLICT (app_name_key) DO UPDATE SET certificate_subject = excluded.certificate_subject,
         allowed_at = excluded.allowed_at`,
    )
    .run(appName.toLowerCase(), subject, at);
}

/** Remove in Integrated Applications forgets the app entirely, this choice included. */
export function forgetExpiredCert(store: CompanyStore, appName: string): void {
  db(store).prepare('DELETE FROM qbdsim_expired_cert_allowed WHERE app_name_key = ?').run(appName.toLowerCase());
}
