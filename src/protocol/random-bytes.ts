import { randomBytes } from 'node:crypto';

/**
 * The 128-bit cyrb128 hash of a seed string: four 32-bit words, used to seed small generators so the
 * same seed gives the same sequence on any machine.
 */
export function cyrb128(seed: string): [number, number, number, number] {
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
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/**
 * Random bytes for identities (tickets, ids, token keys): seeded → reproducible (xoshiro128** from
 * the seed's cyrb128 hash), unseeded → `crypto.randomBytes`, so nobody can guess another tenant's ids.
 */
export class RandomBytes {
  readonly seeded: boolean;
  #state: Uint32Array | null;

  constructor(seed?: string | number) {
    this.seeded = seed !== undefined;
    if (seed === undefined) {
      this.#state = null;
    } else {
      this.#state = new Uint32Array(cyrb128(String(seed)));
      if (this.#state.every((v) => v === 0)) this.#state[0] = 1;
    }
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
