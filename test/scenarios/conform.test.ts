// qbd-sim conform: rows come from the project's tables, a representative part of ap-connector's conformance run (in
// process: fast) passes its checked-in expectations, and a connector that resends a lost write, or expectations the
// connector does not meet, fail with what was seen and how to reproduce. The whole run is a .ci/run stage.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { loadConnectorDescription } from '../../src/harness/index.js';
import { HOST_HRESULT_CAUSES } from '../../src/protocol/host-hresult-causes.js';
import { QBWC_OPERATIONS } from '../../src/protocol/qbwc-soap.js';
import { QBXML_STATUSES } from '../../src/protocol/qbxml-status.js';
import {
  conformRows,
  formatConformJunit,
  formatConformTable,
  judge,
  loadConformExpectations,
  runConform,
} from '../../src/scenario/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.join(here, '..', '..');
const apExpectations = path.join(repo, 'scenarios', 'connectors', 'ap-connector.conform.yaml');

test('the rows are the tables: each BeginSession HRESULT, each error status, each write type, each QBWC call', () => {
  const rows = conformRows(['rp2', 'qbwc'], ['BillAdd', 'VendorMod']);
  const hresults = new Set(HOST_HRESULT_CAUSES.filter((c) => c.at === 'BeginSession').map((c) => c.hresult));
  expect(rows.filter((r) => r.id.startsWith('begin-session-')).map((r) => r.fault?.hresult)).toEqual([...hresults]);
  // The same causes from the host state itself, where steps build it; the others say why not.
  const stateRows = rows.filter((r) => r.id.startsWith('state-'));
  expect(stateRows.map((r) => r.id.slice(6))).toEqual(
    HOST_HRESULT_CAUSES.filter((c) => c.at === 'BeginSession').map((c) => c.id),
  );
  expect(stateRows.filter((r) => r.state).map((r) => r.id)).toEqual(['state-other-company-open', 'state-modal-dialog']);
  const errorStatuses = Object.values(QBXML_STATUSES).filter((s) => s.severity === 'Error' || s.code === 500);
  expect(rows.filter((r) => r.family === 'qbxml-status')).toHaveLength(errorStatuses.length);
  expect(rows.filter((r) => r.family === 'lost-answer').map((r) => r.writeType)).toEqual(['BillAdd', 'VendorMod']);
  expect(rows.filter((r) => r.family === 'qbwc').map((r) => r.fault?.match)).toEqual(Object.keys(QBWC_OPERATIONS));
  // A row the simulator cannot produce is listed, with why — never silently left out.
  expect(rows.find((r) => r.id === 'qbxml-3100-nameInUse')!.skip).toMatch(/no fault/);
});

test("a representative part of ap-connector's conformance run meets its checked-in expectations", async () => {
  const report = await runConform({
    inProcess: true,
    expectations: loadConformExpectations(apExpectations),
    only: ['begin-session-0x80040418', 'lost-answer-BillAdd', 'qbxml-3200-*'],
    settleWithinMs: 10_000,
  });
  expect(report.writeTypes).toEqual(expect.arrayContaining(['VendorAdd', 'VendorMod', 'BillAdd']));
  const byId = Object.fromEntries(report.rows.map((r) => [r.row.id, r]));
  for (const r of report.rows) expect([r.row.id, r.verdict, r.notes]).toEqual([r.row.id, 'pass', expect.any(Array)]);
  expect(byId['begin-session-0x80040418']!.observed).toMatchObject({
    reached: true,
    shown: '"Unable to open QuickBooks file" (0x80040418)',
    attempts: 1,
    wroteTwice: null,
    endless: false,
    recovered: true,
  });
  expect(byId['lost-answer-BillAdd']!.observed).toMatchObject({ reached: true, wroteTwice: null, recovered: true });
  expect(formatConformTable(report)).toContain('3 pass, 0 fail');
  expect(formatConformJunit(report)).toContain('tests="3" failures="0" errors="0"');
  // The same observation against expectations it does not meet.
  const begin = byId['begin-session-0x80040418']!;
  const statuses = [{ status: 'Unable to open QuickBooks file', hresult: '0x80040418' }];
  expect(judge(begin.row, begin.observed!, { status: 'Synced', maxAttempts: 0 }, statuses)).toEqual({
    verdict: 'fail',
    notes: ['expected status Synced; seen "Unable to open QuickBooks file"', 'expected at most 0 attempts; seen 1'],
  });
  expect(judge(begin.row, begin.observed!, { status: '/^Unable/', hresult: '{row}' }, statuses).verdict).toBe('pass');
});

test('a connector that resends a write after a lost answer breaks "never write twice"', async () => {
  const broken = loadConnectorDescription(path.join(here, 'fixtures', 'broken-resend-connector.yaml'));
  const report = await runConform({
    connector: broken,
    only: ['lost-answer-BillAdd'],
    settleWithinMs: 10_000,
  });
  const byId = Object.fromEntries(report.rows.map((r) => [r.row.id, r]));
  const lost = byId['lost-answer-BillAdd']!;
  expect(lost.verdict).toBe('fail');
  expect(lost.notes).toContain('rule: never write twice — BillAdd committed twice with the same content');
  expect(lost.reproduce).toMatch(
    /^npx qbd-sim run \S+lost-answer-BillAdd\.yaml --connector \S+broken-resend-connector\.yaml$/,
  );
  expect(formatConformJunit(report)).toContain('<failure message="rule: never write twice');
});
