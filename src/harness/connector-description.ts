// A connector description (`qbd-sim run --connector FILE`): data, not code, telling the harness how to drive a
// connector that runs as its own process (decisions/0004). Reference: scenarios/README.md "Another connector".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { comConnectorSchema } from './com-front-door.js';

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

/** `500ms`, `10s`, `5m` or a number of milliseconds (the harness keeps its own copy: it may not import scenario). */
const timeoutSchema = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+(?:\.\d+)?(?:ms|s|m)$/, 'a duration such as 500ms, 30s or 2m'),
  ])
  .transform((v) => {
    if (typeof v === 'number') return v;
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(v)!;
    return Math.round(Number(m[1]) * { ms: 1, s: 1_000, m: 60_000 }[m[2] as 'ms' | 's' | 'm']);
  });

/**
 * `ready:` — when a started connector counts as running: an HTTP answer (any status) from `http`, a TCP connection to
 * `tcp` (`'{port}'`, `'8080'` or `'host:port'`), or a line of its output matching the regular expression `line`.
 * `connector: start` waits for it up to `timeout` (default 30 s).
 */
export const readinessSchema = z
  .object({
    http: z.string().min(1).optional(),
    tcp: z.string().min(1).optional(),
    line: z
      .string()
      .min(1)
      .refine((s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      }, 'a regular expression (JavaScript syntax), e.g. "listening on port \\\\d+"')
      .optional(),
    timeout: timeoutSchema.optional(),
  })
  .strict()
  .refine((r) => [r.http, r.tcp, r.line].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of http (a URL answering once it listens), tcp (a port) or line (a regular expression)',
  });

/** A parsed `ready:` (see {@link readinessSchema}). */
export type Readiness = z.infer<typeof readinessSchema>;

/**
 * A connector description (`--connector FILE`): how to start, stop and talk to a connector that runs as its own
 * process. Every string may use the placeholders of {@link PLACEHOLDERS}; an item `{ each: company, args: [...] }`
 * repeats its args per company file (for `start`: every file; for `syncNow`: the file asked for, or none).
 */
export const connectorDescriptionSchema = z
  .object({
    name: z.string().min(1),
    /** The program and its fixed leading arguments, e.g. `["{node}", "{repo}/bin/ap-connector.js"]`. */
    command: z.array(z.string()).min(1),
    /** A desktop connector creating QBXMLRP2's COM object: the harness puts its language's front door in place. */
    com: comConnectorSchema.optional(),
    env: z.record(z.string(), z.string()).optional(),
    /** The working directory of every command (default: the description's folder). */
    cwd: z.string().optional(),
    /** Transports the connector supports (default rp2). */
    transports: z.array(z.enum(['rp2', 'qbwc'])).default(['rp2']),
    /** Arguments of the long-running process; without it the connector is a service that already runs. */
    start: argList.optional(),
    /** When the started connector counts as running (`connector: start` waits for it). */
    ready: readinessSchema.optional(),
    /** How to stop it cleanly (default: SIGTERM). */
    exit: commandOrArgs.optional(),
    /** How to enter a company file's token key (`{company}`, `{token}`); without it `connector: token` fails. */
    token: commandOrArgs.optional(),
    /** How to ask for a sync cycle now (default: none; the scenario step fails). */
    syncNow: commandOrArgs.optional(),
    /** QBWC: a command printing JSON `{ "qwcFile", "password" }` for `{company}`. */
    qwc: commandOrArgs.optional(),
    /** QBWC: the service's `.qwc` file, relative to the description; a template (placeholders substituted). */
    qwcFile: z.string().optional(),
    /** QBWC with `qwcFile`: the password typed into the Web Connector, read from qbd-sim's own environment. */
    password: z
      .object({ env: z.string().min(1) })
      .strict()
      .optional(),
    /** The same as `password: { env: NAME }` (older spelling). */
    passwordEnv: z.string().min(1).optional(),
    /** Where the status lines come from: JSON lines on stdout (default) or appended to a file. */
    status: z
      .object({ from: z.enum(['stdout', 'file']).default('stdout'), file: z.string().optional() })
      .strict()
      .default({ from: 'stdout' }),
    /**
     * The connector's statuses the bundled step groups check (`${connected}`, `${failed}`): what it reports once a
     * sync completed, and when it cannot begin a QuickBooks session.
     */
    statuses: z
      .object({ connected: z.string().min(1).optional(), failed: z.string().min(1).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** A parsed connector description (see {@link connectorDescriptionSchema}). */
export type ConnectorDescription = z.infer<typeof connectorDescriptionSchema> & {
  /** The description file's folder (`{dir}`). */
  dir?: string;
  /** The description file as given (for the reproduce line of a failure). */
  file?: string;
};

/** The statuses `${connected}` and `${failed}` stand for when a description does not name its own. */
export const DEFAULT_STATUSES = { connected: 'Connected to Server', failed: 'Unable to open QuickBooks file' };

/** The placeholders a description's strings may use (`{port:NAME}` for any NAME besides). */
export const PLACEHOLDERS = [
  'node',
  'repo',
  'dir',
  'stateDir',
  'transport',
  'bridgeUrl',
  'cloudUrl',
  'appName',
  'fileMode',
  'company',
  'token',
  'password',
  'port',
  'python',
  'program',
  'frontDoor',
] as const;

/** `{name}` and `{port:NAME}` in a string. */
export const PLACEHOLDER_PATTERN = /\{(\w+)(?::([\w-]+))?\}/g;

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

const FIELDS = Object.keys(connectorDescriptionSchema.shape).join(', ');
const README = 'scenarios/README.md, "Another connector"';

/** Every string of a description with where it is (`start.3`, `env.PORT`), for the placeholder check. */
function stringsOf(value: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') out.push([at, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => stringsOf(v, `${at}.${i}`, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) stringsOf(v, at ? `${at}.${k}` : k, out);
  }
  return out;
}

/** Problems with placeholders: an unknown `{name}` (a typo would otherwise reach the connector as it is). */
export function placeholderProblems(d: ConnectorDescription): string[] {
  const problems: string[] = [];
  const { name: _n, com: _c, statuses: _s, ...rest } = d;
  for (const [at, text] of stringsOf(rest, '')) {
    for (const m of text.matchAll(PLACEHOLDER_PATTERN)) {
      const [whole, name, sub] = m;
      if (sub !== undefined && name !== 'port') problems.push(`${at}: ${whole}: only {port:NAME} takes a name`);
      else if (!(PLACEHOLDERS as readonly string[]).includes(name!)) {
        problems.push(
          `${at}: unknown placeholder ${whole}; the placeholders are ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')} and {port:NAME}`,
        );
      }
    }
  }
  return problems;
}

/** Reads a connector description YAML (or JSON) file; errors name the file, the field and what to do. */
export function loadConnectorDescription(file: string): ConnectorDescription {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(
      `${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message} — --connector takes a connector description (YAML; ${README}); scenarios/connectors/ap-connector.yaml is one to copy`,
      { cause: error },
    );
  }
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (error) {
    throw new Error(`${file}: not valid YAML: ${(error as Error).message.split('\n')[0]}`, { cause: error });
  }
  const parsed = connectorDescriptionSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const where = i.path.join('.') || '(top)';
      const hint = i.code === 'unrecognized_keys' && i.path.length === 0 ? ` (the fields are: ${FIELDS})` : '';
      return `  ${where}: ${i.message}${hint}`;
    });
    throw new Error(`${file}: not a connector description (${README}):\n${lines.join('\n')}`);
  }
  const d: ConnectorDescription = { ...parsed.data, dir: path.dirname(path.resolve(file)), file };
  const problems = placeholderProblems(d);
  if (problems.length) throw new Error(`${file}: not a connector description (${README}):\n  ${problems.join('\n  ')}`);
  if (d.qwcFile && d.qwc) throw new Error(`${file}: qwc (a command) and qwcFile (a file): give one of them`);
  if (d.qwcFile && !d.password && !d.passwordEnv) {
    throw new Error(
      `${file}: qwcFile needs the password the Web Connector types: password: { env: NAME } (NAME a variable of qbd-sim's own environment)`,
    );
  }
  return d;
}
