import { rmSync } from 'node:fs';
import {
  AP_CONNECTOR_ENV,
  ApConnector,
  connectorEnvironmentOptions,
  type ConnectorEnvironmentOptions,
} from '../connector/index.js';
import { TokenStore } from '../connector/token-store.js';
import type {
  ConnectorAdapter,
  ConnectorEnvironment,
  ConnectorStatusRecord,
  QbwcAppInfo,
} from './connector-adapter.js';
import { ChangeSignal } from './change-signal.js';

/**
 * Whether the in-process reference connector can honour a scenario's connector environment (`world.connector.env`):
 * only the `AP_CONNECTOR_*` variables its `start` reads (see AP_CONNECTOR_ENV), with usable values.
 */
export function inProcessConnectorEnv(env: Readonly<Record<string, string>>): ConnectorEnvironmentOptions | undefined {
  const known = new Set<string>(Object.values(AP_CONNECTOR_ENV));
  if (Object.keys(env).some((name) => !known.has(name))) return undefined;
  const read = connectorEnvironmentOptions(env);
  return 'options' in read ? read.options : undefined;
}

/**
 * The reference connector as a library object inside this process (fast; needs the cloud in process or served).
 * The same statuses as the process adapter, without spawning anything.
 */
export class InProcessConnectorAdapter implements ConnectorAdapter {
  readonly description: string;
  readonly #env: ConnectorEnvironment;
  readonly changes = new ChangeSignal();
  readonly processesStarted = 0;
  readonly #records: ConnectorStatusRecord[] = [];
  readonly #logs: string[] = [];
  #connector: ApConnector | null = null;

  readonly #fromEnv: ConnectorEnvironmentOptions;

  /** `fromEnv`: what the connector's environment would set (see {@link inProcessConnectorEnv}). */
  constructor(env: ConnectorEnvironment, fromEnv: ConnectorEnvironmentOptions = {}) {
    this.#env = env;
    this.#fromEnv = fromEnv;
    this.description = `ap-connector (in-process, ${env.transport})`;
  }

  running(): boolean {
    return this.#connector !== null;
  }

  async start(): Promise<void> {
    if (this.#connector) throw new Error('the connector already runs');
    this.#connector = await ApConnector.start({
      stateDir: this.#env.stateDir,
      transport: this.#env.transport,
      bridgeUrl: this.#env.bridgeUrl,
      cloudUrl: this.#env.cloudUrl,
      ...(this.#env.cloudFetch ? { cloudFetch: this.#env.cloudFetch } : {}),
      companies: this.#env.companies,
      intervalMs: 3_600_000,
      ...(this.#env.appName ? { appName: this.#env.appName } : {}),
      ...(this.#env.machine ? { machine: this.#env.machine } : {}),
      ...(this.#env.fileMode ? { fileMode: this.#env.fileMode } : {}),
      ...(this.#fromEnv.certificateExpires ? { certificateExpires: this.#fromEnv.certificateExpires } : {}),
      ...(this.#fromEnv.qbwcCompanyAnswer ? { qbwc: { companyAnswer: this.#fromEnv.qbwcCompanyAnswer } } : {}),
      output: (line) => {
        for (const l of line.split('\n')) {
          if (!l.trim()) continue;
          const r = JSON.parse(l) as ConnectorStatusRecord;
          this.#records.push({ ts: r.ts, company: r.company, status: r.status, detail: r.detail ?? {} });
          this.changes.notify();
        }
      },
      log: (line) => {
        this.#logs.push(line);
        if (this.#logs.length > 200) this.#logs.shift();
      },
    });
  }

  async exit(): Promise<void> {
    const c = this.#connector;
    this.#connector = null;
    if (c) await c.stop(2_000);
    this.changes.notify();
  }

  async setToken(company: string, tokenKey: string): Promise<void> {
    if (this.#connector) {
      void this.#connector.setToken(company, tokenKey).catch((e: unknown) => this.#logs.push(String(e)));
    } else {
      // Not running: store it as `token set` would, for the next start.
      new TokenStore(this.#env.stateDir).set(company, tokenKey, new Date(0));
    }
  }

  async syncNow(company?: string): Promise<void> {
    if (!this.#connector) throw new Error('the connector does not run');
    void this.#connector.syncNow(company).catch((e: unknown) => this.#logs.push(String(e)));
  }

  async qbwcApp(company: string): Promise<QbwcAppInfo> {
    if (!this.#connector) throw new Error('the connector does not run');
    const app = this.#connector.qbwcApp(company);
    return { qwcXml: app.qwcXml, password: app.password };
  }

  records(): readonly ConnectorStatusRecord[] {
    return this.#records;
  }

  diagnostics(): string {
    return this.#logs.slice(-30).join('\n');
  }

  async dispose(): Promise<void> {
    await this.exit();
    rmSync(this.#env.stateDir, { recursive: true, force: true });
  }
}
