import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_CLOUD_PORT } from '../protocol/ap-cloud-contract.js';

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
      const { cloudServeCommand } = await import('./cloud-serve-command.js');
      setExitCode(await cloudServeCommand(opts));
    });
}
