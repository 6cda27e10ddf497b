import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { comConnectorSchema, prepareComFrontDoor, type ComSetup } from './com-front-door.js';
import type {
  ConnectorAdapter,
  ConnectorEnvironment,
  ConnectorStatusRecord,
  QbwcAppInfo,
} from './connector-adapter.js';
import { packageRoot } from '../protocol/package-root.js';
import { ChangeSignal } from './change-signal.js';

const argItem = z.union([z.string(), z.object({ each: z.literal('company'), args: z.array(z.string()) }).strict()]);
const argList = z.array(argItem);
const commandSpec = z
  .object({
    args: argList,
    env: z.record(z.string(), z.string()).optional(),
    /** Text written to the command's standard input (e.g. `"{token}"`). */
    stdin: z.string().optional(),
  })
  .strict();
const commandOrArgs = z.union([argList, commandSpec]);

/**
 * A connector description (`--connector FILE`): how to start, stop and talk to a connector that runs as its own
 * process. Every string may use the placeholders `{node}` (this Node.js), `{repo}` (the qbd-sim checkout), `{dir}`
 * (the description file's folder), `{stateDir}`, `{transport}`, `{bridgeUrl}`, `{cloudUrl}`, `{appName}`, `{fileMode}`, and in
 * per-company commands `{company}` and `{token}`. An item `{ each: company, args: [...] }` repeats its args per
 * company file (for `start`: every file; for `syncNow`: the file asked for, or none).
 */
export const connectorDescriptionSchema = z
  .object({
    name: z.string().min(1),
    /** The program and its fixed leading arguments, e.g. `["{node}", "{repo}/bin/ap-connector.js"]`. */
    command: z.array(z.string()).min(1),
    /** A desktop connector creating QBXMLRP2's COM object: the harness puts its language's front door in place. */
    com: comConnectorSchema.optional(),
    env: z.record(z.string(), z.string()).optional(),
    /** Transports the connector supports (default rp2). */
    transports: z.array(z.enum(['rp2', 'qbwc'])).default(['rp2']),
    /** Arguments of the long-running process; without it the connector is a service that already runs. */
    start: argList.optional(),
    /** How to stop it cleanly (default: SIGTERM). */
    exit: commandOrArgs.optional(),
    /** How to enter a company file's token key (`{company}`, `{token}`); without it `connector: token` fails. */
    token: commandOrArgs.optional(),
    /** How to ask for a sync cycle now (default: none; the scenario step fails). */
    syncNow: commandOrArgs.optional(),
    /** QBWC: a command printing JSON `{ "qwcFile", "password" }` for `{company}`. */
    qwc: commandOrArgs.optional(),
    /** QBWC, a service that already runs (any language): its `.qwc` file (relative to the description)… */
    qwcFile: z.string().optional(),
    /** …and the environment variable holding the password to type into the Web Connector. */
    passwordEnv: z.string().optional(),
    /** Where the status lines come from: JSON lines on stdout (default) or appended to a file. */
    status: z
      .object({ from: z.enum(['stdout', 'file']).default('stdout'), file: z.string().optional() })
      .strict()
      .default({ from: 'stdout' }),
  })
  .strict();

/** A parsed connector description (see {@link connectorDescriptionSchema}). */
export type ConnectorDescription = z.infer<typeof connectorDescriptionSchema> & { dir?: string };

/** The qbd-sim checkout or installed package (the folder with qbd-sim's package.json). */
export function repoRoot(): string {
  return packageRoot();
}

/**
 * The reference connector `ap-connector` as the bundled scenarios run it: bin/ap-connector.js (its bundle, rebuilt
 * first when a source changed: bin/run-cli.js).
 */
export const REFERENCE_CONNECTOR: ConnectorDescription = {
  name: 'ap-connector',
  command: ['{node}', '{repo}/bin/ap-connector.js'],
  transports: ['rp2', 'qbwc'],
  start: [
    'start',
    '--state-dir',
    '{stateDir}',
    '--transport',
    '{transport}',
    '--bridge',
    '{bridgeUrl}',
    '--cloud',
    '{cloudUrl}',
    '--interval',
    '1h',
    '--file-mode',
    '{fileMode}',
    { each: 'company', args: ['--company', '{company}'] },
  ],
  exit: ['exit', '--state-dir', '{stateDir}'],
  token: {
    args: ['token', 'set', '--company', '{company}', '--state-dir', '{stateDir}', '--token-env', 'AP_TOKEN'],
    env: { AP_TOKEN: '{token}' },
  },
  syncNow: ['sync-now', '--state-dir', '{stateDir}', { each: 'company', args: ['--company', '{company}'] }],
  qwc: ['qwc', '--company', '{company}', '--state-dir', '{stateDir}'],
  status: { from: 'stdout' },
};

/** Reads a connector description YAML (or JSON) file; errors name the file and the field. */
export function loadConnectorDescription(file: string): ConnectorDescription {
  const raw: unknown = parseYaml(readFileSync(file, 'utf8'));
  const parsed = connectorDescriptionSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(top)'}: ${i.message}`);
    throw new Error(`${file}: not a connector description:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, dir: path.dirname(path.resolve(file)) };
}

type ArgList = z.infer<typeof argList>;
type CommandOrArgs = z.infer<typeof commandOrArgs>;

/**
 * Drives a connector that runs as its own process, from a {@link ConnectorDescription} (default: the reference
 * connector). Status records come from JSON lines on its stdout (or a status file); token entry, sync-now, exit and
 * the `.qwc` through the description's commands.
 */
export class ProcessConnectorAdapter implements ConnectorAdapter {
  readonly description: string;
  readonly #d: ConnectorDescription;
  readonly #env: ConnectorEnvironment;
  /** Notified on every status line on stdout and when the process exits (a status file is read when polled). */
  readonly changes = new ChangeSignal();
  #processes = 0;
  readonly #records: ConnectorStatusRecord[] = [];
  #child: ChildProcessWithoutNullStreams | null = null;
  #stderr = '';
  #buffer = '';
  #fileOffset = 0;
  #com: Promise<ComSetup> | undefined;

  constructor(env: ConnectorEnvironment, description: ConnectorDescription = REFERENCE_CONNECTOR) {
    this.#d = description;
    this.#env = env;
    this.description = `${description.name} (process, ${env.transport})`;
    if (!description.transports.includes(env.transport)) {
      throw new Error(`the connector "${description.name}" does not support the ${env.transport} transport`);
    }
  }

  get processesStarted(): number {
    return this.#processes;
  }

  running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running()) throw new Error('the connector already runs');
    if (!this.#d.start) return; // a service that already runs
    await this.#prepareCom();
    const [program, ...fixed] = this.#expandAll(this.#d.command, {});
    const args = [...fixed, ...this.#expandAll(this.#d.start, {}, this.#env.companies)];
    const child = spawn(program!, args, { env: this.#processEnv({}), cwd: this.#vars({}).repo });
    this.#processes++;
    this.#child = child;
    this.#buffer = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (this.#d.status.from !== 'stdout') return;
      this.#buffer += chunk;
      let nl;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        this.#line(this.#buffer.slice(0, nl));
        this.#buffer = this.#buffer.slice(nl + 1);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      this.#stderr = (this.#stderr + chunk).slice(-20_000);
    });
    child.once('exit', () => this.changes.notify());
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', reject);
    });
  }

  async exit(): Promise<void> {
    const child = this.#child;
    if (!child || !this.running()) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    if (this.#d.exit) await this.#whileStarting(() => this.#run(this.#d.exit!, {}));
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
    this.#pollFile();
  }

  async setToken(company: string, tokenKey: string): Promise<void> {
    if (!this.#d.token) throw new Error(`the connector "${this.#d.name}" has no token command`);
    await this.#run(this.#d.token, { company, token: tokenKey });
  }

  async syncNow(company?: string): Promise<void> {
    if (!this.#d.syncNow) throw new Error(`the connector "${this.#d.name}" has no sync-now command`);
    const spec = this.#d.syncNow;
    await this.#whileStarting(() => this.#run(spec, company ? { company } : {}, company ? [company] : []));
  }

  async qbwcApp(company: string): Promise<QbwcAppInfo> {
    if (this.#d.qwcFile) {
      const password = this.#d.passwordEnv ? process.env[this.#d.passwordEnv] : undefined;
      if (password === undefined) throw new Error(`$${this.#d.passwordEnv ?? '(passwordEnv)'} is not set`);
      return {
        qwcXml: readFileSync(path.resolve(this.#d.dir ?? '.', this.#expand(this.#d.qwcFile, {})), 'utf8'),
        password,
      };
    }
    if (!this.#d.qwc) throw new Error(`the connector "${this.#d.name}" has no qwc command`);
    const spec = this.#d.qwc;
    // The connector may name its .qwc a moment before the file is written: read it inside the retry.
    return this.#whileStarting(async () => {
      const info = JSON.parse(await this.#run(spec, { company })) as { qwcFile: string; password: string };
      return { qwcXml: readFileSync(info.qwcFile, 'utf8'), password: info.password };
    });
  }

  records(): readonly ConnectorStatusRecord[] {
    this.#pollFile();
    return this.#records;
  }

  diagnostics(): string {
    return this.#stderr.split('\n').slice(-30).join('\n');
  }

  async dispose(): Promise<void> {
    const child = this.#child;
    if (child && this.running()) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGKILL');
      await exited;
    }
    rmSync(this.#env.stateDir, { recursive: true, force: true });
  }

  /**
   * Runs a command that needs the running instance; a connector just started may not answer yet (no control port,
   * no `.qwc` written): asks again while the process runs, for up to 30 s.
   */
  async #whileStarting<T>(fn: () => Promise<T>): Promise<T> {
    const deadline = performance.now() + 30_000;
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        if (!this.running() || performance.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  #line(line: string): void {
    if (!line.trim()) return;
    try {
      const r = JSON.parse(line) as Partial<ConnectorStatusRecord>;
      if (typeof r.status === 'string' && typeof r.company === 'string') {
        this.#records.push({ ts: String(r.ts ?? ''), company: r.company, status: r.status, detail: r.detail ?? {} });
        this.changes.notify();
      }
    } catch {
      this.#stderr = `${this.#stderr}[stdout] ${line}\n`.slice(-20_000);
    }
  }

  #pollFile(): void {
    if (this.#d.status.from !== 'file' || !this.#d.status.file) return;
    const file = this.#expand(this.#d.status.file, {});
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    const complete = text.slice(this.#fileOffset, text.lastIndexOf('\n') + 1);
    this.#fileOffset += complete.length;
    for (const line of complete.split('\n')) this.#line(line);
  }

  #vars(extra: Record<string, string>): Record<string, string> {
    return {
      node: process.execPath,
      repo: repoRoot(),
      dir: this.#d.dir ?? repoRoot(),
      stateDir: this.#env.stateDir,
      transport: this.#env.transport,
      bridgeUrl: this.#env.bridgeUrl,
      cloudUrl: this.#env.cloudUrl,
      appName: this.#env.appName ?? 'AP Connector',
      fileMode: this.#env.fileMode ?? 'qbFileOpenDoNotCare',
      ...this.#comSetup?.vars,
      ...extra,
    };
  }

  #comSetup: ComSetup | undefined;

  /** A COM connector: its front door in place (built once) before the first command runs. */
  async #prepareCom(): Promise<void> {
    const com = this.#d.com;
    if (!com || this.#comSetup) return;
    this.#com ??= prepareComFrontDoor(com, {
      root: repoRoot(),
      descriptionDir: this.#d.dir ?? repoRoot(),
      bridgeUrl: this.#env.bridgeUrl,
    });
    this.#comSetup = await this.#com;
  }

  #expand(text: string, extra: Record<string, string>): string {
    const vars = this.#vars(extra);
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => vars[name] ?? whole);
  }

  #expandAll(items: ArgList, extra: Record<string, string>, companies: string[] = []): string[] {
    return items.flatMap((item) =>
      typeof item === 'string'
        ? [this.#expand(item, extra)]
        : companies.flatMap((company) => item.args.map((a) => this.#expand(a, { ...extra, company }))),
    );
  }

  #processEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = { ...process.env, ...this.#comSetup?.env };
    for (const [k, v] of Object.entries(this.#d.env ?? {})) env[k] = this.#expand(v, extra);
    return env;
  }

  /** Runs one of the description's commands to completion; its stdout, or an error naming it and its stderr. */
  async #run(spec: CommandOrArgs, extra: Record<string, string>, companies: string[] = []): Promise<string> {
    const cmd = Array.isArray(spec) ? { args: spec } : spec;
    await this.#prepareCom();
    const [program, ...fixed] = this.#expandAll(this.#d.command, extra);
    const args = [...fixed, ...this.#expandAll(cmd.args, extra, companies)];
    const env = this.#processEnv(extra);
    for (const [k, v] of Object.entries(cmd.env ?? {})) env[k] = this.#expand(v, extra);
    const child = spawn(program!, args, { env, cwd: this.#vars({}).repo });
    this.#processes++;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.end(cmd.stdin !== undefined ? this.#expand(cmd.stdin, extra) : '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    });
    clearTimeout(timer);
    // Never echo a token key into failure output.
    const shown = args.map((a) => (extra['token'] && a.includes(extra['token']) ? '***' : a));
    if (code !== 0) {
      throw new Error(
        `\`${[path.basename(program!), ...shown].join(' ')}\` exited with ${code}: ${stderr.trim() || stdout.trim()}`,
      );
    }
    return stdout;
  }
}
