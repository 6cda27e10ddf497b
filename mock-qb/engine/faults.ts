import type { QbHost } from './qb-host.js';

/**
 * Faults a test arms on a QuickBooks host so that the windows real integrations fail in can be hit on purpose:
 *
 * - `commit-then-drop`: QuickBooks processes the next `ProcessRequest` (its writes are committed), then the answer is
 *   lost: the RP2 bridge closes the connection without answering (as a broken network or a crashed bridge would), and
 *   the fake Web Connector's update dies before `receiveResponseXML`.
 * - `drop-before-commit`: the same loss, but before QuickBooks saw the request: nothing is written.
 *
 * A fault fires `count` times (default once), on any `ProcessRequest` or only on one whose qbXML holds the request
 * named by `match` (`BillAddRq`, or `BillAdd` for short). Each firing is journaled (actor `fault`). Armed faults are
 * state of the test, not of QuickBooks: snapshots, restore and reset do not touch them.
 */
export const FAULT_KINDS = ['commit-then-drop', 'drop-before-commit'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** One armed fault, as the control API lists it. */
export interface ArmedFault {
  id: string;
  kind: FaultKind;
  /** Firings left. */
  remaining: number;
  /** Only requests set holding this request (`BillAddRq`); null = any ProcessRequest. */
  match: string | null;
}

/** What `ProcessRequest` throws when a fault drops its answer; the bridge and the Web Connector turn it into a lost answer. */
export class FaultDrop extends Error {
  override readonly name = 'FaultDrop';
  constructor(
    readonly kind: FaultKind,
    /** True when QuickBooks processed (and committed) the request before the answer was dropped. */
    readonly committed: boolean,
  ) {
    super(`qbd-sim fault ${kind}: the answer of ProcessRequest was dropped (${committed ? 'after' : 'before'} commit)`);
  }
}

/** True for a {@link FaultDrop}, also across module copies. */
export function isFaultDrop(error: unknown): error is FaultDrop {
  return error instanceof Error && error.name === 'FaultDrop' && 'committed' in error;
}

const registries = new WeakMap<QbHost, HostFaults>();

/** The faults armed on one QuickBooks host. */
export class HostFaults {
  readonly #host: QbHost;
  #faults: ArmedFault[] = [];
  #seq = 0;

  private constructor(host: QbHost) {
    this.#host = host;
  }

  /** The fault registry of a host (created on first use). */
  static of(host: QbHost): HostFaults {
    let faults = registries.get(host);
    if (!faults) {
      faults = new HostFaults(host);
      registries.set(host, faults);
    }
    return faults;
  }

  /** Arms a fault; it fires on the next matching `ProcessRequest`(s). */
  arm(opts: { kind: FaultKind; count?: number; match?: string }): ArmedFault {
    const match = opts.match?.trim() ? normalizeMatch(opts.match.trim()) : null;
    const fault: ArmedFault = { id: `fault-${++this.#seq}`, kind: opts.kind, remaining: opts.count ?? 1, match };
    this.#faults.push(fault);
    this.#host.log('control', 'fault.armed', `fault ${fault.kind} armed${match ? ` for ${match}` : ''}`, { ...fault });
    return { ...fault };
  }

  /** The faults still armed. */
  list(): ArmedFault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  /** Disarms every fault. */
  clear(): void {
    this.#faults = [];
    this.#host.log('control', 'fault.cleared', 'faults cleared');
  }

  /**
   * The fault that fires for this request set, if any: consumed and journaled (actor `fault`). Called by
   * `ProcessRequest` before QuickBooks processes the request.
   */
  take(inputRequest: string, data: Record<string, unknown> = {}): ArmedFault | undefined {
    const index = this.#faults.findIndex((f) => f.match === null || inputRequest.includes(`<${f.match}`));
    if (index < 0) return undefined;
    const fault = this.#faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    const requests = [...inputRequest.matchAll(/<(\w+Rq)\b/g)].map((m) => m[1]!).filter((n) => n !== 'QBXMLMsgsRq');
    this.#host.log(
      'fault',
      'fault.fired',
      `fault ${fault.kind} fired on ProcessRequest (${requests.join(', ') || 'no requests'}): ${
        fault.kind === 'commit-then-drop'
          ? 'QuickBooks commits the request, the answer is dropped'
          : 'the request is dropped before QuickBooks sees it'
      }`,
      { ...data, faultId: fault.id, kind: fault.kind, requests, remaining: Math.max(0, fault.remaining) },
    );
    return { ...fault };
  }
}

/** `BillAdd` → `BillAddRq`; `BillAddRq` stays. */
function normalizeMatch(match: string): string {
  return match.endsWith('Rq') ? match : `${match}Rq`;
}
