import type { RequestHandler } from 'express';
import type { Journal, JournalEntry } from '../../engine/journal.js';

/** How many recent entries a new stream starts with (when it does not say where it left off). */
const DEFAULT_BACKLOG = 200;
/** A comment line this often keeps proxies and idle timers from closing the stream. */
const HEARTBEAT_MS = 15_000;
/** A reconnecting stream replays at most this many entries (the page keeps fewer). */
const MAX_REPLAY = 5_000;

/**
 * `GET /__qbd/events`: the journal as server-sent events, for the dashboard. Each entry is one `journal` event
 * (`id:` its sequence number, `data:` the entry as JSON). A new stream first replays the entries after `?since=N`
 * or the `Last-Event-ID` header (a reconnecting EventSource), else the last `?backlog=N` (default 200); then every
 * new entry as it is recorded. Read-only: it changes nothing.
 */
export function journalEventStream(journal: Journal): RequestHandler {
  return (req, res) => {
    const lastId = Number(req.headers['last-event-id'] ?? req.query['since']);
    const backlog = Math.min(Math.max(Number(req.query['backlog'] ?? DEFAULT_BACKLOG) || 0, 0), 5_000);
    const last = journal.stats().lastSeq;
    const asked = Number.isInteger(lastId) && lastId >= 0 ? lastId : last - backlog;
    const since = Math.max(0, asked, last - MAX_REPLAY);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const send = (entry: JournalEntry): void => {
      // Called inside Journal.record(): a failing socket must never fail what QuickBooks was doing.
      if (res.destroyed || res.writableEnded) return;
      try {
        // JSON has no raw newlines, so one `data:` line carries the whole entry.
        res.write(`id: ${entry.seq}\nevent: journal\ndata: ${JSON.stringify(entry)}\n\n`);
      } catch {
        res.destroy();
      }
    };
    for (const entry of journal.list({ since })) send(entry);
    const unsubscribe = journal.subscribe(send);
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    req.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
    });
  };
}
