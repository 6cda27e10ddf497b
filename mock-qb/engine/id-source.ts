import { randomBytes } from 'node:crypto';

/**
 * Identity for one QuickBooks host: tickets, processor ids, iterator ids, ListID/TxnID counters.
 * Seeded → reproducible (tests, scenarios); unseeded → cryptographically random (the default
 * for `serve`, so one tenant cannot guess another's tickets).
 */
export class IdSource {
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

  /** A GUID in braces, e.g. `{7A3D9F20-1C4B-4E8A-9B1D-2F6C8E0A4B13}` (the shape QuickBooks uses for tickets and iterators). */
  guid(upper = true): string {
    const b = this.bytes(16);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    const h = b.toString('hex');
    const g = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return `{${upper ? g.toUpperCase() : g}}`;
  }

  /** A short opaque id (hex) for the simulator's own handles (processors, snapshots). */
  handle(prefix: string): string {
    return `${prefix}-${this.bytes(8).toString('hex')}`;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    return Math.floor((this.bytes(4).readUInt32LE(0) / 0x1_0000_0000) * max);
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
