import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { readFileSync } from 'node:fs';
import { serveCommand } from './serve-command.js';
import { runCommand } from './run-command.js';

/** The package version, read once from package.json. */
function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    return pkg.version;
  } catch {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    return pkg.version;
  }
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number from 0 to 65535');
  return n;
}

/**
 * `qbd-sim`'s entry: parses argv, runs the command, returns the exit code. The only place in the
 * project that reads process.argv.
 */
export async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name('qbd-sim')
    .description('A simulation and test harness for QuickBooks Desktop integrations.')
    .version(version())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  let exitCode = 0;

  program
    .command('serve')
    .description(
      'Start the fake QuickBooks (QBXMLRP2 bridge + control API) on the embedded default world or a world file, and print its URLs. Ctrl-C stops it.',
    )
    .option('-p, --port <port>', 'port to listen on (0 = any free port)', port, 4510)
    .option('--host <address>', 'address to bind (loopback by default)', '127.0.0.1')
    .option(
      '--world <file>',
      'a world spec (JSON): hosts, company files, users, UI state; default: the embedded sample',
    )
    .option('--seed <seed>', 'seed for tickets and ids (reproducible); default: cryptographically random')
    .option('--data-dir <dir>', 'keep company files on disk here (default: in memory)')
    .option('--clock <kind>', 'system (real time) or manual (virtual time moved through the control API)')
    .action(
      async (opts: { port: number; host: string; world?: string; seed?: string; dataDir?: string; clock?: string }) => {
        exitCode = await serveCommand(opts);
      },
    );

  program
    .command('run')
    .description('Run the bundled support scenarios against the reference connector and the embedded fake QuickBooks.')
    .action(async () => {
      exitCode = await runCommand();
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    process.stderr.write(`qbd-sim: ${(error as Error).message}\n`);
    return 1;
  }
}
