import { hresultText, isHresult, normalizeHresult, type Hresult } from '../../src/protocol/hresult.js';
import { RandomBytes } from '../../src/protocol/random-bytes.js';
import type { QbHost } from './qb-host.js';

/**
 * Faults a test arms on a QuickBooks host so that the windows real integrations fail in can be hit on purpose. Each
 * looks to the application exactly like the real failure does (a lost HTTP answer, Intuit's HRESULT, a qbXML status,
 * QBWC's own error); nothing marks it as injected except the journal (actor `fault`).
 *
 * On `ProcessRequest` (`match`: a request name, `BillAdd` or `BillAddRq`; none = any request set):
 *
 * - `commit-then-drop`: QuickBooks processes the request set (its writes are committed), then the answer is lost: the
 *   RP2 bridge closes the connection without answering, the fake Web Connector's update dies before
 *   `receiveResponseXML` (QBWC1042).
 * - `drop-before-commit`: the same loss before QuickBooks saw the request: nothing is written.
 * - `qb-crash`: QuickBooks stops working (`phase: 'before'`, the default: before the request is processed; `'after'`:
 *   once it committed). The call fails with 0x80040401 "Could not access QuickBooks.", every session ends (their
 *   tickets answer 0x8004040D), a BeginSession waiting on a dialog fails with 0x80040401, and QuickBooks is not
 *   running any more (open file, login and windows gone).
 * - `modal-dialog`: QuickBooks raises a modal window (`title`, `text`; default "QuickBooks Update Service") before
 *   (default) or after the request; the request itself is answered, the next BeginSession answers 0x80040414 until a
 *   person closes the window (`ui/dismiss-dialog`).
 * - `record-locked`: another user has the records the request names (its `TxnID`s and `ListID`s) open for editing
 *   while it is processed: a write to them answers 3170 (list element) or 3175 (transaction). The lock is released
 *   after the request unless `hold: true` (then `records/unlock` releases it).
 * - `edit-sequence-bumped`: a person edits the records the request names in the QuickBooks UI just before it is
 *   processed: their EditSequence and TimeModified move forward, so a `…Mod` carrying the old EditSequence answers
 *   3200.
 *
 * On any RP2 bridge call (`match`: a method name such as `BeginSession`, or a request name for `ProcessRequest`):
 *
 * - `delay`: the answer comes `ms` milliseconds (real time) late.
 * - `com-error`: the call fails with `hresult` and its exact text (Intuit's, or Windows' own) instead of being handled,
 *   journaled as that call's failure — a refusal without building the host state that gives it (how a connector
 *   handles 0x8004041D, say). The table of which state gives which code is src/protocol/host-hresult-causes.ts.
 *
 * In the fake Web Connector (`match`: a SOAP operation, `sendRequestXML`, …; none = any):
 *
 * - `qbwc-drop`: the update dies at that SOAP call: `phase: 'before'` (default) the call never reaches the service
 *   ("…An unexpected error occurred on a send."), `'after'` the service handled it and the answer was lost ("…on a
 *   receive."). QBWC reports what it reports for that call (QBWC1012 authenticate, QBWC1041 sendRequestXML, QBWC1042
 *   receiveResponseXML, …) and releases QuickBooks.
 *
 * A fault fires once by default, `count` times, or, with `probability` (0 < p ≤ 1), on each matching opportunity with
 * that chance drawn from a generator seeded by `seed` (default: host id and fault id, so a run replays exactly) —
 * then as many times as `count` allows (unlimited without one). Each firing is journaled (actor `fault`, kind
 * `fault.fired`). Armed faults are state of the test, not of QuickBooks: snapshots, restore and reset do not touch
 * them.
 */
export const FAULT_KINDS = [
  'commit-then-drop',
  'drop-before-commit',
  'delay',
  'qb-crash',
  'modal-dialog',
  'record-locked',
  'edit-sequence-bumped',
  'qbwc-drop',
  'com-error',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Where a fault kind fires. */
export type FaultSite = 'ProcessRequest' | 'rp2-call' | 'qbwc-soap';

const SITE: Record<FaultKind, FaultSite> = {
  'commit-then-drop': 'ProcessRequest',
  'drop-before-commit': 'ProcessRequest',
  'qb-crash': 'ProcessRequest',
  'modal-dialog': 'ProcessRequest',
  'record-locked': 'ProcessRequest',
  'edit-sequence-bumped': 'ProcessRequest',
  delay: 'rp2-call',
  'com-error': 'rp2-call',
  'qbwc-drop': 'qbwc-soap',
};

/** The site a kind fires at. */
export function faultSite(kind: FaultKind): FaultSite {
  return SITE[kind];
}

/** What a test asks for when it arms a fault. */
export interface FaultSpec {
  kind: FaultKind;
  /** Firings (default 1; with `probability`, unlimited unless given). */
  count?: number;
  /** Fire on each matching opportunity with this chance (seeded). */
  probability?: number;
  /** The seed of the probability draws (default `<host>/<fault id>`). */
  seed?: string;
  /** A request name (`BillAdd`), an RP2 method (`BeginSession`, delay) or a SOAP operation (`sendRequestXML`, qbwc-drop). */
  match?: string;
  /** `delay`: milliseconds. */
  ms?: number;
  /** `qb-crash`, `modal-dialog`, `qbwc-drop`: before (default) or after the call is handled. */
  phase?: 'before' | 'after';
  /** `modal-dialog`: the window. */
  title?: string;
  text?: string;
  /** `record-locked`: keep the records locked after the request. */
  hold?: boolean;
  /** `com-error`: the HRESULT the call fails with (`0x8004041D`). */
  hresult?: string;
}

/** One armed fault, as the control API lists it. */
export interface ArmedFault {
  id: string;
  kind: FaultKind;
  /** Firings left; null = unlimited (a probability without a count). */
  remaining: number | null;
  /** The request, RP2 method or SOAP operation it waits for; null = any. */
  match: string | null;
  probability: number | null;
  seed: string | null;
  ms: number | null;
  phase: 'before' | 'after';
  title: string | null;
  text: string | null;
  hold: boolean;
  /** `com-error`: the HRESULT; null for the other kinds. */
  hresult: Hresult | null;
  /** Times it fired so far. */
  fired: number;
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

/** What a fault site offers to the armed faults. */
export interface FaultOpportunity {
  /** RP2 method (`ProcessRequest`, `BeginSession`, …) or SOAP operation. */
  method?: string;
  /** The qbXML request set of a ProcessRequest. */
  inputRequest?: string;
}

const registries = new WeakMap<QbHost, HostFaults>();

interface Armed extends ArmedFault {
  rng: RandomBytes | null;
}

const RP2_METHOD = /^[A-Z][A-Za-z0-9]*$/;

/** The faults armed on one QuickBooks host. */
export class HostFaults {
  readonly #host: QbHost;
  #faults: Armed[] = [];
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

  /** Arms a fault; it fires at the next matching opportunity (or with its probability). */
  arm(spec: FaultSpec): ArmedFault {
    const id = `fault-${++this.#seq}`;
    const match = spec.match?.trim() ? spec.match.trim() : null;
    const probability = spec.probability ?? null;
    if (probability !== null && !(probability > 0 && probability <= 1))
      throw new RangeError('probability must be in (0, 1]');
    const seed = probability === null ? null : (spec.seed ?? `${this.#host.id}/${id}`);
    const hresult = spec.kind === 'com-error' ? normalizeHresult(spec.hresult ?? '') : null;
    if (hresult !== null && !isHresult(hresult))
      throw new RangeError(
        `com-error needs an hresult qbd-sim knows (QBXMLRP2's or Windows'); "${spec.hresult ?? ''}" is not one`,
      );
    const fault: Armed = {
      id,
      kind: spec.kind,
      remaining: spec.count ?? (probability === null ? 1 : null),
      match,
      probability,
      seed,
      ms: spec.kind === 'delay' ? (spec.ms ?? 1000) : null,
      phase: spec.phase ?? 'before',
      title: spec.kind === 'modal-dialog' ? (spec.title ?? 'QuickBooks Update Service') : null,
      text: spec.kind === 'modal-dialog' ? (spec.text ?? 'A QuickBooks update is available. Install now?') : null,
      hold: spec.hold ?? false,
      hresult: hresult as Hresult | null,
      fired: 0,
      rng: seed === null ? null : new RandomBytes(seed),
    };
    this.#faults.push(fault);
    this.#host.log('control', 'fault.armed', `fault ${fault.kind} armed${match ? ` for ${match}` : ''}`, {
      ...publicView(fault),
    });
    return publicView(fault);
  }

  /** The faults still armed. */
  list(): ArmedFault[] {
    return this.#faults.map(publicView);
  }

  /** Disarms every fault. */
  clear(): void {
    this.#faults = [];
    this.#host.log('control', 'fault.cleared', 'faults cleared');
  }

  /**
   * The fault that fires at this opportunity, if any: consumed and journaled (actor `fault`). Called by the sites:
   * `ProcessRequest` before QuickBooks processes the request, the RP2 bridge before a call, the fake Web Connector
   * before a SOAP call. At most one fault fires per opportunity (the first armed that matches and draws).
   */
  take(site: FaultSite, at: FaultOpportunity, data: Record<string, unknown> = {}): ArmedFault | undefined {
    for (let index = 0; index < this.#faults.length; index++) {
      const fault = this.#faults[index]!;
      if (SITE[fault.kind] !== site || !matches(fault, site, at)) continue;
      if (fault.rng && draw(fault.rng) >= fault.probability!) continue;
      fault.fired++;
      if (fault.remaining !== null) {
        fault.remaining--;
        if (fault.remaining <= 0) this.#faults.splice(index, 1);
      }
      const requests = at.inputRequest ? requestNames(at.inputRequest) : [];
      const where =
        site === 'ProcessRequest'
          ? `ProcessRequest (${requests.join(', ') || 'no requests'})`
          : site === 'rp2-call'
            ? `${at.method ?? '?'}${requests.length ? ` (${requests.join(', ')})` : ''}`
            : `${at.method ?? '?'}`;
      this.#host.log('fault', 'fault.fired', `fault ${fault.kind} fired on ${where}: ${describe(fault)}`, {
        ...data,
        faultId: fault.id,
        kind: fault.kind,
        ...(at.method ? { method: at.method } : {}),
        requests,
        remaining: fault.remaining === null ? null : Math.max(0, fault.remaining),
      });
      return publicView(fault);
    }
    return undefined;
  }
}

function matches(fault: Armed, site: FaultSite, at: FaultOpportunity): boolean {
  const m = fault.match;
  if (m === null) return true;
  if (site === 'qbwc-soap') return at.method === m;
  if (site === 'rp2-call' && RP2_METHOD.test(m) && at.method === m) return true;
  return at.inputRequest !== undefined && at.inputRequest.includes(`<${normalizeMatch(m)}`);
}

function draw(rng: RandomBytes): number {
  return rng.bytes(4).readUInt32LE(0) / 0x1_0000_0000;
}

function requestNames(inputRequest: string): string[] {
  return [...inputRequest.matchAll(/<(\w+Rq)\b/g)].map((m) => m[1]!).filter((n) => n !== 'QBXMLMsgsRq');
}

function describe(f: ArmedFault): string {
  switch (f.kind) {
    case 'commit-then-drop':
      return 'QuickBooks commits the request, the answer is dropped';
    case 'drop-before-commit':
      return 'the request is dropped before QuickBooks sees it';
    case 'delay':
      return `the answer is delayed ${f.ms} ms`;
    case 'qb-crash':
      return f.phase === 'after' ? 'QuickBooks commits the request, then stops working' : 'QuickBooks stops working';
    case 'modal-dialog':
      return `QuickBooks shows "${f.title}"`;
    case 'record-locked':
      return 'another user has the records of the request open for editing';
    case 'edit-sequence-bumped':
      return 'a person edits the records of the request in QuickBooks first';
    case 'com-error':
      return `the call fails with ${f.hresult}: ${hresultText(f.hresult!)}`;
    case 'qbwc-drop':
      return f.phase === 'after'
        ? 'the service handled the call, its answer is lost; the update dies'
        : 'the call never reaches the service; the update dies';
  }
}

function publicView(f: Armed): ArmedFault {
  const { rng: _rng, ...rest } = f;
  return { ...rest };
}

/** `BillAdd` → `BillAddRq`; `BillAddRq` stays. */
function normalizeMatch(match: string): string {
  return match.endsWith('Rq') ? match : `${match}Rq`;
}

/**
 * The records a request set edits or deletes: the `TxnID`/`ListID` each `…Mod` names, and each `…DelRq`'s; with
 * `applied`, also the transactions a payment is applied to (`AppliedToTxnAdd`).
 */
export function recordIdsOf(inputRequest: string, opts: { applied?: boolean } = {}): string[] {
  const ids = [
    ...(opts.applied
      ? [...inputRequest.matchAll(/<AppliedToTxn(?:Add|Mod)>\s*<TxnID>([^<]+)</g)].map((m) => m[1]!.trim())
      : []),
    ...[...inputRequest.matchAll(/<\w+Mod>\s*<(?:TxnID|ListID)>([^<]+)</g)].map((m) => m[1]!.trim()),
    ...[...inputRequest.matchAll(/<(?:TxnDel|ListDel)Rq\b[^>]*>[\s\S]*?<(?:TxnID|ListID)>([^<]+)</g)].map((m) =>
      m[1]!.trim(),
    ),
  ];
  return [...new Set(ids)];
}
