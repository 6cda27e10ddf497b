// The .qwc codec: every element of facts §5.5, element order free, and the checks QBWC makes when an application
// is added, with the code and text a user would see.
import { expect, test } from 'vitest';
import { QbwcError } from '../../../../src/protocol/qbwc-codes.js';
import {
  QWC_ELEMENTS,
  newQwcFile,
  parseQwc,
  qwcIntervalSeconds,
  serializeQwc,
  validateQwc,
  type QwcFile,
} from '../../../../src/protocol/qwc-file.js';
import { factsSection, tableRows } from './facts-sheet.js';

const OWNER = '{57F3B9B6-86F1-4fcd-B1EF-166DE1813D20}';
const FILE = '{90A44FB5-33D9-4815-AC85-BC87A7E7D1EB}';

function qwc(elements: Record<string, string | null> = {}, order?: string[]): string {
  const all: Record<string, string | null> = {
    AppName: 'AP Sync',
    AppID: 'IDNWS2',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'Syncs bills',
    AppSupport: 'https://www.example.com/support',
    UserName: 'acme',
    OwnerID: OWNER,
    FileID: FILE,
    QBType: 'QBFS',
    ...elements,
  };
  const keys = order ?? Object.keys(all);
  const body = keys
    .filter((k) => all[k] !== null && all[k] !== undefined)
    .map((k) => `  <${k}>${all[k]}</${k}>`)
    .join('\n');
  return `<?xml version="1.0"?>\n<QBWCXML>\n${body}\n</QBWCXML>`;
}

function failure(xml: string): QbwcError {
  try {
    parseQwc(xml);
  } catch (error) {
    if (error instanceof QbwcError) return error;
    throw error;
  }
  throw new Error('expected a QbwcError');
}

test('QWC_ELEMENTS has exactly the elements of facts §5.5 with their Req. column', () => {
  const rows = tableRows(factsSection('### 5.5 '));
  const fromFacts = rows.map(
    ([element, req]) => [/`(\w+)`/.exec(element ?? '')?.[1], (req ?? '').startsWith('Y')] as const,
  );
  expect(Object.entries(QWC_ELEMENTS).map(([name, info]) => [name, info.required])).toEqual(fromFacts);
});

test('every element of §5.5 is read, whatever the order; unknown elements are ignored', () => {
  const xml = `<?xml version="1.0"?>
<QBWCXML>
  <Style>DocWrapped</Style>
  <Scheduler><RunEveryNMinutes>15</RunEveryNMinutes></Scheduler>
  <QBType>QBFS</QBType>
  <FileID>${FILE}</FileID>
  <OwnerID>${OWNER}</OwnerID>
  <UserName>acme</UserName>
  <CertURL>https://www.example.com/cert</CertURL>
  <Notify>true</Notify>
  <AuthFlags>0xF</AuthFlags>
  <UnattendedModePref>umpOptional</UnattendedModePref>
  <PersonalDataPref>pdpNotNeeded</PersonalDataPref>
  <IsReadOnly>true</IsReadOnly>
  <AppUniqueName>ap-sync</AppUniqueName>
  <AppDisplayName>AP Sync (Acme)</AppDisplayName>
  <AppSupport>https://www.example.com/support</AppSupport>
  <AppDescription>Syncs bills &amp; vendors</AppDescription>
  <AppURL>https://sync.example.com/qbwc</AppURL>
  <AppID></AppID>
  <AppName>AP Sync</AppName>
  <Unknown>ignored</Unknown>
</QBWCXML>`;
  expect(parseQwc(xml)).toEqual({
    AppName: 'AP Sync',
    AppID: '',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'Syncs bills & vendors',
    AppSupport: 'https://www.example.com/support',
    AppDisplayName: 'AP Sync (Acme)',
    AppUniqueName: 'ap-sync',
    UserName: 'acme',
    OwnerID: OWNER,
    FileID: FILE,
    QBType: 'QBFS',
    Scheduler: { RunEveryNMinutes: 15 },
    IsReadOnly: true,
    PersonalDataPref: 'pdpNotNeeded',
    UnattendedModePref: 'umpOptional',
    AuthFlags: 0xf,
    Notify: true,
    CertURL: 'https://www.example.com/cert',
    Style: 'DocWrapped',
  } satisfies QwcFile);
});

test('Scheduler: the first of RunEveryNMinutes / RunEveryNSeconds wins', () => {
  const minutesFirst = parseQwc(
    qwc({ Scheduler: '<RunEveryNMinutes>5</RunEveryNMinutes><RunEveryNSeconds>30</RunEveryNSeconds>' }),
  );
  const secondsFirst = parseQwc(
    qwc({ Scheduler: '<RunEveryNSeconds>30</RunEveryNSeconds><RunEveryNMinutes>5</RunEveryNMinutes>' }),
  );
  expect(minutesFirst.Scheduler).toEqual({ RunEveryNMinutes: 5 });
  expect(secondsFirst.Scheduler).toEqual({ RunEveryNSeconds: 30 });
  expect(qwcIntervalSeconds(minutesFirst)).toBe(300);
  expect(qwcIntervalSeconds(secondsFirst)).toBe(30);
  expect(failure(qwc({ Scheduler: '<RunEveryNMinutes>0</RunEveryNMinutes>' })).code).toBe('QBWC1039');
});

test('IsReadOnly true is read-only; AuthFlags in hex or decimal; an AuthFlags QBWC cannot read is QBWC1034', () => {
  expect(parseQwc(qwc({ IsReadOnly: 'TRUE', AuthFlags: '0x0000000A' }))).toMatchObject({
    IsReadOnly: true,
    AuthFlags: 0xa,
  });
  expect(parseQwc(qwc({ IsReadOnly: 'false', AuthFlags: '2' }))).toMatchObject({ IsReadOnly: false, AuthFlags: 2 });
  expect(parseQwc(qwc({ AuthFlags: '0x80000000' })).AuthFlags).toBe(0x80000000);
  const e = failure(qwc({ AuthFlags: 'Pro' }));
  expect(e.code).toBe('QBWC1034');
  expect(e.lines).toEqual(['QBWC1034: Error setting the AuthFlags (Pro).']);
  expect(failure(qwc({ IsReadOnly: 'yes' })).code).toBe('QBWC1039');
});

test('HTTPS unless localhost: http://localhost is fine, any other http URL is QBWC1051', () => {
  expect(parseQwc(qwc({ AppURL: 'http://localhost:8080/qbwc', AppSupport: 'http://localhost:8080/' })).AppURL).toBe(
    'http://localhost:8080/qbwc',
  );
  expect(parseQwc(qwc({ AppURL: 'http://LOCALHOST/qbwc', AppSupport: 'http://localhost/' })).AppURL).toBe(
    'http://LOCALHOST/qbwc',
  );
  const e = failure(qwc({ AppURL: 'http://sync.example.com/qbwc' }));
  expect(e.code).toBe('QBWC1051');
  expect(e.lines).toEqual([
    'The application AP Sync service URL is not on a secure (https) server.',
    'QBWC1051: The new applicaiton was not added.',
  ]);
  // 127.0.0.1 is not "localhost": plain HTTP there is refused first.
  expect(failure(qwc({ AppURL: 'http://127.0.0.1:8080/qbwc', AppSupport: 'http://127.0.0.1:8080/' })).code).toBe(
    'QBWC1051',
  );
});

test('IP addresses: AppURL QBWC1001, AppSupport QBWC1002; another AppSupport domain QBWC1000', () => {
  expect(failure(qwc({ AppURL: 'https://203.0.113.7/qbwc', AppSupport: 'https://203.0.113.7/' })).code).toBe(
    'QBWC1001',
  );
  expect(failure(qwc({ AppURL: 'https://[2001:db8::1]/qbwc' })).code).toBe('QBWC1001');
  expect(failure(qwc({ AppSupport: 'https://198.51.100.2/help' })).code).toBe('QBWC1002');
  const e = failure(qwc({ AppSupport: 'https://help.other.org/' }));
  expect(e.code).toBe('QBWC1000');
  expect(e.lines[0]).toBe(
    'QBWC1000: The domain of the AppSupport URL (https://help.other.org/) does not match the domain of the AppURL (https://sync.example.com/qbwc).',
  );
  // Same registrable domain, other host: fine.
  expect(parseQwc(qwc({ AppSupport: 'https://EXAMPLE.com/help' })).AppSupport).toBe('https://EXAMPLE.com/help');
});

test('missing required elements, GUIDs, QBType and XML QBWC cannot read are QBWC1039 (the 2009 meaning)', () => {
  const missing = failure(qwc({ OwnerID: null, UserName: '' }));
  expect(missing.lines).toEqual([
    'QBWC1039: There was a problem adding the application. The QWC file may be missing required elements.',
    'The required element <UserName> is missing or empty.',
    'The required element <OwnerID> is missing or empty.',
  ]);
  // AppID is required but may be empty; without the element it is missing.
  expect(parseQwc(qwc({ AppID: '' })).AppID).toBe('');
  expect(failure(qwc({ AppID: null })).lines[1]).toBe('The required element <AppID> is missing or empty.');
  expect(failure(qwc({ FileID: 'not-a-guid' })).lines[1]).toBe('<FileID> "not-a-guid" is not a GUID.');
  expect(failure(qwc({ QBType: 'QBOE' })).lines[1]).toBe('<QBType> "QBOE" is not one of QBFS, QBPOS.');
  expect(failure('<QBWCXML><AppName>x</QBWCXML>').lines[1]).toMatch(/^The QWC file is not well-formed XML: /);
  expect(failure('<QBWC/>').lines[1]).toBe('The root element is <QBWC>, not <QBWCXML>.');
  expect(failure(qwc({ AppURL: 'not a url' })).lines[1]).toBe(
    '<AppURL> "not a url": Invalid URI: The format of the URI could not be determined.',
  );
});

test('the first of a repeated element wins and values are trimmed', () => {
  const xml = qwc({ AppName: ' First ' }).replace('</QBWCXML>', '<AppName>Second</AppName></QBWCXML>');
  expect(parseQwc(xml).AppName).toBe('First');
});

test('serializeQwc writes every element in the §5.5 order; parse(serialize(x)) is x', () => {
  const file: QwcFile = {
    AppName: 'AP <Sync> & Co',
    AppID: '',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'd',
    AppSupport: 'https://sync.example.com/help',
    AppDisplayName: 'disp',
    AppUniqueName: 'uniq',
    UserName: 'u',
    OwnerID: OWNER,
    FileID: FILE,
    QBType: 'QBFS',
    Scheduler: { RunEveryNSeconds: 45 },
    IsReadOnly: false,
    PersonalDataPref: 'pdpRequired',
    UnattendedModePref: 'umpRequired',
    AuthFlags: 0xf,
    Notify: false,
    CertURL: 'https://sync.example.com/cert',
    Style: 'Document',
  };
  const xml = serializeQwc(file);
  expect(parseQwc(xml)).toEqual(file);
  expect([...xml.matchAll(/^ {2}<(\w+)>/gm)].map((m) => m[1])).toEqual(Object.keys(QWC_ELEMENTS));
  expect(xml).toContain('<AppName>AP &lt;Sync&gt; &amp; Co</AppName>');
  expect(xml).toContain('<AuthFlags>0xF</AuthFlags>');
  expect(xml).toContain('  <Scheduler>\n    <RunEveryNSeconds>45</RunEveryNSeconds>\n  </Scheduler>');
  expect(() => validateQwc({ ...file, AppURL: 'http://sync.example.com/qbwc' })).toThrow(QbwcError);
});

test('newQwcFile: a .qwc for a service URL that parses back to itself, with defaults on the AppURL domain', () => {
  const file = newQwcFile({
    url: 'https://sync.example.com/qbwc',
    appName: 'AP Sync',
    ownerId: '57f3b9b6-86f1-4fcd-b1ef-166de1813d20',
    fileId: FILE,
    everyMinutes: 15,
  });
  expect(file).toEqual({
    AppName: 'AP Sync',
    AppID: '',
    AppURL: 'https://sync.example.com/qbwc',
    AppDescription: 'AP Sync',
    AppSupport: 'https://sync.example.com/',
    UserName: 'qbwc',
    OwnerID: '{57F3B9B6-86F1-4FCD-B1EF-166DE1813D20}',
    FileID: FILE,
    QBType: 'QBFS',
    Scheduler: { RunEveryNMinutes: 15 },
  });
  expect(parseQwc(serializeQwc(file))).toEqual(file);
  expect(
    newQwcFile({ url: 'http://localhost:8080/qbwc', appName: 'Local', ownerId: OWNER, fileId: FILE }),
  ).toMatchObject({ AppURL: 'http://localhost:8080/qbwc', AppSupport: 'http://localhost:8080/' });
});

test('newQwcFile refuses what QBWC refuses, with its code and lines', () => {
  const refused = (input: Partial<Parameters<typeof newQwcFile>[0]>) => {
    try {
      newQwcFile({ url: 'https://sync.example.com/qbwc', appName: 'AP Sync', ownerId: OWNER, fileId: FILE, ...input });
    } catch (error) {
      return error instanceof QbwcError ? [error.code, ...error.lines] : [String(error)];
    }
    return ['accepted'];
  };
  expect(refused({ url: 'http://sync.example.com/qbwc' })).toEqual([
    'QBWC1051',
    'The application AP Sync service URL is not on a secure (https) server.',
    'QBWC1051: The new applicaiton was not added.',
  ]);
  expect(refused({ url: 'http://127.0.0.1:8080/qbwc' })[0]).toBe('QBWC1051');
  expect(refused({ url: 'https://10.1.2.3/qbwc' })[0]).toBe('QBWC1001');
  expect(refused({ supportUrl: 'https://other.test/help' })[0]).toBe('QBWC1000');
  expect(refused({ ownerId: 'not-a-guid' })).toEqual([
    'QBWC1039',
    'QBWC1039: There was a problem adding the application. The QWC file may be missing required elements.',
    '<OwnerID> "not-a-guid" is not a GUID.',
  ]);
  expect(refused({ everyMinutes: 0 })[0]).toBe('QBWC1039');
});
