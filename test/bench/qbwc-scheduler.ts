import {
  type ManualClock,
  ProcessorRegistry,
  SAMPLE_WORLD_SPEC,
  WebConnector,
  buildWorld,
  newQwcFile,
  serializeQwc,
  type QbHost,
  type WorldSpec,
} from '../../mock-qb/index.js';
import { startQbwcService } from '../integration/web-connector/qbwc-test-service.js';
import { summarizeLatencies } from './bench-stats.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';

const HOST = 'OFFICE-PC';
const MINUTE = 60_000;
/** 24 virtual hours of Auto-Run every minute. */
const SESSIONS = 24 * 60;
/** Sessions run first and not counted (JIT, connection pools). */
const WARMUP_SESSIONS = 30;
const APP_NAME = 'Scheduler Bench';
const HOST_QUERY =
  '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq requestID="1"/></QBXMLMsgsRq></QBXML>';

/**
 * The fake Web Connector's scheduler: Auto-Run every minute on a manual host clock for 24 virtual hours (1,440
 * update sessions, each serverVersion → clientVersion → authenticate → BeginSession → AppLock → HCP →
 * sendRequestXML → HostQuery through QuickBooks → receiveResponseXML 100 → AppLock cleared → closeConnection),
 * against a QBWC service written with the `soap` package on loopback. The clock moves one minute at a time and
 * the next minute waits until the update has ended, so the figure is sessions one after the other (QBWC's update
 * lock allows nothing else). Everything runs in this process: the fake QuickBooks, the fake QBWC and the service.
 */
export const qbwcScheduler: Benchmark = {
  name: 'qbwc-scheduler',
  description: `Auto-Run every minute for 24 virtual hours: ${SESSIONS.toLocaleString('en-US')} QBWC update sessions against a local \`soap\` service (after ${WARMUP_SESSIONS} warm-up sessions)`,
  async run(options: BenchOptions): Promise<BenchResult[]> {
    let tickets = 0;
    const service = await startQbwcService({
      authenticate: () => [`T-${++tickets}`, ''],
      sendRequestXML: () => HOST_QUERY,
      receiveResponseXML: () => 100,
    });
    const world = buildWorld(benchWorld());
    const host = world.host(HOST);
    const clock = host.clock as ManualClock;
    const processors = new ProcessorRegistry(world);
    const wc = new WebConnector(processors, {
      host: HOST,
      historySize: SESSIONS + WARMUP_SESSIONS,
      logMaxLines: 5_000,
    });
    try {
      await addApplication(wc, host, service.url);
      wc.setPassword(APP_NAME, 'bench-password');
      wc.setAutoRun(APP_NAME, { enabled: true, everyMinutes: 1 });
      for (let i = 0; i < WARMUP_SESSIONS; i++) {
        clock.advance(MINUTE);
        await wc.whenIdle();
      }
      const firstSeq = wc.updates().last;
      const samples: number[] = [];
      const started = performance.now();
      for (let i = 0; i < SESSIONS; i++) {
        const t0 = performance.now();
        clock.advance(MINUTE);
        await wc.whenIdle();
        samples.push(performance.now() - t0);
        if ((i + 1) % 360 === 0) options.progress(`[qbwc-scheduler] ${(i + 1) / 60} virtual hours: ${i + 1} sessions`);
      }
      const elapsedMs = performance.now() - started;
      const results = wc.updates(firstSeq).updates.map((u) => u.result);
      const bad = results.filter((r) => r.outcome !== 'ok');
      if (results.length !== SESSIONS || bad.length > 0) {
        throw new Error(
          `[qbwc-scheduler] ${results.length} updates ended (expected ${SESSIONS}); ${bad.length} not ok: ${JSON.stringify(bad[0]?.lines ?? bad[0]?.status)}`,
        );
      }
      const rate = SESSIONS / (elapsedMs / 1000);
      options.progress(
        `[qbwc-scheduler] ${SESSIONS.toLocaleString('en-US')} sessions (24 virtual hours) took ${(elapsedMs / 1000).toFixed(2)} s: ${rate.toFixed(1)} sessions/s`,
      );
      return [
        {
          name: 'qbwc-scheduler',
          concurrency: 1,
          unit: 'session',
          ops: SESSIONS,
          elapsedMs,
          opsPerSec: rate,
          latencyMs: summarizeLatencies(samples),
        },
      ];
    } finally {
      wc.close();
      await service.close();
      processors.releaseAll();
      world.close();
    }
  },
};

/** The sample machine with "Acme Supplies" open single-user as Admin, on a manual clock. */
function benchWorld(): WorldSpec {
  const sample = SAMPLE_WORLD_SPEC.hosts[0]!;
  const path = sample.companyFiles![0]!.path;
  return {
    seed: 'qbwc-scheduler',
    clock: 'manual',
    clockStart: '2024-03-01T00:00:00Z',
    journalCapacity: 20_000,
    hosts: [
      { ...sample, ui: { running: true, open: { path, mode: 'single-user', user: 'Admin', password: 'admin' } } },
    ],
  };
}

/** Adds the bench application; the Admin answers the certificate dialog "Yes, always". */
async function addApplication(wc: WebConnector, host: QbHost, url: string): Promise<void> {
  const qwc = serializeQwc(
    newQwcFile({
      url,
      appName: APP_NAME,
      ownerId: '{8D1F0C2B-5A4E-4B3C-9E2D-1F0A9B8C7D6E}',
      fileId: '{2E3F4A5B-6C7D-4E8F-9A0B-1C2D3E4F5A6B}',
      userName: 'bench',
    }),
  );
  const adding = wc.addApplication(qwc);
  adding.catch(() => undefined);
  for (let i = 0; i < 1_000 && !host.dialogs.some((d) => d.kind === 'certificate'); i++) {
    await new Promise((r) => setTimeout(r, 5));
  }
  host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
  await adding;
}
