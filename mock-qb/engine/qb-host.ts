import { ComError } from '../../src/protocol/com-error.js';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import type { Hresult } from '../../src/protocol/hresult.js';
import type { AppGrantRecord, CompanyAppPrefs, UserRecord, UserRole } from '../store/company-records.js';
import type { CompanyStore } from '../store/company-store.js';
import { HostStore, type HostStoreSnapshot } from '../store/host-store.js';
import { SystemClock, type Clock, type ClockTimer } from './clock.js';
import { DEFAULT_FIDELITY, type FidelityOptions } from './fidelity-options.js';
import { DEFAULT_GATE_ORDER, parseGateOrder, type GateCheck } from './gate-order.js';
import type {
  AppRequest,
  CertificateChoice,
  Dialog,
  ExpiredCertificateAnswer,
  OpenMode,
  ProcessState,
  SessionInfo,
  Workstation,
} from './host-types.js';
import { forgetExpiredCert } from './expired-cert-allowance.js';
import { HOST_CONDITIONS, type ActiveCondition, type HostConditionName } from './host-conditions.js';
import { IdSource } from './id-source.js';
import { Journal, type JournalActor } from './journal.js';
import { hostWindows, type CallerProcess, type HostWindows } from './host-windows.js';
import { DEFAULT_PRODUCT_PROFILE, PRODUCT_PROFILES, type ProductProfile } from './product-profile.js';
import { runBeginSessionGate } from './begin-session-gate.js';
import { UI_MESSAGES, UiRefusal } from './ui-refusal.js';
import { normalizeWindowsPath as pathKey, samePath } from './windows-path.js';

/** Options for one simulated machine. */
export interface QbHostOptions {
  /** The machine name (also the host id), e.g. `OFFICE-PC`. */
  id: string;
  /** A key of {@link PRODUCT_PROFILES} or a whole profile. Default `pro-2014`. */
  product?: string | ProductProfile;
  /** IANA time zone of the machine. Default `America/New_York` (has DST, like real customers). */
  timeZone?: string;
  /** Default: the system clock. Tests and scenarios pass a {@link ManualClock}. */
  clock?: Clock;
  /** Seed for tickets and ids; omitted → cryptographically random. */
  seed?: string | number;
  /** Shared journal; default a new one. */
  journal?: Journal;
  /** Persist company files under this directory (default: in memory). */
  dataDir?: string;
  /** The order of the BeginSession checks (a permutation of GATE_CHECKS). */
  gateOrder?: readonly string[];
  /** Choices where the facts are unsure. */
  fidelity?: Partial<FidelityOptions>;
  /** The Windows user sitting at this machine's QuickBooks UI. */
  windowsUser?: string;
  /** The SDK's installation and what a caller is when it does not say (default: installed; 32-bit callers). */
  windows?: { sdk?: Partial<HostWindows['sdk']>; callerDefaults?: Partial<CallerProcess> };
}

/** A company file to create on the host. */
export interface CompanyFileSpec {
  /** Windows path, e.g. `C:\Users\Public\Documents\Intuit\QuickBooks\Company Files\Acme Supplies.QBW`. */
  path: string;
  companyName: string;
  /** Users; an `Admin` user is added when none has the admin role. */
  users?: { name: string; password?: string; role?: UserRole }[];
  /**
   * Start from this company database image (`CompanyStore.serialize()`, or the bytes of a company database file)
   * instead of an empty company: its users, applications and records come with it (`users` are added or updated).
   */
  image?: Uint8Array;
  /**
   * Start from this company database file (e.g. one `qbd-sim company generate` wrote), like `image`: copied into the
   * data directory when the host has one (memory stays small), else loaded into memory. The file is not changed.
   */
  fromFile?: string;
}

/** A plain-data picture of a host for the control API and dashboards (never passwords). */
export interface HostState {
  id: string;
  product: ProductProfile;
  timeZone: string;
  clock: { kind: Clock['kind']; now: string };
  process: ProcessState;
  background: boolean;
  openFile: string | null;
  openMode: OpenMode | null;
  loggedInUser: string | null;
  /** Who runs QuickBooks (Windows user, session, elevation), or null when it is not running. */
  qbProcess: QbProcessIdentity | null;
  /** Named host conditions in force (engine/host-conditions.ts). */
  conditions: Partial<Record<HostConditionName, ActiveCondition>>;
  dialogs: Dialog[];
  sessions: Omit<SessionInfo, 'ticket'>[];
  files: FileState[];
  gateOrder: GateCheck[];
  fidelity: FidelityOptions;
  /** The SDK's installation and the callers' defaults (world spec `sdk`, `callerDefaults`). */
  windows: HostWindows;
}

export interface FileState {
  path: string;
  kind: 'company' | 'other';
  companyName?: string;
  users?: { name: string; role: UserRole }[];
  integratedApps?: { prefs: CompanyAppPrefs; apps: AppGrantRecord[] };
  workstations: Workstation[];
  /** Records other users have open for editing (record id → who). */
  recordLocks?: Record<string, RecordLock>;
}

/** Host runtime state that is not inside a company file (it is what a snapshot adds to the files). */
interface RuntimeState {
  process: ProcessState;
  background: boolean;
  /** The processor whose connection started the background instance. */
  backgroundOwner: string | null;
  openFile: string | null;
  openMode: OpenMode | null;
  loggedInUser: string | null;
  dialogs: Dialog[];
  /** Who runs the QuickBooks process (its Windows user, session and elevation); null when it is not running. */
  qbProcess: QbProcessIdentity | null;
  /** Named host conditions in force (engine/host-conditions.ts). */
  conditions: Partial<Record<HostConditionName, ActiveCondition>>;
  /** Non-company files that exist on the machine (lower-cased key → path as given). */
  otherFiles: Record<string, string>;
  /** Canonical spelling of each company file path (lower-cased key → path as given). */
  companyPaths: Record<string, string>;
  workstations: Record<string, Workstation[]>;
  /** Records another user has open for editing, per file (lower-cased path → record id → who). */
  recordLocks: Record<string, Record<string, RecordLock>>;
}

/** The Windows identity of a running QuickBooks process (facts §2.4, §11.2). */
export interface QbProcessIdentity {
  windowsUser: string;
  windowsSession: number;
  /** Started with "Run as administrator" (or by an elevated program). */
  elevated: boolean;
}

/** A record (list element or transaction) another user has open for editing. */
export interface RecordLock {
  machine: string;
  user: string;
}

/** A whole host at one moment: runtime state plus every company file's database image. */
export interface HostSnapshot {
  hostId: string;
  at: number;
  runtime: RuntimeState;
  files: HostStoreSnapshot;
}

interface DialogWaiter {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** Answer of the certificate dialog once Done was clicked. */
export interface CertificateAnswer {
  choice: CertificateChoice;
  loginAs: string | null;
  personalData: boolean;
}

/**
 * One simulated Windows machine running QuickBooks Desktop: the QuickBooks process, its UI
 * (who is logged in, which company file is open in which mode, the modal dialogs), the company
 * files on the machine with their users and Integrated Applications, other workstations sharing
 * a file, and the QBXMLRP2 sessions. `BeginSession` is decided here (see begin-session-gate.ts).
 *
 * UI actions throw {@link UiRefusal} where QuickBooks would refuse, {@link QbdSimError} on misuse;
 * session calls throw {@link ComError} exactly as QBXMLRP2 would.
 */
export class QbHost {
  readonly id: string;
  readonly product: ProductProfile;
  readonly timeZone: string;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly journal: Journal;
  readonly fidelity: FidelityOptions;
  readonly gateOrder: GateCheck[];
  readonly windowsUser: string;
  readonly windows: HostWindows;
  readonly store: HostStore;

  #rt: RuntimeState = emptyRuntime();
  #sessions = new Map<string, SessionInfo>();
  #waiters = new Map<string, DialogWaiter>();
  #initTimer: ClockTimer | null = null;
  #baseline: HostSnapshot | null = null;

  constructor(opts: QbHostOptions) {
    if (!opts.id || /[\\/:*?"<>|\s]/.test(opts.id)) {
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `"${opts.id}" is not a valid machine name`);
    }
    this.id = opts.id;
    this.product = resolveProduct(opts.product);
    this.timeZone = opts.timeZone ?? 'America/New_York';
    assertTimeZone(this.timeZone);
    this.clock = opts.clock ?? new SystemClock();
    this.ids = new IdSource(opts.seed);
    this.journal = opts.journal ?? new Journal();
    this.fidelity = { ...DEFAULT_FIDELITY, ...opts.fidelity };
    this.gateOrder = opts.gateOrder ? parseGateOrder(opts.gateOrder) : [...DEFAULT_GATE_ORDER];
    this.windowsUser = opts.windowsUser ?? 'Office';
    this.windows = hostWindows(opts.windows);
    this.store = new HostStore({ hostId: this.id, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
    // With a data directory, company files written by an earlier run are there again, with their data.
    for (const path of opts.dataDir ? this.store.loadExisting() : []) this.#rt.companyPaths[pathKey(path)] = path;
  }

  // ---------------------------------------------------------------- journal

  /** Records a journal entry stamped with this host's id and clock. */
  log(actor: JournalActor, kind: string, summary: string, data?: Record<string, unknown>): void {
    this.journal.record({ at: this.clock.now(), hostId: this.id, actor, kind, summary, ...(data ? { data } : {}) });
  }

  // ---------------------------------------------------------------- setup (not UI)

  /** Creates a company file on the machine (setup, not a UI action). */
  addCompanyFile(spec: CompanyFileSpec): void {
    const key = pathKey(spec.path);
    if (this.#rt.companyPaths[key] && this.store.hostDir !== null) {
      // Reopened from the data directory: the file keeps its own users, apps and data.
      this.log('host', 'host.reopen-company-file', `company file "${this.#rt.companyPaths[key]}" reopened from disk`, {
        path: this.#rt.companyPaths[key],
      });
      return;
    }
    if (this.#rt.companyPaths[key] || this.#rt.otherFiles[key]) {
      throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `a file already exists at "${spec.path}"`);
    }
    const store = spec.image
      ? this.store.createFromImage(spec.path, spec.image)
      : spec.fromFile !== undefined
        ? this.store.createFromFile(spec.path, spec.fromFile)
        : this.store.create(spec.path);
    store.setCompanyInfo({ companyName: spec.companyName, legalCompanyName: spec.companyName });
    const users = spec.users ?? [];
    const hasAdmin = (list: readonly { name: string; role?: UserRole }[]) =>
      list.some((u) => (u.role ?? 'all-areas') === 'admin' || u.name.toLowerCase() === 'admin');
    if (!hasAdmin(users) && !hasAdmin(store.listUsers())) {
      store.addUser({ name: 'Admin', password: '', role: 'admin' });
    }
    for (const u of users) {
      const role: UserRole = u.role ?? (u.name.toLowerCase() === 'admin' ? 'admin' : 'all-areas');
      // A company from an image or file has users of its own: the spec's are added, or updated when there.
      if (store.getUser(u.name)) store.updateUser(u.name, { password: u.password ?? '', role });
      else store.addUser({ name: u.name, password: u.password ?? '', role });
    }
    this.#rt.companyPaths[key] = spec.path;
    this.log('host', 'host.add-company-file', `company file "${spec.path}" (${spec.companyName}) created`, {
      path: spec.path,
      users: store.listUsers().map((u) => u.name),
    });
  }

  /** Puts a file on the machine that is not a QuickBooks company file (for 0x80040406 cases). */
  addOtherFile(path: string): void {
    const key = pathKey(path);
    if (this.#rt.companyPaths[key] || this.#rt.otherFiles[key]) {
      throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `a file already exists at "${path}"`);
    }
    this.#rt.otherFiles[key] = path;
    this.log('host', 'host.add-other-file', `non-company file "${path}" created`, { path });
  }

  /** Renames or moves a company file in Windows Explorer. Refused while anyone has it open. */
  renameCompanyFile(from: string, to: string): void {
    const store = this.#companyStore(from);
    const fromPath = this.#canonical(from)!;
    if (this.#rt.openFile && samePath(this.#rt.openFile, fromPath)) throw new UiRefusal(UI_MESSAGES.fileOpen(fromPath));
    if ((this.#rt.workstations[pathKey(fromPath)] ?? []).length) throw new UiRefusal(UI_MESSAGES.fileOpen(fromPath));
    const toKey = pathKey(to);
    if (this.#rt.companyPaths[toKey] || this.#rt.otherFiles[toKey]) {
      throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `a file already exists at "${to}"`);
    }
    void store;
    this.store.rename(fromPath, to);
    delete this.#rt.companyPaths[pathKey(fromPath)];
    this.#rt.companyPaths[toKey] = to;
    this.log('host', 'host.rename-company-file', `company file renamed "${fromPath}" → "${to}"`, {
      from: fromPath,
      to,
    });
  }

  /** The company store of a file (setup and the qbXML processor use it). */
  companyStore(path: string): CompanyStore {
    return this.#companyStore(path);
  }

  /** Canonical paths of the company files on the machine. */
  companyFilePaths(): string[] {
    return Object.values(this.#rt.companyPaths);
  }

  // ---------------------------------------------------------------- state

  get process(): ProcessState {
    return this.#rt.process;
  }
  get openFile(): string | null {
    return this.#rt.openFile;
  }
  get openMode(): OpenMode | null {
    return this.#rt.openMode;
  }
  get loggedInUser(): string | null {
    return this.#rt.loggedInUser;
  }
  get background(): boolean {
    return this.#rt.background;
  }
  get dialogs(): readonly Dialog[] {
    return this.#rt.dialogs;
  }

  /** Other workstations that have a file open. */
  workstations(path: string): readonly Workstation[] {
    return this.#rt.workstations[pathKey(path)] ?? [];
  }

  /** A plain-data picture of the whole host (no passwords, no tickets). */
  state(): HostState {
    const files: FileState[] = [];
    for (const path of Object.values(this.#rt.companyPaths)) {
      const s = this.store.get(path);
      files.push({
        path,
        kind: 'company',
        companyName: s.getCompanyInfo().companyName,
        users: s.listUsers().map((u) => ({ name: u.name, role: u.role })),
        integratedApps: { prefs: s.getAppPrefs(), apps: s.listApps() },
        workstations: [...this.workstations(path)],
        recordLocks: { ...(this.#rt.recordLocks[pathKey(path)] ?? {}) },
      });
    }
    for (const path of Object.values(this.#rt.otherFiles)) files.push({ path, kind: 'other', workstations: [] });
    return {
      id: this.id,
      product: this.product,
      timeZone: this.timeZone,
      clock: { kind: this.clock.kind, now: new Date(this.clock.now()).toISOString() },
      process: this.#rt.process,
      background: this.#rt.background,
      openFile: this.#rt.openFile,
      openMode: this.#rt.openMode,
      loggedInUser: this.#rt.loggedInUser,
      qbProcess: this.#rt.qbProcess ? { ...this.#rt.qbProcess } : null,
      conditions: structuredClone(this.#rt.conditions),
      dialogs: structuredClone(this.#rt.dialogs),
      sessions: [...this.#sessions.values()].map(({ ticket: _ticket, ...rest }) => rest),
      files,
      gateOrder: [...this.gateOrder],
      fidelity: { ...this.fidelity },
      windows: structuredClone(this.windows),
    };
  }

  // ---------------------------------------------------------------- UI: process

  /**
   * Starts QuickBooks with its UI. With `initializingMs` > 0 it stays `initializing` for that long
   * on the host clock (BeginSession answers 0x80040424 meanwhile).
   */
  launch(opts: { initializingMs?: number; elevated?: boolean } = {}): void {
    if (this.#rt.process !== 'not-running') {
      throw new UiRefusal(this.#rt.background ? UI_MESSAGES.backgroundRunning : UI_MESSAGES.alreadyRunning);
    }
    const ms = opts.initializingMs ?? 0;
    this.#rt.process = ms > 0 ? 'initializing' : 'running';
    this.#rt.background = false;
    // The person at this machine starts QuickBooks in their Windows session (the callers' default session).
    this.#rt.qbProcess = {
      windowsUser: this.windowsUser,
      windowsSession: this.windows.callerDefaults.windowsSession,
      elevated: opts.elevated ?? false,
    };
    this.log('ui', 'ui.launch', ms > 0 ? `QuickBooks launched (initializing for ${ms} ms)` : 'QuickBooks launched', {
      initializingMs: ms,
    });
    if (ms > 0) {
      this.#initTimer = this.clock.at(this.clock.now() + ms, () => {
        this.#initTimer = null;
        if (this.#rt.process === 'initializing') {
          this.#rt.process = 'running';
          this.log('host', 'host.initialized', 'QuickBooks finished initializing');
        }
      });
    }
  }

  /** Exits QuickBooks (File > Exit). */
  exit(): void {
    this.#requireRunningUi();
    this.#refuseIfDialog();
    this.#refuseIfSessions();
    this.#initTimer?.cancel();
    this.#initTimer = null;
    this.#closeFileState();
    this.#rt.process = 'not-running';
    this.#rt.qbProcess = null;
    this.log('ui', 'ui.exit', 'QuickBooks exited');
  }

  // ---------------------------------------------------------------- UI: company file

  /**
   * File > Open Company in a mode. With `user` the login is completed at once; without it the
   * QuickBooks Login window stays up until {@link logIn}. An open file is closed first.
   */
  openCompany(opts: { path: string; mode: OpenMode; user?: string; password?: string }): void {
    this.#requireRunningUi();
    this.#refuseIfDialog();
    const path = this.#checkOpenable(opts.path, opts.mode);
    if (this.#rt.openFile) this.closeCompany();
    const dialog: Dialog = {
      id: this.ids.handle('dlg'),
      kind: 'login',
      title: 'QuickBooks Login',
      file: path,
      mode: opts.mode,
      forApp: null,
    };
    this.log('ui', 'ui.open-company', `open "${path}" in ${opts.mode} mode`, { path, mode: opts.mode });
    if (opts.user === undefined) {
      this.#pushDialog(dialog);
      return;
    }
    this.#completeLogin(dialog, opts.user, opts.password ?? '');
  }

  /** Answers the QuickBooks Login window. */
  logIn(opts: { user: string; password?: string }): void {
    const top = this.#topDialog();
    if (!top || top.kind !== 'login') throw new UiRefusal(UI_MESSAGES.notInLogin);
    this.#checkOpenable(top.file, top.mode);
    this.#completeLogin(top, opts.user, opts.password ?? '');
  }

  /** File > Close Company/Logoff. */
  closeCompany(): void {
    this.#requireRunningUi();
    if (!this.#rt.openFile) throw new UiRefusal(UI_MESSAGES.noCompanyOpen);
    this.#refuseIfDialog();
    this.#refuseIfSessions();
    const path = this.#rt.openFile;
    this.#closeFileState();
    this.log('ui', 'ui.close-company', `closed "${path}"`, { path });
  }

  /** File > Switch to Single-user / Multi-user Mode. */
  switchMode(mode: OpenMode): void {
    this.#requireRunningUi();
    const path = this.#requireOpenFile();
    this.#refuseIfDialog();
    if (this.#rt.openMode === mode) throw new UiRefusal(UI_MESSAGES.alreadyInMode(mode));
    if (mode === 'single-user') {
      const others = this.workstations(path);
      if (others.length) throw new UiRefusal(UI_MESSAGES.othersInMultiUser(others.map((w) => w.machine)));
    }
    this.#refuseIfSessions();
    this.#rt.openMode = mode;
    this.log('ui', 'ui.switch-mode', `switched "${path}" to ${mode} mode`, { path, mode });
  }

  // ---------------------------------------------------------------- UI: users

  /** Company > Set Up Users and Passwords: add a user (Admin only). */
  addUser(opts: { name: string; password?: string; role?: Exclude<UserRole, 'admin'> }): void {
    const store = this.#requireAdminAtUi();
    if (store.getUser(opts.name)) throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `user "${opts.name}" already exists`);
    store.addUser({ name: opts.name, password: opts.password ?? '', role: opts.role ?? 'all-areas' });
    this.log('ui', 'ui.add-user', `user "${opts.name}" added`, { user: opts.name, role: opts.role ?? 'all-areas' });
  }

  /** Changes a user's password or role (Admin only). Makes auto-login grants for that user stale. */
  updateUser(name: string, patch: { password?: string; role?: Exclude<UserRole, 'admin'> }): void {
    const store = this.#requireAdminAtUi();
    const user = store.getUser(name);
    if (!user) throw new QbdSimError('QBDSIM_ERR_UNKNOWN_USER', `no user "${name}" in this company file`);
    if (patch.role && user.role === 'admin') throw new UiRefusal('The role of the Admin user cannot be changed.');
    store.updateUser(user.name, patch);
    this.log('ui', 'ui.update-user', `user "${user.name}" changed (${Object.keys(patch).join(', ')})`, {
      user: user.name,
      changed: Object.keys(patch),
    });
  }

  /** Deletes a user (Admin only; the Admin user cannot be deleted). */
  removeUser(name: string): void {
    const store = this.#requireAdminAtUi();
    const user = store.getUser(name);
    if (!user) throw new QbdSimError('QBDSIM_ERR_UNKNOWN_USER', `no user "${name}" in this company file`);
    if (user.role === 'admin') throw new UiRefusal(UI_MESSAGES.adminCannotBeRemoved);
    store.removeUser(user.name);
    this.log('ui', 'ui.remove-user', `user "${user.name}" deleted`, { user: user.name });
  }

  // ---------------------------------------------------------------- UI: Preferences → Integrated Applications

  /** Edit > Preferences > Integrated Applications (the Company Preferences tab shows). */
  openPreferences(): void {
    this.#requireRunningUi();
    this.#requireOpenFile();
    this.#refuseIfDialog();
    this.#pushDialog({
      id: this.ids.handle('dlg'),
      kind: 'preferences',
      title: 'Preferences',
      tab: 'integrated-applications',
      subtab: 'company',
    });
    this.log('ui', 'ui.open-preferences', 'Preferences opened on Integrated Applications > Company Preferences');
  }

  /** Closes the Preferences window (OK). */
  closePreferences(): void {
    const top = this.#topDialog();
    if (!top || top.kind !== 'preferences') throw new UiRefusal(UI_MESSAGES.preferencesNotOpen);
    this.#rt.dialogs.pop();
    this.log('ui', 'ui.close-preferences', 'Preferences closed');
  }

  /** Selects an application in the list and clicks Remove. */
  removeApp(appName: string): void {
    const store = this.#requireCompanyPrefsEditable();
    const grant = store.getApp(appName);
    if (!grant)
      throw new QbdSimError('QBDSIM_ERR_UNKNOWN_APP', `no application "${appName}" in Integrated Applications`);
    store.removeApp(grant.appName);
    forgetExpiredCert(store, grant.appName);
    this.log('ui', 'ui.remove-app', `application "${grant.appName}" removed from Integrated Applications`, {
      appName: grant.appName,
      file: this.#rt.openFile,
    });
  }

  /** Properties… > Access Rights, then OK. */
  editAppProperties(
    appName: string,
    patch: {
      allowAccess?: boolean;
      promptEachTime?: boolean;
      autoLogin?: boolean;
      loginAs?: string | null;
      personalData?: boolean;
    },
  ): void {
    const store = this.#requireCompanyPrefsEditable();
    const grant = store.getApp(appName);
    if (!grant)
      throw new QbdSimError('QBDSIM_ERR_UNKNOWN_APP', `no application "${appName}" in Integrated Applications`);
    const next: AppGrantRecord = { ...grant };
    if (patch.allowAccess !== undefined) next.allowAccess = patch.allowAccess;
    if (patch.promptEachTime !== undefined) next.promptEachTime = patch.promptEachTime;
    if (patch.personalData !== undefined) next.personalData = patch.personalData;
    if (patch.autoLogin !== undefined) next.autoLogin = patch.autoLogin;
    if (patch.loginAs !== undefined) next.loginAs = patch.loginAs;
    if (next.promptEachTime && next.autoLogin) throw new UiRefusal(UI_MESSAGES.promptAndAutoLogin);
    if (next.autoLogin) {
      const users = store.listUsers();
      if (!next.loginAs) {
        if (users.length > 1) throw new UiRefusal(UI_MESSAGES.loginAsRequired);
        next.loginAs = users[0]!.name;
      }
      const user = store.getUser(next.loginAs);
      if (!user) throw new UiRefusal(UI_MESSAGES.noSuchUser(next.loginAs));
      next.loginAs = user.name;
      // Granting (again) refreshes the stored login; keeping an existing grant does not (0x80040430's remedy
      // is "revoke permission, save preferences, then grant the permission again").
      if (!grant.autoLogin || !grant.loginAs || grant.loginAs.toLowerCase() !== user.name.toLowerCase()) {
        next.loginAsCredentialVersion = user.credentialVersion;
        next.loginAsFilePath = this.#rt.openFile;
      }
    } else {
      next.loginAs = null;
      next.loginAsCredentialVersion = null;
      next.loginAsFilePath = null;
    }
    next.grantedAt = new Date(this.clock.now()).toISOString();
    store.putApp(next);
    this.log('ui', 'ui.edit-app-properties', `properties of "${grant.appName}" changed`, {
      appName: grant.appName,
      ...patch,
    });
  }

  /** The two company-wide checkboxes of the Company Preferences tab. */
  setCompanyAppOptions(patch: Partial<CompanyAppPrefs>): void {
    const store = this.#requireCompanyPrefsEditable();
    store.setAppPrefs(patch);
    this.log('ui', 'ui.set-company-app-options', 'Integrated Applications company options changed', { ...patch });
  }

  // ---------------------------------------------------------------- UI: dialogs

  /**
   * Application Certificate dialog: choose an option (and Login as, personal data) and click
   * Continue. "No" closes it (BeginSession fails 0x80040420); any "Yes" shows the Access
   * Confirmation window, which {@link confirmCertificateDialog} (Done) completes. With `done: true`
   * both clicks happen.
   */
  answerCertificateDialog(opts: {
    choice: CertificateChoice;
    loginAs?: string | null;
    personalData?: boolean;
    done?: boolean;
  }): void {
    const dialog = this.#rt.dialogs.find(
      (d): d is Extract<Dialog, { kind: 'certificate' }> => d.kind === 'certificate',
    );
    if (!dialog) throw new UiRefusal(UI_MESSAGES.noCertificateDialog);
    if (dialog.stage !== 'choose') throw new UiRefusal(UI_MESSAGES.certificateStage('confirm'));
    const store = this.#companyStore(this.#rt.openFile!);
    let loginAs: string | null = null;
    if (opts.choice === 'always') {
      const requested = opts.loginAs ?? (dialog.loginAsChoices.length === 1 ? dialog.loginAsChoices[0]! : null);
      if (!requested) throw new UiRefusal(UI_MESSAGES.loginAsRequired);
      const user = store.getUser(requested);
      if (!user) throw new UiRefusal(UI_MESSAGES.noSuchUser(requested));
      loginAs = user.name;
    }
    const personalData = dialog.personalDataOffered && opts.personalData === true;
    this.log('ui', 'ui.answer-certificate-dialog', `certificate dialog for "${dialog.appName}": ${opts.choice}`, {
      appName: dialog.appName,
      choice: opts.choice,
      loginAs,
      personalData,
    });
    if (opts.choice === 'no') {
      this.#removeDialog(dialog.id);
      this.#settle(dialog.id, { choice: 'no', loginAs: null, personalData: false } satisfies CertificateAnswer);
      return;
    }
    dialog.stage = 'confirm';
    dialog.title = 'Access Confirmation';
    dialog.answer = { choice: opts.choice, loginAs, personalData };
    if (opts.done) this.confirmCertificateDialog();
  }

  /** Access Confirmation window: Done. */
  confirmCertificateDialog(): void {
    const dialog = this.#rt.dialogs.find(
      (d): d is Extract<Dialog, { kind: 'certificate' }> => d.kind === 'certificate',
    );
    if (!dialog) throw new UiRefusal(UI_MESSAGES.noCertificateDialog);
    if (dialog.stage !== 'confirm' || !dialog.answer) throw new UiRefusal(UI_MESSAGES.certificateStage('choose'));
    this.#removeDialog(dialog.id);
    this.log('ui', 'ui.confirm-certificate-dialog', `access confirmed for "${dialog.appName}"`, {
      appName: dialog.appName,
    });
    this.#settle(dialog.id, dialog.answer);
  }

  /** Answers a "prompt each time" access prompt. */
  answerAccessPrompt(allow: boolean): void {
    const dialog = this.#rt.dialogs.find((d) => d.kind === 'access-prompt');
    if (!dialog) throw new UiRefusal(UI_MESSAGES.noAccessPrompt);
    this.#removeDialog(dialog.id);
    this.log(
      'ui',
      'ui.answer-access-prompt',
      `access prompt for "${(dialog as { appName: string }).appName}": ${allow ? 'Yes' : 'No'}`,
      {
        allow,
      },
    );
    this.#settle(dialog.id, allow);
  }

  /** Answers QuickBooks' expired-certificate notice: Allow Always (remembered in the file), Allow Once, or Deny. */
  answerExpiredCertificateNotice(answer: ExpiredCertificateAnswer): void {
    const dialog = this.#rt.dialogs.find((d) => d.kind === 'expired-certificate');
    if (!dialog) throw new UiRefusal(UI_MESSAGES.noExpiredCertificateNotice);
    this.#removeDialog(dialog.id);
    this.log('ui', 'ui.answer-expired-certificate', `expired-certificate notice for "${dialog.appName}": ${answer}`, {
      appName: dialog.appName,
      answer,
    });
    this.#settle(dialog.id, answer);
  }

  /** Shows a generic modal dialog ("Update available", a reminder, ...). */
  showDialog(opts: { title: string; text?: string }): Dialog {
    this.#requireRunningUi();
    const dialog: Dialog = { id: this.ids.handle('dlg'), kind: 'generic', title: opts.title, text: opts.text ?? '' };
    this.#pushDialog(dialog);
    this.log('ui', 'ui.show-dialog', `dialog "${opts.title}" shown`, { id: dialog.id, title: opts.title });
    return dialog;
  }

  /**
   * Closes a dialog with its close box / Cancel (the top one by default). A certificate dialog or
   * access prompt closed this way denies access (0x80040420); a login window closed this way
   * cancels the open.
   */
  dismissDialog(id?: string): void {
    const dialog = id ? this.#rt.dialogs.find((d) => d.id === id) : this.#topDialog();
    if (!dialog) {
      if (id) throw new QbdSimError('QBDSIM_ERR_UNKNOWN_DIALOG', `no dialog "${id}" is showing`);
      throw new UiRefusal(UI_MESSAGES.noSuchDialog);
    }
    this.#removeDialog(dialog.id);
    this.log('ui', 'ui.dismiss-dialog', `dialog "${dialog.title}" closed`, { id: dialog.id, kind: dialog.kind });
    if (dialog.kind === 'certificate')
      this.#settle(dialog.id, { choice: 'no', loginAs: null, personalData: false, dismissed: true });
    else if (dialog.kind === 'access-prompt') this.#settle(dialog.id, false);
    else if (dialog.kind === 'expired-certificate') this.#settle(dialog.id, 'deny');
    else if (dialog.kind === 'login') this.#settle(dialog.id, null);
  }

  // ---------------------------------------------------------------- other workstations

  /** Another machine opens the file: `multi-user` shares it, `single-user` holds it exclusively. */
  workstationJoin(opts: { path: string; machine: string; user: string; mode: OpenMode }): void {
    const path = this.#canonical(opts.path);
    if (!path || !this.#rt.companyPaths[pathKey(path)]) {
      throw new QbdSimError('QBDSIM_ERR_UNKNOWN_FILE', `no company file at "${opts.path}"`);
    }
    if (opts.machine.toLowerCase() === this.id.toLowerCase()) {
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', 'a workstation must be another machine than the host itself');
    }
    const store = this.#companyStore(path);
    const user = store.getUser(opts.user);
    if (!user) throw new QbdSimError('QBDSIM_ERR_UNKNOWN_USER', `no user "${opts.user}" in "${path}"`);
    const list = (this.#rt.workstations[pathKey(path)] ??= []);
    if (list.some((w) => w.machine.toLowerCase() === opts.machine.toLowerCase())) {
      throw new QbdSimError('QBDSIM_ERR_DUPLICATE', `${opts.machine} already has the file open`);
    }
    const holder = list.find((w) => w.mode === 'single-user');
    if (holder) throw new UiRefusal(UI_MESSAGES.fileInUseSingle(holder.machine));
    const hereOpen = this.#rt.openFile && samePath(this.#rt.openFile, path);
    if (hereOpen && this.#rt.openMode === 'single-user') throw new UiRefusal(UI_MESSAGES.fileInUseSingle(this.id));
    if (opts.mode === 'single-user' && (hereOpen || list.length)) {
      throw new UiRefusal(
        UI_MESSAGES.othersInMultiUser([...(hereOpen ? [this.id] : []), ...list.map((w) => w.machine)]),
      );
    }
    const elsewhere = list.find((w) => w.user.toLowerCase() === user.name.toLowerCase());
    const hereUser = hereOpen && this.#rt.loggedInUser?.toLowerCase() === user.name.toLowerCase();
    if (elsewhere || hereUser)
      throw new UiRefusal(UI_MESSAGES.userLoggedInElsewhere(user.name, elsewhere?.machine ?? this.id));
    list.push({ machine: opts.machine, user: user.name, mode: opts.mode });
    this.log('ui', 'ui.workstation-join', `${opts.machine} opened "${path}" as ${user.name} (${opts.mode})`, {
      path,
      machine: opts.machine,
      user: user.name,
      mode: opts.mode,
    });
  }

  /** Another machine closes the file. */
  workstationLeave(opts: { path: string; machine: string }): void {
    const path = this.#canonical(opts.path) ?? opts.path;
    const list = this.#rt.workstations[pathKey(path)] ?? [];
    const idx = list.findIndex((w) => w.machine.toLowerCase() === opts.machine.toLowerCase());
    if (idx < 0) throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `${opts.machine} does not have "${path}" open`);
    list.splice(idx, 1);
    this.log('ui', 'ui.workstation-leave', `${opts.machine} closed "${path}"`, { path, machine: opts.machine });
    this.#releaseLocksOf(path, opts.machine);
  }

  // ---------------------------------------------------------------- records open by other users

  /**
   * Another user opens a record (a vendor, a bill, ...) for editing: until released, an
   * application's write to it fails (3170 for a list element, 3175 for a transaction). The user
   * works at a workstation that shares the file in multi-user mode, or at this machine's UI.
   */
  lockRecord(opts: { path: string; id: string; machine: string; user?: string }): void {
    const path = this.#canonical(opts.path);
    if (!path || !this.#rt.companyPaths[pathKey(path)])
      throw new QbdSimError('QBDSIM_ERR_UNKNOWN_FILE', `no company file at "${opts.path}"`);
    let user: string | undefined;
    if (opts.machine.toLowerCase() === this.id.toLowerCase()) {
      if (!this.#rt.openFile || !samePath(this.#rt.openFile, path)) throw new UiRefusal(UI_MESSAGES.noCompanyOpen);
      user = this.#rt.loggedInUser ?? undefined;
    } else {
      const ws = this.workstations(path).find((w) => w.machine.toLowerCase() === opts.machine.toLowerCase());
      if (!ws)
        throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `${opts.machine} does not have "${path}" open (join it first)`);
      user = ws.user;
    }
    const locks = (this.#rt.recordLocks[pathKey(path)] ??= {});
    locks[opts.id] = { machine: opts.machine, user: opts.user ?? user ?? '' };
    this.log('ui', 'ui.lock-record', `${opts.machine} opened record ${opts.id} of "${path}" for editing`, {
      path,
      id: opts.id,
      machine: opts.machine,
    });
  }

  /** The other user saves or closes the record. */
  unlockRecord(opts: { path: string; id: string }): void {
    const path = this.#canonical(opts.path) ?? opts.path;
    const locks = this.#rt.recordLocks[pathKey(path)];
    if (!locks?.[opts.id])
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `record ${opts.id} of "${path}" is not open by another user`);
    delete locks[opts.id];
    this.log('ui', 'ui.unlock-record', `record ${opts.id} of "${path}" released`, { path, id: opts.id });
  }

  /**
   * Puts a named host condition in force or ends it (engine/host-conditions.ts): the state of the machine, QuickBooks
   * or the company file that gives one of the rarer HRESULTs. `text` is what QuickBooks passes through
   * (`quickbooks-message`, 0x80040421).
   */
  setCondition(name: HostConditionName, on: boolean, opts: { text?: string } = {}): void {
    const info = HOST_CONDITIONS[name];
    if (on) this.#rt.conditions[name] = { since: this.clock.now(), ...(opts.text ? { text: opts.text } : {}) };
    else delete this.#rt.conditions[name];
    this.log('control', 'host.condition', `${on ? 'now' : 'no longer'}: ${info.situation || name}`, {
      condition: name,
      on,
      hresult: info.hresult,
    });
  }

  /** A condition in force, if it is. */
  condition(name: HostConditionName): ActiveCondition | undefined {
    return this.#rt.conditions[name];
  }

  /** Who has a record open for editing, if anyone. */
  recordLock(path: string, id: string): RecordLock | undefined {
    return this.#rt.recordLocks[pathKey(path)]?.[id];
  }

  // ---------------------------------------------------------------- sessions (QBXMLRP2 side)

  /**
   * `BeginSession`: runs the gate (see gate-order.ts) and opens a session, or throws
   * {@link ComError}. May wait on a dialog (certificate, access prompt, login) until a person
   * answers it — there is no timeout, as in QuickBooks.
   */
  async beginSession(args: {
    app: AppRequest;
    qbFileName: string;
    reqFileMode: number;
    processorId: string;
  }): Promise<SessionInfo> {
    return runBeginSessionGate(this.#gateHost(), args);
  }

  /** `EndSession` for a ticket this host issued. */
  endSession(ticket: string): SessionInfo | undefined {
    const session = this.#sessions.get(ticket);
    if (!session) return undefined;
    this.#sessions.delete(ticket);
    if (this.fidelity.backgroundExitOn === 'EndSession') this.#maybeExitBackground(session.processorId);
    return session;
  }

  /** The open session of a ticket, if any. */
  session(ticket: string): SessionInfo | undefined {
    return this.#sessions.get(ticket);
  }

  /** Open sessions (for the control API and the processor). */
  sessions(): SessionInfo[] {
    return [...this.#sessions.values()];
  }

  /** A processor's connection closed: ends its sessions; a background instance it started may exit. */
  connectionClosed(processorId: string): void {
    for (const [ticket, s] of this.#sessions) if (s.processorId === processorId) this.#sessions.delete(ticket);
    this.#maybeExitBackground(processorId);
  }

  // ---------------------------------------------------------------- faults (engine/faults.ts)

  /**
   * QuickBooks stops working (a `qb-crash` fault): every session ends (its ticket answers 0x8004040D), a BeginSession
   * waiting on a dialog fails with 0x80040401, the open file, login and windows are gone, QuickBooks is not running.
   * Company data already committed stays (the store is durable).
   */
  crash(): void {
    this.#abandonWaiters();
    this.#sessions.clear();
    this.#initTimer?.cancel();
    this.#initTimer = null;
    const file = this.#rt.openFile;
    this.#closeFileState();
    this.#rt.dialogs = [];
    this.#rt.process = 'not-running';
    this.#rt.qbProcess = null;
    this.#rt.background = false;
    this.#rt.backgroundOwner = null;
    this.log('fault', 'host.crash', 'QuickBooks stopped working and closed', { file });
  }

  /** A modal window QuickBooks raises by itself (a `modal-dialog` fault), over the UI or a background instance. */
  raiseDialog(opts: { title: string; text?: string }): Dialog | undefined {
    if (this.#rt.process === 'not-running') return undefined;
    const dialog: Dialog = { id: this.ids.handle('dlg'), kind: 'generic', title: opts.title, text: opts.text ?? '' };
    this.#pushDialog(dialog);
    this.log('fault', 'host.raise-dialog', `dialog "${opts.title}" shown`, { id: dialog.id, title: opts.title });
    return dialog;
  }

  // ---------------------------------------------------------------- snapshot / restore / reset

  /** The whole host at this moment (runtime state and every company file). */
  snapshot(): HostSnapshot {
    return { hostId: this.id, at: this.clock.now(), runtime: structuredClone(this.#rt), files: this.store.snapshot() };
  }

  /**
   * Puts the host back as it was in `snap`. Open sessions end (their tickets become invalid) and
   * any BeginSession waiting on a dialog fails with 0x80040401 (QuickBooks went away under it).
   */
  restore(snap: HostSnapshot): void {
    if (snap.hostId !== this.id)
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `snapshot is of host "${snap.hostId}"`);
    this.#abandonWaiters();
    this.#sessions.clear();
    this.#initTimer?.cancel();
    this.#initTimer = null;
    this.store.restore(snap.files);
    this.#rt = structuredClone(snap.runtime);
    this.log('control', 'host.restore', 'host restored from a snapshot', { snapshotAt: snap.at });
  }

  /** Frees what a snapshot keeps outside memory (the file copies of big on-disk company files). */
  discardSnapshot(snap: HostSnapshot): void {
    this.store.discard(snap.files);
  }

  /** Remembers the current state as the one {@link reset} returns to. */
  setBaseline(): void {
    const before = this.#baseline;
    this.#baseline = this.snapshot();
    if (before) this.discardSnapshot(before);
  }

  /** Back to the baseline (the world the host was built with), or empty when none was set. */
  reset(): void {
    if (this.#baseline) {
      this.restore(this.#baseline);
    } else {
      this.#abandonWaiters();
      this.#sessions.clear();
      for (const p of this.store.paths()) this.store.delete(p);
      this.#rt = emptyRuntime();
    }
    this.log('control', 'host.reset', 'host reset');
  }

  /** Closes the company databases. */
  close(): void {
    this.#abandonWaiters();
    if (this.#baseline) this.discardSnapshot(this.#baseline); // a file snapshot of a big company leaves nothing behind
    this.#baseline = null;
    this.store.closeAll();
  }

  // ---------------------------------------------------------------- internals shared with the gate

  #gateHost(): GateHost {
    // A narrow view so the gate can read and change what it must without reaching everything.
    return {
      host: this,
      rt: this.#rt,
      sessions: this.#sessions,
      canonical: (p) => this.#canonical(p),
      isCompany: (p) => Boolean(this.#rt.companyPaths[pathKey(p)]),
      isOther: (p) => Boolean(this.#rt.otherFiles[pathKey(p)]),
      pushDialog: (d) => this.#pushDialog(d),
      waitForDialog: (d) => this.#waitForDialog(d),
      loginUser: (store, name) => store.getUser(name),
    };
  }

  #waitForDialog(dialog: Dialog): Promise<unknown> {
    this.#pushDialog(dialog);
    return new Promise((resolve, reject) => this.#waiters.set(dialog.id, { resolve, reject }));
  }

  #settle(dialogId: string, value: unknown): void {
    const waiter = this.#waiters.get(dialogId);
    if (!waiter) return;
    this.#waiters.delete(dialogId);
    waiter.resolve(value);
  }

  #abandonWaiters(): void {
    for (const [, w] of this.#waiters) w.reject(new ComError('0x80040401'));
    this.#waiters.clear();
  }

  #pushDialog(dialog: Dialog): void {
    this.#rt.dialogs.push(dialog);
  }

  #removeDialog(id: string): void {
    this.#rt.dialogs = this.#rt.dialogs.filter((d) => d.id !== id);
    // The gate holds a reference to the runtime object; keep it the same object.
  }

  #topDialog(): Dialog | undefined {
    return this.#rt.dialogs[this.#rt.dialogs.length - 1];
  }

  #canonical(path: string): string | undefined {
    const key = pathKey(path);
    return this.#rt.companyPaths[key] ?? this.#rt.otherFiles[key];
  }

  #companyStore(path: string): CompanyStore {
    const canonical = this.#canonical(path);
    if (!canonical || !this.#rt.companyPaths[pathKey(canonical)]) {
      throw new QbdSimError('QBDSIM_ERR_UNKNOWN_FILE', `no company file at "${path}" on ${this.id}`);
    }
    return this.store.get(canonical);
  }

  #requireRunningUi(): void {
    if (this.#rt.process === 'not-running') throw new UiRefusal(UI_MESSAGES.notRunning);
    if (this.#rt.background) throw new UiRefusal(UI_MESSAGES.backgroundRunning);
  }

  #requireOpenFile(): string {
    if (!this.#rt.openFile) throw new UiRefusal(UI_MESSAGES.noCompanyOpen);
    return this.#rt.openFile;
  }

  #refuseIfDialog(): void {
    const top = this.#topDialog();
    if (top) throw new UiRefusal(UI_MESSAGES.dialogInTheWay(top.title));
  }

  #refuseIfSessions(): void {
    if (!this.fidelity.uiBlockedBySessions || !this.#rt.openFile) return;
    const file = this.#rt.openFile;
    const apps = [...this.#sessions.values()].filter((s) => samePath(s.filePath, file)).map((s) => s.appName);
    if (apps.length) throw new UiRefusal(UI_MESSAGES.sessionsActive([...new Set(apps)]));
  }

  #requireAdminAtUi(): CompanyStore {
    this.#requireRunningUi();
    const path = this.#requireOpenFile();
    this.#refuseIfDialog();
    const store = this.#companyStore(path);
    const user = this.#rt.loggedInUser ? store.getUser(this.#rt.loggedInUser) : undefined;
    if (user?.role !== 'admin') throw new UiRefusal(UI_MESSAGES.notAdminUsers);
    return store;
  }

  /** Preferences open on top, Admin logged in, single-user mode — else the UI refuses. */
  #requireCompanyPrefsEditable(): CompanyStore {
    this.#requireRunningUi();
    const path = this.#requireOpenFile();
    const top = this.#topDialog();
    if (!top || top.kind !== 'preferences') {
      if (top) throw new UiRefusal(UI_MESSAGES.dialogInTheWay(top.title));
      throw new UiRefusal(UI_MESSAGES.preferencesNotOpen);
    }
    const store = this.#companyStore(path);
    const user = this.#rt.loggedInUser ? store.getUser(this.#rt.loggedInUser) : undefined;
    if (user?.role !== 'admin') throw new UiRefusal(UI_MESSAGES.notAdmin);
    if (this.#rt.openMode !== 'single-user') throw new UiRefusal(UI_MESSAGES.notSingleUser);
    return store;
  }

  /** Whether the UI on this machine may open `path` in `mode` now; returns the canonical path. */
  #checkOpenable(rawPath: string, mode: OpenMode): string {
    const path = this.#canonical(rawPath);
    if (!path) throw new UiRefusal(UI_MESSAGES.fileNotFound(rawPath));
    if (this.#rt.otherFiles[pathKey(path)]) throw new UiRefusal(UI_MESSAGES.notCompanyFile(path));
    const others = this.workstations(path);
    const holder = others.find((w) => w.mode === 'single-user');
    if (holder) throw new UiRefusal(UI_MESSAGES.fileInUseSingle(holder.machine));
    if (mode === 'single-user' && others.length)
      throw new UiRefusal(UI_MESSAGES.othersInMultiUser(others.map((w) => w.machine)));
    return path;
  }

  #completeLogin(dialog: Extract<Dialog, { kind: 'login' }>, userName: string, password: string): void {
    const store = this.#companyStore(dialog.file);
    const user = store.getUser(userName);
    if (!user || user.password !== password) {
      this.log('ui', 'ui.log-in-failed', `login to "${dialog.file}" as "${userName}" failed`, { user: userName });
      throw new UiRefusal(user ? UI_MESSAGES.badLogin : UI_MESSAGES.noSuchUser(userName));
    }
    const elsewhere = this.workstations(dialog.file).find((w) => w.user.toLowerCase() === user.name.toLowerCase());
    if (elsewhere) throw new UiRefusal(UI_MESSAGES.userLoggedInElsewhere(user.name, elsewhere.machine));
    this.#removeDialog(dialog.id);
    this.#rt.openFile = dialog.file;
    this.#rt.openMode = dialog.mode;
    this.#rt.loggedInUser = user.name;
    this.log('ui', 'ui.log-in', `logged in to "${dialog.file}" as ${user.name} (${dialog.mode})`, {
      path: dialog.file,
      user: user.name,
      mode: dialog.mode,
    });
    this.#settle(dialog.id, user.name);
  }

  /** A lock lives while its holder has the record open (facts §4.4): it ends when that machine closes the file. */
  #releaseLocksOf(path: string, machine: string): void {
    const locks = this.#rt.recordLocks[pathKey(path)];
    if (!locks) return;
    const released = Object.keys(locks).filter((id) => locks[id]!.machine.toLowerCase() === machine.toLowerCase());
    for (const id of released) delete locks[id];
    if (released.length) {
      this.log(
        'host',
        'host.locks-released',
        `${machine} no longer has "${path}" open: ${released.length} record lock(s) end`,
        {
          path,
          machine,
          ids: released,
        },
      );
    }
  }

  #closeFileState(): void {
    if (this.#rt.openFile) this.#releaseLocksOf(this.#rt.openFile, this.id);
    this.#rt.openFile = null;
    this.#rt.openMode = null;
    this.#rt.loggedInUser = null;
    this.#rt.dialogs = this.#rt.dialogs.filter((d) => d.kind === 'generic');
  }

  #maybeExitBackground(processorId: string): void {
    if (!this.#rt.background || this.#rt.backgroundOwner !== processorId) return;
    const file = this.#rt.openFile;
    if ([...this.#sessions.values()].some((s) => file && samePath(s.filePath, file))) return;
    this.#closeFileState();
    this.#rt.process = 'not-running';
    this.#rt.qbProcess = null;
    this.#rt.background = false;
    this.#rt.backgroundOwner = null;
    this.log('host', 'host.background-exit', 'the unattended QuickBooks instance logged out and exited', { file });
  }
}

/** What the BeginSession gate may touch inside a host. */
export interface GateHost {
  host: QbHost;
  rt: RuntimeStateView;
  sessions: Map<string, SessionInfo>;
  canonical(path: string): string | undefined;
  isCompany(path: string): boolean;
  isOther(path: string): boolean;
  pushDialog(dialog: Dialog): void;
  waitForDialog(dialog: Dialog): Promise<unknown>;
  loginUser(store: CompanyStore, name: string): UserRecord | undefined;
}

/** The mutable runtime fields the gate reads and, on success, sets. */
export type RuntimeStateView = Pick<
  RuntimeState,
  'process' | 'background' | 'backgroundOwner' | 'openFile' | 'openMode' | 'loggedInUser' | 'dialogs' | 'qbProcess'
>;

function emptyRuntime(): RuntimeState {
  return {
    process: 'not-running',
    background: false,
    backgroundOwner: null,
    openFile: null,
    openMode: null,
    loggedInUser: null,
    dialogs: [],
    qbProcess: null,
    conditions: {},
    otherFiles: {},
    companyPaths: {},
    workstations: {},
    recordLocks: {},
  };
}

function resolveProduct(product: string | ProductProfile | undefined): ProductProfile {
  if (product && typeof product === 'object') return product;
  const key = product ?? DEFAULT_PRODUCT_PROFILE;
  const found = PRODUCT_PROFILES[key];
  if (!found) {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      `unknown product profile "${key}"; known: ${Object.keys(PRODUCT_PROFILES).join(', ')}`,
    );
  }
  return found;
}

/** Zones already checked: building an Intl formatter costs about a millisecond. */
const knownTimeZones = new Set<string>();

function assertTimeZone(tz: string): void {
  if (knownTimeZones.has(tz)) return;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    knownTimeZones.add(tz);
  } catch {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      `unknown time zone "${tz}" (use an IANA name such as America/New_York)`,
    );
  }
}

export type { Hresult };
