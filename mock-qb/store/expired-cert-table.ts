import type Database from 'better-sqlite3';

/** The applications whose expired certificate the Admin allowed always, by application name (ignoring case). */
export class ExpiredCertTable {
  readonly #get: Database.Statement;
  readonly #put: Database.Statement;
  readonly #delete: Database.Statement;

  constructor(db: Database.Database) {
    this.#get = db.prepare('SELECT certificate_subject FROM qbdsim_expired_cert_allowed WHERE app_name_key = ?');
    this.#put = db.prepare(
      `INSERT INTO qbdsim_expired_cert_allowed (app_name_key, certificate_subject, allowed_at) VALUES (?, ?, ?)
       ON CONFLICT (app_name_key) DO UPDATE SET certificate_subject = excluded.certificate_subject,
         allowed_at = excluded.allowed_at`,
    );
    this.#delete = db.prepare('DELETE FROM qbdsim_expired_cert_allowed WHERE app_name_key = ?');
  }

  /** The certificate subject allowed for the application, if any. */
  allowedSubject(appName: string): string | undefined {
    return (this.#get.get(appName.toLowerCase()) as { certificate_subject: string } | undefined)?.certificate_subject;
  }

  allow(appName: string, subject: string, at: string): void {
    this.#put.run(appName.toLowerCase(), subject, at);
  }

  forget(appName: string): void {
    this.#delete.run(appName.toLowerCase());
  }
}
