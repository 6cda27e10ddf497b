// Runs one scenario: builds its world (fake QuickBooks on a manual clock + the AP cloud), drives the connector through
// an adapter, executes the steps in order and checks the expectations. Deterministic: seeded ids and keys, virtual
// QuickBooks time that only the steps move. A failure names the file, step, seed, expectation, what was seen, and the
// journal around it.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync, rmSync } from 'node:fs';
import { ComError } from '../protocol/com-error.js';
import { isQbwcError } from '../protocol/qbwc-codes.js';
import { childElement, elementChildren, ownText, parseXmlTree, type XmlTreeElement } from '../protocol/xml-tree.js';
import {
  InProcessConnectorAdapter,
  InProcessTarget,
  inProcessConnectorEnv,
  ProcessConnectorAdapter,
  REFERENCE_CONNECTOR,
  isUiRefusal,
  makeScratchDir,
  parseQwc,
  type ConnectorAdapter,
  type ConnectorDescription,
  type ConnectorStatusRecord,
  type FaultKind,
  type FaultSpec,
  type HostState,
  type JournalEntry,
  type ScenarioTarget,
} from '../harness/index.js';
import { qbdSimVersion } from '../protocol/package-version.js';
import {
  BUILT_IN_PARAMS,
  resolveFileRef,
  type LoadScenarioOptions,
  type Scenario,
  type ScenarioStep,
  type StepAction,
} from './scenario-schema.js';
import { TranscriptRecorder } from './transcript-recorder.js';

/** Options of {@link runScenario}. */
export interface RunScenarioOptions {
  /** The connector to drive as a process (default: the reference connector `ap-connector`). */
  connector?: ConnectorDescription;
  /**
   * Overrides every scenario's `world.connector.adapter`: `in-process` runs the reference connector as a library (much
   * faster; the cloud answering through a fetch of its own, in this process), `process` as its own process.
   */
  adapter?: 'process' | 'in-process';
  /** Default per-step timeout, real time (default 30 s). */
  stepTimeoutMs?: number;
  /** Default `within` of expectations, real time (default 15 s). */
  expectWithinMs?: number;
  /** Called with each step as it starts (progress for long runs). */
  onStep?: (step: ScenarioStep, scenario: Scenario) => void;
  /** Write an NDJSON transcript of every exchange with the fake QuickBooks to this file (`qbd-sim replay` reads it). */
  transcript?: string;
  /**
   * Where QuickBooks and the cloud run: `in-process` (default) or `container` (a qbd-sim container started with
   * testcontainers; the connector runs as its own process; no qbXML inspection and no transcripts there).
   */
  target?: 'in-process' | 'container';
  /** With `target: 'container'`: the image (default `QBDSIM_IMAGE` or `qbd-sim:local`). */
  image?: string;
  /** `--groups DIR` the scenario was loaded with (for the reproduce line). */
  groupsDir?: string;
  /**
   * Keep what the run showed in the result (`recording`): the journal, the connector's status lines, and after each
   * step each host's state (windows, open file) — for `qbd-sim conform` and the HTML report.
   */
  record?: boolean;
}

/** What a recorded run showed (see {@link RunScenarioOptions.record}). */
export interface ScenarioRecording {
  /** Every journal entry since the scenario started. */
  journal: JournalEntry[];
  /** Every status line of the connector, oldest first. */
  statuses: ConnectorStatusRecord[];
  /** Each host's state after each step that ran (index = the step's index in `steps`). */
  hosts: HostState[][];
  /** The connector as described in failures (`ap-connector (process, rp2)`). */
  connector: string;
}

/** Why a scenario failed, at which step. */
export interface ScenarioFailure {
  step: Pick<ScenarioStep, 'number' | 'file' | 'line' | 'text' | 'via'> | null;
  expected: string;
  seen: string;
  /** Journal entries around the failure (one line each). */
  journal: string[];
  /** The connector's last diagnostic lines. */
  connector: string;
  /** Everything above, formatted for a console. */
  message: string;
}

/** One step as it ran: where it is written and how long it took (real time). */
export interface StepTiming {
  number: string;
  file: string;
  line: number;
  text: string;
  durationMs: number;
  passed: boolean;
  /** The last journal entry's number when the step started (its entries are the ones after). */
  journalSeq?: number;
  /** How many status lines the connector had printed when the step started. */
  statusIndex?: number;
}

/** The outcome of one scenario. */
export interface ScenarioResult {
  file: string;
  name: string;
  seed: string;
  passed: boolean;
  durationMs: number;
  stepsRun: number;
  stepsTotal: number;
  /** Every step that ran (the failing one included), with its real duration. */
  steps: StepTiming[];
  /** Processes the connector adapter started (0 in process). */
  connectorProcesses: number;
  failure?: ScenarioFailure;
  /** With `record: true`: what the run showed. */
  recording?: ScenarioRecording;
}

/** An expectation that did not hold, or an action that did not do what the step says. */
class StepFailed extends Error {
  constructor(
    readonly expected: string,
    readonly seen: string,
  ) {
    super(`expected ${expected}; seen ${seen}`);
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
/** Real time for deadlines: the runner waits on real processes (never the mock's virtual clock). */
const realNow = () => performance.now();

/** An expectation's virtual wait (`advancing:`): how much QuickBooks time is left to move, and how to move it. */
interface VirtualWait {
  remainingMs: number;
  sliceMs: number;
  advance: (ms: number) => Promise<void>;
}

/** What the running step's expectations wait with: the next change seen, and its virtual wait (`advancing:`). */
const stepContext = new AsyncLocalStorage<{ changed: () => Promise<void>; virtual?: VirtualWait }>();

/** Longest a poll sleeps when nothing signals a change (a status file, a container's journal). */
const POLL_MS = 25;

/**
 * Polls `check` until it returns null (holds) or `withinMs` passed; then throws with the last thing seen. Inside an
 * expectation with `advancing:`, each poll first moves QuickBooks' clock a slice forward until that budget is spent.
 */
async function holds(expected: string, withinMs: number, check: () => Promise<string | null>): Promise<void> {
  const deadline = realNow() + withinMs;
  const context = stepContext.getStore();
  const virtual = context?.virtual;
  for (;;) {
    const seen = await check();
    if (seen === null) return;
    if (realNow() >= deadline) {
      throw new StepFailed(expected, virtual ? `${seen} (QuickBooks' clock moved as asked)` : seen);
    }
    if (virtual && virtual.remainingMs > 0) {
      const ms = Math.min(virtual.sliceMs, virtual.remainingMs);
      virtual.remainingMs -= ms;
      await virtual.advance(ms);
      // What the moved clock set off (a scheduled update) runs for a poll interval before the next slice.
      await sleep(POLL_MS);
      continue;
    }
    // The next status line or journal entry, or the poll interval: whichever comes first.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      context?.changed(),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, POLL_MS))),
    ]).finally(() => clearTimeout(timer));
  }
}

/** Partial deep match: null when `actual` holds every field of `expected`, else where it differs. */
export function partialMatch(expected: unknown, actual: unknown, at = ''): string | null {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return `${at || '(value)'} is ${JSON.stringify(actual)}, not a list`;
    const used = new Set<number>();
    for (const [i, e] of expected.entries()) {
      const idx = actual.findIndex((a, j) => !used.has(j) && partialMatch(e, a) === null);
      if (idx < 0) return `${at}[${i}] ${JSON.stringify(e)}: no such item in ${JSON.stringify(actual)}`;
      used.add(idx);
    }
    return null;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return `${at || '(value)'} is ${JSON.stringify(actual)}`;
    for (const [k, v] of Object.entries(expected)) {
      const d = partialMatch(v, (actual as Record<string, unknown>)[k], at ? `${at}.${k}` : k);
      if (d) return d;
    }
    return null;
  }
  return expected === actual
    ? null
    : `${at || '(value)'} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`;
}

function descendants(el: XmlTreeElement, local: string, out: XmlTreeElement[] = []): XmlTreeElement[] {
  for (const c of elementChildren(el)) {
    if (c.local === local) out.push(c);
    else descendants(c, local, out);
  }
  return out;
}

function formatRecord(r: ConnectorStatusRecord): string {
  const d = Object.entries(r.detail ?? {})
    .filter(([k]) => k !== 'message')
    .map(([k, v]) => `${k}=${String(v)}`);
  return `"${r.status}"${d.length ? ` (${d.join(', ')})` : ''}`;
}

function formatJournal(e: JournalEntry): string {
  const t = new Date(e.at).toISOString().slice(11, 19);
  return `#${e.seq} ${t} ${e.hostId} ${e.actor} ${e.kind}: ${e.summary}`;
}

/** Everything a running scenario keeps besides the target and the connector. */
class ScenarioRun {
  readonly keys = new Map<string, string>();
  readonly companyIds = new Map<string, string>();
  readonly aliases = new Map<string, string>();
  readonly qwcApps = new Map<string, { appName: string; password: string; adding: Promise<unknown> | null }>();
  /** Per company file (lower-cased): the update started with `background: true`, until `expect: update-finished`. */
  readonly backgroundUpdates = new Map<string, { appName: string; result: Promise<UpdateResultLike> }>();
  /** Per company file (lower-cased): index into the connector's records after which status expectations look. */
  readonly cursor = new Map<string, number>();
  journalFrom = 0;
  /** The connector's state directory (emptied by `connector: reinstall`). */
  stateDir = '';

  constructor(
    readonly scenario: Scenario,
    readonly target: ScenarioTarget,
    readonly connector: ConnectorAdapter,
    readonly opts: Required<Pick<RunScenarioOptions, 'stepTimeoutMs' | 'expectWithinMs'>>,
  ) {}

  get world() {
    return this.scenario.world;
  }
  host(h?: string): string {
    return h ?? this.target.hosts[0]!;
  }
  file(ref?: string, host?: string): string {
    if (!ref) return this.world.connector.companies[0] ?? this.fail('a company file', 'none: name one with "file:"');
    return resolveFileRef(this.world.qb, ref, host) ?? ref;
  }
  appName(file?: string): string {
    const qwc = file ? this.qwcApps.get(file.toLowerCase()) : undefined;
    return qwc?.appName ?? this.world.connector.appName ?? 'AP Connector';
  }
  cloudCompany(name?: string): { name: string; id: string } {
    const n = name ?? this.world.cloud.companies[0]?.name;
    const id = n ? this.companyIds.get(n) : undefined;
    if (!n || !id) {
      this.fail(
        `a cloud company${name ? ` "${name}"` : ''}`,
        `the scenario's world.cloud.companies: ${[...this.companyIds.keys()].join(', ') || '(none)'}`,
      );
    }
    return { name: n!, id: id! };
  }
  /** The cloud company whose keys belong to a company file. */
  cloudCompanyOfFile(file: string): string | undefined {
    const byFile = this.world.cloud.companies.find(
      (c) => c.file && this.file(c.file).toLowerCase() === file.toLowerCase(),
    );
    return byFile?.name ?? this.world.cloud.companies[0]?.name;
  }
  fail(expected: string, seen: string): never {
    throw new StepFailed(expected, seen);
  }
  markConnectorAction(): void {
    const n = this.connector.records().length;
    for (const c of this.world.connector.companies) this.cursor.set(c.toLowerCase(), n);
  }
  async hostState(host?: string): Promise<HostState> {
    return this.target.hostState(this.host(host));
  }
  async waitDialog(
    host: string,
    kind: 'certificate' | 'access-prompt' | 'expired-certificate',
    withinMs: number,
  ): Promise<void> {
    await holds(`a ${kind} dialog showing on ${host}`, withinMs, async () => {
      const s = await this.target.hostState(host);
      return s.dialogs.some((d) => d.kind === kind)
        ? null
        : `dialogs: ${s.dialogs.map((d) => `${d.kind} "${d.title}"`).join(', ') || 'none'}`;
    });
  }
}

type Handler = (run: ScenarioRun, args: never, step: ScenarioStep) => Promise<void>;

async function qbUi(run: ScenarioRun, step: ScenarioStep, host: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    if (isUiRefusal(error)) {
      if (step.refused === undefined)
        run.fail('QuickBooks to accept the action', `QuickBooks refused: "${error.message}"`);
      if (typeof step.refused === 'string' && !error.message.toLowerCase().includes(step.refused.toLowerCase())) {
        run.fail(`QuickBooks to refuse with "${step.refused}"`, `QuickBooks refused: "${error.message}"`);
      }
      return;
    }
    throw error;
  }
  if (step.refused !== undefined) {
    run.fail(
      `QuickBooks to refuse${typeof step.refused === 'string' ? ` with "${step.refused}"` : ''}`,
      `it accepted the action on ${host}`,
    );
  }
}

async function vendorListId(run: ScenarioRun, host: string, file: string, vendor: string): Promise<string> {
  const xml = await run.target.queryQbxml(
    host,
    file,
    `<VendorQueryRq><FullName>${escapeXml(vendor)}</FullName></VendorQueryRq>`,
  );
  const ret = descendants(parseXmlTree(xml), 'VendorRet')[0];
  const id = ret ? childElement(ret, 'ListID') : undefined;
  return id ? ownText(id) : run.fail(`a vendor "${vendor}" in ${file}`, 'no such vendor');
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `qb: edit-vendor`: a person edits a vendor in QuickBooks (Edit Vendor › OK). Written as the VendorMod of the
 * current version through the inspector session, so EditSequence and TimeModified move on as a UI edit's do.
 */
async function editVendorInQuickBooks(
  r: ScenarioRun,
  a: { host?: string; file?: string; vendor: string; companyName?: string; email?: string; phone?: string },
): Promise<void> {
  const host = r.host(a.host);
  const file = r.file(a.file, a.host);
  const query = `<VendorQueryRq><FullName>${escapeXml(a.vendor)}</FullName></VendorQueryRq>`;
  const ret = descendants(parseXmlTree(await r.target.queryQbxml(host, file, query)), 'VendorRet')[0];
  if (!ret) r.fail(`a vendor "${a.vendor}" in ${file}`, 'no such vendor');
  const text = (name: string) => ownText(childElement(ret!, name)!);
  // VendorMod's element order: ListID, EditSequence, …, CompanyName, …, Phone, …, Email.
  const fields = (
    [
      ['CompanyName', a.companyName],
      ['Phone', a.phone],
      ['Email', a.email],
    ] as const
  )
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `<${k}>${escapeXml(v!)}</${k}>`)
    .join('');
  const mod =
    `<VendorModRq><VendorMod><ListID>${text('ListID')}</ListID><EditSequence>${text('EditSequence')}</EditSequence>` +
    `${fields}</VendorMod></VendorModRq>`;
  const rs = descendants(parseXmlTree(await r.target.queryQbxml(host, file, mod)), 'VendorModRs')[0];
  const status = rs?.attrs['statusCode']?.value;
  if (status !== '0') {
    r.fail(
      `QuickBooks to save the edit of "${a.vendor}"`,
      `${status ?? '?'}: ${rs?.attrs['statusMessage']?.value ?? ''}`,
    );
  }
}

/** Every host's state now (for a recorded run). */
async function snapshotHosts(target: ScenarioTarget): Promise<HostState[]> {
  return Promise.all(target.hosts.map((h) => target.hostState(h)));
}

async function takeRecording(
  target: ScenarioTarget,
  connector: ConnectorAdapter,
  from: number,
  hosts: HostState[][],
): Promise<ScenarioRecording> {
  return {
    journal: await target.journal(from),
    statuses: [...connector.records()],
    hosts,
    connector: connector.description,
  };
}

/** The connector description with a scenario's extra process environment (`world.connector.env`). */
function withEnv(d: ConnectorDescription, env: Record<string, string> | undefined): ConnectorDescription {
  return env ? { ...d, env: { ...d.env, ...env } } : d;
}

/** The step handlers, one per actor and action. */
const HANDLERS: { [V in StepAction['verb']]: Record<string, Handler> } = {
  qb: {
    launch: (r, a: { host?: string; initializingMs?: number }, s) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.ui(r.host(a.host)).launch(a.initializingMs ? { initializingMs: a.initializingMs } : {}),
      ),
    exit: (r, a: { host?: string }, s) => qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).exit()),
    'open-company': (
      r,
      a: { host?: string; file: string; mode: 'single-user' | 'multi-user'; user?: string; password?: string },
      s,
    ) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.ui(r.host(a.host)).openCompany({
          path: r.file(a.file, a.host),
          mode: a.mode,
          ...(a.user ? { user: a.user } : {}),
          ...(a.password !== undefined ? { password: a.password } : {}),
        }),
      ),
    'log-in': (r, a: { host?: string; user: string; password?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).logIn(a.user, a.password)),
    'close-company': (r, a: { host?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).closeCompany()),
    'switch-mode': (r, a: { host?: string; mode: 'single-user' | 'multi-user' }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).switchMode(a.mode)),
    'open-preferences': (r, a: { host?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).openPreferences()),
    'close-preferences': (r, a: { host?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).closePreferences()),
    'remove-app': (r, a: { host?: string; app?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).removeApp(a.app ?? r.appName(r.file()))),
    'edit-app-properties': (r, a: { host?: string; app?: string } & Record<string, unknown>, s) => {
      const { host, app, ...patch } = a;
      return qbUi(r, s, r.host(host), () =>
        r.target.control.ui(r.host(host)).editAppProperties(app ?? r.appName(r.file()), patch),
      );
    },
    'set-company-app-options': (r, a: { host?: string; blockAllApps?: boolean; notifyExpiredCert?: boolean }, s) => {
      const { host, ...patch } = a;
      return qbUi(r, s, r.host(host), () => r.target.control.ui(r.host(host)).setCompanyAppOptions(patch));
    },
    'answer-certificate-dialog': async (
      r,
      a: {
        host?: string;
        choice: 'no' | 'prompt-each-time' | 'when-open' | 'always';
        loginAs?: string | null;
        personalData?: boolean;
        done?: boolean;
      },
      s,
    ) => {
      const { host, ...answer } = a;
      if (s.refused === undefined) await r.waitDialog(r.host(host), 'certificate', r.opts.expectWithinMs);
      await qbUi(r, s, r.host(host), () => r.target.control.ui(r.host(host)).answerCertificateDialog(answer));
    },
    'confirm-certificate-dialog': async (r, a: { host?: string }, s) => {
      await r.waitDialog(r.host(a.host), 'certificate', r.opts.expectWithinMs);
      await qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).confirmCertificateDialog());
    },
    'answer-access-prompt': async (r, a: { host?: string; allow: boolean }, s) => {
      await r.waitDialog(r.host(a.host), 'access-prompt', r.opts.expectWithinMs);
      await qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).answerAccessPrompt(a.allow));
    },
    'answer-expired-certificate': async (
      r,
      a: { host?: string; answer: 'allow-always' | 'allow-once' | 'deny' },
      s,
    ) => {
      await r.waitDialog(r.host(a.host), 'expired-certificate', r.opts.expectWithinMs);
      await qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).answerExpiredCertificate(a.answer));
    },
    'show-dialog': (r, a: { host?: string; title: string; text?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).showDialog(a.title, a.text)),
    'dismiss-dialog': (r, a: { host?: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).dismissDialog()),
    'add-user': (r, a: { host?: string; name: string; password?: string; role?: 'all-areas' }, s) => {
      const { host, ...user } = a;
      return qbUi(r, s, r.host(host), () => r.target.control.ui(r.host(host)).addUser(user));
    },
    'update-user': (r, a: { host?: string; name: string; password?: string; role?: 'all-areas' }, s) => {
      const { host, name, ...patch } = a;
      return qbUi(r, s, r.host(host), () => r.target.control.ui(r.host(host)).updateUser(name, patch));
    },
    'remove-user': (r, a: { host?: string; name: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.ui(r.host(a.host)).removeUser(a.name)),
    'workstation-join': (
      r,
      a: { host?: string; file: string; machine: string; user: string; mode: 'single-user' | 'multi-user' },
      s,
    ) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.workstationJoin(r.host(a.host), {
          path: r.file(a.file, a.host),
          machine: a.machine,
          user: a.user,
          mode: a.mode,
        }),
      ),
    'workstation-leave': (r, a: { host?: string; file: string; machine: string }, s) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.workstationLeave(r.host(a.host), { path: r.file(a.file, a.host), machine: a.machine }),
      ),
    'lock-record': async (
      r,
      a: { host?: string; file?: string; vendor: string; machine: string; user?: string },
      s,
    ) => {
      const host = r.host(a.host);
      const file = r.file(a.file, a.host);
      const id = await vendorListId(r, host, file, a.vendor);
      await qbUi(r, s, host, () =>
        r.target.control.lockRecord(host, { path: file, id, machine: a.machine, ...(a.user ? { user: a.user } : {}) }),
      );
    },
    'edit-vendor': (
      r,
      a: { host?: string; file?: string; vendor: string; companyName?: string; email?: string; phone?: string },
    ) => editVendorInQuickBooks(r, a),
    'unlock-record': async (r, a: { host?: string; file?: string; vendor: string }, s) => {
      const host = r.host(a.host);
      const file = r.file(a.file, a.host);
      const id = await vendorListId(r, host, file, a.vendor);
      await qbUi(r, s, host, () => r.target.control.unlockRecord(host, { path: file, id }));
    },
    'add-company-file': (
      r,
      a: {
        host?: string;
        path: string;
        companyName: string;
        users?: { name: string; password?: string; role?: string }[];
      },
      s,
    ) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.addCompanyFile(r.host(a.host), {
          path: a.path,
          companyName: a.companyName,
          ...(a.users ? { users: a.users } : {}),
        }),
      ),
    'add-other-file': (r, a: { host?: string; path: string }, s) =>
      qbUi(r, s, r.host(a.host), () => r.target.control.addOtherFile(r.host(a.host), a.path)),
    'rename-file': (r, a: { host?: string; from: string; to: string }, s) =>
      qbUi(r, s, r.host(a.host), () =>
        r.target.control.renameCompanyFile(r.host(a.host), r.file(a.from, a.host), a.to),
      ),
  },
  connector: {
    start: async (r) => {
      r.markConnectorAction();
      await r.connector.start();
    },
    exit: async (r) => {
      await r.connector.exit();
      r.markConnectorAction();
    },
    token: async (r, a: { file?: string; key?: string }) => {
      const file = r.file(a.file);
      const company = a.key ?? r.cloudCompanyOfFile(file);
      const key = company ? r.keys.get(company) : undefined;
      if (!key) {
        r.fail(
          `a key of cloud company "${company ?? '?'}" to enter`,
          'no key issued yet (add a `cloud: new-key` step before)',
        );
      }
      r.markConnectorAction();
      await r.connector.setToken(file, key!);
    },
    'sync-now': async (r, a: { file?: string }) => {
      r.markConnectorAction();
      await r.connector.syncNow(a.file ? r.file(a.file) : undefined);
    },
    'wait-status': (r, a: StatusArgs) => expectStatus(r, a),
    settle: async (r, a: { quiet?: number; within?: number }) => {
      const quietMs = a.quiet ?? 1_000;
      const withinMs = a.within ?? r.opts.expectWithinMs;
      const deadline = realNow() + withinMs;
      let last = { records: r.connector.records().length, seq: await r.target.journalLastSeq(), at: realNow() };
      for (;;) {
        await sleep(Math.min(100, quietMs));
        const now = { records: r.connector.records().length, seq: await r.target.journalLastSeq(), at: realNow() };
        if (now.records !== last.records || now.seq !== last.seq) last = now;
        else if (now.at - last.at >= quietMs) return;
        if (now.at >= deadline) {
          r.fail(
            `the connector to go quiet for ${quietMs} ms within ${withinMs} ms`,
            `it kept going: ${now.records} status lines, journal at #${now.seq}`,
          );
        }
      }
    },
    reinstall: async (r) => {
      if (r.connector.running()) r.fail('the connector exited before it is reinstalled', 'it is running');
      rmSync(r.stateDir, { recursive: true, force: true });
      mkdirSync(r.stateDir, { recursive: true });
      r.markConnectorAction();
    },
  },
  cloud: {
    'new-key': async (r, a: { company?: string }) => {
      const c = r.cloudCompany(a.company);
      r.keys.set(c.name, (await r.target.cloudAdmin.getNewKey(c.id)).tokenKey);
    },
    revoke: async (r, a: { company?: string }) => {
      const c = r.cloudCompany(a.company);
      const key = r.keys.get(c.name);
      if (!key) r.fail(`a key of "${c.name}" to revoke`, 'no key issued yet');
      await r.target.cloudAdmin.revokeKey(key!);
    },
    'create-vendor': async (
      r,
      a: { company?: string; name: string; as?: string; companyName?: string; email?: string; phone?: string },
    ) => {
      const { company, as, ...fields } = a;
      const { cloudId } = await r.target.cloudAdmin.createVendor(r.cloudCompany(company).id, fields);
      r.aliases.set(as ?? a.name, cloudId);
    },
    'edit-vendor': async (r, a: { company?: string; vendor: string; name?: string }) => {
      const { company, vendor, ...patch } = a;
      const id = r.aliases.get(vendor) ?? r.fail(`a cloud vendor named "${vendor}" (create-vendor … as:)`, 'none');
      await r.target.cloudAdmin.editVendor(r.cloudCompany(company).id, id, patch);
    },
    'create-bill': async (
      r,
      a: {
        company?: string;
        vendor: string;
        refNumber?: string;
        txnDate: string;
        dueDate?: string;
        memo?: string;
        lines: { account: string; amount: string; memo?: string }[];
        as?: string;
      },
    ) => {
      const vendorId = r.aliases.get(a.vendor);
      const { cloudId } = await r.target.cloudAdmin.createBill(r.cloudCompany(a.company).id, {
        ...(vendorId ? { vendorCloudId: vendorId } : { vendorName: a.vendor }),
        txnDate: a.txnDate,
        ...(a.refNumber ? { refNumber: a.refNumber } : {}),
        ...(a.dueDate ? { dueDate: a.dueDate } : {}),
        ...(a.memo ? { memo: a.memo } : {}),
        lines: a.lines.map((l) => ({ accountName: l.account, amount: l.amount, ...(l.memo ? { memo: l.memo } : {}) })),
      });
      r.aliases.set(a.as ?? a.refNumber ?? cloudId, cloudId);
    },
    'create-payment': async (
      r,
      a: {
        company?: string;
        bill: string;
        amount: string;
        date: string;
        bankAccount?: string;
        refNumber?: string;
        as?: string;
      },
    ) => {
      const billId = r.aliases.get(a.bill) ?? r.fail(`a cloud bill named "${a.bill}" (create-bill … as:)`, 'none');
      const { cloudId } = await r.target.cloudAdmin.createPayment(r.cloudCompany(a.company).id, {
        billCloudId: billId,
        amount: a.amount,
        date: a.date,
        ...(a.bankAccount ? { bankAccountName: a.bankAccount } : {}),
        ...(a.refNumber ? { refNumber: a.refNumber } : {}),
      });
      if (a.as) r.aliases.set(a.as, cloudId);
    },
  },
  webconnector: {
    add: async (r, a: { host?: string; file?: string; failsWith?: string }) => {
      const file = r.file(a.file, a.host);
      if (!r.connector.qbwcApp) r.fail('a connector with a .qwc (QBWC transport)', r.connector.description);
      const info = await r.connector.qbwcApp!(file);
      const appName = parseQwc(info.qwcXml).AppName;
      const adding = r.target.control.webConnector(r.host(a.host)).addApplication(info.qwcXml);
      if (a.failsWith !== undefined) {
        try {
          await adding;
        } catch (error) {
          const text = isQbwcError(error) ? `${error.code}: ${error.lines.join(' / ')}` : String(error);
          if (!text.includes(a.failsWith)) r.fail(`adding "${appName}" to fail with "${a.failsWith}"`, text);
          return;
        }
        r.fail(`adding "${appName}" to fail with "${a.failsWith}"`, 'it was added');
      }
      adding.catch(() => undefined);
      r.qwcApps.set(file.toLowerCase(), { appName, password: info.password, adding });
    },
    password: async (r, a: { host?: string; file?: string; password?: string }) => {
      const app = await addedApp(r, a.file, a.host);
      await r.target.control.webConnector(r.host(a.host)).setPassword(app.appName, a.password ?? app.password);
    },
    update: async (
      r,
      a: { host?: string; file?: string; outcome?: string; qbwcCode?: string; background?: boolean },
    ) => {
      const app = await addedApp(r, a.file, a.host);
      r.markConnectorAction();
      const running = r.target.control.webConnector(r.host(a.host)).update(app.appName);
      if (a.background) {
        if (a.outcome || a.qbwcCode) {
          r.fail('outcome and qbwcCode on the expect: update-finished step of a background update', 'them here');
        }
        // Kept until `expect: update-finished`; a rejection is reported there, never unhandled.
        running.catch(() => undefined);
        r.backgroundUpdates.set(r.file(a.file, a.host).toLowerCase(), { appName: app.appName, result: running });
        return;
      }
      checkUpdate(r, app.appName, await running, a);
    },
    'auto-run': async (
      r,
      a: { host?: string; file?: string; enabled: boolean; everyMinutes?: number; everySeconds?: number },
    ) => {
      const app = await addedApp(r, a.file, a.host);
      await r.target.control.webConnector(r.host(a.host)).setAutoRun(app.appName, {
        enabled: a.enabled,
        ...(a.everyMinutes ? { everyMinutes: a.everyMinutes } : {}),
        ...(a.everySeconds ? { everySeconds: a.everySeconds } : {}),
      });
    },
  },
  clock: {
    advance: (r, a: { host?: string; by: number }) => r.target.advanceClock(a.by, a.host),
  },
  fault: {
    clear: (r, a: { host?: string }) => r.target.control.clearFaults(r.host(a.host)),
    arm: async (r, a: { host?: string; kind: string } & Omit<FaultSpec, 'kind'>) => {
      const { host, kind, ...options } = a;
      await r.target.control.armFault(r.host(host), { kind: kind as FaultKind, ...options });
    },
  },
  expect: {
    status: (r, a: StatusArgs) => expectStatus(r, a),
    dialog: async (r, a: { host?: string; kind?: string; app?: string; showing: boolean; within?: number }) => {
      const host = r.host(a.host);
      const what = `${a.kind ?? 'a'} dialog${a.app ? ` for "${a.app}"` : ''} ${a.showing ? '' : 'not '}showing on ${host}`;
      await holds(what, a.within ?? r.opts.expectWithinMs, async () => {
        const s = await r.target.hostState(host);
        const found = s.dialogs.some(
          (d) => (!a.kind || d.kind === a.kind) && (!a.app || ('appName' in d && d.appName === a.app)),
        );
        return found === a.showing
          ? null
          : `dialogs: ${s.dialogs.map((d) => `${d.kind} "${d.title}"`).join(', ') || 'none'}`;
      });
    },
    app: async (
      r,
      a: { host?: string; file?: string; app?: string; listed: boolean; within?: number } & Record<string, unknown>,
    ) => {
      const { host: h, file: f, app: appArg, listed, within, ...fields } = a;
      const host = r.host(h);
      const file = r.file(f, h);
      const app = appArg ?? r.appName(file);
      const what = `"${app}" ${listed ? 'listed' : 'not listed'} in Integrated Applications of ${file}${
        Object.keys(fields).length ? ` with ${JSON.stringify(fields)}` : ''
      }`;
      await holds(what, within ?? r.opts.expectWithinMs, async () => {
        const s = await r.target.hostState(host);
        const fs = s.files.find((x) => x.path.toLowerCase() === file.toLowerCase());
        const apps = fs?.integratedApps?.apps ?? [];
        const grant = apps.find((x) => x.appName === app);
        if (!listed) return grant ? `listed: ${JSON.stringify(grant)}` : null;
        if (!grant) return `the list: ${apps.map((x) => `"${x.appName}"`).join(', ') || 'empty'}`;
        const d = partialMatch(fields, grant);
        return d ? `${d} (grant ${JSON.stringify({ ...grant, requested: undefined })})` : null;
      });
    },
    mode: async (r, a: { host?: string; is: string; file?: string; within?: number }) => {
      const host = r.host(a.host);
      const file = a.file ? r.file(a.file, a.host) : undefined;
      await holds(
        `${file ?? 'the open file'} ${a.is === 'none' ? 'not open (no company)' : `open ${a.is}`} on ${host}`,
        a.within ?? r.opts.expectWithinMs,
        async () => {
          const s = await r.target.hostState(host);
          const ok =
            a.is === 'none'
              ? s.openFile === null
              : s.openMode === a.is && (!file || s.openFile?.toLowerCase() === file.toLowerCase());
          return ok ? null : `open file ${s.openFile ?? 'none'}, mode ${s.openMode ?? 'none'}, process ${s.process}`;
        },
      );
    },
    qbxml: async (
      r,
      a: {
        host?: string;
        file?: string;
        query: string;
        ret: string;
        where?: Record<string, string | number | boolean>;
        count?: number;
        within?: number;
      },
    ) => {
      const host = r.host(a.host);
      const file = r.file(a.file, a.host);
      const what = `${a.count ?? 'at least one'} ${a.ret}${a.where ? ` with ${JSON.stringify(a.where)}` : ''} in ${file}`;
      await holds(what, a.within ?? r.opts.expectWithinMs, async () => {
        const rets = descendants(parseXmlTree(await r.target.queryQbxml(host, file, a.query)), a.ret);
        const matching = rets.filter((el) =>
          Object.entries(a.where ?? {}).every(([k, v]) => {
            const c = childElement(el, k);
            return c !== undefined && ownText(c) === String(v);
          }),
        );
        const ok = a.count === undefined ? matching.length > 0 : matching.length === a.count;
        return ok ? null : `${matching.length} matching (${rets.length} ${a.ret} in all)`;
      });
    },
    cloud: async (r, a: { company?: string; match: Record<string, unknown>; within?: number }) => {
      const c = r.cloudCompany(a.company);
      await holds(
        `cloud company "${c.name}" to hold ${JSON.stringify(a.match)}`,
        a.within ?? r.opts.expectWithinMs,
        async () => partialMatch(a.match, await r.target.cloudAdmin.companyState(c.id)),
      );
    },
    journal: async (r, a: { host?: string; contains: string; within?: number }) => {
      const m = /^(\w+) answered (0x[0-9A-Fa-f]{8})$/.exec(a.contains.trim());
      await holds(`the journal to hold "${a.contains}"`, a.within ?? r.opts.expectWithinMs, async () => {
        const entries = (await r.target.journal(r.journalFrom)).filter((e) => !a.host || e.hostId === a.host);
        const found = entries.some((e) =>
          m
            ? e.kind === `rp2.${m[1]}` && String(e.data?.['hresult'] ?? '').toLowerCase() === m[2]!.toLowerCase()
            : `${e.kind}: ${e.summary}`.includes(a.contains),
        );
        if (found) return null;
        const rp2 = entries.filter((e) => (m ? e.kind === `rp2.${m[1]}` : true)).slice(-5);
        return rp2.length ? rp2.map((e) => `${e.kind}: ${e.summary}`).join(' | ') : 'no such entries';
      });
    },
    'update-finished': async (
      r,
      a: { host?: string; file?: string; outcome?: string; qbwcCode?: string; within?: number },
    ) => {
      const key = r.file(a.file, a.host).toLowerCase();
      const bg = r.backgroundUpdates.get(key);
      if (!bg) r.fail('a webconnector: update with background: true before', 'none started for this file');
      const withinMs = a.within ?? r.opts.expectWithinMs;
      let timer: NodeJS.Timeout | undefined;
      const result = await Promise.race([
        bg!.result,
        new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), withinMs))),
      ]).finally(() => clearTimeout(timer));
      if (!result) {
        const s = await r.target.hostState(r.host(a.host));
        r.fail(
          `the update of "${bg!.appName}" to finish within ${withinMs} ms`,
          `still running; dialogs: ${s.dialogs.map((d) => `${d.kind} "${d.title}"`).join(', ') || 'none'}`,
        );
      }
      r.backgroundUpdates.delete(key);
      checkUpdate(r, bg!.appName, result!, a);
    },
  },
};

/** What `webconnector: update` answers, as far as the expectations read it. */
interface UpdateResultLike {
  outcome: string;
  qbwcCode: string | null;
  lines: string[];
}

function checkUpdate(
  r: ScenarioRun,
  appName: string,
  result: UpdateResultLike,
  a: { outcome?: string; qbwcCode?: string },
) {
  const seen = `outcome ${result.outcome}${result.qbwcCode ? ` ${result.qbwcCode}` : ''}: ${result.lines.join(' / ') || '(no lines)'}`;
  if (a.outcome && result.outcome !== a.outcome) r.fail(`the update of "${appName}" to end ${a.outcome}`, seen);
  if (a.qbwcCode && result.qbwcCode !== a.qbwcCode) r.fail(`the update to end with ${a.qbwcCode}`, seen);
}

interface StatusArgs {
  file?: string;
  is: string;
  hresult?: string;
  reason?: string;
  within?: number;
}

async function addedApp(r: ScenarioRun, fileRef?: string, host?: string) {
  const file = r.file(fileRef, host);
  const app = r.qwcApps.get(file.toLowerCase());
  if (!app) return r.fail(`the application of ${file} added to the Web Connector`, 'no `webconnector: add` before');
  if (app.adding) {
    try {
      await app.adding;
    } catch (error) {
      r.fail(
        `"${app.appName}" added to the Web Connector`,
        isQbwcError(error) ? error.lines.join(' / ') : String(error),
      );
    }
    app.adding = null;
  }
  return app;
}

async function expectStatus(r: ScenarioRun, a: StatusArgs): Promise<void> {
  const file = r.file(a.file);
  const key = file.toLowerCase();
  const what = `status "${a.is}"${a.hresult ? ` with hresult ${a.hresult}` : ''}${a.reason ? ` (reason ${a.reason})` : ''} for ${file}`;
  const matches = (x: ConnectorStatusRecord) =>
    x.status === a.is &&
    (!a.hresult || String(x.detail.hresult ?? '').toLowerCase() === a.hresult.toLowerCase()) &&
    (!a.reason || x.detail.reason === a.reason);
  await holds(what, a.within ?? r.opts.expectWithinMs, async () => {
    const all = r.connector.records();
    const from = r.cursor.get(key) ?? 0;
    for (let i = from; i < all.length; i++) {
      const x = all[i]!;
      if (x.company.toLowerCase() === key && matches(x)) {
        r.cursor.set(key, i + 1);
        return null;
      }
    }
    const since = all.slice(from).filter((x) => x.company.toLowerCase() === key);
    const before = all.slice(0, from).filter((x) => x.company.toLowerCase() === key);
    const alive = r.connector.running() ? '' : ' — the connector is not running';
    if (since.length) return `${since.map(formatRecord).join(' → ')}${alive}`;
    return `no new status (last: ${before.length ? formatRecord(before[before.length - 1]!) : 'none'})${alive}`;
  });
}

function connectorCompanyFileNames(s: Scenario): string {
  return s.world.connector.companies.map((c) => c.slice(c.lastIndexOf('\\') + 1)).join(', ');
}

function stepTiming(
  step: ScenarioStep,
  started: number,
  passed: boolean,
  at: { journalSeq: number; statusIndex: number },
): StepTiming {
  const { number, file, line, text } = step;
  return { number, file, line, text, durationMs: Math.round(realNow() - started), passed, ...at };
}

/**
 * How a run's scenarios are loaded: step groups also from `--groups DIR`, and `${connected}` / `${failed}` the
 * statuses the connector's description declares.
 */
export function scenarioLoadOptions(opts: RunScenarioOptions): LoadScenarioOptions {
  const statuses = opts.connector?.statuses;
  return {
    ...(opts.groupsDir ? { groupsDir: opts.groupsDir } : {}),
    params: { ...BUILT_IN_PARAMS, ...statuses },
  };
}

/** The command that runs this scenario again, with the description's path and the options that change the run. */
export function reproduceCommand(file: string, opts: RunScenarioOptions): string {
  const quote = (s: string) => (/^[\w./:@%+=-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const parts = ['npx', 'qbd-sim', 'run', quote(file)];
  if (opts.connector) {
    parts.push(
      '--connector',
      opts.connector.file ? quote(opts.connector.file) : `<the description of ${opts.connector.name}>`,
    );
  }
  if (opts.groupsDir) parts.push('--groups', quote(opts.groupsDir));
  if (opts.adapter === 'in-process') parts.push('--in-process');
  return parts.join(' ');
}

/** Runs one loaded scenario; never throws for a failing scenario (the result says why). */
export async function runScenario(scenario: Scenario, opts: RunScenarioOptions = {}): Promise<ScenarioResult> {
  const started = realNow();
  const o = { stepTimeoutMs: opts.stepTimeoutMs ?? 30_000, expectWithinMs: opts.expectWithinMs ?? 15_000 };
  const c = { ...scenario.world.connector, ...(opts.adapter ? { adapter: opts.adapter } : {}) };
  // A connector environment (`world.connector.env`) reaches the in-process connector only when it is one its `start`
  // reads (AP_CONNECTOR_*); any other runs the connector as a process.
  const inProcessEnv = c.env ? inProcessConnectorEnv(c.env) : {};
  if (!inProcessEnv) c.adapter = 'process';
  // In a container the cloud is served there: the connector reaches it over HTTP, as its own process.
  if (opts.target === 'container') c.adapter = 'process';
  let target: ScenarioTarget | null = null;
  let connector: ConnectorAdapter | null = null;
  let stepsRun = 0;
  const steps: StepTiming[] = [];
  let stepStarted = 0;
  let current: ScenarioStep | null = null;
  let stepJournalSeq = 0;
  let stepStatusIndex = 0;
  let recordFrom = 0;
  const hostStates: HostState[][] | null = opts.record ? [] : null;
  let recording: ScenarioRecording | undefined;
  const result = (failure?: ScenarioFailure): ScenarioResult => ({
    file: scenario.file,
    name: scenario.name,
    seed: scenario.seed,
    passed: !failure,
    durationMs: Math.round(realNow() - started),
    stepsRun,
    stepsTotal: scenario.steps.length,
    steps,
    connectorProcesses: connector?.processesStarted ?? 0,
    ...(failure ? { failure } : {}),
    ...(recording ? { recording } : {}),
  });
  const recorder = opts.transcript ? new TranscriptRecorder() : null;
  try {
    if (opts.target === 'container') {
      if (recorder) throw new Error('transcripts need the fake QuickBooks in this process (not the container target)');
      // Loaded only when asked for: it brings testcontainers.
      const { ContainerTarget } = await import('../harness/container-target.js');
      target = await ContainerTarget.start({
        world: scenario.world.qb,
        seed: scenario.seed,
        ...(opts.image ? { image: opts.image } : {}),
      });
    } else {
      target = await InProcessTarget.start({
        world: scenario.world.qb,
        seed: scenario.seed,
        cloud: c.adapter === 'in-process' ? 'in-process' : 'served',
        ...(recorder ? { transcript: recorder } : {}),
      });
    }
    const env = {
      transport: c.transport,
      bridgeUrl: target.mockUrl,
      cloudUrl: target.cloudUrl,
      ...(target instanceof InProcessTarget && target.cloudFetch ? { cloudFetch: target.cloudFetch } : {}),
      companies: c.companies,
      stateDir: makeScratchDir('qbd-sim-scenario-'),
      ...(c.appName ? { appName: c.appName } : {}),
      ...(c.fileMode ? { fileMode: c.fileMode } : {}),
    };
    connector =
      c.adapter === 'in-process'
        ? new InProcessConnectorAdapter(env, inProcessEnv)
        : new ProcessConnectorAdapter(env, withEnv(opts.connector ?? REFERENCE_CONNECTOR, c.env));
    const run = new ScenarioRun(scenario, target, connector, o);
    run.journalFrom = await target.journalLastSeq();
    recordFrom = run.journalFrom;
    run.stateDir = env.stateDir;
    for (const cc of scenario.world.cloud.companies) {
      run.companyIds.set(cc.name, (await target.cloudAdmin.createCompany(cc.name)).companyId);
    }
    for (const step of scenario.steps) {
      current = step;
      stepStarted = realNow();
      stepJournalSeq = await target.journalLastSeq();
      stepStatusIndex = connector.records().length;
      opts.onStep?.(step, scenario);
      const handler = HANDLERS[step.action.verb][step.action.action as string]!;
      const within = (step.action.args as { within?: number }).within ?? 0;
      const timeoutMs = step.timeoutMs ?? Math.max(o.stepTimeoutMs, within + 5_000);
      let timer: NodeJS.Timeout | undefined;
      const advancing = (step.action.args as { advancing?: number }).advancing;
      const changed = () => Promise.race([target!.changes.next(), connector!.changes.next()]);
      const work = stepContext.run(
        {
          changed,
          ...(advancing
            ? {
                virtual: {
                  remainingMs: advancing,
                  sliceMs: Math.max(1, Math.ceil(advancing / 10)),
                  advance: (ms: number) => target!.advanceClock(ms),
                },
              }
            : {}),
        },
        () => handler(run, step.action.args as never, step),
      );
      await Promise.race([
        work,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new StepFailed(`the step to finish within ${timeoutMs} ms`, 'it was still running')),
            timeoutMs,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      stepsRun++;
      steps.push(stepTiming(step, stepStarted, true, { journalSeq: stepJournalSeq, statusIndex: stepStatusIndex }));
      if (hostStates) hostStates.push(await snapshotHosts(target));
    }
    if (hostStates) recording = await takeRecording(target, connector, recordFrom, hostStates);
    return result();
  } catch (error) {
    if (current && steps.length === stepsRun) {
      steps.push(stepTiming(current, stepStarted, false, { journalSeq: stepJournalSeq, statusIndex: stepStatusIndex }));
      if (hostStates && target) hostStates.push(await snapshotHosts(target).catch(() => []));
    }
    const expected = error instanceof StepFailed ? error.expected : 'the step to succeed';
    const seen =
      error instanceof StepFailed
        ? error.seen
        : error instanceof ComError
          ? `${error.hresult}: ${error.message}`
          : isQbwcError(error)
            ? `${error.code}: ${error.lines.join(' / ')}`
            : (error as Error).message;
    let journalLines: string[] = [];
    if (target) {
      try {
        // The entries of the failing step, with a few before it for context (at most 30, the latest kept).
        const entries = await target.journal(Math.max(0, stepJournalSeq - 5));
        journalLines = entries.slice(-30).map(formatJournal);
      } catch {
        journalLines = ['(journal not readable)'];
      }
    }
    const diag = connector?.diagnostics() ?? '';
    const step = current
      ? {
          number: current.number,
          file: current.file,
          line: current.line,
          text: current.text,
          ...(current.via ? { via: current.via } : {}),
        }
      : null;
    const message = [
      `FAIL ${scenario.file} — ${scenario.name}`,
      step
        ? `  at step ${step.number} (${step.file}:${step.line}${step.via ? `, via ${step.via}` : ''}): ${step.text}`
        : '  while setting up the world',
      `  seed: ${scenario.seed}   connector: ${connector?.description ?? '(not started)'}   company files: ${connectorCompanyFileNames(scenario)}`,
      `  expected: ${expected}`,
      `  seen:     ${seen}`,
      ...(journalLines.length ? ['  journal around the step:', ...journalLines.map((l) => `    ${l}`)] : []),
      ...(diag.trim()
        ? [
            '  connector diagnostics (last lines):',
            ...diag
              .trim()
              .split('\n')
              .slice(-10)
              .map((l) => `    ${l}`),
          ]
        : []),
      `  reproduce: ${reproduceCommand(scenario.file, opts)}`,
    ].join('\n');
    if (hostStates && target && connector) {
      recording = await takeRecording(target, connector, recordFrom, hostStates).catch(() => undefined);
    }
    return result({ step, expected, seen, journal: journalLines, connector: diag, message });
  } finally {
    await connector?.dispose().catch(() => undefined);
    await target?.stop();
    if (recorder && opts.transcript)
      recorder.write(opts.transcript, {
        writer: qbdSimVersion(),
        world: { ...scenario.world.qb, seed: scenario.seed, clock: 'manual' },
        seed: scenario.seed,
        source: { scenario: scenario.name, file: scenario.file },
      });
  }
}
