import fc from 'fast-check';
import { qbxmlArbitrary } from './qbxml-arbitrary.js';

/** One HTTP request to the mock: method, path (under the mock's base URL) and a body (JSON text or raw). */
export interface FuzzHttpRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PUT';
  path: string;
  body?: string;
}

const RP2_METHODS = [
  'OpenConnection',
  'OpenConnection2',
  'BeginSession',
  'EndSession',
  'CloseConnection',
  'ProcessRequest',
  'GetCurrentCompanyFileName',
  'QBXMLVersionsForSession',
  'GetQBLastError',
  'MajorVersion',
  'toString',
  '__proto__',
  'constructor',
  '',
];
const AUTH_PREFS = [
  'PutIsReadOnly',
  'PutUnattendedModePref',
  'PutPersonalDataPref',
  'PutAuthFlags',
  'GetIsReadOnly',
  'Bogus',
];
const ARG_NAMES = [
  'appID',
  'appName',
  'connType',
  'qbFileName',
  'reqFileMode',
  'ticket',
  'inputRequest',
  'isReadOnly',
  'unattendedModePref',
  'personalDataPref',
  'authFlags',
  'machine',
  'certificate',
  'path',
  'mode',
  'user',
  'password',
  'appName',
  'allowAccess',
  'choice',
  'loginAs',
  'title',
  'text',
  'id',
  'name',
  'role',
  'kind',
  'count',
  'probability',
  'ms',
  'match',
  'phase',
  'snapshotId',
  'seconds',
  'time',
  'from',
  'to',
  'companyName',
  'initializingMs',
  '__proto__',
];

/** JSON values at their edges: wrong types, empty and huge strings, deep nesting, enum names and numbers. */
export function edgyJsonValue(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -1,
      1,
      2,
      3,
      1.5,
      1e308,
      '',
      ' ',
      'x'.repeat(5000),
      'single-user',
      'multi-user',
      'qbFileOpenDoNotCare',
      'localQBD',
      'always',
      'no',
      'Admin',
      'admin',
      'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW',
      'commit-then-drop',
      'delay',
      '0x8',
      '{00000000-0000-0000-0000-000000000000}',
    ),
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.array(fc.integer(), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
  );
}

function body(): fc.Arbitrary<string | undefined> {
  const obj = fc.dictionary(fc.constantFrom(...ARG_NAMES), edgyJsonValue(), { maxKeys: 5 });
  return fc.oneof(
    { weight: 6, arbitrary: obj.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: qbxmlArbitrary().map((x) => JSON.stringify({ ticket: '', inputRequest: x })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(undefined, '', '{', 'null', '[]', '"x"', '{"a":', '1', '{"__proto__":{"x":1}}'),
    },
  );
}

/** Requests to the RP2 bridge and the control API of a mock: real routes with fuzzed bodies, and some made up. */
export function mockHttpRequestArbitrary(opts: {
  processorIds: readonly string[];
  host: string;
  uiActions: readonly string[];
}): fc.Arbitrary<FuzzHttpRequest> {
  const pid = fc.constantFrom(...opts.processorIds, 'rp-nope', '..', '%2e%2e');
  const host = fc.constantFrom(opts.host, opts.host, 'NOPE-PC', '');
  const method = fc.constantFrom(
    'GET' as const,
    'POST' as const,
    'POST' as const,
    'POST' as const,
    'DELETE' as const,
    'PUT' as const,
  );
  const path = fc.oneof(
    fc.constant('/qbxmlrp2/processors'),
    fc.tuple(pid, fc.constantFrom(...RP2_METHODS)).map(([p, m]) => `/qbxmlrp2/processors/${p}/${m}`),
    fc.tuple(pid, fc.constantFrom(...AUTH_PREFS)).map(([p, m]) => `/qbxmlrp2/processors/${p}/AuthPreferences/${m}`),
    fc.tuple(host, fc.constantFrom(...opts.uiActions, 'nope')).map(([h, a]) => `/__qbd/hosts/${h}/ui/${a}`),
    host.map((h) => `/__qbd/hosts/${h}/faults`),
    fc.tuple(host, fc.constantFrom('lock', 'unlock', 'edit', 'x')).map(([h, a]) => `/__qbd/hosts/${h}/records/${a}`),
    fc.tuple(host, fc.constantFrom('join', 'leave')).map(([h, a]) => `/__qbd/hosts/${h}/workstations/${a}`),
    fc.tuple(host, fc.constantFrom('', '/other', '/rename')).map(([h, a]) => `/__qbd/hosts/${h}/files${a}`),
    fc.tuple(host, fc.constantFrom('advance', 'set', 'x')).map(([h, a]) => `/__qbd/hosts/${h}/clock/${a}`),
    fc.constantFrom('/__qbd/snapshot', '/__qbd/restore', '/__qbd/state', '/__qbd/health', '/__qbd/nope'),
    fc
      .tuple(fc.constantFrom('-1', 'x', '0', '99999999999'), fc.constantFrom('app', 'ui', 'nope'))
      .map(([since, actor]) => `/__qbd/journal?since=${since}&actor=${actor}&limit=${since}`),
    host.map((h) => `/__qbd/hosts/${h}/state`),
  );
  return fc.record(
    { method, path, body: body() },
    { requiredKeys: ['method', 'path'] },
  ) as fc.Arbitrary<FuzzHttpRequest>;
}
