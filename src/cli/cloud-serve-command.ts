import { startCloudServer, type CloudRequestLogEntry } from '../cloud/index.js';
import { CLOUD_ADMIN_PREFIX, CLOUD_API_PREFIX } from '../protocol/ap-cloud-contract.js';
import type { CloudServeCommandOptions } from './cloud-command.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';

/** One request as the CLI prints it: method, path, status, refusal code. Never a token key or a body. */
export function formatCloudLogEntry(entry: CloudRequestLogEntry): string {
  return (
    `cloud: ${entry.method} ${entry.path} → ${entry.status}` +
    (entry.error ? ` ${entry.error}` : '') +
    (entry.companyId ? ` (company ${entry.companyId})` : '')
  );
}

/** `qbd-sim cloud serve`: serves the cloud, prints its URLs, waits for SIGINT/SIGTERM, stops cleanly. */
export async function cloudServeCommand(opts: CloudServeCommandOptions): Promise<number> {
  const out = process.stdout;
  let handle;
  try {
    handle = await startCloudServer({
      port: opts.port,
      host: opts.host,
      ...(opts.seed !== undefined ? { seed: opts.seed } : {}),
      ...(opts.quiet ? {} : { log: (entry: CloudRequestLogEntry) => out.write(`${formatCloudLogEntry(entry)}\n`) }),
    });
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const why = e.code === 'EADDRINUSE' ? `port ${opts.port} is in use (try --port 0 for any free port)` : e.message;
    process.stderr.write(`qbd-sim cloud serve: cannot start: ${why}\n`);
    return 1;
  }
  out.write(`qbd-sim: fake AP cloud is running at ${handle.url}\n`);
  out.write(`  connector API  ${handle.url}${CLOUD_API_PREFIX}\n`);
  out.write(
    `  admin API      ${handle.url}${CLOUD_ADMIN_PREFIX}   (state: ${handle.url}${CLOUD_ADMIN_PREFIX}/state)\n`,
  );
  out.write(`  token keys and ids ${handle.cloud.ids.seeded ? 'seeded (reproducible)' : 'random'}\n`);
  out.write('Press Ctrl-C to stop.\n');
  await waitForStopSignal();
  out.write('qbd-sim: stopping the AP cloud\n');
  await handle.close();
  return 0;
}
