import { HOST_CONDITIONS, type HostConditionName } from '../engine/host-conditions.js';
import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import { ManualClock } from '../engine/clock.js';
import { FAULT_KINDS, HostFaults } from '../engine/faults.js';
import type { QbHost } from '../engine/qb-host.js';
import type { QbWorld } from '../engine/qb-world.js';
import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { editRecordInUi } from '../rp2/ui-record-edit.js';
import { WebConnectorRegistry } from '../web-connector/web-connector-registry.js';
import { RECORD_LISTS, companyRecordsView } from './company-records-view.js';
import { journalEventStream } from './dashboard/journal-event-stream.js';
import { sendError } from './send-error.js';

/** The control plane's own prefix: nothing of the real QuickBooks lives there. */
export const CONTROL_BASE_PATH = '/__qbd';

const mode = z.enum(['single-user', 'multi-user']);
const nonAdminRole = z.enum(['all-areas', 'selected-areas', 'external-accountant']);

/** Every UI action: its body schema and what it does to the host. One code path for scenarios and dashboard. */
interface UiAction {
  body: z.ZodType;
  run: (host: QbHost, body: never) => unknown;
}

/** Pairs a body schema with its handler so the handler sees the parsed body's type. */
function action<S extends z.ZodType>(body: S, run: (host: QbHost, body: z.infer<S>) => unknown): UiAction {
  return { body, run: run as UiAction['run'] };
}

const UI_ACTIONS: Record<string, UiAction> = {
  launch: action(
    z.object({ initializingMs: z.number().int().min(0).optional(), elevated: z.boolean().optional() }),
    (h, b) => h.launch(b),
  ),
  exit: action(z.object({}), (h) => h.exit()),
  'open-company': action(
    z.object({ path: z.string().min(1), mode, user: z.string().optional(), password: z.string().optional() }),
    (h, b) => h.openCompany(b),
  ),
  'log-in': action(z.object({ user: z.string().min(1), password: z.string().optional() }), (h, b) => h.logIn(b)),
  'close-company': action(z.object({}), (h) => h.closeCompany()),
  'switch-mode': action(z.object({ mode }), (h, b) => h.switchMode(b.mode)),
  'open-preferences': action(z.object({}), (h) => h.openPreferences()),
  'close-preferences': action(z.object({}), (h) => h.closePreferences()),
  'remove-app': action(z.object({ appName: z.string().min(1) }), (h, b) => h.removeApp(b.appName)),
  'edit-app-properties': action(
    z.object({
      appName: z.string().min(1),
      allowAccess: z.boolean().optional(),
      promptEachTime: z.boolean().optional(),
      autoLogin: z.boolean().optional(),
      loginAs: z.string().nullable().optional(),
      personalData: z.boolean().optional(),
    }),
    (h, { appName, ...patch }) => h.editAppProperties(appName, patch),
  ),
  'set-company-app-options': action(
    z.object({ blockAllApps: z.boolean().optional(), notifyExpiredCert: z.boolean().optional() }),
    (h, b) => h.setCompanyAppOptions(b),
  ),
  'answer-certificate-dialog': action(
    z.object({
      choice: z.enum(['no', 'prompt-each-time', 'when-open', 'always']),
      loginAs: z.string().nullable().optional(),
      personalData: z.boolean().optional(),
      done: z.boolean().optional(),
    }),
    (h, b) => h.answerCertificateDialog(b),
  ),
  'confirm-certificate-dialog': action(z.object({}), (h) => h.confirmCertificateDialog()),
  'answer-access-prompt': action(z.object({ allow: z.boolean() }), (h, b) => h.answerAccessPrompt(b.allow)),
  'answer-expired-certificate': action(z.object({ answer: z.enum(['allow-always', 'allow-once', 'deny']) }), (h, b) =>
    h.answerExpiredCertificateNotice(b.answer),
  ),
  'show-dialog': action(z.object({ title: z.string().min(1), text: z.string().optional() }), (h, b) => ({
    dialog: h.showDialog(b),
  })),
  'dismiss-dialog': action(z.object({ id: z.string().optional() }), (h, b) => h.dismissDialog(b.id)),
  'add-user': action(
    z.object({ name: z.string().min(1).max(31), password: z.string().optional(), role: nonAdminRole.optional() }),
    (h, b) => h.addUser(b),
  ),
  'update-user': action(
    z.object({ name: z.string().min(1), password: z.string().optional(), role: nonAdminRole.optional() }),
    (h, { name, ...patch }) => h.updateUser(name, patch),
  ),
  'remove-user': action(z.object({ name: z.string().min(1) }), (h, b) => h.removeUser(b.name)),
};

/** The names of the UI actions (`POST /__qbd/hosts/{host}/ui/{action}`). */
export const UI_ACTION_NAMES: readonly string[] = Object.keys(UI_ACTIONS);

/**
 * The control API (`/__qbd/…`) as an express router: the person at the QuickBooks UI, other
 * workstations, company files, the clock, state, journal, snapshots, health. Refusals QuickBooks'
 * UI would give answer 409 `{ refused: true, message }`; the simulator's own errors `{ code, message }`.
 */
export function createControlApp(world: QbWorld, processors: ProcessorRegistry): Router {
  const app = express.Router();
  app.use(express.json({ limit: '16mb' }));

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', hosts: world.hostIds(), journal: world.journal.stats() });
  });

  app.get('/state', (_req, res) => {
    res.json({
      ...world.state(),
      processors: processors.list().map((p) => ({
        processorId: p.id,
        machine: p.host.id,
        connectionType: p.ConnectionType,
        session: p.session ? { appName: p.session.appName, filePath: p.session.filePath } : null,
      })),
    });
  });

  app.get('/hosts/:host/state', (req, res) => {
    res.json(world.host(req.params.host).state());
  });

  // Read-only: a company file's vendors, bills or bill payments as stored (the dashboard's data browser).
  app.get('/hosts/:host/records', (req, res) => {
    const q = parse(
      z.object({
        path: z.string().min(1),
        list: z.enum(RECORD_LISTS),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
      req.query,
    );
    res.json(companyRecordsView(world.host(req.params.host), q.path, q.list, q.limit));
  });

  // The journal as server-sent events (the dashboard follows it live): `?since=N` or Last-Event-ID, `?backlog=N`.
  app.get('/events', journalEventStream(world.journal));

  app.get('/journal', (req, res) => {
    const q = parse(
      z.object({
        since: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(100_000).optional(),
        host: z.string().optional(),
        actor: z.enum(['app', 'qbxml', 'ui', 'host', 'clock', 'control', 'qbwc', 'fault', 'journal']).optional(),
      }),
      req.query,
    );
    res.json({
      entries: world.journal.list({
        ...(q.since !== undefined ? { since: q.since } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.host ? { hostId: world.host(q.host).id } : {}),
        ...(q.actor ? { actor: q.actor } : {}),
      }),
      stats: world.journal.stats(),
    });
  });

  // Snapshots cover the fake Web Connectors too (their applications and schedules, never passwords). The registry is
  // looked up per request, so the Web Connector routes (created with their options) own its creation.
  app.post('/snapshot', (_req, res) => {
    const snapshotId = world.snapshot();
    WebConnectorRegistry.of(processors).snapshot(snapshotId);
    res.status(201).json({ snapshotId });
  });

  app.post('/restore', (req, res) => {
    const b = parse(z.object({ snapshotId: z.string().min(1) }), req.body);
    world.restore(b.snapshotId);
    WebConnectorRegistry.of(processors).restore(b.snapshotId);
    res.json({ ok: true });
  });

  app.post('/reset', (_req, res) => {
    world.reset();
    WebConnectorRegistry.of(processors).reset();
    res.json({ ok: true });
  });

  app.post('/hosts/:host/ui/:action', (req, res) => {
    const host = world.host(req.params.host);
    const action = Object.hasOwn(UI_ACTIONS, req.params.action) ? UI_ACTIONS[req.params.action] : undefined;
    if (!action) {
      throw new QbdSimError(
        'QBDSIM_ERR_BAD_REQUEST',
        `unknown UI action "${req.params.action}"; actions: ${UI_ACTION_NAMES.join(', ')}`,
      );
    }
    const body = parse(action.body, req.body ?? {});
    const result = (action.run as (h: QbHost, b: unknown) => unknown)(host, body);
    res.json({ ok: true, ...(result && typeof result === 'object' ? result : {}), state: host.state() });
  });

  app.post('/hosts/:host/workstations/:action', (req, res) => {
    const host = world.host(req.params.host);
    if (req.params.action === 'join') {
      host.workstationJoin(
        parse(
          z.object({ path: z.string().min(1), machine: z.string().min(1), user: z.string().min(1), mode }),
          req.body,
        ),
      );
    } else if (req.params.action === 'leave') {
      host.workstationLeave(parse(z.object({ path: z.string().min(1), machine: z.string().min(1) }), req.body));
    } else {
      throw new QbdSimError(
        'QBDSIM_ERR_BAD_REQUEST',
        `unknown workstation action "${req.params.action}" (join, leave)`,
      );
    }
    res.json({ ok: true, state: host.state() });
  });

  // A named host condition (engine/host-conditions.ts): { name, on, text? }.
  app.post('/hosts/:host/conditions', (req, res) => {
    const host = world.host(req.params.host);
    const names = Object.keys(HOST_CONDITIONS) as [HostConditionName, ...HostConditionName[]];
    const b = parse(z.object({ name: z.enum(names), on: z.boolean(), text: z.string().optional() }), req.body);
    host.setCondition(b.name, b.on, b.text !== undefined ? { text: b.text } : {});
    res.json({ ok: true, state: host.state() });
  });

  app.post('/hosts/:host/records/:action', (req, res) => {
    const host = world.host(req.params.host);
    if (req.params.action === 'lock') {
      host.lockRecord(
        parse(
          z.object({
            path: z.string().min(1),
            id: z.string().min(1),
            machine: z.string().min(1),
            user: z.string().optional(),
          }),
          req.body,
        ),
      );
    } else if (req.params.action === 'unlock') {
      host.unlockRecord(parse(z.object({ path: z.string().min(1), id: z.string().min(1) }), req.body));
    } else if (req.params.action === 'edit') {
      // A person edits the record in the UI: EditSequence and TimeModified move forward (rp2/ui-record-edit.ts).
      const b = parse(z.object({ path: z.string().min(1), id: z.string().min(1) }), req.body);
      const editSequence = editRecordInUi(host, b.path, b.id);
      if (editSequence === undefined)
        throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `no record ${b.id} in "${b.path}"`);
      return void res.json({ ok: true, editSequence, state: host.state() });
    } else {
      throw new QbdSimError(
        'QBDSIM_ERR_BAD_REQUEST',
        `unknown record action "${req.params.action}" (lock, unlock, edit)`,
      );
    }
    res.json({ ok: true, state: host.state() });
  });

  app.post('/hosts/:host/files', (req, res) => {
    const host = world.host(req.params.host);
    const b = parse(
      z.object({
        path: z.string().min(3),
        companyName: z.string().min(1).max(59),
        users: z
          .array(
            z.object({
              name: z.string().min(1).max(31),
              password: z.string().optional(),
              role: z.enum(['admin', 'all-areas', 'selected-areas', 'external-accountant']).optional(),
            }),
          )
          .optional(),
      }),
      req.body,
    );
    host.addCompanyFile(b);
    res.status(201).json({ ok: true, state: host.state() });
  });

  app.post('/hosts/:host/files/other', (req, res) => {
    const host = world.host(req.params.host);
    host.addOtherFile(parse(z.object({ path: z.string().min(3) }), req.body).path);
    res.status(201).json({ ok: true, state: host.state() });
  });

  app.post('/hosts/:host/files/rename', (req, res) => {
    const host = world.host(req.params.host);
    const b = parse(z.object({ from: z.string().min(3), to: z.string().min(3) }), req.body);
    host.renameCompanyFile(b.from, b.to);
    res.json({ ok: true, state: host.state() });
  });

  // Faults (engine/faults.ts): arm, list, clear. A fault is journaled (actor `fault`) when it fires.
  app.post('/hosts/:host/faults', (req, res) => {
    const host = world.host(req.params.host);
    const b = parse(
      z.object({
        kind: z.enum(FAULT_KINDS),
        count: z.number().int().min(1).optional(),
        probability: z.number().gt(0).max(1).optional(),
        seed: z.string().min(1).max(200).optional(),
        match: z.string().min(1).max(200).optional(),
        ms: z.number().int().min(0).max(600_000).optional(),
        phase: z.enum(['before', 'after']).optional(),
        title: z.string().min(1).max(200).optional(),
        text: z.string().max(2000).optional(),
        hold: z.boolean().optional(),
        hresult: z.string().min(3).max(20).optional(),
      }),
      req.body,
    );
    let fault;
    try {
      fault = HostFaults.of(host).arm(b);
    } catch (error) {
      if (error instanceof RangeError) throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', error.message);
      throw error;
    }
    res.status(201).json({ ok: true, fault, faults: HostFaults.of(host).list() });
  });

  app.get('/hosts/:host/faults', (req, res) => {
    res.json({ faults: HostFaults.of(world.host(req.params.host)).list() });
  });

  app.delete('/hosts/:host/faults', (req, res) => {
    HostFaults.of(world.host(req.params.host)).clear();
    res.json({ ok: true });
  });

  app.post('/hosts/:host/clock/:action', (req, res) => {
    const host = world.host(req.params.host);
    const clock = host.clock;
    if (!(clock instanceof ManualClock)) {
      throw new QbdSimError(
        'QBDSIM_ERR_CLOCK',
        `host ${host.id} runs on the system clock; start the mock with a manual clock to move time`,
      );
    }
    const before = clock.now();
    try {
      if (req.params.action === 'advance') {
        const b = parse(
          z.object({ ms: z.number().min(0).optional(), seconds: z.number().min(0).optional() }),
          req.body,
        );
        clock.advance((b.ms ?? 0) + (b.seconds ?? 0) * 1000);
      } else if (req.params.action === 'set') {
        const b = parse(z.object({ time: z.string().min(1) }), req.body);
        const ms = Date.parse(b.time);
        if (Number.isNaN(ms)) throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `"${b.time}" is not a date`);
        clock.set(ms);
      } else {
        throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `unknown clock action "${req.params.action}" (advance, set)`);
      }
    } catch (error) {
      if (error instanceof RangeError) throw new QbdSimError('QBDSIM_ERR_CLOCK', error.message);
      throw error;
    }
    host.log(
      'clock',
      'clock.move',
      `clock moved ${Math.round((clock.now() - before) / 1000)} s to ${new Date(clock.now()).toISOString()}`,
      {
        from: before,
        to: clock.now(),
      },
    );
    res.json({ ok: true, now: new Date(clock.now()).toISOString() });
  });

  app.use((req, _res) => {
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `no control route ${req.method} ${CONTROL_BASE_PATH}${req.path}`);
  });
  app.use(sendError);
  return app;
}

function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input ?? {});
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `invalid request: ${issues}`);
  }
  return r.data;
}

export type { Request };
