// The dashboard's server side without a browser: the page and its files (self-contained), the journal as server-sent
// events (GET /__qbd/events), and the read-only data browser route (GET /__qbd/hosts/{host}/records).
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import {
  ControlClient,
  SAMPLE_COMPANY_PATH,
  startMockQb,
  type JournalEntry,
  type SessionInfo,
} from '../../../mock-qb/index.js';
import { dashboardStaticDir } from '../../../mock-qb/server/dashboard/dashboard-app.js';
import { qbxmlRequests } from '../../../src/connector/qbxml-requests.js';

const HOST = 'OFFICE-PC';

test('GET / serves the dashboard page; every file it loads is served; nothing comes from elsewhere', async () => {
  await using mock = await startMockQb({ seed: 'dashboard-page' });
  const res = await fetch(`${mock.url}/`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
  const html = await res.text();
  expect(html).toContain('<main>');
  const dir = dashboardStaticDir();
  for (const file of readdirSync(dir)) {
    const text = readFileSync(`${dir}${file}`, 'utf8');
    expect(text, `${file} loads nothing from another origin`).not.toMatch(
      /(?:src|href|url)\s*[=(]\s*["']?(?:https?:)?\/\//i,
    );
    expect(text, `${file} imports nothing from another origin`).not.toMatch(/from\s+['"](?:https?:)?\/\//);
    const served = await fetch(`${mock.url}/dashboard/${file}`);
    expect(served.status, file).toBe(200);
    if (file.endsWith('.js')) expect(served.headers.get('content-type')).toMatch(/javascript/);
  }
  // An unknown file of the page is a 404; an unknown control route keeps the control API's own answer.
  expect((await fetch(`${mock.url}/dashboard/nope.js`)).status).toBe(404);
  expect((await fetch(`${mock.url}/__qbd/nope`)).status).toBe(400);
});

/** Reads server-sent events from a response until `done` says so (bounded). */
async function readEvents(
  res: Response,
  done: (entries: JournalEntry[]) => boolean,
): Promise<{ entries: JournalEntry[]; ids: number[] }> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const entries: JournalEntry[] = [];
  const ids: number[] = [];
  let buffer = '';
  const deadline = Date.now() + 5_000;
  while (!done(entries)) {
    if (Date.now() > deadline) throw new Error(`events so far: ${JSON.stringify(entries.map((e) => e.kind))}`);
    const { value, done: ended } = await reader.read();
    if (ended) break;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block.split('\n').find((l) => l.startsWith('data: '));
      const id = block.split('\n').find((l) => l.startsWith('id: '));
      if (data) entries.push(JSON.parse(data.slice(6)) as JournalEntry);
      if (id) ids.push(Number(id.slice(4)));
    }
  }
  await reader.cancel();
  return { entries, ids };
}

test('GET /__qbd/events: the last entries, then each new one as it is recorded; resumes after Last-Event-ID', async () => {
  await using mock = await startMockQb({ seed: 'dashboard-events' });
  const control = new ControlClient(mock.url);
  const lastSeq = mock.world.journal.stats().lastSeq;
  expect(lastSeq).toBeGreaterThan(2);

  const stream = await fetch(`${mock.controlUrl}/events?backlog=2`);
  expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const shown = control.ui(HOST).showDialog('Reminder', 'Pay your bills');
  const { entries, ids } = await readEvents(stream, (es) => es.some((e) => e.kind === 'ui.show-dialog'));
  await shown;
  expect(entries.slice(0, 2).map((e) => e.seq)).toEqual([lastSeq - 1, lastSeq]);
  expect(entries.at(-1)).toMatchObject({ hostId: HOST, actor: 'ui', kind: 'ui.show-dialog' });
  expect(ids).toEqual(entries.map((e) => e.seq));

  // A reconnecting EventSource says where it left off: only what came after.
  const again = await fetch(`${mock.controlUrl}/events`, { headers: { 'last-event-id': String(lastSeq) } });
  const resumed = await readEvents(again, (es) => es.some((e) => e.kind === 'ui.show-dialog'));
  expect(resumed.entries[0]!.seq).toBe(lastSeq + 1);
});

test('GET /__qbd/hosts/{host}/records: vendors, bills and bill payments as stored, read-only', async () => {
  await using mock = await startMockQb({ seed: 'dashboard-records' });
  const control = new ControlClient(mock.url);
  const host = mock.world.host(HOST);
  const session: SessionInfo = {
    ticket: 'inspector',
    processorId: 'inspector',
    appName: 'qbd-sim test inspector',
    filePath: SAMPLE_COMPANY_PATH,
    mode: 'multi-user',
    user: 'Admin',
    isAutomaticLogin: false,
    prefsObeyed: true,
    startedAt: 0,
  };
  mock.processors.qbxml.process(
    host,
    session,
    qbxmlRequests.set('13.0', 'stopOnError', [
      '<VendorAddRq><VendorAdd><Name>Browser Paper Co</Name></VendorAdd></VendorAddRq>',
      '<BillAddRq><BillAdd><VendorRef><FullName>Browser Paper Co</FullName></VendorRef><TxnDate>2024-05-01</TxnDate>' +
        '<RefNumber>BR-7</RefNumber><ExpenseLineAdd><AccountRef><FullName>Office Supplies</FullName></AccountRef>' +
        '<Amount>12.50</Amount></ExpenseLineAdd></BillAdd></BillAddRq>',
    ]),
  );
  const before = mock.world.journal.stats().lastSeq;

  const vendors = await control.records(HOST, SAMPLE_COMPANY_PATH.toLowerCase(), 'vendors');
  expect(vendors.path).toBe(SAMPLE_COMPANY_PATH);
  expect(vendors.records).toEqual([
    expect.objectContaining({ kind: 'Vendor', name: 'Browser Paper Co', isActive: true, amount: '12.50' }),
  ]);
  const bills = await control.records(HOST, SAMPLE_COMPANY_PATH, 'bills');
  expect(bills.records).toEqual([
    expect.objectContaining({
      kind: 'Bill',
      name: 'Browser Paper Co',
      refNumber: 'BR-7',
      txnDate: '2024-05-01',
      amount: '12.50',
      openAmount: '12.50',
      isPaid: false,
    }),
  ]);
  expect((await control.records(HOST, SAMPLE_COMPANY_PATH, 'payments')).records).toEqual([]);
  expect(mock.world.journal.stats().lastSeq).toBe(before); // reading journals nothing

  const bad = await fetch(`${mock.controlUrl}/hosts/${HOST}/records?path=x&list=invoices`);
  expect(bad.status).toBe(400);
  expect(await bad.json()).toMatchObject({ code: 'QBDSIM_ERR_BAD_REQUEST' });
  const missing = await fetch(
    `${mock.controlUrl}/hosts/${HOST}/records?${new URLSearchParams({ path: 'C:\\nope.QBW', list: 'bills' })}`,
  );
  expect(missing.status).toBe(404);
  expect(await missing.json()).toMatchObject({ code: 'QBDSIM_ERR_UNKNOWN_FILE' });
});
