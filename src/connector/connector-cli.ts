import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  AP_CONNECTOR_VERSION,
  connectorEnvironmentOptions,
  parseDuration,
  type ApConnectorOptions,
} from './connector-options.js';
import type { StatusRecord } from './connector-status.js';
import { CompanyState } from './company-state.js';
import { callControl, ControlServer } from './control-server.js';
import { stateFiles } from './state-files.js';
import { TokenStore } from './token-store.js';

/** The process around the CLI: streams and environment (tests pass their own). */
export interface ConnectorCliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** All of standard input (the token key for `token set`). */
  readStdin: () => Promise<string>;
  env: Record<string, string | undefined>;
}

const defaultIo = (): ConnectorCliIo => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
});

function stateDirOf(opt: string | undefined, io: ConnectorCliIo): string {
  return path.resolve(opt ?? io.env['AP_CONNECTOR_STATE_DIR'] ?? path.join(homedir(), '.ap-connector'));
}

function duration(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function isoDate(value: string): string {
  if (Number.isNaN(Date.parse(value))) throw new InvalidArgumentError(`"${value}" is not a date such as 2025-06-30`);
  return value;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * `ap-connector`'s command line (its bin passes `process.argv`): `start`, `exit`, `token set`, `status`, `sync-now`,
 * `qwc`. Returns the exit code: 0 done, 1 failed, 2 bad arguments.
 */
export async function runConnectorCli(argv: string[], io: ConnectorCliIo = defaultIo()): Promise<number> {
  let exitCode = 0;
  const program = new Command('ap-connector')
    .description('The reference accounts-payable connector for QuickBooks Desktop (RP2 bridge or Web Connector).')
    .version(AP_CONNECTOR_VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('start')
    .description(
      'Run the connector: a sync cycle per company file every --interval and on `sync-now`; status lines (JSON) on stdout.',
    )
    .option('--state-dir <dir>', 'state directory (default $AP_CONNECTOR_STATE_DIR or ~/.ap-connector)')
    .addOption(new Option('--transport <t>', 'how to reach QuickBooks').choices(['rp2', 'qbwc']).default('rp2'))
    .option('--bridge <url>', 'rp2: the QBXMLRP2 bridge, e.g. http://127.0.0.1:4510')
    .requiredOption('--cloud <url>', 'the AP cloud, e.g. https://ap.example.com')
    .requiredOption('--company <path>', 'a company file (repeat for several)', collect)
    .option('--interval <duration>', 'time between cycles, e.g. 30s, 5m (default 5m)', duration)
    .addOption(
      new Option('--file-mode <mode>', 'rp2: BeginSession file mode')
        .choices(['qbFileOpenDoNotCare', 'qbFileOpenSingleUser', 'qbFileOpenMultiUser'])
        .default('qbFileOpenDoNotCare'),
    )
    .option('--app-name <name>', 'the application name QuickBooks authorizes (default "AP Connector")')
    .option('--machine <name>', 'rp2: the machine on the bridge (default: its first)')
    .option('--qbwc-host <host>', 'qbwc: interface of the SOAP service (default 127.0.0.1)')
    .option('--qbwc-port <port>', 'qbwc: port of the SOAP service (default: any free port)', (v) => Number(v))
    .option('--qbwc-url <url>', 'qbwc: the AppURL written in the .qwc files (default http://localhost:PORT/qbwc)')
    .addOption(
      new Option(
        '--qbwc-company-answer <answer>',
        'qbwc: authenticate names the company file (path) or "" (open-file: the file open in QuickBooks, the path on a retry) (default $AP_CONNECTOR_QBWC_COMPANY_ANSWER or path)',
      ).choices(['path', 'open-file']),
    )
    .option(
      '--certificate-expires <date>',
      'rp2: when the code-signing certificate a simulated bridge reports expires (ISO date; default $AP_CONNECTOR_CERTIFICATE_EXPIRES)',
      isoDate,
    )
    .action(async (o: Record<string, unknown>) => {
      const fromEnv = connectorEnvironmentOptions(io.env);
      if ('error' in fromEnv) {
        io.stderr(`ap-connector: ${fromEnv.error}\n`);
        exitCode = 2;
        return;
      }
      const companyAnswer =
        (o['qbwcCompanyAnswer'] as 'path' | 'open-file' | undefined) ?? fromEnv.options.qbwcCompanyAnswer;
      const certificateExpires = (o['certificateExpires'] as string | undefined) ?? fromEnv.options.certificateExpires;
      const opts: ApConnectorOptions = {
        stateDir: stateDirOf(o['stateDir'] as string | undefined, io),
        transport: o['transport'] as 'rp2' | 'qbwc',
        cloudUrl: o['cloud'] as string,
        companies: o['company'] as string[],
        fileMode: o['fileMode'] as ApConnectorOptions['fileMode'],
        control: true,
        output: io.stdout,
        log: (line) => io.stderr(`${line}\n`),
        ...(o['bridge'] ? { bridgeUrl: o['bridge'] as string } : {}),
        ...(o['interval'] ? { intervalMs: o['interval'] as number } : {}),
        ...(o['appName'] ? { appName: o['appName'] as string } : {}),
        ...(o['machine'] ? { machine: o['machine'] as string } : {}),
        ...(certificateExpires ? { certificateExpires } : {}),
        qbwc: {
          ...(companyAnswer ? { companyAnswer } : {}),
          ...(o['qbwcHost'] ? { host: o['qbwcHost'] as string } : {}),
          ...(o['qbwcPort'] !== undefined ? { port: o['qbwcPort'] as number } : {}),
          ...(o['qbwcUrl'] ? { publicUrl: o['qbwcUrl'] as string } : {}),
        },
      };
      // Loaded here: the one-shot commands (exit, sync-now, token set, status, qwc) start without the sync engine.
      const { ApConnector } = await import('./ap-connector.js');
      const connector = await ApConnector.start(opts);
      if (connector.transport === 'qbwc') {
        for (const company of connector.companies) {
          const app = connector.qbwcApp(company);
          io.stderr(`ap-connector: ${company}: add ${app.qwcFile} to the Web Connector (user ${app.userName})\n`);
        }
      }
      const stop = () => connector.requestStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        await connector.stopRequested;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await connector.stop();
        // Stopped cleanly. A BeginSession still waiting on a QuickBooks dialog would keep the process alive: end it.
        setTimeout(() => process.exit(0), 2_000).unref();
      }
    });

  program
    .command('exit')
    .description('Stop the running connector cleanly (tray icon → Exit).')
    .option('--state-dir <dir>', 'state directory')
    .option('--timeout <duration>', 'how long to wait for it to stop (default 30s)', duration)
    .action(async (o: { stateDir?: string; timeout?: number }) => {
      const dir = stateDirOf(o.stateDir, io);
      const info = ControlServer.read(dir);
      if (!info) {
        io.stderr(`ap-connector is not running on ${dir}\n`);
        exitCode = 1;
        return;
      }
      try {
        await callControl(info, 'POST', '/exit', {});
      } catch (error) {
        io.stderr(`ap-connector did not answer (${(error as Error).message}); it may have crashed\n`);
        exitCode = 1;
        return;
      }
      const deadline = Date.now() + (o.timeout ?? 30_000);
      while (existsSync(path.join(dir, 'control.json')) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (existsSync(path.join(dir, 'control.json'))) {
        io.stderr('ap-connector did not stop in time\n');
        exitCode = 1;
        return;
      }
      io.stdout('ap-connector stopped\n');
    });

  const token = program.command('token').description('Token keys (one per company file, from "Get New Key").');
  token
    .command('set')
    .description('Enter the token key of a company file: read from standard input, or from --token-env VAR.')
    .requiredOption('--company <path>', 'the company file')
    .option('--token-env <VAR>', 'the environment variable holding the key (never pass a key as an argument)')
    .option('--state-dir <dir>', 'state directory')
    .action(async (o: { company: string; tokenEnv?: string; stateDir?: string }) => {
      const dir = stateDirOf(o.stateDir, io);
      const raw = o.tokenEnv ? io.env[o.tokenEnv] : await io.readStdin();
      if (raw === undefined || raw.trim() === '') {
        io.stderr(o.tokenEnv ? `$${o.tokenEnv} is empty or not set\n` : 'no token key on standard input\n');
        exitCode = 2;
        return;
      }
      new TokenStore(dir).set(o.company, raw.trim(), new Date());
      io.stdout(`Token key saved for ${o.company}.\n`);
      const info = ControlServer.read(dir);
      if (info) {
        await callControl(info, 'POST', '/token-changed', { company: o.company }).catch((error: unknown) => {
          io.stderr(`the running connector was not told (${(error as Error).message}); it reads the key next cycle\n`);
        });
      }
    });

  program
    .command('status')
    .description('Where each company file stands (JSON): status, token present, last sync. Never token keys.')
    .option('--state-dir <dir>', 'state directory')
    .action(async (o: { stateDir?: string }) => {
      const dir = stateDirOf(o.stateDir, io);
      const info = ControlServer.read(dir);
      if (info) {
        try {
          io.stdout(`${JSON.stringify(await callControl(info, 'GET', '/status'), null, 2)}\n`);
          return;
        } catch {
          // not answering: report from the files
        }
      }
      const latest = stateFiles.readJson<{ companies?: Record<string, StatusRecord> }>(
        path.join(dir, 'status.json'),
        {},
      );
      const tokens = new TokenStore(dir);
      const companies = Object.values(latest.companies ?? {}).map((status) => ({
        company: status.company,
        hasToken: tokens.has(status.company),
        status,
      }));
      io.stdout(`${JSON.stringify({ running: false, companies }, null, 2)}\n`);
    });

  program
    .command('sync-now')
    .description('Ask the running connector for a sync cycle now (of one company file, or all).')
    .option('--company <path>', 'only this company file (repeat for several; default: all)', collect)
    .option('--wait', 'wait until the cycle ended (RP2)')
    .option('--state-dir <dir>', 'state directory')
    .action(async (o: { company?: string[]; wait?: boolean; stateDir?: string }) => {
      const dir = stateDirOf(o.stateDir, io);
      const info = ControlServer.read(dir);
      if (!info) {
        io.stderr(`ap-connector is not running on ${dir}\n`);
        exitCode = 1;
        return;
      }
      for (const company of o.company?.length ? o.company : [undefined]) {
        await callControl(info, 'POST', '/sync-now', { ...(company ? { company } : {}), wait: !!o.wait });
      }
      io.stdout('sync requested\n');
    });

  program
    .command('qwc')
    .description("QBWC mode: a company file's .qwc file, user name and password to enter in the Web Connector.")
    .requiredOption('--company <path>', 'the company file')
    .option('--state-dir <dir>', 'state directory')
    .action((o: { company: string; stateDir?: string }) => {
      const dir = stateDirOf(o.stateDir, io);
      const key = stateFiles.companyKey(o.company);
      const state = new CompanyState(path.join(dir, 'companies', key), o.company).data;
      if (!state.qbwc) {
        io.stderr(`no Web Connector application for ${o.company} yet: start the connector with --transport qbwc\n`);
        exitCode = 1;
        return;
      }
      const out = {
        company: o.company,
        qwcFile: path.join(dir, 'qwc', `${key}.qwc`),
        userName: state.qbwc.userName,
        password: state.qbwc.password,
        fileId: state.fileId ?? null,
      };
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
    });

  try {
    await program.parseAsync(argv, { from: 'node' });
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
    }
    io.stderr(`ap-connector: ${(error as Error).message}\n`);
    return 1;
  }
  return exitCode;
}
