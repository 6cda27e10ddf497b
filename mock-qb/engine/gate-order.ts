/**
 * The checks `BeginSession` makes, in the order the simulator makes them. The real precedence is
 * not documented by Intuit (facts §8 item 1, §9 item 1); this order follows the facts sheet's
 * "BeginSession is the gate" and is configurable per host (`QbHostOptions.gateOrder`).
 *
 * | check | fails with |
 * |---|---|
 * | `connection` | 0x8004042A (AuthFlags on a remote connection) |
 * | `process` | 0x80040416 (not running, no path); when not running with a path QuickBooks must start unattended: 0x80040408 (file missing, renamed/moved, held single-user elsewhere), 0x80040406 (not a company file) |
 * | `initializing` | 0x80040424 |
 * | `company-open` | 0x80040417 (no file open, no path); 0x80040403 / 0x80040406 (path missing / not a company file); otherwise QuickBooks opens the file (auto-login, or a login window the user must complete; cancel → 0x80040403, or 0x8004042D with localQBDLaunchUI) |
 * | `same-file` | 0x8004040A |
 * | `modal-dialog` | 0x80040414 |
 * | `file-mode` | 0x80040410 |
 * | `single-user-shared` | 0x80040422 |
 * | `certificate` | 0x80040419 (invalid), 0x8004042C (revoked), 0x8004041E (expired and unattended) |
 * | `edition` | 0x80040431–0x80040434 (AuthFlags), 0x80040436 (multi-user on Simple Start) |
 * | `authorization` | 0x8004041A (blocked, Allow Access off), 0x80040418 (first access without an Admin at the UI in single-user), the certificate dialog (No → 0x80040420), the access prompt (No → 0x80040420) |
 * | `auto-login` | only when QuickBooks logs in for the app: 0x8004041D, 0x80040430/0x80040435 (stale), 0x80040437 (user elsewhere) |
 */
export const GATE_CHECKS = [
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
] as const;

export type GateCheck = (typeof GATE_CHECKS)[number];

/** The default order (the order of {@link GATE_CHECKS}). */
export const DEFAULT_GATE_ORDER: readonly GateCheck[] = GATE_CHECKS;

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
