import { ComError } from '../../src/protocol/com-error.js';
import type { Hresult } from '../../src/protocol/hresult.js';
import { AuthFlags, ConnectionType, DEFAULT_RP2_AUTH_FLAGS, QBFileMode } from '../../src/protocol/rp2-enums.js';
import type { AppGrantRecord, CertificateStatus } from '../store/company-records.js';
import type { CompanyStore } from '../store/company-store.js';
import type { GateCheck } from './gate-order.js';
import { allowExpiredCert, isExpiredCertAllowed } from './expired-cert-allowance.js';
import { HOST_CONDITIONS, type HostConditionName, type HostConditionStage } from './host-conditions.js';
import type { AppRequest, Dialog, ExpiredCertificateAnswer, OpenMode, SessionInfo } from './host-types.js';
import type { CertificateAnswer, GateHost } from './qb-host.js';
import { samePath } from './windows-path.js';

/** What QuickBooks will look like to the app if the session opens (the gate reads this, not the UI). */
interface View {
  openFile: string | null;
  openMode: OpenMode | null;
  user: string | null;
  /** No person at a QuickBooks UI (background instance, or one QuickBooks is about to start). */
  unattended: boolean;
}

interface GateContext {
  g: GateHost;
  app: AppRequest;
  qbFileName: string;
  reqFileMode: number;
  processorId: string;
  /** QuickBooks is not running: it must start in the background and log in as the app's login-as user. */
  mustStart: boolean;
  /**
   * QuickBooks (running, no file open) opens the file and logs in automatically for the app — only with the
   * `autoLoginWithUiRunning: 'auto-login'` option; by default the Login window waits for a person (facts §1.4).
   */
  autoOpen: boolean;
  /** The session would join a background instance another application's connection started (facts §3.2, §8.4). */
  joinsBackground: boolean;
  /** The app was authorized by a person in this very call (no access prompt again). */
  justAuthorized: boolean;
  prefsObeyed: boolean;
  view: View;
  grant: AppGrantRecord | undefined;
}

type Check = (ctx: GateContext) => void | Promise<void>;

const fail = (code: Hresult): never => {
  throw new ComError(code);
};

/**
 * Decides a `BeginSession`: runs the checks in the host's order, waits on dialogs where a person
 * must answer, and on success opens the session (starting the background instance or opening the
 * file when QuickBooks has to). Throws {@link ComError} with the first failing check's HRESULT.
 */
export async function runBeginSessionGate(
  g: GateHost,
  args: { app: AppRequest; qbFileName: string; reqFileMode: number; processorId: string },
): Promise<SessionInfo> {
  const { host } = g;
  const ctx: GateContext = {
    g,
    ...args,
    mustStart: false,
    autoOpen: false,
    joinsBackground: g.rt.process === 'running' && g.rt.background,
    justAuthorized: false,
    prefsObeyed: true,
    view: {
      openFile: g.rt.openFile,
      openMode: g.rt.openMode,
      user: g.rt.loggedInUser,
      unattended: g.rt.background,
    },
    grant: undefined,
  };
  const summary = `BeginSession("${args.qbFileName}", ${modeName(args.reqFileMode)}) by "${args.app.appName}"`;
  try {
    if (![0, 1, 2].includes(args.reqFileMode)) fail('0x80040425');
    for (const name of host.gateOrder) {
      // Only await when a check really waits: a chain of sync checks must not yield to other requests.
      const pending = CHECKS[name](ctx);
      if (pending) await pending;
    }
    const session = commit(ctx);
    host.log('app', 'rp2.BeginSession', `${summary} → ticket`, {
      appName: args.app.appName,
      qbFileName: args.qbFileName,
      reqFileMode: args.reqFileMode,
      file: session.filePath,
      mode: session.mode,
      user: session.user,
      isAutomaticLogin: session.isAutomaticLogin,
      processorId: args.processorId,
    });
    return session;
  } catch (error) {
    if (error instanceof ComError) {
      host.log('app', 'rp2.BeginSession', `${summary} → ${error.hresult}`, {
        appName: args.app.appName,
        qbFileName: args.qbFileName,
        reqFileMode: args.reqFileMode,
        hresult: error.hresult,
        message: error.message,
        processorId: args.processorId,
      });
    }
    throw error;
  }
}

const CHECKS: Record<GateCheck, Check> = {
  connection(ctx) {
    if (ctx.app.connType === ConnectionType.remoteQBD && ctx.app.authFlags !== null) fail('0x8004042A');
  },

  process(ctx) {
    failOnConditions(ctx, 'install');
    const { rt } = ctx.g;
    const { fidelity } = ctx.g.host;
    const caller = ctx.app.caller;
    if (rt.process !== 'not-running') {
      // The SDK reaches a running QuickBooks only from the same Windows user, session and elevation (facts §2.4,
      // §11.2): otherwise it tries to start another QuickBooks, which cannot start.
      const qb = rt.qbProcess;
      if (!qb) return;
      if (caller.windowsUser.toLowerCase() !== qb.windowsUser.toLowerCase()) fail(fidelity.otherWindowsUser);
      if (caller.windowsSession !== qb.windowsSession) fail(fidelity.otherWindowsSession);
      if (caller.elevated !== qb.elevated) fail(fidelity.elevationMismatch);
      return;
    }
    if (!ctx.qbFileName) fail('0x80040416');
    // An unattended start needs the caller's interactive Windows session (facts §1.4, §11.2): not session 0.
    if (caller.runAs !== 'interactive' || caller.windowsSession === 0) fail(fidelity.noInteractiveSession);
    if (ctx.app.connType === ConnectionType.localQBDLaunchUI) {
      // QuickBooks starts with its UI; company-open then shows the login window to a person.
      rt.process = 'running';
      rt.background = false;
      ctx.view.unattended = false;
      ctx.g.host.log('host', 'host.launch-ui', 'QuickBooks started with its UI for an application (localQBDLaunchUI)');
      return;
    }
    const path = ctx.g.canonical(ctx.qbFileName);
    if (!path) fail('0x80040408');
    if (ctx.g.isOther(path!)) fail(ctx.g.host.fidelity.notCompanyFileUnattended);
    const others = ctx.g.host.workstations(path!);
    if (others.some((w) => w.mode === 'single-user')) fail('0x80040408');
    ctx.mustStart = true;
    ctx.view = {
      openFile: path!,
      // qbFileOpenDoNotCare opens single-user when QuickBooks has to open the file — unless others share it.
      openMode: ctx.reqFileMode === QBFileMode.qbFileOpenMultiUser || others.length ? 'multi-user' : 'single-user',
      user: null,
      unattended: true,
    };
  },

  initializing(ctx) {
    if (ctx.g.rt.process === 'initializing') fail('0x80040424');
  },

  async 'company-open'(ctx) {
    const { rt, host } = ctx.g;
    if (ctx.mustStart || rt.openFile || rt.process !== 'running') return;
    if (!ctx.qbFileName) fail('0x80040417');
    const path = ctx.g.canonical(ctx.qbFileName);
    if (!path) fail(host.fidelity.missingPathWhileRunning);
    if (ctx.g.isOther(path!)) fail(host.fidelity.notCompanyFileWhileRunning);
    const others = host.workstations(path!);
    if (others.some((w) => w.mode === 'single-user')) fail('0x80040403');
    const mode: OpenMode =
      ctx.reqFileMode === QBFileMode.qbFileOpenMultiUser || others.length ? 'multi-user' : 'single-user';
    const grant = findGrant(ctx, host.companyStore(path!));
    if (host.fidelity.autoLoginWithUiRunning === 'auto-login' && grant?.autoLogin && grant.allowAccess) {
      // QuickBooks opens the file and logs in as the login-as user; auto-login validates the grant.
      ctx.autoOpen = true;
      ctx.view = { openFile: path!, openMode: mode, user: grant.loginAs, unattended: false };
      return;
    }
    if (rt.dialogs.length) fail('0x80040414');
    // A person must log in to the file QuickBooks is opening for the app.
    const dialog: Dialog = {
      id: host.ids.handle('dlg'),
      kind: 'login',
      title: 'QuickBooks Login',
      file: path!,
      mode,
      forApp: ctx.app.appName,
    };
    host.log('host', 'host.login-window', `QuickBooks opens "${path}" for "${ctx.app.appName}" and waits for a login`, {
      path,
      appName: ctx.app.appName,
    });
    const user = await ctx.g.waitForDialog(dialog);
    if (user === null) fail(ctx.app.connType === ConnectionType.localQBDLaunchUI ? '0x8004042D' : '0x80040403');
    ctx.view = { openFile: rt.openFile, openMode: rt.openMode, user: rt.loggedInUser, unattended: false };
  },

  'same-file'(ctx) {
    const open = ctx.view.openFile;
    if (open && ctx.qbFileName && !samePath(open, ctx.qbFileName)) {
      // A path that names the open file through another spelling is still the same file.
      const canonical = ctx.g.canonical(ctx.qbFileName);
      if (!canonical || !samePath(open, canonical)) fail('0x8004040A');
    }
    if (open) failOnConditions(ctx, 'file');
  },

  'modal-dialog'(ctx) {
    if (ctx.mustStart) return;
    if (ctx.g.rt.dialogs.length) fail('0x80040414');
  },

  'file-mode'(ctx) {
    const mode = ctx.view.openMode;
    if (ctx.reqFileMode === QBFileMode.qbFileOpenSingleUser && mode === 'multi-user') fail('0x80040410');
    if (ctx.reqFileMode === QBFileMode.qbFileOpenMultiUser && mode === 'single-user') fail('0x80040410');
  },

  'single-user-shared'(ctx) {
    if (ctx.reqFileMode !== QBFileMode.qbFileOpenSingleUser || !ctx.view.openFile) return;
    const file = ctx.view.openFile;
    for (const s of ctx.g.sessions.values()) {
      if (s.processorId !== ctx.processorId && samePath(s.filePath, file)) fail('0x80040422');
    }
  },

  async certificate(ctx) {
    const status = effectiveCertStatus(ctx);
    if (status === 'invalid') fail('0x80040419');
    if (status === 'revoked') fail('0x8004042C');
    if (status !== 'expired' || !ctx.view.openFile) return;
    const { host, rt } = ctx.g;
    const store = host.companyStore(ctx.view.openFile);
    const notify = store.getAppPrefs().notifyExpiredCert;
    const subject = ctx.app.caller.certificate.subject;
    // "Notify the user before running any application whose certificate has expired" off: nobody is asked.
    if (!notify && host.fidelity.expiredCertNoticeOff === 'allow') return;
    if (notify && isExpiredCertAllowed(store, ctx.app.appName, subject)) return;
    if (ctx.mustStart || ctx.autoOpen || ctx.view.unattended) fail('0x8004041E');
    if (!notify) return;
    // An app QuickBooks is about to ask about shows its certificate's status in the Application Certificate dialog.
    const grant = findGrant(ctx, store);
    if (!grant || !grant.allowAccess || forcedDialog(ctx) || needsReauthorization(ctx, grant)) return;
    if (rt.dialogs.length) fail('0x80040414');
    const answer = (await ctx.g.waitForDialog({
      id: host.ids.handle('dlg'),
      kind: 'expired-certificate',
      title: 'QuickBooks - Expired Certificate',
      appName: grant.appName,
      certificate: { ...ctx.app.caller.certificate },
      text: `The certificate of the application "${grant.appName}" has expired. Allow it to access this company file?`,
    })) as ExpiredCertificateAnswer;
    if (answer === 'deny') fail('0x80040420');
    if (answer === 'allow-always') {
      allowExpiredCert(store, ctx.app.appName, subject, new Date(host.clock.now()).toISOString());
    }
  },

  edition(ctx) {
    const { edition } = ctx.g.host.product;
    const flags = ctx.app.authFlags ?? DEFAULT_RP2_AUTH_FLAGS;
    const bit = AuthFlags[edition];
    if ((flags & bit) === 0) {
      fail(
        ({ SimpleStart: '0x80040431', Pro: '0x80040432', Premier: '0x80040433', Enterprise: '0x80040434' } as const)[
          edition
        ],
      );
    }
    if (edition === 'SimpleStart' && ctx.reqFileMode === QBFileMode.qbFileOpenMultiUser) fail('0x80040436');
  },

  async authorization(ctx) {
    const { host } = ctx.g;
    const file = ctx.view.openFile;
    if (!file) return;
    failOnConditions(ctx, 'authorization');
    const store = host.companyStore(file);
    if (store.getAppPrefs().blockAllApps) fail('0x8004041A');
    const grant = findGrant(ctx, store);
    // The Admin's "No" (Allow Access off) holds whatever the app presents next: no new certificate, changed
    // preferences or forced dialog asks again (facts §3.3).
    if (grant && !grant.allowAccess) fail('0x8004041A');
    if (!grant || forcedDialog(ctx) || needsReauthorization(ctx, grant)) {
      await authorizeByPerson(ctx, store, grant);
      return;
    }
    ctx.grant = grant;
    if (grant.promptEachTime) {
      if (ctx.mustStart || ctx.autoOpen) return; // auto-login decides (a prompt-each-time grant has no auto-login)
      if (ctx.view.unattended) fail('0x8004041A');
      if (ctx.g.rt.dialogs.length) fail('0x80040414');
      const allowed = await ctx.g.waitForDialog({
        id: host.ids.handle('dlg'),
        kind: 'access-prompt',
        title: 'QuickBooks - Application Access',
        appName: grant.appName,
        text: `The application "${grant.appName}" is requesting access to this company file. Allow access?`,
      });
      if (!allowed) fail('0x80040420');
    }
  },

  'auto-login'(ctx) {
    if (!ctx.mustStart && !ctx.autoOpen && !ctx.joinsBackground) return;
    const { host } = ctx.g;
    const file = ctx.view.openFile!;
    const store = host.companyStore(file);
    const grant = ctx.grant ?? findGrant(ctx, store);
    if (!grant) fail(host.fidelity.unattendedUnknownApp);
    if (!grant!.allowAccess) fail('0x8004041A');
    // Unattended access needs the app's own "Yes, always" grant, also inside an instance another app started.
    if (!grant!.autoLogin || !grant!.loginAs)
      fail(ctx.joinsBackground ? host.fidelity.foreignBackgroundInstance : '0x8004041D');
    const user = store.getUser(grant!.loginAs!);
    const stale =
      !user ||
      grant!.loginAsCredentialVersion !== user.credentialVersion ||
      (grant!.loginAsFilePath !== null && !samePath(grant!.loginAsFilePath, file));
    if (stale) fail(host.fidelity.staleAutoLogin);
    // A configuration change since the grant (QuickBooks upgraded): the Admin must grant auto-login again.
    const upgraded = host.condition('quickbooks-upgraded');
    if (upgraded && Date.parse(grant!.grantedAt) < upgraded.since) fail('0x80040435');
    ctx.grant = grant;
    // A shared background instance stays logged in as the user it started with.
    if (ctx.joinsBackground) return;
    if (host.workstations(file).some((w) => w.user.toLowerCase() === user!.name.toLowerCase())) {
      fail(host.fidelity.loginAsElsewhere);
    }
    ctx.view.user = user!.name;
  },
};

/** Fails with the HRESULT of the first named host condition in force at this stage of BeginSession. */
function failOnConditions(ctx: GateContext, stage: HostConditionStage): void {
  const { host } = ctx.g;
  for (const [name, info] of Object.entries(HOST_CONDITIONS) as [
    HostConditionName,
    (typeof HOST_CONDITIONS)[HostConditionName],
  ][]) {
    if (info.at !== 'BeginSession' || info.stage !== stage || name === 'quickbooks-upgraded') continue;
    const active = host.condition(name);
    if (!active) continue;
    throw new ComError(info.hresult, active.text);
  }
}

/** The grant QuickBooks would use for this app (by name; identity checks happen in needsReauthorization). */
function findGrant(ctx: GateContext, store: CompanyStore): AppGrantRecord | undefined {
  return store.getApp(ctx.app.appName);
}

/** AuthFlags 0x80000000: the app asks for the certificate dialog whatever is stored. */
function forcedDialog(ctx: GateContext): boolean {
  return ((ctx.app.authFlags ?? 0) & AuthFlags.ForceAuthDialog) !== 0;
}

/** A stored grant no longer matches what the app presents: QuickBooks asks again (facts §3.2). */
function needsReauthorization(ctx: GateContext, grant: AppGrantRecord): boolean {
  const { requested } = ctx.app;
  if (
    grant.requested.isReadOnly !== requested.isReadOnly ||
    grant.requested.unattendedModePref !== requested.unattendedModePref ||
    grant.requested.personalDataPref !== requested.personalDataPref
  ) {
    return true;
  }
  return (
    ctx.g.host.fidelity.appIdentity === 'appName+certificate' &&
    grant.certificateSubject !== ctx.app.caller.certificate.subject
  );
}

function effectiveCertStatus(ctx: GateContext): CertificateStatus {
  const cert = ctx.app.caller.certificate;
  if (cert.status === 'valid' && cert.expires && Date.parse(cert.expires) < ctx.g.host.clock.now()) return 'expired';
  return cert.status;
}

/** First access (or access after Remove / a changed identity): the certificate dialog, or 0x80040418. */
async function authorizeByPerson(
  ctx: GateContext,
  store: CompanyStore,
  previous: AppGrantRecord | undefined,
): Promise<void> {
  const { host, rt } = ctx.g;
  if (ctx.mustStart) fail(previous ? '0x80040418' : host.fidelity.unattendedUnknownApp);
  const user = ctx.view.user ? store.getUser(ctx.view.user) : undefined;
  const adminAtUi = !ctx.view.unattended && !ctx.autoOpen && user?.role === 'admin';
  if (!adminAtUi) fail('0x80040418');
  if (ctx.view.openMode !== 'single-user') fail(host.fidelity.firstAccessMultiUser);
  if (rt.dialogs.length) fail('0x80040414');
  const users = store.listUsers().map((u) => u.name);
  const readOnly = ctx.app.requested.isReadOnly;
  const dialog: Dialog = {
    id: host.ids.handle('dlg'),
    kind: 'certificate',
    title: 'QuickBooks - Application Certificate',
    stage: 'choose',
    appName: ctx.app.appName,
    appId: ctx.app.appId,
    certificate: { ...ctx.app.caller.certificate },
    requested: { ...ctx.app.requested },
    question: `Do you want to allow this application to ${readOnly ? 'read' : 'read and modify'} this company file?`,
    loginAsChoices: users,
    personalDataOffered: ctx.app.requested.personalDataPref !== 'pdpNotNeeded',
  };
  host.log('host', 'host.certificate-dialog', `Application Certificate dialog shown for "${ctx.app.appName}"`, {
    appName: ctx.app.appName,
    dialogId: dialog.id,
  });
  const answer = (await ctx.g.waitForDialog(dialog)) as CertificateAnswer;
  const now = new Date(host.clock.now()).toISOString();
  const cert = ctx.app.caller.certificate;
  const base: AppGrantRecord = {
    appName: ctx.app.appName,
    appId: ctx.app.appId,
    allowAccess: false,
    promptEachTime: false,
    autoLogin: false,
    loginAs: null,
    loginAsCredentialVersion: null,
    loginAsFilePath: null,
    personalData: false,
    requested: { ...ctx.app.requested },
    certificateSubject: cert.subject,
    certificateStatus: cert.status,
    certificateExpires: cert.expires,
    grantedAt: now,
  };
  if (answer.choice === 'no') {
    const dismissed = (answer as { dismissed?: boolean }).dismissed === true;
    if (host.fidelity.deniedAppStaysListed && !dismissed) store.putApp(base);
    fail('0x80040420');
  }
  const loginUser = answer.loginAs ? store.getUser(answer.loginAs) : undefined;
  const grant: AppGrantRecord = {
    ...base,
    allowAccess: true,
    promptEachTime: answer.choice === 'prompt-each-time',
    autoLogin: answer.choice === 'always',
    loginAs: answer.choice === 'always' ? (loginUser?.name ?? null) : null,
    loginAsCredentialVersion: answer.choice === 'always' ? (loginUser?.credentialVersion ?? null) : null,
    loginAsFilePath: answer.choice === 'always' ? ctx.view.openFile : null,
    personalData: answer.personalData,
  };
  store.putApp(grant);
  host.log('host', 'host.app-authorized', `"${grant.appName}" authorized (${answer.choice})`, {
    appName: grant.appName,
    choice: answer.choice,
    loginAs: grant.loginAs,
    personalData: grant.personalData,
  });
  ctx.grant = grant;
  ctx.justAuthorized = true;
}

/** All checks passed: start the background instance or open the file if needed, and open the session. */
function commit(ctx: GateContext): SessionInfo {
  const { host, rt, sessions } = ctx.g;
  const v = ctx.view;
  if (ctx.mustStart) {
    rt.process = 'running';
    rt.background = true;
    rt.backgroundOwner = ctx.processorId;
    // The background instance runs as the program that started it.
    rt.qbProcess = {
      windowsUser: ctx.app.caller.windowsUser,
      windowsSession: ctx.app.caller.windowsSession,
      elevated: ctx.app.caller.elevated,
    };
    rt.openFile = v.openFile;
    rt.openMode = v.openMode;
    rt.loggedInUser = v.user;
    host.log(
      'host',
      'host.background-start',
      `QuickBooks started unattended, "${v.openFile}" open as ${v.user} (${v.openMode})`,
      {
        file: v.openFile,
        user: v.user,
        mode: v.openMode,
      },
    );
  } else if (ctx.autoOpen) {
    rt.openFile = v.openFile;
    rt.openMode = v.openMode;
    rt.loggedInUser = v.user;
    host.log(
      'host',
      'host.auto-open',
      `QuickBooks opened "${v.openFile}" for the application, logged in as ${v.user}`,
      {
        file: v.openFile,
        user: v.user,
        mode: v.openMode,
      },
    );
  }
  const grant = ctx.grant;
  const req = ctx.app.requested;
  const prefsObeyed =
    !grant ||
    !(
      (req.unattendedModePref === 'umpRequired' && !grant.autoLogin) ||
      (req.personalDataPref === 'pdpRequired' && !grant.personalData)
    );
  const session: SessionInfo = {
    ticket: host.ids.guid(),
    processorId: ctx.processorId,
    appName: ctx.app.appName,
    filePath: rt.openFile!,
    mode: rt.openMode!,
    user: rt.loggedInUser ?? '',
    isAutomaticLogin: ctx.mustStart || ctx.autoOpen || ctx.joinsBackground,
    prefsObeyed,
    startedAt: host.clock.now(),
  };
  sessions.set(session.ticket, session);
  return session;
}

function modeName(mode: number): string {
  return (['qbFileOpenSingleUser', 'qbFileOpenMultiUser', 'qbFileOpenDoNotCare'] as const)[mode] ?? String(mode);
}
