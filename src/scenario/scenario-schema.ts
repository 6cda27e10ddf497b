// The scenario language: YAML files in scenarios/, validated with zod. Errors name the file, the line and the step,
// and say what was expected. Reference: scenarios/README.md.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { z } from 'zod';
import { FAULT_KINDS, repoRoot as packageRoot, worldSpecSchema, type WorldSpec } from '../harness/index.js';

/** A scenario file that does not read: where (file, line, step) and what was expected. */
export class ScenarioSyntaxError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly problems: string[],
  ) {
    super(`${file}:${line}: ${problems.join('\n  ')}`);
    this.name = 'ScenarioSyntaxError';
  }
}

/** `500ms`, `10s`, `5m`, `1h`, or a number of milliseconds. */
export const durationSchema = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(?:\.\d+)?(?:ms|s|m|h)$/, 'a duration such as 500ms, 10s, 5m or 1h'),
  ])
  .transform((v) => (typeof v === 'number' ? v : parseDurationText(v)));

function parseDurationText(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text)!;
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

const openMode = z.enum(['single-user', 'multi-user']);
const host = { host: z.string().optional() };
/** A company file: its full Windows path, its file name (`Acme Supplies.QBW`) or its company name. */
const fileRef = z.string().min(1);
/**
 * `within`: how long (real time) an expectation may wait until it holds. `advancing`: while it waits, move QuickBooks'
 * virtual clock forward up to this much, a tenth at a time (schedules, Auto-Run, expiries fire on the way).
 */
const within = { within: durationSchema.optional(), advancing: durationSchema.optional() };
const role = z.enum(['all-areas', 'selected-areas', 'external-accountant']);
const obj = <T extends z.ZodRawShape>(shape: T) => z.object(shape).strict();

/** The person at the QuickBooks UI: every control-API UI action, other workstations, record locks, files. */
const QB_ACTIONS = {
  launch: obj({ ...host, initializingMs: z.number().int().nonnegative().optional() }),
  exit: obj({ ...host }),
  'open-company': obj({
    ...host,
    file: fileRef,
    mode: openMode,
    user: z.string().optional(),
    password: z.string().optional(),
  }),
  'log-in': obj({ ...host, user: z.string(), password: z.string().optional() }),
  'close-company': obj({ ...host }),
  'switch-mode': obj({ ...host, mode: openMode }),
  'open-preferences': obj({ ...host }),
  'close-preferences': obj({ ...host }),
  'remove-app': obj({ ...host, app: z.string().optional() }),
  'edit-app-properties': obj({
    ...host,
    app: z.string().optional(),
    allowAccess: z.boolean().optional(),
    promptEachTime: z.boolean().optional(),
    autoLogin: z.boolean().optional(),
    loginAs: z.string().nullable().optional(),
    personalData: z.boolean().optional(),
  }),
  'set-company-app-options': obj({
    ...host,
    blockAllApps: z.boolean().optional(),
    notifyExpiredCert: z.boolean().optional(),
  }),
  'answer-certificate-dialog': obj({
    ...host,
    choice: z.enum(['no', 'prompt-each-time', 'when-open', 'always']),
    loginAs: z.string().nullable().optional(),
    personalData: z.boolean().optional(),
    done: z.boolean().optional(),
  }),
  'confirm-certificate-dialog': obj({ ...host }),
  'answer-access-prompt': obj({ ...host, allow: z.boolean() }),
  'answer-expired-certificate': obj({ ...host, answer: z.enum(['allow-always', 'allow-once', 'deny']) }),
  'show-dialog': obj({ ...host, title: z.string(), text: z.string().optional() }),
  'dismiss-dialog': obj({ ...host }),
  'add-user': obj({ ...host, name: z.string(), password: z.string().optional(), role: role.optional() }),
  'update-user': obj({ ...host, name: z.string(), password: z.string().optional(), role: role.optional() }),
  'remove-user': obj({ ...host, name: z.string() }),
  'workstation-join': obj({ ...host, file: fileRef, machine: z.string(), user: z.string(), mode: openMode }),
  'workstation-leave': obj({ ...host, file: fileRef, machine: z.string() }),
  'lock-record': obj({
    ...host,
    file: fileRef.optional(),
    vendor: z.string(),
    machine: z.string(),
    user: z.string().optional(),
  }),
  'unlock-record': obj({ ...host, file: fileRef.optional(), vendor: z.string() }),
  /** A person edits a vendor in QuickBooks (Vendor Center › Edit Vendor › OK): its EditSequence moves on. */
  'edit-vendor': obj({
    ...host,
    file: fileRef.optional(),
    vendor: z.string(),
    companyName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  'add-company-file': obj({
    ...host,
    path: z.string().min(3),
    companyName: z.string(),
    users: z.array(obj({ name: z.string(), password: z.string().optional(), role: z.string().optional() })).optional(),
  }),
  'add-other-file': obj({ ...host, path: z.string().min(3) }),
  'rename-file': obj({ ...host, from: fileRef, to: z.string().min(3) }),
} as const;

/** The connector under test: start, exit, token entry (a cloud key), sync now, wait for a status. */
const CONNECTOR_ACTIONS = {
  start: obj({}),
  exit: obj({}),
  /** Enter the latest key of cloud company `key` (default: the cloud company of the file) for company file `file`. */
  token: obj({ file: fileRef.optional(), key: z.string().optional() }),
  'sync-now': obj({ file: fileRef.optional() }),
  /** Uninstall and install the connector again: its state directory (keys, `.qwc` FileIDs, …) starts empty. */
  reinstall: obj({}),
  /**
   * Wait until the connector is idle: no new status line and no new journal entry for `quiet` (default 1 s), up to
   * `within`; fails when it never goes quiet (a connector that retries without end).
   */
  settle: obj({ quiet: durationSchema.optional(), ...within }),
  'wait-status': obj({
    file: fileRef.optional(),
    is: z.string(),
    hresult: z.string().optional(),
    reason: z.string().optional(),
    ...within,
  }),
} as const;

const billLine = obj({ account: z.string(), amount: z.string(), memo: z.string().optional() });

/** The AP cloud: Get New Key, revoke, vendors, bills, payments. `as` names the record for later steps. */
const CLOUD_ACTIONS = {
  'new-key': obj({ company: z.string().optional() }),
  revoke: obj({ company: z.string().optional() }),
  'create-vendor': obj({
    company: z.string().optional(),
    name: z.string(),
    companyName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
    as: z.string().optional(),
  }),
  'edit-vendor': obj({
    company: z.string().optional(),
    vendor: z.string(),
    name: z.string().optional(),
    companyName: z.string().optional(),
    email: z.string().optional(),
    phone: z.string().optional(),
  }),
  'create-bill': obj({
    company: z.string().optional(),
    vendor: z.string(),
    refNumber: z.string().optional(),
    txnDate: z.string(),
    dueDate: z.string().optional(),
    memo: z.string().optional(),
    lines: z.array(billLine).min(1),
    as: z.string().optional(),
  }),
  'create-payment': obj({
    company: z.string().optional(),
    bill: z.string(),
    amount: z.string(),
    date: z.string(),
    bankAccount: z.string().optional(),
    refNumber: z.string().optional(),
    as: z.string().optional(),
  }),
} as const;

/** How a Web Connector update ended (mock-qb/web-connector `UpdateOutcome`). */
const updateOutcome = z.enum(['ok', 'no-data', 'busy', 'invalid-user', 'interactive', 'cancelled', 'error', 'stopped']);

/** The fake QuickBooks Web Connector on a host (QBWC transport). */
const WEBCONNECTOR_ACTIONS = {
  /** Add the connector's `.qwc` for a company file (QuickBooks may show its certificate dialog: answer it with `qb`). */
  add: obj({ ...host, file: fileRef.optional(), failsWith: z.string().optional() }),
  password: obj({ ...host, file: fileRef.optional(), password: z.string().optional() }),
  /** Update Selected for the company file's application; `outcome` checks how it ended. */
  update: obj({
    ...host,
    file: fileRef.optional(),
    outcome: updateOutcome.optional(),
    qbwcCode: z.string().optional(),
    /** Start the update and go on (a later `expect: update-finished` checks how it ended). */
    background: z.boolean().optional(),
  }),
  'auto-run': obj({
    ...host,
    file: fileRef.optional(),
    enabled: z.boolean().default(true),
    everyMinutes: z.number().int().positive().optional(),
    everySeconds: z.number().int().positive().optional(),
  }),
} as const;

const CLOCK_ACTIONS = { advance: obj({ ...host, by: durationSchema }) } as const;

const FAULT_ACTIONS = {
  /** Disarm every fault of the host (the condition clears). */
  clear: obj({ ...host }),
  arm: obj({
    ...host,
    kind: z.enum(FAULT_KINDS as unknown as [string, ...string[]]),
    match: z.string().optional(),
    count: z.number().int().positive().optional(),
    probability: z.number().gt(0).max(1).optional(),
    seed: z.string().optional(),
    ms: z.number().int().nonnegative().optional(),
    phase: z.enum(['before', 'after']).optional(),
    title: z.string().optional(),
    text: z.string().optional(),
    hold: z.boolean().optional(),
    hresult: z.string().optional(),
  }),
} as const;

/** Expectations. Each may wait (`within`, real time) until it holds. */
const EXPECTATIONS = {
  /** The connector's status for a company file: the next record after the last connector step or status match. */
  status: obj({
    file: fileRef.optional(),
    is: z.string(),
    hresult: z.string().optional(),
    reason: z.string().optional(),
    ...within,
  }),
  /** A modal window showing (or not) on a host. */
  dialog: obj({
    ...host,
    kind: z.enum(['login', 'preferences', 'certificate', 'access-prompt', 'expired-certificate', 'generic']).optional(),
    app: z.string().optional(),
    showing: z.boolean().default(true),
    ...within,
  }),
  /** The Integrated Applications list of a company file and the application's grant. */
  app: obj({
    ...host,
    file: fileRef.optional(),
    app: z.string().optional(),
    listed: z.boolean().default(true),
    allowAccess: z.boolean().optional(),
    promptEachTime: z.boolean().optional(),
    autoLogin: z.boolean().optional(),
    loginAs: z.string().nullable().optional(),
    personalData: z.boolean().optional(),
    ...within,
  }),
  /** The open file's mode (`none`: no company open). */
  mode: obj({ ...host, is: z.enum(['single-user', 'multi-user', 'none']), file: fileRef.optional(), ...within }),
  /** qbXML-visible data: `query` (request elements) answers `count` `ret` elements, those matching `where`. */
  qbxml: obj({
    ...host,
    file: fileRef.optional(),
    query: z.string().min(1),
    ret: z.string().min(1),
    where: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    count: z.number().int().nonnegative().optional(),
    ...within,
  }),
  /** The cloud's state of a company, matched partially (arrays: each expected item matches some actual item). */
  cloud: obj({ company: z.string().optional(), match: z.record(z.string(), z.unknown()), ...within }),
  /** The journal holds an entry: `"BeginSession answered 0x80040410"` (an RP2 call and its HRESULT) or a text. */
  journal: obj({ ...host, contains: z.string().min(1), ...within }),
  /** The last `webconnector: update` started with `background: true` for the file ended (with `outcome`, `qbwcCode`). */
  'update-finished': obj({
    ...host,
    file: fileRef.optional(),
    outcome: updateOutcome.optional(),
    qbwcCode: z.string().optional(),
    ...within,
  }),
} as const;

/** Every actor and its actions. */
export const STEP_ACTIONS = {
  qb: QB_ACTIONS,
  connector: CONNECTOR_ACTIONS,
  cloud: CLOUD_ACTIONS,
  webconnector: WEBCONNECTOR_ACTIONS,
  clock: CLOCK_ACTIONS,
  fault: FAULT_ACTIONS,
  expect: EXPECTATIONS,
} as const;

export type StepVerb = keyof typeof STEP_ACTIONS;
type Actions = typeof STEP_ACTIONS;
/** One step's action, typed by actor and action. */
export type StepAction = {
  [V in StepVerb]: {
    [A in keyof Actions[V]]: {
      verb: V;
      action: A;
      args: Actions[V][A] extends z.ZodType ? z.output<Actions[V][A]> : never;
    };
  }[keyof Actions[V]];
}[StepVerb];

const VERBS = Object.keys(STEP_ACTIONS) as StepVerb[];
/** Keys every step may carry besides its action's arguments. */
const COMMON_KEYS = ['timeout', 'refused', 'note'] as const;

/** One executable step, with where it was written. */
export interface ScenarioStep {
  /** `4`, or `4.2` for the second step of the group used at step 4. */
  number: string;
  /** The file the step is written in (a group file for a group's steps). */
  file: string;
  line: number;
  /** The step as written, on one line. */
  text: string;
  /** For a group's step: `use: remove-app` at the scenario's step and line. */
  via?: string;
  action: StepAction;
  /** Per-step timeout (real time; default the runner's). */
  timeoutMs?: number;
  /** `qb` steps: QuickBooks' UI must refuse the action (`true`, or a text its message contains). */
  refused?: string | true;
  note?: string;
}

const cloudCompanySchema = obj({
  name: z.string().min(1),
  /** The company file this company's keys are for (a file reference). */
  file: fileRef.optional(),
});

const connectorSchema = obj({
  transport: z.enum(['rp2', 'qbwc']).default('rp2'),
  adapter: z.enum(['process', 'in-process']).default('process'),
  /** The company files the connector serves (default: every company file of the first host). */
  companies: z.array(fileRef).optional(),
  appName: z.string().optional(),
  /** rp2: the BeginSession file mode the connector asks for. */
  fileMode: z.enum(['qbFileOpenDoNotCare', 'qbFileOpenSingleUser', 'qbFileOpenMultiUser']).optional(),
  /**
   * Extra environment of the connector's process (a connector that does not know a variable ignores it). A scenario
   * with `env` always runs the connector as a process.
   */
  env: z.record(z.string(), z.string()).optional(),
});

const scenarioHeadSchema = obj({
  name: z.string().min(1),
  seed: z.union([z.string(), z.number()]).transform(String),
  description: z.string().optional(),
  /** Tags (`flow-a`, `failure`, `qbwc`, …) to select scenarios. */
  tags: z.array(z.string()).optional(),
  world: obj({
    /** mock-qb's world spec without `seed`/`clock` (the scenario's seed and a manual clock are used). */
    qb: z.record(z.string(), z.unknown()).optional(),
    cloud: obj({ companies: z.array(cloudCompanySchema).default([]) }).default({ companies: [] }),
    connector: connectorSchema.default({ transport: 'rp2', adapter: 'process' }),
  }).default({ cloud: { companies: [] }, connector: { transport: 'rp2', adapter: 'process' } }),
  steps: z.array(z.unknown()).min(1, 'at least one step'),
});

/** A loaded, validated scenario. */
export interface Scenario {
  file: string;
  name: string;
  seed: string;
  description?: string;
  tags: string[];
  world: {
    qb: WorldSpec;
    cloud: { companies: { name: string; file?: string }[] };
    connector: {
      transport: 'rp2' | 'qbwc';
      adapter: 'process' | 'in-process';
      companies: string[];
      appName?: string;
      fileMode?: 'qbFileOpenDoNotCare' | 'qbFileOpenSingleUser' | 'qbFileOpenMultiUser';
      env?: Record<string, string>;
    };
  };
  steps: ScenarioStep[];
}

/** The sample office every scenario starts from unless it says otherwise. */
export const DEFAULT_COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
export const DEFAULT_SCENARIO_WORLD: WorldSpec = {
  clock: 'manual',
  clockStart: '2024-07-01T13:00:00.000Z',
  hosts: [
    {
      id: 'OFFICE-PC',
      product: 'pro-2014',
      timeZone: 'America/New_York',
      companyFiles: [
        {
          path: `${DEFAULT_COMPANY_DIR}\\Acme Supplies.QBW`,
          companyName: 'Acme Supplies',
          users: [
            { name: 'Admin', password: 'admin', role: 'admin' },
            { name: 'Bookkeeper', password: 'books', role: 'all-areas' },
          ],
        },
      ],
      otherFiles: [],
      ui: {
        running: true,
        open: {
          path: `${DEFAULT_COMPANY_DIR}\\Acme Supplies.QBW`,
          mode: 'multi-user',
          user: 'Admin',
          password: 'admin',
        },
      },
    },
  ],
};

/** A reusable step group (scenarios/groups/NAME.yaml): `use: NAME` with `with: { param: value }`. */
interface StepGroup {
  name: string;
  file: string;
  params: Record<string, string>;
  doc: Document;
  lines: LineCounter;
  text: string;
}

/** Loads every group file of a folder (default: scenarios/groups next to the scenario). */
export function loadStepGroups(dir: string): Map<string, StepGroup> {
  if (!existsSync(dir)) return new Map();
  const names = readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort();
  // A suite loads the same folder for every scenario: parse it once while no file in it changed.
  const key = names.map((name) => `${name}:${statSync(path.join(dir, name)).mtimeMs}`).join('|');
  const cached = groupCache.get(dir);
  if (cached?.key === key) return cached.groups;
  const groups = new Map<string, StepGroup>();
  for (const name of names) {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    const { doc, lines } = parseYamlFile(file, text);
    const head = obj({
      name: z.string().min(1),
      description: z.string().optional(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).default({}),
      steps: z.array(z.unknown()).min(1),
    }).safeParse(doc.toJS());
    if (!head.success) throw issuesError(file, doc, lines, [], head.error.issues, 'step group');
    groups.set(head.data.name, { name: head.data.name, file, params: head.data.params, doc, lines, text });
  }
  groupCache.set(dir, { key, groups });
  return groups;
}

/** Step groups by folder, with the names and modification times they were read at (groups are only read). */
const groupCache = new Map<string, { key: string; groups: Map<string, StepGroup> }>();

function parseYamlFile(file: string, text: string): { doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
    throw new ScenarioSyntaxError(file, line, [`not valid YAML: ${e.message.split('\n')[0]}`]);
  }
  return { doc, lines };
}

function nodeLine(doc: Document, lines: LineCounter, pathIn: readonly PropertyKey[]): number {
  for (let n = pathIn.length; n >= 0; n--) {
    const node = doc.getIn(pathIn.slice(0, n) as unknown[], true) as YamlNode | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return lines.linePos(node.range[0]).line;
  }
  return 1;
}

function issuesError(
  file: string,
  doc: Document,
  lines: LineCounter,
  base: readonly PropertyKey[],
  issues: readonly z.core.$ZodIssue[],
  what: string,
): ScenarioSyntaxError {
  const first = issues[0]!;
  const line = nodeLine(doc, lines, [...base, ...first.path]);
  return new ScenarioSyntaxError(
    file,
    line,
    issues.map((i) => `${what}: ${[...base, ...i.path].join('.') || '(top)'}: ${i.message}`),
  );
}

function oneLine(source: string, node: YamlNode | undefined): string {
  if (!node?.range) return '';
  return source
    .slice(node.range[0], node.range[1])
    .split('\n')
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter(Boolean)
    .join(', ')
    .replace(/:, /g, ': ')
    .replace(/^- /, '')
    .slice(0, 160);
}

/**
 * `${name}` replaced by a parameter's value. An argument that is exactly `${name}` of a parameter left empty (`''`) is
 * left out, so a group's `app: ${app}` with no app given means "the connector's own application".
 */
function substitute(value: unknown, params: Record<string, string>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(value);
    if (whole && params[whole[1]!] !== undefined) return params[whole[1]!] === '' ? undefined : params[whole[1]!];
    return value.replace(/\$\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, params));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .map(([k, v]) => [k, substitute(v, params)] as const)
        .filter(([, v]) => v !== undefined),
    );
  }
  return value;
}

/** Validates one step (a mapping with exactly one actor key) into a {@link ScenarioStep}. */
function parseStep(
  raw: unknown,
  where: { file: string; doc: Document; lines: LineCounter; source: string; path: PropertyKey[]; number: string },
  params: Record<string, string>,
): Omit<ScenarioStep, 'via'> {
  const line = nodeLine(where.doc, where.lines, where.path);
  // As written, with the parameters' values in place (an empty one: the argument is left out, said so).
  const text = oneLine(where.source, where.doc.getIn(where.path as unknown[], true) as YamlNode | undefined)
    .replace(/, \w+: \$\{(\w+)\}/g, (m, name: string) => (params[name] === '' ? '' : m))
    .replace(/\$\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
  const fail = (problem: string, sub: PropertyKey[] = []): never => {
    throw new ScenarioSyntaxError(where.file, nodeLine(where.doc, where.lines, [...where.path, ...sub]), [
      `step ${where.number} (${text}): ${problem}`,
    ]);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail(`expected a mapping such as "qb: switch-mode" with its arguments, got ${JSON.stringify(raw)}`);
  }
  const step = substitute(raw, params) as Record<string, unknown>;
  const verbs = VERBS.filter((v) => v in step);
  if (verbs.length !== 1) {
    return fail(
      verbs.length === 0
        ? `expected one of ${[...VERBS, 'use'].map((v) => `"${v}:"`).join(', ')}`
        : `one actor per step, found ${verbs.join(' and ')}`,
    );
  }
  const verb = verbs[0]!;
  const actions = STEP_ACTIONS[verb] as Record<string, z.ZodType>;
  const action = step[verb];
  if (typeof action !== 'string' || !(action in actions)) {
    return fail(
      `unknown ${verb} action ${JSON.stringify(action)}; expected one of: ${Object.keys(actions).join(', ')}`,
      [verb],
    );
  }
  const { [verb]: _verb, timeout, refused, note, ...rest } = step;
  if (refused !== undefined && verb !== 'qb') fail('"refused" applies to qb steps only', ['refused']);
  const argsParsed = actions[action]!.safeParse(rest);
  if (!argsParsed.success) {
    const issue = argsParsed.error.issues[0]!;
    const key = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? '' : '(arguments)';
    const msg =
      issue.code === 'unrecognized_keys'
        ? `${issue.message} (allowed: ${allowedKeys(actions[action]!)})`
        : issue.message;
    return fail(`${verb} ${action}: ${key ? `${key}: ` : ''}${msg}`, issue.path.length ? [issue.path[0]!] : []);
  }
  const t = timeout === undefined ? undefined : durationSchema.safeParse(timeout);
  if (t && !t.success) fail(`timeout: ${t.error.issues[0]!.message}`, ['timeout']);
  if (refused !== undefined && refused !== true && typeof refused !== 'string') {
    fail('refused: expected true or a text the refusal contains', ['refused']);
  }
  if (note !== undefined && typeof note !== 'string') fail('note: expected a text', ['note']);
  return {
    number: where.number,
    file: where.file,
    line,
    text,
    action: { verb, action, args: argsParsed.data } as StepAction,
    ...(t?.success ? { timeoutMs: t.data } : {}),
    ...(refused !== undefined ? { refused: refused as string | true } : {}),
    ...(typeof note === 'string' ? { note } : {}),
  };
}

function allowedKeys(schema: z.ZodType): string {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return [...Object.keys(shape ?? {}), ...COMMON_KEYS].join(', ');
}

/** Resolves a company-file reference (full path, file name, or company name) against a world spec. */
export function resolveFileRef(world: WorldSpec, ref: string, hostId?: string): string | undefined {
  const want = ref.toLowerCase().replaceAll('/', '\\');
  for (const h of world.hosts) {
    if (hostId && h.id !== hostId) continue;
    for (const f of h.companyFiles ?? []) {
      const p = f.path.replaceAll('/', '\\');
      const base = p.slice(p.lastIndexOf('\\') + 1).toLowerCase();
      if (p.toLowerCase() === want || base === want || f.companyName.toLowerCase() === want) return f.path;
    }
  }
  return undefined;
}

/** Options of {@link loadScenario}. */
export interface LoadScenarioOptions {
  /** The step groups to use (instead of searching for them). */
  groups?: Map<string, StepGroup>;
  /** `--groups DIR`: searched after the `groups/` folder beside the scenario, before the bundled groups. */
  groupsDir?: string;
  /**
   * Parameters every scenario and group may use besides a group's own: `${connected}` and `${failed}`, the statuses
   * of the connector under test (its description's `statuses`; default the reference connector's).
   */
  params?: Record<string, string>;
}

/** The parameters every scenario may use (`${connected}`, `${failed}`): the reference connector's statuses. */
export const BUILT_IN_PARAMS = { connected: 'Connected to Server', failed: 'Unable to open QuickBooks file' };

/** One place step groups were looked for, and what it held. */
interface GroupPlace {
  dir: string;
  label: string;
  groups: Map<string, StepGroup> | null;
}

/**
 * Where a scenario's step groups come from, in order: `groups/` beside the scenario, then `--groups DIR`, then the
 * bundled ones (scenarios/groups of qbd-sim). The first place holding a name wins.
 */
export function stepGroupPlaces(file: string, groupsDir?: string): GroupPlace[] {
  const beside = path.join(path.dirname(path.resolve(file)), 'groups');
  const bundled = path.join(packageRoot(), 'scenarios', 'groups');
  const places: { dir: string; label: string }[] = [{ dir: beside, label: 'beside the scenario' }];
  if (groupsDir) places.push({ dir: path.resolve(groupsDir), label: '--groups' });
  places.push({ dir: bundled, label: 'bundled with qbd-sim' });
  const seen = new Set<string>();
  return places
    .filter((p) => !seen.has(p.dir) && seen.add(p.dir))
    .map((p) => ({ ...p, groups: existsSync(p.dir) ? loadStepGroups(p.dir) : null }));
}

function findGroup(places: GroupPlace[], name: string): StepGroup | undefined {
  for (const p of places) {
    const g = p.groups?.get(name);
    if (g) return g;
  }
  return undefined;
}

function searchedText(places: GroupPlace[], groupsDir: string | undefined): string {
  const lines = places.map(
    (p) =>
      `${p.dir} (${p.label}: ${p.groups === null ? 'no such folder' : [...p.groups.keys()].join(', ') || 'no groups'})`,
  );
  return `looked in ${lines.join('; ')}. Put NAME.yaml (name: NAME, steps: …) in a groups/ folder beside the scenario${
    groupsDir ? '' : ', or pass --groups DIR'
  }`;
}

/**
 * Reads and validates a scenario file; `use:` steps are expanded from the step groups: `groups/` beside the file,
 * then `opts.groupsDir`, then the bundled ones ({@link stepGroupPlaces}).
 */
export function loadScenario(file: string, opts: LoadScenarioOptions = {}): Scenario {
  const source = readFileSync(file, 'utf8');
  const { doc, lines } = parseYamlFile(file, source);
  const head = scenarioHeadSchema.safeParse(doc.toJS());
  if (!head.success) throw issuesError(file, doc, lines, [], head.error.issues, 'scenario');
  const h = head.data;

  const qbRaw = h.world.qb ?? DEFAULT_SCENARIO_WORLD;
  const qbParsed = worldSpecSchema.safeParse({ ...qbRaw, seed: h.seed, clock: 'manual' });
  if (!qbParsed.success) throw issuesError(file, doc, lines, ['world', 'qb'], qbParsed.error.issues, 'world.qb');
  const qb = qbParsed.data as WorldSpec;
  if (!qb.clockStart) qb.clockStart = DEFAULT_SCENARIO_WORLD.clockStart!;

  const companies = (h.world.connector.companies ?? (qb.hosts[0]?.companyFiles ?? []).map((f) => f.path)).map(
    (ref, i) => {
      const p = resolveFileRef(qb, ref);
      if (!p) {
        throw new ScenarioSyntaxError(file, nodeLine(doc, lines, ['world', 'connector', 'companies', i]), [
          `world.connector.companies.${i}: no company file "${ref}" in world.qb (give its path, file name or company name)`,
        ]);
      }
      return p;
    },
  );
  for (const [i, c] of h.world.cloud.companies.entries()) {
    if (c.file && !resolveFileRef(qb, c.file)) {
      throw new ScenarioSyntaxError(file, nodeLine(doc, lines, ['world', 'cloud', 'companies', i, 'file']), [
        `world.cloud.companies.${i}.file: no company file "${c.file}" in world.qb`,
      ]);
    }
  }

  const places: GroupPlace[] = opts.groups
    ? [{ dir: '(given)', label: 'given', groups: opts.groups }]
    : h.steps.some((raw) => raw && typeof raw === 'object' && 'use' in raw)
      ? stepGroupPlaces(file, opts.groupsDir)
      : [];
  const builtIn = { ...BUILT_IN_PARAMS, ...opts.params };
  const steps: ScenarioStep[] = [];
  h.steps.forEach((raw, i) => {
    const number = String(i + 1);
    const where = { file, doc, lines, source, path: ['steps', i] as PropertyKey[], number };
    if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'use' in raw) {
      const use = raw as { use: unknown; with?: unknown };
      const line = nodeLine(doc, lines, where.path);
      const extra = Object.keys(use).filter((k) => k !== 'use' && k !== 'with');
      const group = typeof use.use === 'string' ? findGroup(places, use.use) : undefined;
      if (!group || extra.length) {
        throw new ScenarioSyntaxError(file, line, [
          `step ${number}: ${
            extra.length
              ? `a "use:" step takes only "with:", not ${extra.join(', ')}`
              : `unknown step group ${JSON.stringify(use.use)}; ${searchedText(places, opts.groupsDir)}`
          }`,
        ]);
      }
      const withParams = z
        .record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String))
        .optional()
        .safeParse(use.with);
      if (!withParams.success) {
        throw new ScenarioSyntaxError(file, line, [`step ${number}: with: expected a mapping of parameter values`]);
      }
      const unknown = Object.keys(withParams.data ?? {}).filter((k) => !(k in group.params) && !(k in builtIn));
      if (unknown.length) {
        throw new ScenarioSyntaxError(file, line, [
          `step ${number}: with: the group "${group.name}" (${group.file}) has no parameter ${unknown.join(', ')}; its parameters: ${Object.keys(group.params).join(', ') || 'none'}`,
        ]);
      }
      const params = { ...builtIn, ...group.params, ...(withParams.data ?? {}) };
      const groupSteps = (group.doc.toJS() as { steps: unknown[] }).steps;
      groupSteps.forEach((gRaw, j) => {
        const gWhere = {
          file: group.file,
          doc: group.doc,
          lines: group.lines,
          source: group.text,
          path: ['steps', j] as PropertyKey[],
          number: `${number}.${j + 1}`,
        };
        steps.push({ ...parseStep(gRaw, gWhere, params), via: `use: ${group.name} (${file}:${line})` });
      });
      return;
    }
    steps.push(parseStep(raw, where, builtIn));
  });

  return {
    file,
    name: h.name,
    seed: h.seed,
    ...(h.description ? { description: h.description } : {}),
    tags: h.tags ?? [],
    world: {
      qb,
      cloud: { companies: h.world.cloud.companies },
      connector: {
        transport: h.world.connector.transport,
        adapter: h.world.connector.adapter,
        companies,
        ...(h.world.connector.appName ? { appName: h.world.connector.appName } : {}),
        ...(h.world.connector.fileMode ? { fileMode: h.world.connector.fileMode } : {}),
        ...(h.world.connector.env ? { env: h.world.connector.env } : {}),
      },
    },
    steps,
  };
}
