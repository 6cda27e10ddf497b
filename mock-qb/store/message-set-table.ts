import type Database from 'better-sqlite3';

/** A kept message set: the checksum of its requests and its answer (null until it completed). */
export interface KeptMessageSet {
  checksum: string;
  response: string | null;
}

/** The message sets kept for error recovery, per application key and message set ID. */
export class MessageSetTable {
  readonly #get: Database.Statement;
  readonly #insert: Database.Statement;
  readonly #setResponse: Database.Statement;
  readonly #delete: Database.Statement;
  readonly #clearApp: Database.Statement;
  readonly #trim: Database.Statement;

  constructor(db: Database.Database) {
    this.#get = db.prepare('SELECT checksum, response FROM qbx_message_set WHERE app_key = ? AND message_set_id = ?');
    this.#insert = db.prepare(
      'INSERT INTO qbx_message_set (app_key, message_set_id, checksum, response, kept_at) VALUES (?, ?, ?, NULL, ?)',
    );
    this.#setResponse = db.prepare('UPDATE qbx_message_set SET response = ? WHERE app_key = ? AND message_set_id = ?');
    this.#delete = db.prepare('DELETE FROM qbx_message_set WHERE app_key = ? AND message_set_id = ?');
    this.#clearApp = db.prepare('DELETE FROM qbx_message_set WHERE app_key = ?');
    this.#trim = db.prepare(
      `DELETE FROM qbx_message_set WHERE app_key = @app AND rowid NOT IN
       (SELECT rowid FROM qbx_message_set WHERE app_key = @app ORDER BY rowid DESC LIMIT @keep)`,
    );
  }

  get(app: string, id: string): KeptMessageSet | undefined {
    return this.#get.get(app, id) as KeptMessageSet | undefined;
  }

  insert(app: string, id: string, checksum: string, at: number): void {
    this.#insert.run(app, id, checksum, at);
  }

  setResponse(app: string, id: string, response: string): void {
    this.#setResponse.run(response, app, id);
  }

  delete(app: string, id: string): void {
    this.#delete.run(app, id);
  }

  clearApp(app: string): void {
    this.#clearApp.run(app);
  }

  /** Keeps only the `keep` newest sets of an application. */
  trim(app: string, keep: number): void {
    this.#trim.run({ app, keep });
  }
}
