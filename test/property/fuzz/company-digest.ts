// A digest of a company file's content (every table, every row): equal digests = the request changed nothing.
// `CompanyWatch` recomputes it only when SQLite says rows were written since the last look (total_changes()).
import { createHash } from 'node:crypto';
import type { QbHost } from '../../../mock-qb/index.js';

export function companyDigest(host: QbHost, path: string): string {
  const db = host.companyStore(path).db;
  const hash = createHash('sha1');
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
    name: string;
  }[];
  for (const { name } of tables) {
    hash.update(name);
    for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}

export class CompanyWatch {
  #digest = '';
  #changes = -1;
  constructor(
    readonly host: QbHost,
    readonly path: string,
  ) {}
  #totalChanges(): number {
    const db = this.host.companyStore(this.path).db;
    return (db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }
  /** The digest now (cached while nothing was written). */
  digest(): string {
    const n = this.#totalChanges();
    if (n !== this.#changes) {
      this.#digest = companyDigest(this.host, this.path);
      this.#changes = this.#totalChanges();
    }
    return this.#digest;
  }
}
