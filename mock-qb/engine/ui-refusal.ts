/**
 * A refusal the QuickBooks UI itself would give (not the Admin, not single-user, a dialog in the
 * way). Simulated behaviour, not a simulator error: the control API answers HTTP 409
 * `{ refused: true, message }`.
 */
export class UiRefusal extends Error {
  override readonly name = 'UiRefusal';
  readonly refused = true as const;
  constructor(message: string) {
    super(message);
  }
  toJSON(): { refused: true; message: string } {
    return { refused: true, message: this.message };
  }
}

/** True for a {@link UiRefusal}, also across module copies. */
export function isUiRefusal(error: unknown): error is UiRefusal {
  return error instanceof Error && error.name === 'UiRefusal';
}

/**
 * What QuickBooks says when it refuses. Intuit's exact UI wording is not in the facts sheet
 * (UNCONFIRMED); these follow its help pages and field reports, and live in one table.
 */
export const UI_MESSAGES = {
  notRunning: 'QuickBooks is not running.',
  alreadyRunning: 'QuickBooks is already running.',
  backgroundRunning:
    'QuickBooks is running in the background for an integrated application (unattended mode). Wait until the application finishes.',
  noCompanyOpen: 'No QuickBooks company file is open.',
  dialogInTheWay: (title: string) => `Close the "${title}" window first.`,
  noSuchDialog: 'That window is not showing.',
  fileNotFound: (path: string) =>
    `QuickBooks could not find the company file "${path}". Check the file name and location.`,
  notCompanyFile: (path: string) => `"${path}" is not a QuickBooks company file.`,
  fileInUseSingle: (machine: string) =>
    `The company file is in use by another user on ${machine} in single-user mode. Wait until it is closed, or ask that user to switch to multi-user mode. (-6000, -816)`,
  othersInMultiUser: (machines: string[]) =>
    `Other users have the company file open in multi-user mode (${machines.join(', ')}). They must close it before it can be used in single-user mode. (-6073, -99001)`,
  badLogin: 'The password you entered is not correct for this user name. Try again.',
  noSuchUser: (user: string) => `There is no user named "${user}" in this company file.`,
  userLoggedInElsewhere: (user: string, machine: string) =>
    `The user "${user}" is already logged in to this company file on ${machine}.`,
  notAdmin: 'Only the QuickBooks Administrator can change company preferences.',
  notAdminUsers: 'Only the QuickBooks Administrator can set up users and passwords.',
  notSingleUser:
    'You must be in single-user mode to change company preferences. Choose File > Switch to Single-user Mode, then try again.',
  preferencesNotOpen: 'The Preferences window (Integrated Applications, Company Preferences) is not open.',
  promptAndAutoLogin:
    'An application cannot both prompt before allowing access and log in automatically. Choose one of them.',
  loginAsRequired: 'Choose the user this application logs in as.',
  sessionsActive: (apps: string[]) =>
    `An integrated application is currently accessing this company file (${apps.join(', ')}). Close the application before you continue.`,
  alreadyInMode: (mode: string) => `The company file is already open in ${mode} mode.`,
  adminCannotBeRemoved: 'The Admin user cannot be deleted.',
  fileOpen: (path: string) => `"${path}" is open. Close it in QuickBooks first.`,
  notInLogin: 'The QuickBooks Login window is not showing.',
  noCertificateDialog: 'The Application Certificate window is not showing.',
  certificateStage: (stage: string) =>
    stage === 'confirm'
      ? 'The Access Confirmation window is showing: click Done.'
      : 'Choose an option in the Application Certificate window and click Continue first.',
  noAccessPrompt: 'No application is asking for access.',
  noExpiredCertificateNotice: 'No expired-certificate notice is showing.',
  workstationConflict: (path: string) => `The company file "${path}" cannot be opened from that workstation now.`,
} as const;
