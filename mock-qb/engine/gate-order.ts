/**
 * The checks `BeginSession` makes, in the order the simulator makes them. The real precedence is
 * not documented by Intuit (facts §8 item 1, §9 item 1); this order is the facts sheet's "BeginSession is the gate"
 * (running → file → modal → initialised → mode → authorized → auto-login → edition; the certificate's own checks
 * belong to "authorized") and is configurable per host (`QbHostOptions.gateOrder`). {@link EARLIER_GATE_ORDER} is the
 * order qbd-sim used before, kept for worlds that want it.
 *
 * | check | fails with |
 * |---|---|
 * | `connection` | 0x8004042A (AuthFlags on a remote connection) |
 * | `process` | 0x80040416 (not running, no path); when not running with a path QuickBooks must start unattended: 0x80040408 (file missing, renamed/moved, held single-user elsewhere), 0x80040406 (not a company file) |
 * | `company-open` | 0x80040417 (no file open, no path); 0x80040403 / 0x80040406 (path missing / not a company file); otherwise QuickBooks opens the file (auto-login, or a login window the user must complete; cancel → 0x80040403, or 0x8004042D with localQBDLaunchUI) |
 * | `same-file` | 0x8004040A |
 * | `modal-dialog` | 0x80040414 |
 * | `initializing` | 0x80040424 |
 * | `file-mode` | 0x80040410 |
 * | `single-user-shared` | 0x80040422 |
 * | `certificate` | 0x80040419 (invalid), 0x8004042C (revoked); expired: 0x8004041E unattended, else the expired-certificate notice (Deny → 0x80040420), unless "Allow Always" was chosen before or the company's notify switch is off |
 * | `authorization` | 0x8004041A (blocked, Allow Access off), 0x80040418 (first access without an Admin at the UI in single-user), the certificate dialog (No → 0x80040420), the access prompt (No → 0x80040420) |
 * | `auto-login` | when QuickBooks logs in for the app, or the session would join a background instance: 0x8004041D, 0x80040430/0x80040435 (stale), 0x80040437 (user elsewhere) |
 * | `edition` | 0x80040431–0x80040434 (AuthFlags), 0x80040436 (multi-user on Simple Start) |
 */
export const GATE_CHECKS = [
  'connection',
  'process',
  'company-open',
  'same-file',
  'modal-dialog',
  'initializing',
  'file-mode',
  'single-user-shared',
  'certificate',
  'authorization',
  'auto-login',
  'edition',
] as const;

export type GateCheck = (typeof GATE_CHECKS)[number];

/** The default order (the order of {@link GATE_CHECKS}). */
export const DEFAULT_GATE_ORDER: readonly GateCheck[] = GATE_CHECKS;

/** The order qbd-sim used before it followed facts §8.1 (`initializing` early, `edition` before `authorization`). */
export const EARLIER_GATE_ORDER: readonly GateCheck[] = [
  'connection',
  'process',
  'initializing',
  'company-open',
  'same-file',
  'modal-dialog',
  'file-mode',
  'single-user-shared',
  'certificate',
  'edition',
  'authorization',
  'auto-login',
];

/** Validates a user-supplied order: a permutation of {@link GATE_CHECKS}. */
export function parseGateOrder(order: readonly string[]): GateCheck[] {
  const known = new Set<string>(GATE_CHECKS);
  const seen = new Set<string>();
  for (const c of order) {
    if (!known.has(c)) throw new Error(`unknown BeginSession check "${c}"; known: ${GATE_CHECKS.join(', ')}`);
    if (seen.has(c)) throw new Error(`BeginSession check "${c}" appears twice`);
    seen.add(c);
  }
  const missing = GATE_CHECKS.filter((c) => !seen.has(c));
  if (missing.length) throw new Error(`the BeginSession order must name every check; missing: ${missing.join(', ')}`);
  return order as GateCheck[];
}
