// Auto-Run on the host's virtual clock (facts §5.3, §10.3): RunEveryNMinutes for a whole virtual day against a
// QBWC service written with the `soap` package, one update at a time under QBWC's update lock, several applications
// on their own schedules, and the service's postpone and minimum-interval answers.
import { expect, test } from 'vitest';
import type { ServiceScript } from './qbwc-test-service.js';
import { APP_NAME, CLOCK_START, PASSWORD, USER_NAME, addAuthorized, qbxml, qwcXml, startBench } from './support.js';

const MINUTE = 60_000;
const START = Date.parse(CLOCK_START);
const HOST_QUERY = qbxml('<HostQueryRq requestID="1"/>');

/**
 * A service that numbers its sessions per user (`<user>-<n>` tickets), sends one HostQuery per session, and checks
 * that no two sessions are ever open at once (authenticate … closeConnection).
 */
function countingService(answers: (user: string, n: number) => string[] = (user, n) => [`${user}-${n}`, '']) {
  const sessions = new Map<string, number>();
  let open = 0;
  let maxOpen = 0;
  const script: ServiceScript = {
    authenticate: (user) => {
      const n = (sessions.get(user) ?? 0) + 1;
      sessions.set(user, n);
      open++;
      maxOpen = Math.max(maxOpen, open);
      return answers(user, n);
    },
    sendRequestXML: () => HOST_QUERY,
    receiveResponseXML: () => 100,
    closeConnection: () => {
      open--;
      return 'OK';
    },
  };
  return { script, maxOpen: () => maxOpen, sessions: (user: string) => sessions.get(user) ?? 0 };
}

/** The tickets of the calls the service received, in arrival order, one entry per run of calls with one ticket. */
function ticketRuns(calls: { operation: string; args: Record<string, unknown> | null }[]): string[] {
  const runs: string[] = [];
  for (const c of calls) {
    const ticket = c.args?.['ticket']; // `soap` gives null args for serverVersion (no parameters)
    if (typeof ticket !== 'string' || ticket === '') continue;
    if (runs[runs.length - 1] !== ticket) runs.push(ticket);
  }
  return runs;
}

const minutesAfterStart = (iso: string) => (Date.parse(iso) - START) / MINUTE;

test('24 virtual hours of updates every minute: 1,440 sessions, in order, one at a time', async () => {
  const sessions = 24 * 60;
  const service = countingService();
  await using b = await startBench('sched-day', service.script, { wc: { historySize: sessions + 10 } });
  const app = await addAuthorized(b);
  b.wc.setPassword(app.appName, PASSWORD);
  const on = b.wc.setAutoRun(app.appName, { enabled: true, everyMinutes: 1 });
  expect(on).toMatchObject({ autoRun: true, intervalSeconds: 60, nextRunAt: '2024-03-01T15:01:00.000Z' });

  for (let i = 0; i < sessions; i++) {
    b.clock.advance(MINUTE);
    await b.wc.whenIdle();
  }

  const results = b.wc.updates().updates.map((u) => u.result);
  expect(results).toHaveLength(sessions);
  expect(results.every((r) => r.trigger === 'scheduled' && r.outcome === 'ok' && r.requests === 1)).toBe(true);
  // Each update ran at its minute of the host clock, one after the other.
  expect(results.map((r) => minutesAfterStart(r.startedAt))).toEqual(Array.from({ length: sessions }, (_, i) => i + 1));
  expect(results.map((r) => r.ticket)).toEqual(Array.from({ length: sessions }, (_, i) => `${USER_NAME}-${i + 1}`));
  // Seen from the service: never two sessions open at once, and each session's calls contiguous and in order.
  expect(service.maxOpen()).toBe(1);
  expect(ticketRuns(b.service.calls)).toEqual(Array.from({ length: sessions }, (_, i) => `${USER_NAME}-${i + 1}`));
  expect(b.wc.application(APP_NAME).nextRunAt).toBe('2024-03-02T15:01:00.000Z');
}, 120_000);

test('two applications on different schedules share the update lock: never two updates at once', async () => {
  const service = countingService();
  await using b = await startBench('sched-two', service.script, { wc: { historySize: 500, logMaxLines: 200_000 } });
  const a = await addAuthorized(b);
  const other = await addAuthorized(
    b,
    qwcXml(b.service.url, {
      AppName: 'Payroll Export',
      UserName: 'payroll',
      OwnerID: '{3B1C2A8E-0F0D-4B7A-9C1E-5D2F6A7B8C9D}',
      FileID: '{6E5D4C3B-2A19-4F08-8E7D-6C5B4A392817}',
      Scheduler: '<RunEveryNMinutes>7</RunEveryNMinutes>',
    }),
  );
  b.wc.setPassword(a.appName, PASSWORD);
  b.wc.setPassword(other.appName, 'payroll-pw');
  b.wc.setAutoRun(a.appName, { enabled: true, everyMinutes: 1 });
  expect(b.wc.setAutoRun(other.appName, { enabled: true })).toMatchObject({ intervalSeconds: 420 });

  for (let minute = 1; minute <= 120; minute++) {
    b.clock.advance(MINUTE);
    await b.wc.whenIdle();
  }

  const results = b.wc.updates().updates.map((u) => u.result);
  const at = (name: string) => results.filter((r) => r.appName === name).map((r) => minutesAfterStart(r.startedAt));
  expect(at(APP_NAME)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  expect(at('Payroll Export')).toEqual(Array.from({ length: 17 }, (_, i) => (i + 1) * 7));
  expect(results.every((r) => r.outcome === 'ok')).toBe(true);
  // At minutes 7, 14, … both were due: they ran one after the other, never overlapping.
  expect(service.maxOpen()).toBe(1);
  expect(ticketRuns(b.service.calls)).toHaveLength(120 + 17);
  expect(service.sessions(USER_NAME)).toBe(120);
  expect(service.sessions('payroll')).toBe(17);
  // QWCLog: the lock taken and released once per update (and once per Add).
  const log = b.wc.log.text();
  expect(log.match(/\*+ Update session locked \*+/g)).toHaveLength(137 + 2);
  expect(log.match(/\*+ Update session unlocked \*+/g)).toHaveLength(137 + 2);
});

test('postpone and minimum interval answers move the schedule (Auto-Run only)', async () => {
  // Session 3 asks to be postponed 300 s; session 5 raises the minimum interval to 180 s.
  const service = countingService((user, n) =>
    n === 3 ? [`${user}-${n}`, '', '300'] : n === 5 ? [`${user}-${n}`, '', '', '180'] : [`${user}-${n}`, ''],
  );
  await using b = await startBench('sched-postpone', service.script);
  const app = await addAuthorized(b);
  b.wc.setPassword(app.appName, PASSWORD);
  b.wc.setAutoRun(app.appName, { enabled: true, everyMinutes: 1 });
  for (let minute = 1; minute <= 30; minute++) {
    b.clock.advance(MINUTE);
    await b.wc.whenIdle();
  }
  const results = b.wc.updates().updates.map((u) => u.result);
  expect(results.map((r) => minutesAfterStart(r.startedAt))).toEqual([1, 2, 3, 8, 9, 12, 15, 18, 21, 24, 27, 30]);
  expect(results[2]).toMatchObject({ postponeSeconds: 300, minIntervalSeconds: null });
  expect(results[4]).toMatchObject({ postponeSeconds: null, minIntervalSeconds: 180 });
  expect(b.wc.application(APP_NAME)).toMatchObject({
    intervalSeconds: 60,
    minIntervalSeconds: 180,
    nextRunAt: '2024-03-01T15:33:00.000Z',
  });
  expect(b.wc.log.text()).toContain('Update postponed by application for 300 seconds.');
  expect(service.maxOpen()).toBe(1);
});

test('without Auto-Run the postpone and minimum interval answers change nothing', async () => {
  const service = countingService((user, n) => [`${user}-${n}`, '', '300', '600']);
  await using b = await startBench('sched-manual', service.script);
  const app = await addAuthorized(b);
  b.wc.setPassword(app.appName, PASSWORD);
  const r = await b.wc.update(app.appName);
  expect(r).toMatchObject({ outcome: 'ok', trigger: 'manual', postponeSeconds: 300, minIntervalSeconds: 600 });
  expect(b.wc.application(APP_NAME)).toMatchObject({ autoRun: false, minIntervalSeconds: null, nextRunAt: null });
  expect(b.wc.log.text()).toContain('Postpone and minimum run interval answers act only with Auto-Run on.');
  // Turning Auto-Run on later starts from the plain interval.
  expect(b.wc.setAutoRun(app.appName, { enabled: true, everyMinutes: 2 })).toMatchObject({
    intervalSeconds: 120,
    nextRunAt: '2024-03-01T15:02:00.000Z',
  });
});

test('a scheduled run that comes while the application is still updating is skipped, not queued twice', async () => {
  // NoOp makes the update wait 5 s of host time; with RunEveryNSeconds 1 the next ticks come during that wait.
  let sends = 0;
  await using b = await startBench('sched-skip', {
    sendRequestXML: () => (sends++ === 0 ? '' : HOST_QUERY),
    getLastError: () => 'NoOp',
    receiveResponseXML: () => 100,
  });
  const app = await addAuthorized(b, qwcXml(b.service.url, { Scheduler: '<RunEveryNSeconds>1</RunEveryNSeconds>' }));
  b.wc.setPassword(app.appName, PASSWORD);
  b.wc.setAutoRun(app.appName, { enabled: true });
  b.clock.advance(1_000); // the first update starts, asks getLastError → NoOp, waits 5 s
  for (let i = 0; i < 50 && !b.qbwcJournal().some((e) => e.kind === 'qbwc.noop-wait'); i++) {
    await new Promise((r) => setTimeout(r, 10));
  }
  for (let s = 0; s < 5; s++) b.clock.advance(1_000); // four ticks while it waits, then the NoOp wait ends
  await b.wc.whenIdle();
  const skipped = b.qbwcJournal().filter((e) => e.kind === 'qbwc.auto-run-skipped');
  expect(skipped.length).toBeGreaterThanOrEqual(4);
  expect(b.wc.updates().updates).toHaveLength(1);
  expect(b.wc.updates().updates[0]!.result).toMatchObject({ outcome: 'ok', requests: 1 });
});
