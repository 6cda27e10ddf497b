// How an update is shown as text (qbd-sim webconnector prints it): each SOAP call with its result, the password
// never, qbXML summarized, and an error as the lines QBWC shows.
import { expect, test } from 'vitest';
import {
  formatSoapCall,
  formatUpdateResult,
  formatUpdateSummary,
  updateFailed,
} from '../../../../mock-qb/web-connector/update-report.js';
import type { SoapCallRecord, UpdateResult } from '../../../../mock-qb/web-connector/web-connector-types.js';

const AT = '2024-03-01T15:00:00.000Z';
const HCP =
  '<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<HostQueryRs requestID="0" statusCode="0" statusSeverity="Info">' +
  'x'.repeat(200) +
  '</HostQueryRs>\n<CompanyQueryRs requestID="1" statusCode="0">\n</CompanyQueryRs>\n</QBXMLMsgsRs>\n</QBXML>\n';

function call(operation: SoapCallRecord['operation'], args: SoapCallRecord['args'], more: Partial<SoapCallRecord>) {
  return { operation, args, ok: true, httpStatus: 200, at: AT, ...more } as SoapCallRecord;
}

function update(more: Partial<UpdateResult>): UpdateResult {
  return {
    appName: 'AP Sync',
    outcome: 'ok',
    status: 'OK',
    qbwcCode: null,
    lines: [],
    trigger: 'manual',
    ticket: 'T-1',
    companyFile: 'C:\\Company Files\\Acme.QBW',
    requests: 1,
    percentDone: 100,
    postponeSeconds: null,
    minIntervalSeconds: null,
    calls: [],
    startedAt: AT,
    endedAt: AT,
    ...more,
  };
}

test('a call: arguments and result, the password masked, Windows paths as they are', () => {
  expect(
    formatSoapCall(
      call('authenticate', { strUserName: 'acme', strPassword: '<MaskedForSecurity>' }, { result: ['T-1', ''] }),
    ),
  ).toBe('authenticate(strUserName="acme", strPassword=<MaskedForSecurity>) → ["T-1", ""]');
  expect(
    formatSoapCall(
      call(
        'sendRequestXML',
        { ticket: 'T-1', strHCPResponse: HCP, strCompanyFileName: 'C:\\A.QBW', qbXMLMajorVers: 13 },
        {
          result: '',
        },
      ),
    ),
  ).toBe(
    'sendRequestXML(ticket="T-1", strHCPResponse=<qbXML: HostQueryRs 0, CompanyQueryRs 0 (' +
      HCP.length +
      ' characters)>, strCompanyFileName="C:\\A.QBW", qbXMLMajorVers=13) → ""',
  );
  expect(formatSoapCall(call('receiveResponseXML', { ticket: 'T-1' }, { result: 100 }), { full: true })).toBe(
    'receiveResponseXML(ticket="T-1") → 100',
  );
  expect(
    formatSoapCall(
      call(
        'sendRequestXML',
        { ticket: 'T-1' },
        { ok: false, httpStatus: 404, error: 'The request failed with HTTP status 404: Not Found.' },
      ),
    ),
  ).toBe('sendRequestXML(ticket="T-1") ✗ The request failed with HTTP status 404: Not Found. (HTTP 404)');
});

test('a value the call record cut keeps its real length; --full prints it whole', () => {
  const cut = `${'a'.repeat(4096)}…(5000 characters)`;
  expect(formatSoapCall(call('getLastError', { ticket: 'T' }, { result: cut }))).toMatch(
    /^getLastError\(ticket="T"\) → "a{90}"… \(5,000 characters\)$/,
  );
  expect(formatSoapCall(call('getLastError', { ticket: 'T' }, { result: 'b'.repeat(300) }), { full: true })).toBe(
    `getLastError(ticket="T") → "${'b'.repeat(300)}"`,
  );
});

test('an update: heading, calls, and how it ended (an error as the lines QBWC shows)', () => {
  const ok = update({
    status: 'Sync complete',
    calls: [call('closeConnection', { ticket: 'T-1' }, { result: 'Sync complete' })],
  });
  expect(formatUpdateResult(ok, { title: 'Update 1' })).toEqual([
    `Update 1 (manual, ${AT})`,
    '  closeConnection(ticket="T-1") → "Sync complete"',
    '  done: ok — "Sync complete" (company file C:\\Company Files\\Acme.QBW, 1 request processed)',
  ]);
  const failed = update({
    outcome: 'error',
    status: 'QBWC1041: SendRequestXML failed',
    qbwcCode: 'QBWC1041',
    lines: ['QBWC1041: SendRequestXML failed', 'The request failed with HTTP status 404: Not Found.'],
    requests: 0,
  });
  expect(formatUpdateResult(failed).slice(1)).toEqual([
    '  FAILED: error (company file C:\\Company Files\\Acme.QBW)',
    '    QBWC1041: SendRequestXML failed',
    '    The request failed with HTTP status 404: Not Found.',
  ]);
  expect(updateFailed(failed)).toBe(true);
  expect(updateFailed(update({ outcome: 'no-data' }))).toBe(false);
});

test('the summary counts outcomes and failures', () => {
  expect(formatUpdateSummary([{ outcome: 'ok' }, { outcome: 'ok' }, { outcome: 'error' }])).toBe(
    '3 updates: 2 ok, 1 error; 1 failed',
  );
  expect(formatUpdateSummary([{ outcome: 'no-data' }])).toBe('1 update: 1 no-data; none failed');
  expect(formatUpdateSummary([])).toBe('0 updates; none failed');
});
