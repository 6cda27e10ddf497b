import path from 'node:path';
import { normalizeCompanyPath, stateFiles } from './state-files.js';

interface TokenFile {
  tokens: Record<string, { company: string; tokenKey: string; setAt: string }>;
}

/**
 * The token key of each company file (one per file; a new key replaces the old one), in `tokens.json` in the state
 * directory with file mode 0600. Read from disk on every lookup, so a key entered with `ap-connector token set` while
 * the connector runs is seen at once. Keys are never logged, printed or put in a status.
 */
export class TokenStore {
  readonly file: string;

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'tokens.json');
  }

  /** The token key of a company file, or undefined. */
  get(company: string): string | undefined {
    return this.#read().tokens[normalizeCompanyPath(company)]?.tokenKey;
  }

  /** Whether a company file has a token key (what `status` shows instead of the key). */
  has(company: string): boolean {
    return this.get(company) !== undefined;
  }

  /** Stores (or replaces) the token key of a company file. */
  set(company: string, tokenKey: string, at: Date): void {
    const key = tokenKey.trim();
    if (!key) throw new Error('the token key is empty');
    if (/\s/.test(key)) throw new Error('a token key has no spaces or line breaks');
    const data = this.#read();
    data.tokens[normalizeCompanyPath(company)] = { company, tokenKey: key, setAt: at.toISOString() };
    stateFiles.writeJson(this.file, data, 0o600);
  }

  /** Forgets the token key of a company file. */
  delete(company: string): void {
    const data = this.#read();
    delete data.tokens[normalizeCompanyPath(company)];
    stateFiles.writeJson(this.file, data, 0o600);
  }

  #read(): TokenFile {
    const data = stateFiles.readJson<TokenFile>(this.file, { tokens: {} });
    return { tokens: { ...(data.tokens ?? {}) } };
  }
}
