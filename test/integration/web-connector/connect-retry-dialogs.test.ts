// Issue 21 item 12: QBWC's own dialogs when BeginSession fails (facts §5.3, §5.7): after the first try a retry dialog
// with QuickBooks' message (QBWC1007; "QuickBooks is not running" when it is not), Cancel → QBWC1009, a second
// failure → QBWC1008, then connectionError (QBWC1013). Scheduled updates have nobody to ask.
import { expect, test } from 'vitest';
import { HRESULT_TEXTS } from '../../../src/protocol/hresult-table.js';
import { ACME, APP_NAME, BETA, qbxml, readyApp, startBench, webConnectorWorld } from './support.js';

const HOST_QUERY = qbxml('<HostQueryRq requestID="9"/>');
const oneRequest = () => {
  let sent = 0;
  return { sendRequestXML: () => (sent++ ? '' : HOST_QUERY), receiveResponseXML: () => 100 };
};

test('a manual update whose BeginSession fails twice shows QBWC1007 (Retry), then QBWC1008, then calls connectionError', async () => {
  await using b = await startBench(
    'retry-dialog-twice',
    { authenticate: () => ['T-R', BETA], connectionError: () => 'done' },
    { world: webConnectorWorld('retry-dialog-twice', { withBeta: true }) },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r.dialogs).toEqual([
    expect.objectContaining({
      code: 'QBWC1007',
      hresult: '0x8004040A',
      answer: 'retry',
      quickBooksNotRunning: false,
      lines: ['QBWC1007: Error connecting to QuickBooks.', HRESULT_TEXTS['0x8004040A']],
    }),
    expect.objectContaining({
      code: 'QBWC1008',
      answer: 'ok',
      lines: ['QBWC1008: Unable to connect to QuickBooks on the second attempt.', HRESULT_TEXTS['0x8004040A']],
    }),
  ]);
  expect(r.qbwcCode).toBe('QBWC1013');
  expect(b.service.operations().slice(3)).toEqual(['connectionError', 'closeConnection']);
  expect(b.wc.log.text()).toContain('QBWC1007: Error connecting to QuickBooks.');
});

test('Cancel in the retry dialog ends the update with QBWC1009: one BeginSession, no connectionError', async () => {
  await using b = await startBench(
    'retry-dialog-cancel',
    { authenticate: () => ['T-R', BETA], connectionError: () => ACME },
    { world: webConnectorWorld('retry-dialog-cancel', { withBeta: true }), wc: { connectRetry: 'cancel' } },
  );
  await readyApp(b);
  const r = await b.wc.update(APP_NAME);
  expect(r).toMatchObject({ outcome: 'cancelled', qbwcCode: 'QBWC1009' });
  expect(r.lines[0]).toBe('QBWC1009: Connecting to QuickBooks failed and was cancelled.');
  expect(b.service.operations()).not.toContain('connectionError');
  expect(b.world.journal.list().filter((e) => e.kind === 'rp2.BeginSession' && e.data?.['hresult'])).toHaveLength(1);
});

test('"QuickBooks is not running": the person starts QuickBooks and opens the file, then Retry succeeds', async () => {
  let prompt: { lines: string[]; quickBooksNotRunning: boolean } | undefined;
  await using b = await startBench(
    'retry-dialog-not-running',
    { authenticate: () => ['T-R', ''], ...oneRequest() },
    {
      wc: {
        connectRetry: (p) => {
          prompt = p;
          b.host.launch();
          b.host.openCompany({ path: ACME, mode: 'single-user', user: 'Admin', password: 'admin' });
          return 'retry';
        },
      },
    },
  );
  await readyApp(b);
  b.host.exit();
  const r = await b.wc.update(APP_NAME);
  expect(prompt?.quickBooksNotRunning).toBe(true);
  expect(prompt?.lines[1]).toMatch(/^QuickBooks is not running\./);
  expect(r).toMatchObject({ outcome: 'ok', companyFile: ACME });
});

test('a scheduled update shows no dialog: both tries, then connectionError', async () => {
  await using b = await startBench(
    'retry-dialog-scheduled',
    { authenticate: () => ['T-R', BETA], connectionError: () => 'done' },
    { world: webConnectorWorld('retry-dialog-scheduled', { withBeta: true }), wc: { connectRetry: 'cancel' } },
  );
  await readyApp(b);
  b.wc.setAutoRun(APP_NAME, { enabled: true, everySeconds: 60 });
  b.clock.advance(60_000);
  for (let i = 0; i < 200 && !b.wc.application(APP_NAME).lastResult; i++) await new Promise((r) => setTimeout(r, 5));
  const r = b.wc.application(APP_NAME).lastResult!;
  expect(r).toMatchObject({ trigger: 'scheduled', qbwcCode: 'QBWC1013' });
  expect(r.dialogs ?? []).toEqual([]);
});
