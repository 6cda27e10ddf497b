// End to end, with the secrets a real deployment has: the AP cloud's token key (issued by the cloud, given to the
// reference connector) and the QBWC application password (the connector's own, typed into the fake Web Connector),
// through whole Web Connector updates recorded as a transcript. The secrets really travel — the service receives the
// password in `authenticate`, the cloud accepts the key — and neither shows in the mock's journal (in process and
// over the control API), the transcript, the QWCLog, the update history, or the connector's status lines and log.
import { expect, test } from 'vitest';
import { TranscriptRecorder } from '../../../src/scenario/transcript-recorder.js';
import { formatTranscript } from '../../../src/protocol/transcript-format.js';
import {
  ACME,
  HOST,
  authorizeAlways,
  connectorWorld,
  startCloud,
  startConnector,
  startMock,
} from '../connector/support.js';

test('a real cloud token key and QBWC password never show in journal, transcript, QWCLog, updates or connector output', async () => {
  const recorder = new TranscriptRecorder();
  const world = connectorWorld('redaction-connector');
  await using mock = await startMock(world, { transcript: recorder });
  await using cloud = startCloud('redaction-connector');
  const { companyId } = await cloud.admin.createCompany('Acme Supplies');
  await using t = await startConnector({ transport: 'qbwc', cloudUrl: cloud.origin, companies: [ACME] });
  const app = t.connector.qbwcApp(ACME);
  const wc = mock.control.webConnector(HOST);
  const adding = wc.addApplication(app.qwcXml);
  await authorizeAlways(mock);
  await adding;
  await wc.setPassword(app.appName, app.password);
  const { tokenKey } = await cloud.admin.getNewKey(companyId);
  await t.connector.setToken(ACME, tokenKey);
  await cloud.admin.createVendor(companyId, { name: 'Secretive Supplies' });
  const outcomes: string[] = [];
  for (let i = 0; i < 4 && !outcomes.includes('ok'); i++) outcomes.push((await wc.update(app.appName)).outcome);
  expect(outcomes, 'no update exchanged data').toContain('ok');
  expect(outcomes).not.toContain('invalid-user');
  // The secrets are real and were used: the key is the cloud's (it accepted the connector's results), and the
  // password is what authenticate carried (the update would have ended on nvu otherwise).
  expect((await cloud.admin.companyState(companyId)).vendors[0]).toMatchObject({ pending: false });
  const secrets = { 'the cloud token key': tokenKey, 'the QBWC password': app.password };
  for (const secret of Object.values(secrets)) expect(secret.length).toBeGreaterThanOrEqual(8);

  const places: Record<string, string> = {
    'the in-process journal': JSON.stringify(mock.handle.world.journal.list()),
    'the journal (control API)': JSON.stringify(await mock.control.journal({ limit: 100_000 })),
    'the transcript': formatTranscript(recorder.transcript({ writer: 'test', world, seed: 'redaction-connector' })),
    'the QWCLog': (await wc.log()).text,
    'the update history': JSON.stringify(await wc.updates()),
    "the connector's status lines": t.lines.join('\n'),
    "the connector's log": t.logs.join('\n'),
  };
  // What was recorded is the run (not empty places that trivially hold no secret).
  expect(places['the transcript']).toContain('"operation":"authenticate"');
  expect(places['the in-process journal']).toContain('qbwc.soap');
  for (const [where, text] of Object.entries(places))
    for (const [what, secret] of Object.entries(secrets)) expect(text, `${where} shows ${what}`).not.toContain(secret);
});
