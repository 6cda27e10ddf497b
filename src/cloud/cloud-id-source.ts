import { RandomBytes } from '../protocol/random-bytes.js';

/**
 * Identity for the fake AP cloud: token keys and the ids of companies, vendors, bills and payments.
 * Seeded → reproducible (tests, scenarios: the same seed issues the same keys in the same order);
 * unseeded → cryptographically random (the default, so a key cannot be guessed).
 */
export class CloudIdSource {
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

  /** A token key as "Get New Key" shows it: `apk-` and 128 random bits in four groups, e.g. `apk-3f9a1c2e-77b04d1a-9c0e5f12-a1b2c3d4`. */
  tokenKey(): string {
    const hex = this.bytes(16).toString('hex');
    return `apk-${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}-${hex.slice(24)}`;
  }

  /** An opaque id for a cloud record, e.g. `co-1a2b3c4d5e6f7a8b`. */
  id(prefix: string): string {
    return `${prefix}-${this.bytes(8).toString('hex')}`;
  }
}
