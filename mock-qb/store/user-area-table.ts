import type Database from 'better-sqlite3';

/** A user's access to one area ("Selected areas" users). */
export type AreaAccessLevel = 'none' | 'read' | 'full';

/** The areas a "Selected areas" user was given, by user (ignoring case) and area name. */
export class UserAreaTable {
  readonly #get: Database.Statement;
  readonly #put: Database.Statement;

  constructor(db: Database.Database) {
    this.#get = db.prepare('SELECT area, access FROM qbx_user_areas WHERE user_key = ?');
    this.#put = db.prepare(
      `INSERT INTO qbx_user_areas (user_key, area, access) VALUES (?, ?, ?)
       ON CONFLICT(user_key, area) DO UPDATE SET access = excluded.access`,
    );
  }

  /** The areas set for a user. */
  get(userName: string): { area: string; access: AreaAccessLevel }[] {
    return this.#get.all(userName.toUpperCase()) as { area: string; access: AreaAccessLevel }[];
  }

  put(userName: string, area: string, access: AreaAccessLevel): void {
    this.#put.run(userName.toUpperCase(), area, access);
  }
}
