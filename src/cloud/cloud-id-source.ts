import { randomBytes } from 'node:crypto';

/**
 * Identity for the fake AP cloud: token keys and the ids of companies, vendors, bills and payments.
 * Seeded → reproducible (tests, scenarios: the same seed issues the same keys in the same order);
 * unseeded → cryptographically random (the default, so a key cannot be guessed).
 */
export class CloudIdSource {
  readonly seeded: boolean;
  #state: Uint32Array | null;

  constructor(seed?: string | number) {
    this.seeded = seed !== undefined;
    this.#state = seed === undefined ? null : seedState(String(seed));
  }

  /** `count` random bytes. */
  bytes(count: number): Buffer {
    if (!this.#state) return randomBytes(count);
    const out = Buffer.alloc(count);
    for (let i = 0; i < count; i += 4) {
      const word = this.#next();
      for (let j = 0; j < 4 && i + j < count; j++) out[i + j] = (word >>> (j * 8)) & 0xff;
    }
    return out;
  }

  /** A token key as "Get New Key" shows it: `apk-` and 128 random bits in four groups, e.g. `apk-3f9a1c2e-77b04d1a-9c0e5f12-a1b2c3d4`. */
  tokenKey(): string {
    const hex = this.bytes(16).toString('hex');
    return `apk-${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}-${hex.slice(24)}`;
  }

  /** An opaque id for a cloud record, e.g. `co-1a2b3c4d5e6f7a8b`. */
  id(prefix: string): string {
    return `${prefix}-${this.bytes(8).toString('hex')}`;
  }

  // xoshiro128** — small, fast, well distributed; only used when seeded.
  #next(): number {
    const s = this.#state!;
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11);
    return result;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** cyrb128-style string hash → 128-bit state (never all zero). */
function seedState(seed: string): Uint32Array {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < seed.length; i++) {
    const k = seed.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  const state = new Uint32Array([(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0]);
  if (state.every((v) => v === 0)) state[0] = 1;
  return state;
}
