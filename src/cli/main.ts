// `qbd-sim`'s command line. Only commander and this file load at start: each subcommand's module (and the heavy
// libraries it needs — express, SQLite, msw, zod, yaml, xml2js) is imported when that subcommand runs, so `--help`,
// `--version` and a usage error answer at once and `serve` pays for nothing it does not start.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { qbdSimVersion } from '../protocol/package-version.js';
import { registerCloudCommand } from './cloud-command.js';
import { registerCompanyCommand } from './company-command.js';
import type { QwcCommandOptions } from './qwc-command.js';
import type { ConformCommandOptions } from './conform-command.js';
import type { ReplayCommandOptions } from './replay-command.js';
import type { RunCommandOptions } from './run-command.js';
import type { WebConnectorCommandOptions } from './webconnector-command.js';

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
    .version(qbdSimVersion())
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)');

  let exitCode = 0;

  program
    .command('serve')
    .description(
      'Start the fake QuickBooks (QBXMLRP2 bridge + control API) on the embedded default world or a world file, and print its URLs. Ctrl-C stops it.',
    )
    // Every option can also come from the environment (QBDSIM_*), which is how the container image is configured.
    .addOption(
      new Option('-p, --port <port>', 'port to listen on (0 = any free port)')
        .argParser(port)
        .default(4510)
        .env('QBDSIM_PORT'),
    )
    .addOption(
      new Option('--host <address>', 'address to bind (loopback by default)').default('127.0.0.1').env('QBDSIM_HOST'),
    )
    .addOption(
      new Option(
        '--world <file>',
        'a world spec (JSON): hosts, company files, users, UI state; default: the embedded sample',
      ).env('QBDSIM_WORLD'),
    )
    .addOption(
      new Option('--seed <seed>', 'seed for tickets and ids (reproducible); default: cryptographically random').env(
        'QBDSIM_SEED',
      ),
    )
    .addOption(
      new Option('--data-dir <dir>', 'keep company files on disk here (default: in memory)').env('QBDSIM_DATA_DIR'),
    )
    .addOption(
      new Option('--clock <kind>', 'system (real time) or manual (virtual time moved through the control API)').env(
        'QBDSIM_CLOCK',
      ),
    )
    .addOption(
      new Option(
        '--company <file[=windows-path]>',
        'add a company database (from `qbd-sim company generate`) to the first host, at WINDOWS-PATH (default C:\\Users\\Public\\Documents\\Intuit\\QuickBooks\\Company Files\\<file name>.QBW); the first one is the file open in QuickBooks (multi-user, Admin). Repeatable (in QBDSIM_COMPANY: separated by ";"). With --data-dir the file is copied there, else loaded into memory',
      )
        .argParser((value: string, previous: string[]) => [...previous, value])
        .default([] as string[])
        .env('QBDSIM_COMPANY'),
    )
    .addOption(
      new Option(
        '--cloud-port <port>',
        'also serve the fake AP cloud (as `qbd-sim cloud serve` does) on this port of the same address, seeded with --seed (0 = any free port); default: no cloud',
      )
        // An empty QBDSIM_CLOUD_PORT turns the cloud off (the container image sets one by default).
        .argParser((value: string) => (value.trim() === '' ? undefined : port(value)))
        .env('QBDSIM_CLOUD_PORT'),
    )
    .addOption(
      new Option(
        '--control-token <token>',
        'require "Authorization: Bearer TOKEN" on every control route (/__qbd); needed to listen beyond loopback (--host)',
      ).env('QBDSIM_CONTROL_TOKEN'),
    )
    .addOption(
      new Option(
        '--max-request-bytes <n>',
        "qbd-sim's own limit on a qbXML request's size in UTF-8 bytes (over it: HTTP 413 QBDSIM_ERR_TOO_LARGE, never an HRESULT); default 33554432 (32 MiB)",
      )
        .argParser(wholeNumber)
        .env('QBDSIM_MAX_REQUEST_BYTES'),
    )
    .addOption(
      new Option(
        '--max-depth <n>',
        "qbd-sim's own limit on how deep a qbXML request's elements nest (<QBXML> is 1); default 64",
      )
        .argParser(wholeNumber)
        .env('QBDSIM_MAX_DEPTH'),
    )
    .action(
      async (
        opts: {
          port: number;
          host: string;
          world?: string;
          seed?: string;
          dataDir?: string;
          clock?: string;
          company: string[];
          cloudPort?: number;
          controlToken?: string;
          maxRequestBytes?: number;
          maxDepth?: number;
        },
        cmd: Command,
      ) => {
        // QBDSIM_COMPANY holds one or more FILE[=WINDOWS-PATH] separated by ";".
        const company =
          cmd.getOptionValueSource('company') === 'env'
            ? opts.company.flatMap((spec) => spec.split(';')).filter((spec) => spec.trim() !== '')
            : opts.company;
        // An empty QBDSIM_CLOUD_PORT leaves commander with '' (its parser gave no port): no cloud.
        const cloudPort = typeof opts.cloudPort === 'number' ? opts.cloudPort : undefined;
        const { serveCommand } = await import('./serve-command.js');
        exitCode = await serveCommand({ ...opts, company, cloudPort });
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
      'use the Web Connector of a running `qbd-sim serve` (its base URL, e.g. http://127.0.0.1:4510) and its QuickBooks as it is, instead of an embedded one (a serve with a control token: set QBDSIM_CONTROL_TOKEN)',
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
      const { webConnectorCommand } = await import('./webconnector-command.js');
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
    .action(async (opts: QwcCommandOptions) => {
      const { qwcCommand } = await import('./qwc-command.js');
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
    .option(
      '--groups <dir>',
      'step groups (use: NAME) searched after the groups/ folder beside each scenario, before the bundled ones',
    )
    .option('--shard <i/n>', 'run only shard i of n (files sorted by path), for CI parallelism')
    .addOption(
      new Option(
        '--reporter <kind>',
        'report format besides the console progress (html: one self-contained file: steps with timings, the QuickBooks windows at each step, the exchanges, the journal, failures)',
      )
        .choices(['console', 'json', 'junit', 'html'])
        .default('console'),
    )
    .option('--out <file>', 'where --reporter json|junit|html writes (json: stdout without it)')
    .option('--jobs <n>', 'scenarios at the same time (default 2)', wholeNumber)
    .option('--step-timeout <ms>', 'default per-step timeout in ms (default 30000)', wholeNumber)
    .option(
      '--expect-within <ms>',
      'default `within` of expectations in ms: how long one waits before it fails (default 15000)',
      wholeNumber,
    )
    .option(
      '--in-process',
      'run the reference connector as a library inside this process (fast; --jobs still applies) instead of as its own process',
    )
    .option(
      '--transcripts <dir>',
      'write an NDJSON transcript of every exchange with the fake QuickBooks per scenario into DIR (DIR/<scenario>.ndjson; see qbd-sim replay)',
    )
    .option('--verbose', 'a progress line for every step as it starts')
    .addOption(
      new Option(
        '--target <where>',
        'where QuickBooks and the cloud run: in this process, or in a qbd-sim container (Docker, testcontainers; the connector runs as its own process; no qbXML inspection or transcripts there)',
      )
        .choices(['in-process', 'container'])
        .default('in-process'),
    )
    .option('--image <name>', 'with --target container: the image (default $QBDSIM_IMAGE or qbd-sim:local)')
    .action(async (paths: string[], opts: RunCommandOptions) => {
      const { runCommand } = await import('./run-command.js');
      exitCode = await runCommand(paths, opts);
    });

  program
    .command('conform')
    .description(
      "Conformance suite: run the connector through every situation QuickBooks and the Web Connector can put it in (each BeginSession HRESULT of the cause table, the qbXML statuses a fault can give, an answer lost after commit for each write type the baseline showed, QuickBooks closing mid-session, each QBWC call lost) and report what it did: what it showed, how often it tried, whether it wrote twice, whether it recovered. Judged against --expect and qbd-sim's rules (never write twice, never loop without end, recover once cleared). Exit code 0 no row failed, 1 any failed, 2 bad input.",
    )
    .option(
      '--connector <file>',
      'a connector description (default: the reference connector, or the one --expect names)',
    )
    .option('--expect <file>', 'declared expectations per row (e.g. scenarios/connectors/ap-connector.conform.yaml)')
    .addOption(
      new Option('--transport <t>', "the transport (default the description's first)").choices(['rp2', 'qbwc']),
    )
    .option('--only <ids...>', 'only rows whose id matches (`*` patterns, e.g. begin-session-*)')
    .option('--jobs <n>', 'rows at the same time (default 2)', wholeNumber)
    .option('--in-process', 'the reference connector as a library in this process (fast)')
    .option('--keep <dir>', "keep each row's generated scenario file there (their reproduce lines point at them)")
    .option('--show-skipped', 'also list the rows that cannot be run (and why) in the table')
    .addOption(
      new Option(
        '--reporter <kind>',
        "report besides the table (html: the rows, then each row's scenario as `run` draws it)",
      )
        .choices(['console', 'json', 'junit', 'html'])
        .default('console'),
    )
    .option('--out <file>', 'where --reporter json|junit|html writes (json: stdout without it)')
    .action(async (opts: ConformCommandOptions) => {
      const { conformCommand } = await import('./conform-command.js');
      exitCode = await conformCommand(opts);
    });

  program
    .command('replay')
    .description(
      "Replay transcripts (from qbd-sim run --transcripts): send each one's recorded requests (the connector's QBXMLRP2 calls, the UI, clock and fault actions) to a fresh fake QuickBooks built from the transcript's world and seed, and report every answer that now differs (ids, tickets, times and EditSequences normalised). Exit code 0 all the same, 1 any difference, 2 a transcript that cannot be read.",
    )
    .argument('<files...>', 'transcript files (.ndjson)')
    .option('--json', 'print a JSON report instead of text')
    .option(
      '--answer-timeout <ms>',
      'real time an answer may take before it is reported missing (default 10000)',
      wholeNumber,
    )
    .action(async (files: string[], opts: ReplayCommandOptions) => {
      const { replayCommand } = await import('./replay-command.js');
      exitCode = await replayCommand(files, opts);
    });

  const com = program
    .command('com')
    .description(
      "Desktop connectors on Linux: qbd-sim's QBXMLRP2 front doors for pywin32 (Python) and Interop.QBXMLRP2 (.NET under Mono), speaking to the RP2 bridge (QBDSIM_BRIDGE_URL).",
    );
  com
    .command('python-path')
    .description(
      "Print the PYTHONPATH that puts qbd-sim's win32com, pywintypes and pythoncom in front of a pywin32 connector.",
    )
    .action(async () => {
      exitCode = (await import('./com-command.js')).pythonPathCommand();
    });
  com
    .command('dotnet-build')
    .description(
      "Build the drop-in Interop.QBXMLRP2.dll and Interop.QBXMLRP2Lib.dll with Mono's mcs and copy them into a folder.",
    )
    .option('--out <dir>', 'where to put the two assemblies', 'qbxmlrp2-interop')
    .option('--mcs <path>', "Mono's C# compiler (default $QBDSIM_MCS or mcs on PATH)")
    .action(async (opts: { out?: string; mcs?: string }) => {
      exitCode = await (await import('./com-command.js')).dotnetBuildCommand(opts);
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
