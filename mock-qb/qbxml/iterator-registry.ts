import type { SessionInfo } from '../engine/host-types.js';
import type { QbHost } from '../engine/qb-host.js';
import { QbxmlStatusError } from './qbxml-status-error.js';

/** A query being paged through with `iterator="Start"` / `Continue`. */
export interface QueryIterator<S = unknown> {
  id: string;
  /** The request it belongs to (`VendorQueryRq`): Continue must use the same one. */
  request: string;
  maxReturned: number;
  /** Records still to return (QuickBooks' iteratorRemainingCount). */
  remaining: number;
  /** The query's own continuation state (filter and last key). */
  state: S;
  lastUsed: number;
}

/**
 * Idle time after which an iterator is forgotten when the host does not say (`fidelity.iteratorIdleMs`): about 10 s,
 * as reported (facts §6.5, §10.1; UNCONFIRMED for raw QuickBooks).
 */
export const DEFAULT_ITERATOR_IDLE_MS = 10_000;

// Iterators belong to one session (facts §6.5): keyed by the session object, they die with it.
const bySession = new WeakMap<SessionInfo, Map<string, QueryIterator>>();

/**
 * The iterators of a session. An unknown id, one from another session or application, one of another
 * request type, or one idle longer than the host's limit answers 3391 with the id in the text.
 */
export const iteratorRegistry = {
  start<S>(
    host: QbHost,
    session: SessionInfo,
    request: string,
    maxReturned: number,
    remaining: number,
    state: S,
  ): QueryIterator<S> {
    let map = bySession.get(session);
    if (!map) bySession.set(session, (map = new Map()));
    const it: QueryIterator<S> = {
      id: host.ids.guid(false),
      request,
      maxReturned,
      remaining,
      state,
      lastUsed: host.clock.now(),
    };
    map.set(it.id, it as QueryIterator);
    return it;
  },

  get<S>(
    host: QbHost,
    session: SessionInfo,
    request: string,
    id: string,
    idleMs: number = host.fidelity.iteratorIdleMs ?? DEFAULT_ITERATOR_IDLE_MS,
  ): QueryIterator<S> {
    const it = bySession.get(session)?.get(id);
    const now = host.clock.now();
    if (!it || it.request !== request || now - it.lastUsed > idleMs) {
      if (it) bySession.get(session)!.delete(id);
      throw QbxmlStatusError.of('invalidIterator', { iteratorId: id });
    }
    it.lastUsed = now;
    return it as QueryIterator<S>;
  },

  stop(session: SessionInfo, id: string): boolean {
    return bySession.get(session)?.delete(id) ?? false;
  },
};
