import { ControlClient, SAMPLE_WORLD_SPEC } from '../../mock-qb/index.js';
import type { CreateProcessorResult } from '../../src/protocol/rp2-bridge-contract.js';
import type { BenchOptions, BenchResult, Benchmark } from './bench-types.js';
import { startBenchTarget } from './bench-target.js';
import { JsonClient } from './json-client.js';
import { BEGIN_SESSION_BODY, OPEN_CONNECTION_BODY, measureSessions } from './session-load.js';

const HOST = SAMPLE_WORLD_SPEC.hosts[0]!.id; // OFFICE-PC, "Acme Supplies" open multi-user as Admin
const DIALOG_WAIT_MS = 10_000;

/** Sessions per second over the RP2 bridge of the sample world, on loopback. */
export const rp2Sessions: Benchmark = {
  name: 'rp2-sessions',
  description:
    'OpenConnection2 → BeginSession("", qbFileOpenDoNotCare) → EndSession → CloseConnection over the RP2 bridge',
  async run(options: BenchOptions): Promise<BenchResult[]> {
    const target = await startBenchTarget('rp2');
    const client = new JsonClient(target.url, 2);
    try {
      options.progress(`[rp2-sessions] mock started (pid ${target.pid}); authorizing the bench app`);
      await authorizeApp(target.url, target.controlUrl!, client);
      const results: BenchResult[] = [];
      for (const concurrency of options.concurrencies) {
        const ids = await Promise.all(Array.from({ length: concurrency }, () => createProcessor(client)));
        try {
          results.push(
            await measureSessions({
              name: 'rp2-sessions',
              origin: target.url,
              concurrency,
              processorPaths: ids.map((id) => `/qbxmlrp2/processors/${encodeURIComponent(id)}`),
              ticketOf: ticketFromAnswer,
              options,
            }),
          );
        } finally {
          await Promise.all(ids.map((id) => client.delete(`/qbxmlrp2/processors/${encodeURIComponent(id)}`)));
        }
      }
      const state = await new ControlClient(target.controlUrl!).hostState(HOST);
      if (state.sessions.length > 0)
        throw new Error(`[rp2-sessions] ${state.sessions.length} session(s) left open after the run`);
      return results;
    } finally {
      client.close();
      await target.stop();
    }
  },
};

/** `{ result: ticket }` of BeginSession; anything else is a broken run, not a number to report. */
function ticketFromAnswer(answer: unknown): string {
  const ticket = (answer as { result?: unknown } | null)?.result;
  if (typeof ticket !== 'string' || ticket === '')
    throw new Error(`BeginSession answered no ticket: ${JSON.stringify(answer)}`);
  return ticket;
}

async function createProcessor(client: JsonClient): Promise<string> {
  const { processorId } = (await client.post('/qbxmlrp2/processors', {})) as CreateProcessorResult;
  return processorId;
}

/**
 * First access of an app needs the Admin at the UI in single-user mode to answer the certificate dialog. So: switch the
 * UI to single-user, run one session and answer its dialog ("Yes, whenever this company file is open"), then switch
 * back to multi-user so concurrent DoNotCare sessions share the file.
 */
async function authorizeApp(origin: string, controlUrl: string, client: JsonClient): Promise<void> {
  const control = new ControlClient(controlUrl);
  const ui = control.ui(HOST);
  await ui.switchMode('single-user');
  const id = await createProcessor(client);
  const path = `/qbxmlrp2/processors/${encodeURIComponent(id)}`;
  await client.post(`${path}/OpenConnection2`, OPEN_CONNECTION_BODY);
  let settled = false;
  const begin = client.post(`${path}/BeginSession`, BEGIN_SESSION_BODY).finally(() => (settled = true));
  begin.catch(() => undefined); // awaited below; keep an early failure from being reported as unhandled
  const deadline = performance.now() + DIALOG_WAIT_MS;
  let dialogShown = false;
  while (!settled) {
    const state = await control.hostState(HOST);
    if (state.dialogs.some((d) => d.kind === 'certificate')) {
      dialogShown = true;
      break;
    }
    if (performance.now() > deadline)
      throw new Error(`[rp2-sessions] no certificate dialog within ${DIALOG_WAIT_MS} ms (${origin})`);
    await new Promise((r) => setTimeout(r, 20));
  }
  // No dialog means BeginSession already ended: a failure is rethrown below, a success (already authorized) goes on.
  if (dialogShown) await ui.answerCertificateDialog({ choice: 'when-open', done: true });
  const ticket = ticketFromAnswer(await begin);
  await client.post(`${path}/EndSession`, { ticket });
  await client.post(`${path}/CloseConnection`, {});
  await client.delete(path);
  await ui.switchMode('multi-user');
}
