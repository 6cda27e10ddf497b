import fc from 'fast-check';
import {
  generatedQbxmlArbitrary,
  qbxmlArbitrary,
  qbxmlRequestBodyArbitrary,
  qbxmlRequestSet,
} from './qbxml-arbitrary.js';

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

/** A request processor and a ticket it holds (or held, or never had), for calls made inside a session. */
export interface FuzzSession {
  processorId: string;
  ticket: string;
}

const TICKET_METHODS = [
  'ProcessRequest',
  'EndSession',
  'GetCurrentCompanyFileName',
  'QBXMLVersionsForSession',
  'AuthPreferences/GetIsReadOnly',
  'AuthPreferences/GetUnattendedModePref',
  'AuthPreferences/GetPersonalDataPref',
  'AuthPreferences/WasAuthPreferencesObeyed',
];

/**
 * Calls inside sessions: mostly `ProcessRequest` with a session's own ticket and a qbXML request set (mostly
 * well-formed, so it reaches the request handlers), sometimes another ticket method or the ticket of another session.
 */
function sessionCallArbitrary(sessions: readonly FuzzSession[]): fc.Arbitrary<FuzzHttpRequest> {
  const session = fc.constantFrom(...sessions);
  const ticket = fc.oneof(
    { weight: 8, arbitrary: fc.constant(undefined) }, // the session's own
    { weight: 1, arbitrary: fc.constantFrom(...sessions.map((s) => s.ticket), '', 'x') },
  );
  // Mostly request sets QuickBooks accepts as a whole (version 13.0, a valid onError), so the requests in them run.
  const accepted = fc
    .tuple(
      fc.array(qbxmlRequestBodyArbitrary(), { minLength: 1, maxLength: 3 }),
      fc.constantFrom('stopOnError', 'continueOnError'),
    )
    .map(([bodies, onError]) => qbxmlRequestSet(bodies.join(''), { onError }));
  const qbxml = fc.oneof(
    { weight: 6, arbitrary: accepted },
    { weight: 1, arbitrary: generatedQbxmlArbitrary() },
    { weight: 1, arbitrary: qbxmlArbitrary() },
  );
  const processRequest = fc.tuple(session, ticket, qbxml).map(([s, t, inputRequest]): FuzzHttpRequest => ({
    method: 'POST',
    path: `/qbxmlrp2/processors/${s.processorId}/ProcessRequest`,
    body: JSON.stringify({ ticket: t ?? s.ticket, inputRequest }),
  }));
  const other = fc.tuple(session, ticket, fc.constantFrom(...TICKET_METHODS)).map(([s, t, m]): FuzzHttpRequest => ({
    method: 'POST',
    path: `/qbxmlrp2/processors/${s.processorId}/${m}`,
    body: JSON.stringify({ ticket: t ?? s.ticket }),
  }));
  return fc.oneof({ weight: 6, arbitrary: processRequest }, { weight: 1, arbitrary: other });
}

/**
 * Requests to the RP2 bridge and the control API of a mock: real routes with fuzzed bodies, and some made up. With
 * `sessions`, half of them are calls inside those sessions (`ProcessRequest` with their tickets and qbXML that reaches
 * the handlers). Ids and tickets are used as given: pass placeholders and substitute them when sending to fuzz
 * sessions that a fuzzed request may end (the project's HTTP fuzz does, test/property/fuzz/http-fuzz-run.ts).
 */
export function mockHttpRequestArbitrary(opts: {
  processorIds: readonly string[];
  host: string;
  uiActions: readonly string[];
  sessions?: readonly FuzzSession[];
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
  const anywhere = fc.record(
    { method, path, body: body() },
    { requiredKeys: ['method', 'path'] },
  ) as fc.Arbitrary<FuzzHttpRequest>;
  if (!opts.sessions?.length) return anywhere;
  return fc.oneof({ weight: 1, arbitrary: anywhere }, { weight: 1, arbitrary: sessionCallArbitrary(opts.sessions) });
}
