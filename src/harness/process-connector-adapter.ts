import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { prepareComFrontDoor, type ComSetup } from './com-front-door.js';
import {
  PLACEHOLDER_PATTERN,
  REFERENCE_CONNECTOR,
  type ConnectorDescription,
  type connectorDescriptionSchema,
} from './connector-description.js';
import { waitUntilReady } from './connector-readiness.js';
import { freeLoopbackPort } from './loopback-ports.js';
import type {
  ConnectorAdapter,
  ConnectorEnvironment,
  ConnectorStatusRecord,
  QbwcAppInfo,
} from './connector-adapter.js';
import { packageRoot } from '../protocol/package-root.js';
import { ChangeSignal } from './change-signal.js';
import type { z } from 'zod';

export {
  REFERENCE_CONNECTOR,
  connectorDescriptionSchema,
  loadConnectorDescription,
  type ConnectorDescription,
} from './connector-description.js';

/** The qbd-sim checkout or installed package (the folder with qbd-sim's package.json). */
export function repoRoot(): string {
  return packageRoot();
}

type Described = z.infer<typeof connectorDescriptionSchema>;
type ArgList = NonNullable<Described['start']>;
type CommandOrArgs = NonNullable<Described['token']>;

/** The last lines of a connector's output the harness keeps (diagnostics, `ready: { line }`). */
const KEPT_LINES = 400;

/**
 * Drives a connector that runs as its own process, from a {@link ConnectorDescription} (default: the reference
 * connector). Status records come from JSON lines on its stdout (or a status file); token entry, sync-now, exit and
 * the `.qwc` through the description's commands. `{port}` / `{port:NAME}` are free loopback ports allocated for this
 * adapter (one scenario), the same in every command, environment and `.qwc`; `ready:` makes `start` wait until the
 * service answers.
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
  /** The process's output lines (stdout that is not a status line, and stderr), the last {@link KEPT_LINES}. */
  #output: string[] = [];
  /** Lines since the last start, for `ready: { line }`. */
  #sinceStart: string[] = [];
  #fileOffset = 0;
  #com: Promise<ComSetup> | undefined;
  readonly #ports = new Map<string, string>();

  constructor(env: ConnectorEnvironment, description: ConnectorDescription = REFERENCE_CONNECTOR) {
    this.#d = description;
    this.#env = env;
    this.description = `${description.name} (process, ${env.transport})`;
    if (!description.transports.includes(env.transport)) {
      throw new Error(
        `the connector "${description.name}" does not support the ${env.transport} transport the scenario asks for (world.connector.transport); its description lists transports: [${description.transports.join(', ')}]${
          env.transport === 'qbwc' ? ' — add qbwc there if it is a Web Connector service' : ''
        }`,
      );
    }
  }

  get processesStarted(): number {
    return this.#processes;
  }

  running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** The ports allocated so far, by name (`port` for `{port}`). */
  ports(): ReadonlyMap<string, string> {
    return this.#ports;
  }

  async start(): Promise<void> {
    if (this.running()) throw new Error('the connector already runs');
    await this.#allocatePorts(JSON.stringify(this.#d));
    if (!this.#d.start) {
      // A service that already runs: `ready:` still says whether it answers.
      if (this.#d.ready) await this.#waitReady();
      return;
    }
    await this.#prepareCom();
    // `{company}` outside an `each` item of the long-running process: its first company file.
    const first: Record<string, string> =
      this.#env.companies[0] !== undefined ? { company: this.#env.companies[0] } : {};
    const [program, ...fixed] = this.#expandAll(this.#d.command, first);
    const args = [...fixed, ...this.#expandAll(this.#d.start, first, this.#env.companies)];
    const child = this.#spawn(program!, args, this.#processEnv(first));
    this.#child = child;
    this.#sinceStart = [];
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      let nl;
      while ((nl = stdout.indexOf('\n')) >= 0) {
        this.#line(stdout.slice(0, nl));
        stdout = stdout.slice(nl + 1);
      }
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      let nl;
      while ((nl = stderr.indexOf('\n')) >= 0) {
        this.#keep(stderr.slice(0, nl));
        stderr = stderr.slice(nl + 1);
      }
    });
    child.once('exit', () => this.changes.notify());
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve());
      child.once('error', (e) => reject(this.#spawnError(program!, e)));
    });
    if (this.#d.ready) await this.#waitReady();
  }

  async #waitReady(): Promise<void> {
    const child = this.#child;
    await waitUntilReady(this.#d.ready!, {
      name: this.#d.name,
      expand: (t) => this.#expand(t, {}),
      lines: () => this.#sinceStart,
      ended: () =>
        !child
          ? null
          : child.exitCode !== null
            ? `exited with code ${child.exitCode}`
            : child.signalCode !== null
              ? `was killed (${child.signalCode})`
              : null,
      lastOutput: () => this.diagnostics(),
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
    if (!this.#d.token) {
      throw new Error(
        `the connector "${this.#d.name}" has no token command: add token: to its description (args with {company} and {token}, or stdin: '{token}'), or leave connector: token out of the scenario`,
      );
    }
    await this.#run(this.#d.token, { company, token: tokenKey });
  }

  async syncNow(company?: string): Promise<void> {
    if (!this.#d.syncNow) {
      throw new Error(
        `the connector "${this.#d.name}" has no sync-now command: add syncNow: to its description, or leave connector: sync-now out of the scenario (a Web Connector service syncs on webconnector: update)`,
      );
    }
    const spec = this.#d.syncNow;
    await this.#whileStarting(() => this.#run(spec, company ? { company } : {}, company ? [company] : []));
  }

  async qbwcApp(company: string): Promise<QbwcAppInfo> {
    if (this.#d.qwcFile) {
      const file = path.resolve(this.#d.dir ?? '.', this.#expand(this.#d.qwcFile, { company }));
      let template: string;
      try {
        template = readFileSync(file, 'utf8');
      } catch {
        throw new Error(
          `the connector "${this.#d.name}": its qwcFile ${file} cannot be read (qwcFile is relative to the description's folder ${this.#d.dir ?? '.'})`,
        );
      }
      await this.#allocatePorts(JSON.stringify(this.#d) + template);
      // A template: the service's port (and any other placeholder but secrets) as this scenario allocated it.
      const vars = this.#vars({ company });
      const qwcXml = template.replace(
        PLACEHOLDER_PATTERN,
        (whole, name: string, sub?: string) => vars[sub ? `${name}:${sub}` : name] ?? whole,
      );
      return { qwcXml, password: this.#password()! };
    }
    if (!this.#d.qwc) {
      throw new Error(
        `the connector "${this.#d.name}" has no .qwc for the Web Connector: add qwcFile: (its .qwc, relative to the description) with password: { env: NAME }, or qwc: (a command printing {"qwcFile","password"})`,
      );
    }
    const spec = this.#d.qwc;
    // The connector may name its .qwc a moment before the file is written: read it inside the retry.
    return this.#whileStarting(async () => {
      const out = await this.#run(spec, { company });
      let info: { qwcFile: string; password: string };
      try {
        info = JSON.parse(out) as { qwcFile: string; password: string };
      } catch {
        throw new Error(
          `the connector "${this.#d.name}": its qwc command printed ${JSON.stringify(out.trim().slice(0, 200))}, not JSON {"qwcFile","password"}`,
        );
      }
      return { qwcXml: readFileSync(info.qwcFile, 'utf8'), password: info.password };
    });
  }

  records(): readonly ConnectorStatusRecord[] {
    this.#pollFile();
    return this.#records;
  }

  diagnostics(): string {
    return this.#output.slice(-30).join('\n');
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

  #keep(line: string): void {
    this.#output.push(line);
    this.#sinceStart.push(line);
    if (this.#output.length > KEPT_LINES) this.#output = this.#output.slice(-KEPT_LINES);
    if (this.#sinceStart.length > KEPT_LINES) this.#sinceStart = this.#sinceStart.slice(-KEPT_LINES);
    if (this.#d.ready?.line !== undefined) this.changes.notify();
  }

  #line(line: string): void {
    if (!line.trim()) return;
    if (this.#d.status.from === 'stdout' && this.#statusLine(line)) return;
    this.#keep(line);
  }

  /** A status line (`{"ts","company","status","detail"}`) taken into the records; false for any other line. */
  #statusLine(line: string): boolean {
    if (!line.trimStart().startsWith('{')) return false;
    try {
      const r = JSON.parse(line) as Partial<ConnectorStatusRecord>;
      if (typeof r.status !== 'string' || typeof r.company !== 'string') return false;
      this.#records.push({ ts: String(r.ts ?? ''), company: r.company, status: r.status, detail: r.detail ?? {} });
      this.changes.notify();
      return true;
    } catch {
      return false;
    }
  }

  #pollFile(): void {
    if (this.#d.status.from !== 'file' || !this.#d.status.file) return;
    const file = path.resolve(this.#cwd(), this.#expand(this.#d.status.file, {}));
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    const complete = text.slice(this.#fileOffset, text.lastIndexOf('\n') + 1);
    this.#fileOffset += complete.length;
    for (const line of complete.split('\n')) if (line.trim()) this.#statusLine(line);
  }

  /** Allocates a free loopback port for every `{port}` / `{port:NAME}` in `text` not allocated yet. */
  async #allocatePorts(text: string): Promise<void> {
    for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
      if (m[1] !== 'port') continue;
      const key = m[2] ? `port:${m[2]}` : 'port';
      if (!this.#ports.has(key)) this.#ports.set(key, String(await freeLoopbackPort()));
    }
  }

  /** The Web Connector password (`password: { env }` / `passwordEnv`), read from qbd-sim's own environment. */
  #password(): string | undefined {
    const name = this.#d.password?.env ?? this.#d.passwordEnv;
    if (!name) return undefined;
    const value = process.env[name];
    if (value === undefined) {
      throw new Error(
        `the connector "${this.#d.name}": its password is read from $${name} in qbd-sim's own environment, which is not set — run e.g. \`${name}=… npx qbd-sim run …\` (the service must expect the same password)`,
      );
    }
    return value;
  }

  #cwd(): string {
    return this.#d.cwd
      ? path.resolve(this.#d.dir ?? repoRoot(), this.#expand(this.#d.cwd, {}))
      : (this.#d.dir ?? repoRoot());
  }

  #vars(extra: Record<string, string>, withPassword = false): Record<string, string> {
    const vars: Record<string, string> = {
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
      ...Object.fromEntries(this.#ports),
      ...extra,
    };
    if (withPassword) {
      const password = this.#password();
      if (password !== undefined) vars['password'] = password;
    }
    return vars;
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
    const vars = this.#vars(extra, text.includes('{password}'));
    return text.replace(
      PLACEHOLDER_PATTERN,
      (whole, name: string, sub?: string) => vars[sub ? `${name}:${sub}` : name] ?? whole,
    );
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

  #spawn(program: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
    const child = spawn(program, args, { env, cwd: this.#cwd() });
    this.#processes++;
    return child;
  }

  #spawnError(program: string, error: Error): Error {
    const code = (error as NodeJS.ErrnoException).code;
    return new Error(
      code === 'ENOENT'
        ? `the connector "${this.#d.name}": cannot run ${program}: no such program (command[0] of the description; a relative path is looked up on PATH, the working directory is ${this.#cwd()})`
        : `the connector "${this.#d.name}": cannot run ${program}: ${error.message}`,
    );
  }

  /** Runs one of the description's commands to completion; its stdout, or an error naming it and its stderr. */
  async #run(spec: CommandOrArgs, extra: Record<string, string>, companies: string[] = []): Promise<string> {
    const cmd = Array.isArray(spec) ? { args: spec } : spec;
    await this.#allocatePorts(JSON.stringify(this.#d));
    await this.#prepareCom();
    const [program, ...fixed] = this.#expandAll(this.#d.command, extra);
    const args = [...fixed, ...this.#expandAll(cmd.args, extra, companies)];
    const env = this.#processEnv(extra);
    for (const [k, v] of Object.entries(cmd.env ?? {})) env[k] = this.#expand(v, extra);
    const child = this.#spawn(program!, args, env);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.stdin.on('error', () => undefined);
    child.stdin.end(cmd.stdin !== undefined ? this.#expand(cmd.stdin, extra) : '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', (e) => reject(this.#spawnError(program!, e)));
      child.once('close', (c) => resolve(c));
    }).finally(() => clearTimeout(timer));
    // Never echo a token key or a password into failure output.
    const passwordName = this.#d.password?.env ?? this.#d.passwordEnv;
    const secrets = [extra['token'], passwordName ? process.env[passwordName] : undefined].filter(
      (x): x is string => !!x,
    );
    const shown = args.map((a) => (secrets.some((x) => a.includes(x)) ? '***' : a));
    if (code !== 0) {
      throw new Error(
        `\`${[path.basename(program!), ...shown].join(' ')}\` exited with ${code}: ${stderr.trim() || stdout.trim()}`,
      );
    }
    return stdout;
  }
}
