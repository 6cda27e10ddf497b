import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { qwcCommand, type QwcCommandOptions } from './qwc-command.js';
import { registerCloudCommand } from './cloud-command.js';
import { registerCompanyCommand } from './company-command.js';
import { serveCommand } from './serve-command.js';
import { runCommand, type RunCommandOptions } from './run-command.js';
import { webConnectorCommand, type WebConnectorCommandOptions } from './webconnector-command.js';

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

function wholeNumber(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a whole number ≥ 1');
  return n;
}

/** `90s`, `5m`, `2h`, `1500ms`, or a number of seconds → milliseconds. */
function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
  if (!m) throw new InvalidArgumentError('a duration such as 90s, 5m, 2h or 1500ms');
  const unit = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(m[1]) * unit);
  if (ms < 1) throw new InvalidArgumentError('a duration longer than 0');
  return ms;
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
    .option(
      '--company <file[=windows-path]>',
      'add a company database (from `qbd-sim company generate`) to the first host, at WINDOWS-PATH (default C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\<file name>.QBW); the first one is the file open in QuickBooks (multi-user, Admin). Repeatable. With --data-dir the file is copied there, else loaded into memory',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(
      async (opts: {
        port: number;
        host: string;
        world?: string;
        seed?: string;
        dataDir?: string;
        clock?: string;
        company: string[];
      }) => {
        exitCode = await serveCommand(opts);
      },
    );

  program
    .command('webconnector')
    .description(
      'Run the fake QuickBooks Web Connector against the SOAP service a .qwc names: add the application (the QuickBooks certificate dialog answered as the options say), enter its password, run updates, print each SOAP call with its result and a summary. Uses an embedded fake QuickBooks unless --attach names a running `qbd-sim serve`. Exit code 0 when every update succeeded, 1 when adding or an update failed, 2 for bad input.',
    )
    .requiredOption('--qwc <file>', 'the .qwc file to add')
    .requiredOption(
      '--password-env <VAR>',
      "the environment variable that holds the application's password (never given on the command line, never printed)",
    )
    .option(
      '--company <path>',
      'embedded QuickBooks: the company file open in it, created if new (default: the sample company C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\Acme Supplies.QBW); opened single-user with the Admin logged in',
    )
    .addOption(
      new Option('--updates <n>', 'run N updates one after the other (Update Selected) (default: 1)')
        .argParser(wholeNumber)
        .conflicts('auto'),
    )
    .option(
      '--auto',
      "turn Auto-Run on (the .qwc's Scheduler, or --every-minutes) on the host clock and print each update until --for has passed or Ctrl-C",
    )
    .option('--for <duration>', 'with --auto: how long to run (real time), e.g. 90s, 5m, 1h', duration)
    .option('--every-minutes <n>', "with --auto: the update interval, instead of the .qwc's Scheduler", wholeNumber)
    .option(
      '--attach <url>',
      'use the Web Connector of a running `qbd-sim serve` (its base URL, e.g. http://127.0.0.1:4510) and its QuickBooks as it is, instead of an embedded one',
    )
    .option('--machine <name>', 'the QuickBooks host (machine) to use (default: the first host)')
    .addOption(
      new Option('--cert-answer <choice>', 'the answer to the Application Certificate dialog')
        .choices(['no', 'prompt-each-time', 'when-open', 'always'])
        .default('always'),
    )
    .option('--login-as <user>', 'with --cert-answer always: the user QuickBooks logs in as', 'Admin')
    .option('--no-personal-data', 'leave "allow access to personal data" unticked in the certificate dialog')
    .addOption(
      new Option(
        '--mode <mode>',
        'switch the company file to this mode once the application is added (default: leave it as it is)',
      ).choices(['single-user', 'multi-user']),
    )
    .option('--seed <seed>', 'embedded QuickBooks: seed for tickets and ids (reproducible)')
    .option('--full', 'print SOAP values whole (qbXML included) instead of shortened')
    .addHelpText(
      'after',
      `
The updates run one at a time, as under QBWC's update lock; the exit code is 1 when any of them failed.
A "prompt each time" answer makes QuickBooks ask before every update; the command answers Yes.
With --attach the company, user and mode are those of the serve's QuickBooks (set them through its
control API); the application stays added there when the command ends. Auto-Run follows the host clock: on a
serve started with --clock manual it runs only when that clock is moved.

Examples:
  QBWC_PASSWORD=secret qbd-sim webconnector --qwc app.qwc --password-env QBWC_PASSWORD
  qbd-sim webconnector --qwc app.qwc --password-env QBWC_PASSWORD --updates 3 --mode multi-user
  qbd-sim webconnector --qwc app.qwc --password-env QBWC_PASSWORD --auto --every-minutes 1 --for 5m
  qbd-sim webconnector --qwc app.qwc --password-env QBWC_PASSWORD --attach http://127.0.0.1:4510`,
    )
    .action(async (opts: WebConnectorCommandOptions) => {
      exitCode = await webConnectorCommand(opts);
    });

  program
    .command('qwc')
    .description(
      'Write a .qwc (QuickBooks Web Connector application file) for a SOAP service URL, checked as QBWC checks one when it is added: HTTPS unless the host is localhost, a host name rather than an IP address. New OwnerID and FileID GUIDs unless given.',
    )
    .requiredOption(
      '--url <url>',
      'the SOAP service (AppURL), e.g. https://sync.example.com/qbwc or http://localhost:8080/qbwc',
    )
    .requiredOption('--app-name <name>', 'AppName: the name QBWC shows and QuickBooks authorizes')
    .option('--owner-id <guid>', 'OwnerID (default: a new GUID)')
    .option('--file-id <guid>', 'FileID (default: a new GUID)')
    .option('--user <name>', 'UserName sent to authenticate', 'qbwc')
    .option('--every-minutes <n>', 'Scheduler/RunEveryNMinutes (default: none)', wholeNumber)
    .option('--support <url>', "AppSupport, on the AppURL's domain (default: the AppURL's origin, path /)")
    .option('--description <text>', 'AppDescription (default: the AppName)')
    .option('--out <file>', 'write the .qwc to this file (default: standard output)')
    .action((opts: QwcCommandOptions) => {
      exitCode = qwcCommand(opts);
    });

  program
    .command('run')
    .description(
      'Run support scenarios (YAML, default: every bundled one in scenarios/) against a connector (default: the reference connector ap-connector) and the embedded fake QuickBooks. Progress and failures on stderr, the summary line "N passed, N failed" on stdout. Exit code 0 all passed, 1 any failed, 2 bad input.',
    )
    .argument('[paths...]', 'scenario files or folders (default: the bundled scenarios/)')
    .option(
      '--connector <file>',
      'a connector description (YAML): how to start, stop, give a token to and sync a connector that runs as its own process (see scenarios/README.md)',
    )
    .option('--shard <i/n>', 'run only shard i of n (files sorted by path), for CI parallelism')
    .addOption(
      new Option('--reporter <kind>', 'report format besides the console progress')
        .choices(['console', 'json', 'junit'])
        .default('console'),
    )
    .option('--out <file>', 'where --reporter json|junit writes (json: stdout without it)')
    .option('--jobs <n>', 'scenarios at the same time (default 2)', wholeNumber)
    .option('--step-timeout <ms>', 'default per-step timeout in ms (default 30000)', wholeNumber)
    .option(
      '--in-process',
      'run the reference connector as a library inside this process (fast, one scenario at a time) instead of as its own process',
    )
    .action(async (paths: string[], opts: RunCommandOptions) => {
      exitCode = await runCommand(paths, opts);
    });

  registerCloudCommand(program, (code) => (exitCode = code));
  registerCompanyCommand(program, (code) => (exitCode = code));

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // --help and --version end here with 0; a usage error (unknown option, missing or bad value) is bad input: 2.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`qbd-sim: ${(error as Error).message}\n`);
    return 1;
  }
}
