import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CLOUD_PORT, startCloudServer, type CloudRequestLogEntry } from '../cloud/index.js';
import { CLOUD_ADMIN_PREFIX, CLOUD_API_PREFIX } from '../protocol/ap-cloud-contract.js';
import { waitForStopSignal } from './wait-for-stop-signal.js';

/** The options of `qbd-sim cloud serve`, as commander parsed them. */
export interface CloudServeCommandOptions {
  port: number;
  host: string;
  seed?: string;
  quiet?: boolean;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

/**
 * Adds `qbd-sim cloud` (today: `cloud serve`) to the program. Built on `program.command()`, so the subcommands
 * inherit the program's settings (exit override, help after errors); `setExitCode` receives the command's exit code.
 */
export function registerCloudCommand(program: Command, setExitCode: (code: number) => void): void {
  const cloud = program
    .command('cloud')
    .description('The fake AP cloud the reference connector syncs with: token keys per company file, vendors, bills.');
  cloud
    .command('serve')
    .description(
      'Serve the fake AP cloud over HTTP (connector API and admin API of src/protocol/ap-cloud-contract.ts) and print its URL. Ctrl-C stops it.',
    )
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', port, DEFAULT_CLOUD_PORT)
    .option('--host <address>', 'address to bind (loopback by default)', '127.0.0.1')
    .option('--seed <seed>', 'seed for token keys and ids (reproducible); default: cryptographically random')
    .option('--quiet', 'do not print a line per request')
    .action(async (opts: CloudServeCommandOptions) => {
      setExitCode(await cloudServeCommand(opts));
    });
}

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
