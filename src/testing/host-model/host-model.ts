/**
 * A small, independent model of one QuickBooks host as an application and a person see it: written from the
 * BeginSession gate table and the UI rules in mock-qb/README.md, never by calling the engine. It predicts the outcome
 * of each UI action (`ok`, `refused` by QuickBooks' UI, or a simulator `error` such as an unknown app) and, for
 * `BeginSession`, the HRESULT or `ticket`. The world it stands for is fixed and small (see {@link HOST_MODEL_WORLD}):
 * one machine with QuickBooks Pro 2014, two company files, a file that is not a company file, a missing path, users
 * Admin and Bookkeeper, one application with a valid certificate and default AuthPreferences, two request processors.
 */
export type FileKey = 'acme' | 'beta';
export type PathKey = FileKey | 'other' | 'missing';
export type Mode = 'single-user' | 'multi-user';
export type UserName = 'Admin' | 'Bookkeeper';
/** `qbFileOpenSingleUser` 0, `qbFileOpenMultiUser` 1, `qbFileOpenDoNotCare` 2. */
export type ReqFileMode = 0 | 1 | 2;
/** What the person at QuickBooks does with a window an application's BeginSession raises. */
export type PersonAnswer = 'no' | 'dismiss' | 'prompt-each-time' | 'when-open' | 'always';
export type UiOutcome = 'ok' | 'refused' | 'error';

export interface ModelGrant {
  allowAccess: boolean;
  promptEachTime: boolean;
  autoLogin: boolean;
  loginAs: UserName | null;
}

export interface ModelWorkstation {
  machine: string;
  user: UserName;
  mode: Mode;
}

export interface ModelSlot {
  /** The file of its open session, or null. */
  session: FileKey | null;
  /** It was given a ticket at least once (EndSession without a session: 0x8004040D, else 0x8004040C). */
  everIssued: boolean;
}

export type ModelDialog = 'login' | 'preferences' | 'generic';

export interface HostModelState {
  process: 'not-running' | 'running';
  background: boolean;
  /** The slot whose connection started the background instance. */
  backgroundOwner: number | null;
  openFile: FileKey | null;
  openMode: Mode | null;
  user: UserName | null;
  /** Modal windows, bottom first; `login` carries the file and mode it opens. */
  dialogs: { kind: ModelDialog; file?: FileKey; mode?: Mode }[];
  grants: Record<FileKey, ModelGrant | undefined>;
  blockAll: Record<FileKey, boolean>;
  workstations: Record<FileKey, ModelWorkstation[]>;
  slots: ModelSlot[];
}

export const APP_NAME = 'Model App';
export const PROCESSOR_SLOTS = 2;
export const COMPANY_DIR = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files';
export const PATHS: Record<PathKey, string> = {
  acme: `${COMPANY_DIR}\\Acme Supplies.QBW`,
  beta: `${COMPANY_DIR}\\Beta Traders.QBW`,
  other: `${COMPANY_DIR}\\Read Me.txt`,
  missing: `${COMPANY_DIR}\\Gone Away.QBW`,
};
export const PASSWORDS: Record<UserName, string> = { Admin: 'admin', Bookkeeper: 'books' };
const ROLE: Record<UserName, 'admin' | 'all-areas'> = { Admin: 'admin', Bookkeeper: 'all-areas' };

/** The world spec the model stands for (mock-qb world-spec JSON): QuickBooks running, Acme open single-user as Admin. */
export const HOST_MODEL_WORLD = {
  clock: 'manual' as const,
  clockStart: '2024-07-01T13:00:00Z',
  hosts: [
    {
      id: 'OFFICE-PC',
      product: 'pro-2014' as const,
      companyFiles: (['acme', 'beta'] as const).map((k) => ({
        path: PATHS[k],
        companyName: k === 'acme' ? 'Acme Supplies' : 'Beta Traders',
        users: (['Admin', 'Bookkeeper'] as const).map((name) => ({
          name,
          password: PASSWORDS[name],
          role: ROLE[name],
        })),
      })),
      otherFiles: [PATHS.other],
      ui: { running: true, open: { path: PATHS.acme, mode: 'single-user' as const, user: 'Admin', password: 'admin' } },
    },
  ],
};

export function initialHostModel(): HostModelState {
  return {
    process: 'running',
    background: false,
    backgroundOwner: null,
    openFile: 'acme',
    openMode: 'single-user',
    user: 'Admin',
    dialogs: [],
    grants: { acme: undefined, beta: undefined },
    blockAll: { acme: false, beta: false },
    workstations: { acme: [], beta: [] },
    slots: Array.from({ length: PROCESSOR_SLOTS }, () => ({ session: null, everIssued: false })),
  };
}

/** Thrown inside a model step: the UI refuses (QuickBooks' 409) or the simulator rejects the request (its 4xx). */
class Outcome extends Error {
  constructor(readonly outcome: Exclude<UiOutcome, 'ok'>) {
    super(outcome);
  }
}
const refuse = (): never => {
  throw new Outcome('refused');
};
const reject = (): never => {
  throw new Outcome('error');
};

/** Runs a UI step on the model: its outcome; the state changes only when it is `ok`. */
export function modelUi(m: HostModelState, step: (draft: HostModelState) => void): UiOutcome {
  const draft = structuredClone(m);
  try {
    step(draft);
  } catch (error) {
    if (error instanceof Outcome) return error.outcome;
    throw error;
  }
  Object.assign(m, draft);
  return 'ok';
}

// ----------------------------------------------------------------- UI rules (mock-qb/README.md, control API)

export function requireRunningUi(m: HostModelState): void {
  if (m.process === 'not-running' || m.background) refuse();
}
function refuseIfDialog(m: HostModelState): void {
  if (m.dialogs.length) refuse();
}
/** The UI refuses to close the company, exit or switch mode while an application has a session on the file. */
function refuseIfSessions(m: HostModelState): void {
  if (m.openFile && m.slots.some((s) => s.session === m.openFile)) refuse();
}
function checkOpenable(m: HostModelState, file: FileKey, mode: Mode): void {
  const others = m.workstations[file];
  if (others.some((w) => w.mode === 'single-user')) refuse();
  if (mode === 'single-user' && others.length) refuse();
}
function completeLogin(m: HostModelState, file: FileKey, mode: Mode, user: UserName): void {
  if (m.workstations[file].some((w) => w.user === user)) refuse();
  m.openFile = file;
  m.openMode = mode;
  m.user = user;
}
function closeFileState(m: HostModelState): void {
  m.openFile = null;
  m.openMode = null;
  m.user = null;
  m.dialogs = m.dialogs.filter((d) => d.kind === 'generic');
}
function requirePrefsEditable(m: HostModelState): FileKey {
  requireRunningUi(m);
  if (!m.openFile) refuse();
  if (m.dialogs.at(-1)?.kind !== 'preferences') refuse();
  if (m.user !== 'Admin') refuse();
  if (m.openMode !== 'single-user') refuse();
  return m.openFile!;
}

export const ui = {
  launch(m: HostModelState): void {
    if (m.process !== 'not-running') refuse();
    m.process = 'running';
    m.background = false;
  },
  exit(m: HostModelState): void {
    requireRunningUi(m);
    refuseIfDialog(m);
    refuseIfSessions(m);
    closeFileState(m);
    m.process = 'not-running';
  },
  openCompany(m: HostModelState, file: FileKey, mode: Mode, asAdmin: boolean): void {
    requireRunningUi(m);
    refuseIfDialog(m);
    checkOpenable(m, file, mode);
    if (m.openFile) ui.closeCompany(m);
    if (!asAdmin) m.dialogs.push({ kind: 'login', file, mode });
    else completeLogin(m, file, mode, 'Admin');
  },
  logIn(m: HostModelState, user: UserName): void {
    const top = m.dialogs.at(-1);
    if (top?.kind !== 'login') refuse();
    checkOpenable(m, top!.file!, top!.mode!);
    completeLogin(m, top!.file!, top!.mode!, user);
    m.dialogs.pop();
  },
  closeCompany(m: HostModelState): void {
    requireRunningUi(m);
    if (!m.openFile) refuse();
    refuseIfDialog(m);
    refuseIfSessions(m);
    closeFileState(m);
  },
  switchMode(m: HostModelState, mode: Mode): void {
    requireRunningUi(m);
    if (!m.openFile) refuse();
    refuseIfDialog(m);
    if (m.openMode === mode) refuse();
    if (mode === 'single-user' && m.workstations[m.openFile!].length) refuse();
    refuseIfSessions(m);
    m.openMode = mode;
  },
  showDialog(m: HostModelState): void {
    requireRunningUi(m);
    m.dialogs.push({ kind: 'generic' });
  },
  dismissDialog(m: HostModelState): void {
    if (!m.dialogs.length) refuse();
    m.dialogs.pop();
  },
  openPreferences(m: HostModelState): void {
    requireRunningUi(m);
    if (!m.openFile) refuse();
    refuseIfDialog(m);
    m.dialogs.push({ kind: 'preferences' });
  },
  closePreferences(m: HostModelState): void {
    if (m.dialogs.at(-1)?.kind !== 'preferences') refuse();
    m.dialogs.pop();
  },
  removeApp(m: HostModelState): void {
    const file = requirePrefsEditable(m);
    if (!m.grants[file]) reject();
    m.grants[file] = undefined;
  },
  editGrant(
    m: HostModelState,
    patch: { allowAccess?: boolean; promptEachTime?: boolean; autoLogin?: boolean; loginAs?: UserName },
  ): void {
    const file = requirePrefsEditable(m);
    const grant = m.grants[file];
    if (!grant) return reject();
    const next: ModelGrant = { ...grant };
    if (patch.allowAccess !== undefined) next.allowAccess = patch.allowAccess;
    if (patch.promptEachTime !== undefined) next.promptEachTime = patch.promptEachTime;
    if (patch.autoLogin !== undefined) next.autoLogin = patch.autoLogin;
    if (patch.loginAs !== undefined) next.loginAs = patch.loginAs;
    if (next.promptEachTime && next.autoLogin) refuse();
    if (next.autoLogin) {
      if (!next.loginAs) refuse(); // two users: QuickBooks asks whom to log in as
    } else next.loginAs = null;
    m.grants[file] = next;
  },
  setBlockAll(m: HostModelState, block: boolean): void {
    const file = requirePrefsEditable(m);
    m.blockAll[file] = block;
  },
  workstationJoin(m: HostModelState, file: FileKey, machine: string, user: UserName, mode: Mode): void {
    const list = m.workstations[file];
    if (list.some((w) => w.machine === machine)) reject();
    if (list.some((w) => w.mode === 'single-user')) refuse();
    const hereOpen = m.openFile === file;
    if (hereOpen && m.openMode === 'single-user') refuse();
    if (mode === 'single-user' && (hereOpen || list.length)) refuse();
    if (list.some((w) => w.user === user) || (hereOpen && m.user === user)) refuse();
    list.push({ machine, user, mode });
  },
  workstationLeave(m: HostModelState, file: FileKey, machine: string): void {
    const list = m.workstations[file];
    const i = list.findIndex((w) => w.machine === machine);
    if (i < 0) reject();
    list.splice(i, 1);
  },
};

// ----------------------------------------------------------------- application calls (QBXMLRP2)

/** What a BeginSession answers: `ticket` or an HRESULT. */
export type BeginOutcome = 'ticket' | `0x${string}`;

class Fail extends Error {
  constructor(readonly hresult: `0x${string}`) {
    super(hresult);
  }
}
const fail = (hresult: `0x${string}`): never => {
  throw new Fail(hresult);
};

/**
 * `BeginSession(path, reqFileMode)` on processor `slot` (its connection open, localQBD), with the person at QuickBooks
 * answering whatever window it raises with `answer` (a login window: log in as Admin, unless `dismiss`; the access
 * prompt: allow unless `no`/`dismiss`; the certificate dialog: that choice, `always` logging in as `loginAs`). The gate
 * of mock-qb/README.md in its default order; the model state moves as QuickBooks would.
 */
export function modelBeginSession(
  m: HostModelState,
  a: { slot: number; path: PathKey | null; mode: ReqFileMode; answer: PersonAnswer; loginAs: UserName },
): BeginOutcome {
  const slot = m.slots[a.slot]!;
  if (slot.session) return '0x80040411';
  const draft = structuredClone(m);
  try {
    const file = gate(draft, a);
    const s = draft.slots[a.slot]!;
    s.session = file;
    s.everIssued = true;
    Object.assign(m, draft);
    return 'ticket';
  } catch (error) {
    if (!(error instanceof Fail)) throw error;
    // What a person did on the way (logged in, answered the dialog) stays even when the call fails.
    Object.assign(m, draft);
    return error.hresult;
  }
}

function gate(
  m: HostModelState,
  a: { slot: number; path: PathKey | null; mode: ReqFileMode; answer: PersonAnswer; loginAs: UserName },
): FileKey {
  let mustStart = false;
  let view: { file: FileKey | null; mode: Mode | null; user: UserName | null; unattended: boolean } = {
    file: m.openFile,
    mode: m.openMode,
    user: m.user,
    unattended: m.background,
  };
  const openModeFor = (file: FileKey): Mode =>
    a.mode === 1 || m.workstations[file].length ? 'multi-user' : 'single-user';

  // process: QuickBooks not running → it must start unattended, which needs a path to a company file.
  if (m.process === 'not-running') {
    if (a.path === null) fail('0x80040416');
    if (a.path === 'missing') fail('0x80040408');
    if (a.path === 'other') fail('0x80040406');
    const file = a.path as FileKey;
    if (m.workstations[file].some((w) => w.mode === 'single-user')) fail('0x80040408');
    mustStart = true;
    view = { file, mode: openModeFor(file), user: null, unattended: true };
  }
  // company-open: QuickBooks running with no company open.
  if (!mustStart && !m.openFile) {
    if (a.path === null) fail('0x80040417');
    if (a.path === 'missing') fail('0x80040403');
    if (a.path === 'other') fail('0x80040406');
    const file = a.path as FileKey;
    if (m.workstations[file].some((w) => w.mode === 'single-user')) fail('0x80040403');
    const mode = openModeFor(file);
    // Auto-login belongs to the background instance: with the UI running a person logs in (README fidelity notes).
    if (m.dialogs.length) fail('0x80040414');
    // A QuickBooks Login window for the file; the person logs in as Admin or closes it.
    if (a.answer === 'dismiss') fail('0x80040403');
    m.openFile = file;
    m.openMode = mode;
    m.user = 'Admin';
    view = { file, mode, user: 'Admin', unattended: false };
  }
  const joinsBackground = !mustStart && m.background;
  // same-file
  if (view.file && a.path !== null && a.path !== view.file) fail('0x8004040A');
  // modal-dialog
  if (!mustStart && m.dialogs.length) fail('0x80040414');
  // file-mode
  if (a.mode === 0 && view.mode === 'multi-user') fail('0x80040410');
  if (a.mode === 1 && view.mode === 'single-user') fail('0x80040410');
  const file = view.file!;
  // single-user-shared
  if (a.mode === 0 && m.slots.some((s, i) => i !== a.slot && s.session === file)) fail('0x80040422');
  // certificate, edition: a valid certificate, Pro: nothing to fail.
  // authorization
  if (m.blockAll[file]) fail('0x8004041A');
  let grant = m.grants[file];
  let justAuthorized = false;
  if (!grant) {
    if (mustStart) fail('0x80040418');
    const adminAtUi = !view.unattended && view.user === 'Admin';
    if (!adminAtUi) fail('0x80040418');
    if (view.mode !== 'single-user') fail('0x80040418');
    if (m.dialogs.length) fail('0x80040414');
    // The Application Certificate dialog.
    if (a.answer === 'dismiss') fail('0x80040420');
    if (a.answer === 'no') {
      m.grants[file] = { allowAccess: false, promptEachTime: false, autoLogin: false, loginAs: null };
      fail('0x80040420');
    }
    grant = {
      allowAccess: true,
      promptEachTime: a.answer === 'prompt-each-time',
      autoLogin: a.answer === 'always',
      loginAs: a.answer === 'always' ? a.loginAs : null,
    };
    m.grants[file] = grant;
    justAuthorized = true;
  }
  if (!justAuthorized) {
    if (!grant.allowAccess) fail('0x8004041A');
    if (grant.promptEachTime && !mustStart) {
      if (view.unattended) fail('0x8004041A');
      if (m.dialogs.length) fail('0x80040414');
      if (a.answer === 'no' || a.answer === 'dismiss') fail('0x80040420');
    }
  }
  // auto-login: when QuickBooks logs in for the application, or the session joins a background instance (which needs
  // the app's own "Yes, always" grant and stays logged in as its user).
  if (mustStart || joinsBackground) {
    if (!grant.allowAccess) fail('0x8004041A');
    if (!grant.autoLogin || !grant.loginAs) fail('0x8004041D');
  }
  if (mustStart) {
    if (m.workstations[file].some((w) => w.user === grant!.loginAs)) fail('0x80040437');
    view.user = grant.loginAs;
    m.process = 'running';
    m.background = true;
    m.backgroundOwner = a.slot;
    m.openFile = file;
    m.openMode = view.mode;
    m.user = view.user;
  }
  return file;
}

/** `EndSession(ticket)` with the slot's last ticket (or one never issued). */
export function modelEndSession(m: HostModelState, slot: number): 'ok' | `0x${string}` {
  const s = m.slots[slot]!;
  if (!s.session) return s.everIssued ? '0x8004040D' : '0x8004040C';
  s.session = null;
  return 'ok';
}

/** `CloseConnection` then `OpenConnection2` again: the slot's session ends; a background QuickBooks it started exits. */
export function modelReconnect(m: HostModelState, slot: number): void {
  m.slots[slot]!.session = null;
  if (m.background && m.backgroundOwner === slot && !m.slots.some((s) => s.session === m.openFile)) {
    closeFileState(m);
    m.process = 'not-running';
    m.background = false;
    m.backgroundOwner = null;
  }
}
