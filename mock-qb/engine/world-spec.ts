import { HOST_CONDITIONS, type HostConditionName } from './host-conditions.js';
import { z } from 'zod';
import { DEFAULT_CLOCK_START } from '../../src/protocol/qb-datetime.js';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { ManualClock, SystemClock } from './clock.js';
import { GATE_CHECKS } from './gate-order.js';
import { Journal } from './journal.js';
import { PRODUCT_PROFILES } from './product-profile.js';
import { QbWorld } from './qb-world.js';

const hresult = z.string().regex(/^0x8004[0-9A-Fa-f]{4}$/, 'an HRESULT such as 0x80040418');

const userSpec = z.object({
  name: z.string().min(1).max(31),
  password: z.string().default(''),
  role: z.enum(['admin', 'all-areas', 'selected-areas', 'external-accountant']).optional(),
});

const hostSpec = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[^\\/:*?"<>|\s]+$/, 'a Windows machine name (no spaces or \\/:*?"<>|)'),
  product: z.enum(Object.keys(PRODUCT_PROFILES) as [string, ...string[]]).optional(),
  timeZone: z.string().optional(),
  windowsUser: z.string().optional(),
  companyFiles: z
    .array(
      z.object({
        path: z.string().min(3),
        companyName: z.string().min(1).max(59),
        users: z.array(userSpec).optional(),
        /** A company database file to start from (e.g. from `qbd-sim company generate`), relative to the cwd. */
        fromFile: z.string().min(1).optional(),
      }),
    )
    .default([]),
  otherFiles: z.array(z.string()).default([]),
  /** The UI at start: QuickBooks running, and optionally a file open in a mode with a user logged in. */
  ui: z
    .object({
      running: z.boolean().default(true),
      /** QuickBooks was started with "Run as administrator". */
      elevated: z.boolean().optional(),
      open: z
        .object({
          path: z.string(),
          mode: z.enum(['single-user', 'multi-user']),
          user: z.string().default('Admin'),
          password: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  gateOrder: z.array(z.enum(GATE_CHECKS)).optional(),
  /** Named host conditions in force at start (engine/host-conditions.ts): a name, or `{ name, text }`. */
  conditions: z
    .array(
      z.union([
        z.enum(Object.keys(HOST_CONDITIONS) as [HostConditionName, ...HostConditionName[]]),
        z.object({
          name: z.enum(Object.keys(HOST_CONDITIONS) as [HostConditionName, ...HostConditionName[]]),
          text: z.string().optional(),
        }),
      ]),
    )
    .optional(),
  /** The QuickBooks SDK on this machine (default: installed, its DLL present). */
  sdk: z
    .object({
      installed: z.boolean(),
      rp2Dll: z.enum(['present', 'missing', 'wrong-architecture']),
    })
    .partial()
    .strict()
    .optional(),
  /** What a caller is when its CoCreateInstance does not say (default: 32-bit, interactive, session 1, not elevated). */
  callerDefaults: z
    .object({
      bitness: z.union([z.literal(32), z.literal(64)]),
      runAs: z.enum(['interactive', 'service', 'system']),
      windowsSession: z.number().int().min(0),
      elevated: z.boolean(),
    })
    .partial()
    .strict()
    .optional(),
  fidelity: z
    .object({
      firstAccessMultiUser: hresult,
      staleAutoLogin: hresult,
      loginAsElsewhere: hresult,
      missingPathWhileRunning: hresult,
      notCompanyFileWhileRunning: hresult,
      notCompanyFileUnattended: hresult,
      unattendedUnknownApp: hresult,
      deniedAppStaysListed: z.boolean(),
      uiBlockedBySessions: z.boolean(),
      backgroundExitOn: z.enum(['CloseConnection', 'EndSession']),
      appIdentity: z.enum(['appName', 'appName+certificate']),
      foreignBackgroundInstance: hresult,
      autoLoginWithUiRunning: z.enum(['login-window', 'auto-login']),
      expiredCertNoticeOff: z.enum(['allow', 'refuse-unattended']),
      iteratorIdleMs: z.number().int().min(1),
      otherWindowsUser: hresult,
      otherWindowsSession: hresult,
      elevationMismatch: hresult,
      noInteractiveSession: hresult,
    })
    .partial()
    .optional(),
});

/** A world described as data: hosts, their company files and users, and the UI state at start. */
export const worldSpecSchema = z.object({
  /** Seed for every id; omitted → cryptographically random ids. */
  seed: z.union([z.string(), z.number()]).optional(),
  /** `system` (real time, default) or `manual` (virtual time that moves only when told). */
  clock: z.enum(['system', 'manual']).default('system'),
  /** Start of a manual clock (ISO). */
  clockStart: z.string().optional(),
  journalCapacity: z.number().int().min(10).optional(),
  hosts: z.array(hostSpec).min(1),
});

export type WorldSpec = z.input<typeof worldSpecSchema>;

/** Where the default sample company lives: a realistic QuickBooks 2014 path. */
export const SAMPLE_COMPANY_PATH = 'C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW';

/**
 * The embedded default world: one machine `OFFICE-PC` running QuickBooks Pro 2014 with the
 * "Acme Supplies" company open in multi-user mode, Admin logged in; users Admin and Bookkeeper.
 */
export const SAMPLE_WORLD_SPEC: WorldSpec = {
  hosts: [
    {
      id: 'OFFICE-PC',
      product: 'pro-2014',
      timeZone: 'America/New_York',
      companyFiles: [
        {
          path: SAMPLE_COMPANY_PATH,
          companyName: 'Acme Supplies',
          users: [
            { name: 'Admin', password: 'admin', role: 'admin' },
            { name: 'Bookkeeper', password: 'books', role: 'all-areas' },
          ],
        },
      ],
      ui: { running: true, open: { path: SAMPLE_COMPANY_PATH, mode: 'multi-user', user: 'Admin', password: 'admin' } },
    },
  ],
};

/** Options that are not part of the world itself. */
export interface BuildWorldOptions {
  dataDir?: string;
  /** Overrides the spec's seed. */
  seed?: string | number;
}

/** Validates a world spec and builds it; errors name the field that is wrong. */
export function buildWorld(input: unknown, opts: BuildWorldOptions = {}): QbWorld {
  const parsed = worldSpecSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `invalid world: ${issues}`);
  }
  const spec = parsed.data;
  const seed = opts.seed ?? spec.seed;
  const world = new QbWorld({
    journal: new Journal({ ...(spec.journalCapacity ? { capacity: spec.journalCapacity } : {}) }),
    ...(seed !== undefined ? { seed } : {}),
  });
  const start = spec.clockStart ? Date.parse(spec.clockStart) : DEFAULT_CLOCK_START;
  if (Number.isNaN(start))
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `invalid world: clockStart "${spec.clockStart}" is not a date`);
  for (const h of spec.hosts) {
    const host = world.addHost({
      id: h.id,
      ...(h.product ? { product: h.product } : {}),
      ...(h.timeZone ? { timeZone: h.timeZone } : {}),
      ...(h.windowsUser ? { windowsUser: h.windowsUser } : {}),
      clock: spec.clock === 'manual' ? new ManualClock(start) : new SystemClock(),
      ...(seed !== undefined ? { seed: `${seed}:${h.id}` } : {}),
      ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
      ...(h.gateOrder ? { gateOrder: h.gateOrder } : {}),
      ...(h.fidelity ? { fidelity: h.fidelity as never } : {}),
      ...(h.sdk || h.callerDefaults
        ? {
            windows: {
              ...(h.sdk ? { sdk: h.sdk } : {}),
              ...(h.callerDefaults ? { callerDefaults: h.callerDefaults } : {}),
            },
          }
        : {}),
    });
    for (const f of h.companyFiles) host.addCompanyFile(f);
    for (const p of h.otherFiles) host.addOtherFile(p);
    for (const c of h.conditions ?? []) {
      if (typeof c === 'string') host.setCondition(c, true);
      else host.setCondition(c.name, true, c.text !== undefined ? { text: c.text } : {});
    }
    const ui = h.ui ?? { running: true };
    if (ui.running) {
      host.launch(ui.elevated ? { elevated: true } : {});
      if (ui.open) host.openCompany(ui.open);
    }
  }
  world.setBaseline();
  return world;
}
