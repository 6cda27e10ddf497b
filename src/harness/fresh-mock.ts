import { startMockQb, WebConnectorRegistry, type WorldSpec } from '../../mock-qb/index.js';
import type { TranscriptSink } from '../protocol/transcript-format.js';
import { inspectorQuery } from './inspector-query.js';

/** A fake QuickBooks started for a replay: its base URL and how to stop it. */
export interface FreshMock {
  url: string;
  /** Whether a fake Web Connector is running an update now. */
  qbwcBusy(): boolean;
  /** qbXML requests run as the scenario inspector (a person's edit in a transcript's `inspector` exchange). */
  inspect(host: string, file: string, requestsXml: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a fake QuickBooks on loopback from a world spec and a seed (the clock manual, as in scenarios), without
 * the cloud — what `qbd-sim replay` sends a transcript's requests to. `transcript` sees each request arrive.
 */
export async function startFreshMock(opts: {
  world: WorldSpec;
  seed: string;
  transcript?: TranscriptSink;
}): Promise<FreshMock> {
  const mock = await startMockQb({
    world: { ...opts.world, seed: opts.seed, clock: 'manual' },
    seed: opts.seed,
    ...(opts.transcript ? { transcript: opts.transcript } : {}),
  });
  const connectors = WebConnectorRegistry.of(mock.processors);
  return {
    url: mock.url,
    qbwcBusy: () => connectors.list().some((c) => c.busy),
    inspect: (host, file, requestsXml) => inspectorQuery(mock, host, file, requestsXml),
    stop: () => mock.stop(),
  };
}
