import { RandomBytes } from '../../src/protocol/random-bytes.js';

/**
 * Identity for one QuickBooks host: tickets, processor ids, iterator ids, ListID/TxnID counters.
 * Seeded → reproducible (tests, scenarios); unseeded → cryptographically random (the default
 * for `serve`, so one tenant cannot guess another's tickets).
 */
export class IdSource {
  readonly seeded: boolean;
  #random: RandomBytes;

  constructor(seed?: string | number) {
    this.#random = new RandomBytes(seed);
    this.seeded = this.#random.seeded;
  }

  /** `count` random bytes. */
  bytes(count: number): Buffer {
    return this.#random.bytes(count);
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
}
