// Issue 21 item 10: QBWC's interactive mode (facts §5.2): getLastError "Interactive mode" → getInteractiveURL → the
// browser opens → interactiveDone polled until "Done" (or the person closes the window / it times out →
// interactiveRejected) → QuickBooks released → closeConnection.
import { expect, test } from 'vitest';
import { APP_NAME, readyApp, startBench, type Bench } from './support.js';

/** Moves the host clock one poll interval once QBWC has read the `n`th interactiveDone answer (and so is waiting). */
async function nextPoll(b: Bench, n: number): Promise<void> {
  const answered = () => b.wc.log.text().split('Received from interactiveDone()').length - 1;
  for (let j = 0; j < 400 && answered() < n; j++) await new Promise((r) => setTimeout(r, 5));
  b.clock.advance(5_000);
}

const INTERACTIVE = {
  sendRequestXML: () => '',
  getLastError: () => 'Interactive mode',
  getInteractiveURL: () => 'https://localhost/ui',
};

test('interactiveDone "Done" ends interactive mode: closeConnection is called and its text is the status', async () => {
  await using b = await startBench('interactive-done', { ...INTERACTIVE, closeConnection: () => 'Reviewed, thanks' });
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(b.service.operations().slice(-4)).toEqual([
    'getLastError',
    'getInteractiveURL',
    'interactiveDone',
    'closeConnection',
  ]);
  expect(r).toMatchObject({
    outcome: 'interactive',
    status: 'Reviewed, thanks',
    interactiveUrl: 'https://localhost/ui',
  });
  expect(b.host.sessions()).toEqual([]);
});

test('QBWC polls interactiveDone on the host clock while the service answers ""', async () => {
  let polls = 0;
  await using b = await startBench('interactive-poll', {
    ...INTERACTIVE,
    interactiveDone: () => (++polls < 3 ? '' : 'Done'),
  });
  await readyApp(b);
  const update = b.wc.update(APP_NAME);
  await nextPoll(b, 1);
  await nextPoll(b, 2);
  const r = await update;
  expect(polls).toBe(3);
  expect(r.outcome).toBe('interactive');
  const at = r.calls.filter((c) => c.operation === 'interactiveDone').map((c) => c.at);
  expect(at).toEqual(['2024-03-01T15:00:00.000Z', '2024-03-01T15:00:05.000Z', '2024-03-01T15:00:10.000Z']);
});

test('the person closes the interactive window: interactiveRejected with the reason, then closeConnection', async () => {
  const reasons: string[] = [];
  await using b = await startBench(
    'interactive-reject',
    { ...INTERACTIVE, interactiveRejected: (_t, reason) => (reasons.push(reason), 'Maybe next time') },
    { wc: { interactive: 'reject' } },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(b.service.operations().slice(-3)).toEqual(['getInteractiveURL', 'interactiveRejected', 'closeConnection']);
  expect(reasons).toEqual(['The user declined interactive mode.']);
  expect(r).toMatchObject({ outcome: 'cancelled', interactiveRejected: { answer: 'Maybe next time' } });
});

test('interactive mode times out (option interactiveTimeoutMs): interactiveRejected "timed out"', async () => {
  const reasons: string[] = [];
  await using b = await startBench(
    'interactive-timeout',
    { ...INTERACTIVE, interactiveDone: () => '', interactiveRejected: (_t, reason) => (reasons.push(reason), '') },
    { wc: { interactiveTimeoutMs: 10_000 } },
  );
  await readyApp(b);
  const update = b.wc.update(APP_NAME);
  const polls = () => b.service.operations().filter((o) => o === 'interactiveDone').length;
  await nextPoll(b, 1);
  await nextPoll(b, 2);
  const r = await update;
  expect(polls()).toBe(3);
  expect(reasons).toEqual(['Interactive mode timed out.']);
  expect(r.outcome).toBe('cancelled');
  expect(b.service.operations().at(-1)).toBe('closeConnection');
});
