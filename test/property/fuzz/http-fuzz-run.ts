// The HTTP fuzzer, as a function: the suite runs it against the real mock (http-fuzz.test.ts) and its teeth test
// against request handlers with a bug planted (http-fuzz-teeth.test.ts, through QbxmlProcessor's `handlers` seam).
//
// Requests go to the RP2 bridge and the control API of a mock served over HTTP. Half are calls inside sessions held
// by a pool of request processors in every state — two with a session open (real tickets), one connected with no
// session, one whose session ended, one whose connection closed, one only created — so qbXML reaches the handlers.
// A fuzzed request may end a session, close QuickBooks or remove the application: the pool notices and rebuilds
// (putting the host back as it was built when it must), so the sessions stay live.
//
// A failure: no answer in time (a BeginSession waiting on a person is answered by closing the window), a 5xx other
// than qbd-sim's 501 "not simulated", a QBDSIM_ERR_INTERNAL, a ProcessRequest answer that is not a qbXML response
// set valid against Intuit's XSD, or a refused request (400/404/405/409/413) that changed the host.
import './no-response-audit.js';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { RqHandler } from '../../../mock-qb/qbxml/rq-context.js';
import type { RequestProcessor } from '../../../mock-qb/rp2/request-processor.js';
import { ConnectionType, QBFileMode } from '../../../src/protocol/rp2-enums.js';
import { mockHttpRequestArbitrary, type FuzzHttpRequest } from '../../../src/testing/fuzz/http-request-arbitrary.js';
import { assertProperty, type PropertySettings } from '../property-settings.js';
import { CompanyWatch } from './company-digest.js';
import { QBXML_RESPONSE_SET } from './qbxml-fuzz-run.js';
import { assertSampleValid, XsdSample } from './xsd-sample.js';

const mock = await import('../../../mock-qb/index.js');
const { REQUEST_HANDLERS } = await import('../../../mock-qb/qbxml/handlers/request-handlers.js');
const { QbxmlProcessor } = await import('../../../mock-qb/qbxml/qbxml-processor.js');
const { HostFaults } = await import('../../../mock-qb/engine/faults.js');

/** How long one request may take before the fuzzer looks for a window a person would answer. */
const WAIT_MS = 1_500;
/** How long one request may take at most (after windows were answered). */
export const HTTP_FUZZ_BOUND_MS = 10_000;
/** Requests after which the pool is rebuilt anyway (every processor state again, fresh tickets). */
const REBUILD_EVERY = 200;

const HOST = mock.SAMPLE_WORLD_SPEC.hosts[0]!.id;
const APPS = ['Fuzz App 0', 'Fuzz App 1'];

export interface HttpFuzzOptions {
  name: string;
  settings: PropertySettings;
  /** Replaces the request handlers (a teeth test plants a bug in one); default the simulator's own. */
  handlers?: (real: Readonly<Record<string, RqHandler>>) => Readonly<Record<string, RqHandler>>;
}

export interface HttpFuzzStats {
  requests: number;
  statuses: Record<number, number>;
  /** qbXML requests a handler answered (through the sessions). */
  handled: number;
  /** ProcessRequest answers that were response sets. */
  answered: number;
  /** Times the pool was rebuilt (a fuzzed request ended a session, closed QuickBooks, …; or every 200). */
  rebuilds: number;
  shapes: number;
}

type SlotState = 'live' | 'open' | 'ended' | 'closed' | 'created';
/** The pool's processors: live ones (two apps, each named four times: they get most calls), then every other state. */
const SLOTS: readonly SlotState[] = [
  ...Array.from({ length: 8 }, () => 'live' as const),
  'open',
  'ended',
  'closed',
  'created',
];

/** Runs the HTTP fuzzer; throws (with the shrunk request) on the first failure. */
export async function runHttpFuzz(opts: HttpFuzzOptions): Promise<HttpFuzzStats> {
  const world = mock.buildWorld({ ...mock.SAMPLE_WORLD_SPEC, seed: opts.name }, { seed: opts.name });
  const stats: HttpFuzzStats = { requests: 0, statuses: {}, handled: 0, answered: 0, rebuilds: 0, shapes: 0 };
  const real = opts.handlers ? opts.handlers(REQUEST_HANDLERS) : REQUEST_HANDLERS;
  const counted = Object.fromEntries(
    Object.entries(real).map(([name, handler]) => [
      name,
      ((ctx) => {
        stats.handled++;
        return handler(ctx);
      }) satisfies RqHandler,
    ]),
  );
  const processors = new mock.ProcessorRegistry(world, { qbxml: new QbxmlProcessor({ handlers: counted }) });
  const app = mock.createMockQbApp(world, processors);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  server.requestTimeout = 0;
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const host = world.host(HOST);
  const pool = new SessionPool(host, processors);
  try {
    await pool.authorize();
    const control = new mock.ControlClient(url);
    const watches = new Map<string, CompanyWatch>();
    const observe = (): string => {
      const { clock: _clock, ...state } = host.state();
      const files = host.companyFilePaths().map((p) => {
        if (!watches.has(p)) watches.set(p, new CompanyWatch(host, p));
        return watches.get(p)!.digest();
      });
      return JSON.stringify({ state, files });
    };
    const send = async (r: FuzzHttpRequest): Promise<{ status: number; text: string; waited: boolean }> => {
      const path = pool.substitute(r.path);
      const body = r.body === undefined ? undefined : pool.substitute(r.body);
      const call = fetch(`${url}${path}`, {
        method: r.method,
        headers: body !== undefined ? { 'content-type': 'application/json' } : {},
        ...(body !== undefined && r.method !== 'GET' ? { body } : {}),
        signal: AbortSignal.timeout(HTTP_FUZZ_BOUND_MS),
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (error: unknown) => ({ status: -1, text: String(error) }),
      );
      const first = await Promise.race([call, new Promise<null>((res) => setTimeout(() => res(null), WAIT_MS))]);
      if (first) return { ...first, waited: false };
      // A BeginSession may wait for a person (QuickBooks has no timeout): the person closes the windows.
      const waited = host.dialogs.length > 0;
      while (host.dialogs.length) host.dismissDialog();
      return { ...(await call), waited };
    };
    const sample = new XsdSample<FuzzHttpRequest>();
    const arbitrary = mockHttpRequestArbitrary({
      processorIds: pool.placeholders.map((p) => p.processorId),
      host: HOST,
      uiActions: mock.UI_ACTION_NAMES,
      sessions: pool.placeholders,
    });
    const describe = (r: FuzzHttpRequest): string => `${r.method} ${r.path} ${r.body ?? ''}`;
    await assertProperty(
      opts.name,
      fc.asyncProperty(arbitrary, async (r) => {
        const run = stats.requests++;
        await pool.ensure();
        const before = observe();
        const answer = await send(r);
        const shown = `${describe(r)}\n→ ${answer.status} ${answer.text.slice(0, 800)}`;
        expect(
          answer.waited || answer.status !== -1,
          `no answer in ${WAIT_MS} ms and no window to answer: ${shown}`,
        ).toBe(true);
        expect(answer.status, `no answer in ${HTTP_FUZZ_BOUND_MS} ms: ${shown}`).not.toBe(-1);
        stats.statuses[answer.status] = (stats.statuses[answer.status] ?? 0) + 1;
        const json = parseJson(answer.text);
        const code = (json as { code?: unknown } | undefined)?.code;
        expect(code, `qbd-sim failed internally: ${shown}`).not.toBe('QBDSIM_ERR_INTERNAL');
        const notSimulated = answer.status === 501 && code === 'QBDSIM_ERR_NOT_SIMULATED';
        expect(answer.status >= 500 && !notSimulated, `a ${answer.status}: ${shown}`).toBe(false);
        if ([400, 404, 405, 409, 413].includes(answer.status))
          expect(observe(), `refused (${answer.status}) but changed the host: ${shown}`).toBe(before);
        const result = (json as { result?: unknown } | undefined)?.result;
        if (answer.status === 200 && r.path.endsWith('/ProcessRequest') && typeof result === 'string') {
          stats.answered++;
          expect(result, `not a qbXML response set: ${shown}`).toMatch(QBXML_RESPONSE_SET);
          sample.offer(result, r, run);
        }
        // Faults armed by a fuzzed request must not slow the next ones down.
        await control.clearFaults(HOST).catch(() => undefined);
      }),
      opts.settings,
    );
    stats.rebuilds = pool.rebuilds;
    stats.shapes = sample.size;
    await assertSampleValid(
      opts.name,
      sample,
      arbitrary,
      opts.settings,
      async (r) => {
        await pool.ensure(true);
        const answer = await send(r);
        const result = (parseJson(answer.text) as { result?: unknown } | undefined)?.result;
        return answer.status === 200 && typeof result === 'string' ? result : undefined;
      },
      describe,
    );
    return stats;
  } finally {
    processors.releaseAll();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    world.close();
  }

  function parseJson(text: string): unknown {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }
}

type Host = ReturnType<ReturnType<typeof mock.buildWorld>['host']>;
type Registry = InstanceType<typeof mock.ProcessorRegistry>;

/**
 * Request processors in every state, named by placeholders (`@rp3@`, `@ticket3@`) that {@link substitute} turns into
 * their current ids and tickets, so a rebuilt pool serves the same generated requests.
 */
class SessionPool {
  readonly placeholders = SLOTS.map((_, i) => ({ processorId: `@rp${i}@`, ticket: `@ticket${i}@` }));
  rebuilds = 0;
  #slots: { processor: RequestProcessor; ticket: string }[] = [];
  #baseline: ReturnType<Host['snapshot']> | undefined;
  #sinceRebuild = 0;

  constructor(
    readonly host: Host,
    readonly processors: Registry,
  ) {}

  /** The Admin lets both applications in ("Yes, always"); the host as it is then is where rebuilds go back to. */
  async authorize(): Promise<void> {
    // QuickBooks grants a first access only in single-user mode (0x80040418 in multi-user); then back to multi-user.
    this.host.switchMode('single-user');
    for (const appName of APPS) {
      const p = this.processors.create();
      p.OpenConnection2('', appName, ConnectionType.localQBD);
      const begun = p.BeginSession('', QBFileMode.qbFileOpenDoNotCare);
      await waitFor(() => this.host.dialogs.some((d) => d.kind === 'certificate'));
      this.host.answerCertificateDialog({ choice: 'always', loginAs: 'Admin', personalData: true, done: true });
      await begun;
      this.processors.release(p.id);
    }
    this.host.switchMode('multi-user');
    this.#baseline = this.host.snapshot();
    await this.#build();
  }

  /** Rebuilds the pool when a live session is gone (or every {@link REBUILD_EVERY} requests, or when asked). */
  async ensure(force = false): Promise<void> {
    this.#sinceRebuild++;
    const live = this.#slots.filter((_, i) => SLOTS[i] === 'live');
    if (!force && this.#sinceRebuild < REBUILD_EVERY && live.every((s) => this.host.session(s.ticket))) return;
    this.rebuilds++;
    for (const { processor } of this.#slots) {
      if (this.processors.list().includes(processor)) this.processors.release(processor.id);
    }
    HostFaults.of(this.host).clear();
    if (
      !(await this.#build().then(
        () => true,
        () => false,
      ))
    ) {
      // Closed, crashed, the app removed or denied, a window up: back to the host as it was built, then again.
      for (const p of this.processors.list()) this.processors.release(p.id);
      this.host.restore(this.#baseline!);
      await this.#build();
    }
    this.#sinceRebuild = 0;
  }

  /** The request with the pool's placeholders replaced by the current ids and tickets. */
  substitute(text: string): string {
    return text.replace(/@(rp|ticket)(\d+)@/g, (_, kind: string, i: string) => {
      const slot = this.#slots[Number(i)];
      return kind === 'rp' ? (slot?.processor.id ?? 'rp-gone') : (slot?.ticket ?? '');
    });
  }

  async #build(): Promise<void> {
    this.#slots = [];
    for (const [i, state] of SLOTS.entries()) {
      const processor = this.processors.create();
      this.#slots.push({ processor, ticket: '' });
      if (state === 'created') continue;
      processor.OpenConnection2('', APPS[i % 2]!, ConnectionType.localQBD);
      if (state === 'open') continue;
      const begun = processor.BeginSession('', QBFileMode.qbFileOpenDoNotCare);
      const ticket = await Promise.race([begun, sleep(500).then(() => undefined)]);
      if (ticket === undefined) {
        // Waiting on a person: the window is closed (BeginSession fails) and the pool goes back to the baseline.
        while (this.host.dialogs.length) this.host.dismissDialog();
        await begun.catch(() => undefined);
        throw new Error('BeginSession waited on a window');
      }
      this.#slots[i]!.ticket = ticket;
      if (state === 'ended') processor.EndSession(ticket);
      if (state === 'closed') processor.CloseConnection();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await sleep(5);
  if (!condition()) throw new Error('the fuzzer waited 2 s for a window that did not show');
}
