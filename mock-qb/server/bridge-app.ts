import express, { type Request, type Router } from 'express';
import { ComError } from '../../src/protocol/com-error.js';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import {
  RP2_PROPERTIES,
  type CreateProcessorBody,
  type CreateProcessorResult,
} from '../../src/protocol/rp2-bridge-contract.js';
import { ConnectionType, PersonalDataPref, QBFileMode, UnattendedModePref } from '../../src/protocol/rp2-enums.js';
import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { isFaultDrop, type RequestProcessor } from '../rp2/request-processor.js';
import { HostFaults } from '../engine/faults.js';
import { sendError } from './send-error.js';

type Handler = (p: RequestProcessor, args: Args) => unknown;

/** Reads JSON arguments by Intuit's parameter names; a missing string is an empty BSTR, as in COM. */
class Args {
  constructor(readonly body: Record<string, unknown>) {}
  str(name: string): string {
    const v = this.body[name];
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw bad(`"${name}" must be a string`);
    return v;
  }
  bool(name: string): boolean {
    const v = this.body[name];
    if (typeof v !== 'boolean') throw bad(`"${name}" must be true or false`);
    return v;
  }
  /** A number, or an enum member's name (`"qbFileOpenDoNotCare"`), or a hex string (`"0x8"`). */
  enumValue(name: string, table?: Record<string, number>): number {
    const v = this.body[name];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string') {
      if (table && Object.hasOwn(table, v)) return table[v]!;
      if (/^(0x[0-9a-f]+|\d+)$/i.test(v.trim())) return Number(v.trim());
    }
    throw bad(`"${name}" must be an integer${table ? ` or one of ${Object.keys(table).join(', ')}` : ''}`);
  }
}

function bad(message: string): QbdSimError {
  return new QbdSimError('QBDSIM_ERR_BAD_REQUEST', message);
}

const METHODS: Record<string, Handler> = {
  OpenConnection: (p, a) => p.OpenConnection(a.str('appID'), a.str('appName')),
  OpenConnection2: (p, a) =>
    p.OpenConnection2(a.str('appID'), a.str('appName'), a.enumValue('connType', ConnectionType)),
  BeginSession: (p, a) => p.BeginSession(a.str('qbFileName'), a.enumValue('reqFileMode', QBFileMode)),
  EndSession: (p, a) => p.EndSession(a.str('ticket')),
  CloseConnection: (p) => p.CloseConnection(),
  ProcessRequest: (p, a) => p.ProcessRequest(a.str('ticket'), a.str('inputRequest')),
  GetCurrentCompanyFileName: (p, a) => p.GetCurrentCompanyFileName(a.str('ticket')),
  QBXMLVersionsForSession: (p, a) => p.QBXMLVersionsForSession(a.str('ticket')),
  ProcessSubscription: (p, a) => p.ProcessSubscription(a.str('inputRequest')),
  GetQBLastError: (p) => p.GetQBLastError(),
};

const AUTH_PREFS: Record<string, Handler> = {
  PutIsReadOnly: (p, a) => p.PutIsReadOnly(a.bool('isReadOnly')),
  PutUnattendedModePref: (p, a) => p.PutUnattendedModePref(a.enumValue('unattendedModePref', UnattendedModePref)),
  PutPersonalDataPref: (p, a) => p.PutPersonalDataPref(a.enumValue('personalDataPref', PersonalDataPref)),
  PutAuthFlags: (p, a) => p.PutAuthFlags(a.enumValue('authFlags')),
  GetIsReadOnly: (p, a) => p.GetIsReadOnly(a.str('ticket')),
  GetUnattendedModePref: (p, a) => p.GetUnattendedModePref(a.str('ticket')),
  GetPersonalDataPref: (p, a) => p.GetPersonalDataPref(a.str('ticket')),
  WasAuthPreferencesObeyed: (p, a) => p.WasAuthPreferencesObeyed(a.str('ticket')),
};

/** The largest JSON body the bridge reads: room for a qbXML request at its size limit, JSON-escaped. */
export function bridgeBodyLimit(registry: ProcessorRegistry): number {
  return 2 * registry.qbxml.limits.maxRequestBytes + 1024 * 1024;
}

/**
 * The QBXMLRP2 bridge as an express router (mounted at `/qbxmlrp2`); it never listens itself.
 * See src/protocol/rp2-bridge-contract.ts and mock-qb/README.md for the contract.
 */
export function createBridgeApp(registry: ProcessorRegistry): Router {
  const app = express.Router();
  // The body holds the qbXML document JSON-escaped (quotes double in size): room for a document at the processor's
  // size limit, which answers QBDSIM_ERR_TOO_LARGE itself; a body beyond even this is 413 QBDSIM_ERR_TOO_LARGE too.
  app.use(express.json({ limit: bridgeBodyLimit(registry) }));

  app.post('/processors', (req, res) => {
    const body = (req.body ?? {}) as CreateProcessorBody;
    if (typeof body !== 'object' || Array.isArray(body)) throw bad('the body must be a JSON object');
    const p = registry.create({
      ...(body.machine !== undefined ? { machine: String(body.machine) } : {}),
      ...(body.windowsUser !== undefined ? { windowsUser: String(body.windowsUser) } : {}),
      ...(body.certificate ? { certificate: body.certificate } : {}),
      ...callerProcess(body),
    });
    const result: CreateProcessorResult = { processorId: p.id, machine: p.host.id, coclass: p.coclass };
    res.status(201).json(result);
  });

  app.delete('/processors/:id', (req, res) => {
    registry.release(req.params.id);
    res.status(204).end();
  });

  app.get('/processors/:id/:property', (req, res) => {
    const p = registry.get(req.params.id);
    const name = req.params.property;
    if (!(RP2_PROPERTIES as readonly string[]).includes(name)) throw unknownMember(name);
    res.json({ result: p[name as (typeof RP2_PROPERTIES)[number]] });
  });

  app.post('/processors/:id/AuthPreferences/:method', async (req, res) => {
    // Own members only: `__proto__`, `constructor`, … are not QBXMLRP2 methods.
    const handler = Object.hasOwn(AUTH_PREFS, req.params.method) ? AUTH_PREFS[req.params.method] : undefined;
    if (!handler) throw unknownMember(`AuthPreferences/${req.params.method}`);
    res.json({ result: (await handler(registry.get(req.params.id), argsOf(req))) ?? null });
  });

  app.post('/processors/:id/:method', async (req, res) => {
    const handler = Object.hasOwn(METHODS, req.params.method) ? METHODS[req.params.method] : undefined;
    if (!handler) throw unknownMember(req.params.method);
    const p = registry.get(req.params.id);
    const args = argsOf(req);
    // An armed `delay` fault (engine/faults.ts): the call waits (before) or its answer does (after), in real time.
    const delay = HostFaults.of(p.host).take(
      'rp2-call',
      {
        method: req.params.method,
        ...(typeof args.body['inputRequest'] === 'string' ? { inputRequest: args.body['inputRequest'] } : {}),
      },
      { processorId: p.id },
    );
    // An armed `com-error` fault: the call fails with that HRESULT, journaled as the call's own failure.
    if (delay?.kind === 'com-error') p.failWith(req.params.method, new ComError(delay.hresult!), { fault: delay.id });
    if (delay?.phase === 'before') await new Promise((r) => setTimeout(r, delay.ms ?? 0));
    let result: unknown;
    try {
      result = await handler(p, args);
      if (delay?.phase === 'after') await new Promise((r) => setTimeout(r, delay.ms ?? 0));
    } catch (error) {
      // An armed fault dropped the answer: the connection breaks without one, as a broken network would.
      if (isFaultDrop(error)) return void req.socket.destroy();
      throw error;
    }
    res.json({ result: result ?? null });
  });

  app.use(sendError);
  return app;
}

/** The caller's process and activation from the CoCreateInstance body (each optional; bad types are 400s). */
function callerProcess(body: CreateProcessorBody): Parameters<ProcessorRegistry['create']>[0] {
  const out: NonNullable<Parameters<ProcessorRegistry['create']>[0]> = {};
  if (body.progId !== undefined && body.clsid !== undefined) throw bad('give "progId" or "clsid", not both');
  if (body.progId !== undefined) {
    if (typeof body.progId !== 'string') throw bad('"progId" must be a string');
    out.activation = { progId: body.progId };
  }
  if (body.clsid !== undefined) {
    if (typeof body.clsid !== 'string') throw bad('"clsid" must be a string');
    out.activation = { clsid: body.clsid };
  }
  if (body.bitness !== undefined) {
    if (body.bitness !== 32 && body.bitness !== 64) throw bad('"bitness" must be 32 or 64');
    out.bitness = body.bitness;
  }
  if (body.runAs !== undefined) {
    if (!['interactive', 'service', 'system'].includes(body.runAs)) {
      throw bad('"runAs" must be interactive, service or system');
    }
    out.runAs = body.runAs;
  }
  if (body.windowsSession !== undefined) {
    if (!Number.isInteger(body.windowsSession) || body.windowsSession < 0) {
      throw bad('"windowsSession" must be a whole number ≥ 0');
    }
    out.windowsSession = body.windowsSession;
  }
  if (body.elevated !== undefined) {
    if (typeof body.elevated !== 'boolean') throw bad('"elevated" must be true or false');
    out.elevated = body.elevated;
  }
  return out;
}

function argsOf(req: Request): Args {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('the body must be a JSON object');
  return new Args(body as Record<string, unknown>);
}

function unknownMember(name: string): QbdSimError {
  return new QbdSimError(
    'QBDSIM_ERR_BAD_REQUEST',
    `QBXMLRP2 has no member "${name}"; methods: ${[...Object.keys(METHODS), ...RP2_PROPERTIES].join(', ')}; AuthPreferences/: ${Object.keys(AUTH_PREFS).join(', ')}`,
  );
}
