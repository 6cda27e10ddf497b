import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AbstractStartedContainer, GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { CONTROL_BASE_PATH, ControlClient, SAMPLE_WORLD_SPEC, type WorldSpec } from '../../mock-qb/index.js';
import { CloudAdminClient } from '../cloud/index.js';
import { CLOUD_ADMIN_PREFIX } from '../protocol/ap-cloud-contract.js';
import { RP2_BASE_PATH } from '../protocol/rp2-bridge-contract.js';

/** The image `ci/build-image.sh` builds (offline, from a qbd-sim checkout) unless `QBDSIM_IMAGE` names another. */
export const QBD_SIM_DEFAULT_IMAGE = 'qbd-sim:local';
/** The port of the fake QuickBooks inside the container: RP2 bridge, fake Web Connector, control API. */
export const QBD_SIM_CONTAINER_PORT = 4510;
/** The port of the fake AP cloud inside the container. */
export const QBD_SIM_CONTAINER_CLOUD_PORT = 4520;

/** Where the module puts the files it gives the container (world spec, company databases). */
const CONFIG_DIR = '/etc/qbd-sim';
/** The writable directory of the image for `--data-dir`. */
const DATA_DIR = '/var/lib/qbd-sim';

/**
 * A qbd-sim container to be started: `qbd-sim serve` (the fake QuickBooks) and the fake AP cloud in one container,
 * configured with the `with*()` methods, started with {@link QbdSimContainer.start}.
 *
 * The control API listens beyond loopback inside the container, so every container gets its own random control
 * token; the clients of the started container send it.
 *
 * ```ts
 * await using qb = await new QbdSimContainer().withSeed('my-test').withClock('manual').start();
 * const state = await qb.control.hostState('OFFICE-PC');
 * // point the connector under test at qb.getBridgeUrl() and qb.getCloudUrl()
 * ```
 *
 * Without a Docker registry (or Ryuk's image), set `TESTCONTAINERS_RYUK_DISABLED=true`.
 */
export class QbdSimContainer {
  readonly #image: string;
  #seed: string | undefined;
  #clock: 'system' | 'manual' | undefined;
  #timeZone: string | undefined;
  #world: WorldSpec | undefined;
  readonly #companies: { source: string; windowsPath?: string }[] = [];
  #cloud = true;
  #dataDir = false;
  #controlToken: string | undefined;
  #startupTimeoutMs = 60_000;
  #environment: Record<string, string> = {};
  #logConsumer: ((line: string) => void) | undefined;

  /**
   * @param image the image to run: by default `QBDSIM_IMAGE` from the environment, else {@link QBD_SIM_DEFAULT_IMAGE}
   *   (built by `ci/build-image.sh`); a published image works the same (testcontainers pulls it if it is missing).
   */
  constructor(image: string = process.env['QBDSIM_IMAGE'] ?? QBD_SIM_DEFAULT_IMAGE) {
    this.#image = image;
  }

  /** Seeds tickets, ids and the cloud's keys: the same seed, the same run (default: cryptographically random). */
  withSeed(seed: string | number): this {
    this.#seed = String(seed);
    return this;
  }

  /** `manual`: every host's clock moves only through the control API (`advanceClock`); `system`: real time. */
  withClock(kind: 'system' | 'manual'): this {
    this.#clock = kind;
    return this;
  }

  /** The time zone (IANA, e.g. `America/Chicago`) of every QuickBooks host, and of the container (`TZ`). */
  withTimeZone(timeZone: string): this {
    this.#timeZone = timeZone;
    return this;
  }

  /** The QuickBooks world (hosts, company files, users, UI state); default: the sample world of `qbd-sim serve`. */
  withWorld(world: WorldSpec): this {
    this.#world = world;
    return this;
  }

  /**
   * Adds a company database (a file made by `qbd-sim company generate`, on this machine) to the first host, at
   * `windowsPath` (default: the Company Files folder and the file's name, `.QBW`). The first one added is the file
   * open in QuickBooks (multi-user, Admin). Repeatable.
   */
  withCompanyFile(source: string, windowsPath?: string): this {
    this.#companies.push({ source: path.resolve(source), ...(windowsPath ? { windowsPath } : {}) });
    return this;
  }

  /** Serves no AP cloud (`getCloudUrl()` then throws). */
  withoutCloud(): this {
    this.#cloud = false;
    return this;
  }

  /** Keeps the company files on disk inside the container (`--data-dir`) instead of in memory. */
  withDataDir(): this {
    this.#dataDir = true;
    return this;
  }

  /** The control token (default: 32 random bytes, new for every container). */
  withControlToken(token: string): this {
    this.#controlToken = token;
    return this;
  }

  /** How long to wait for the container to be healthy (default 60 s). */
  withStartupTimeout(ms: number): this {
    this.#startupTimeoutMs = ms;
    return this;
  }

  /** More environment variables for the container (see ci/Dockerfile for the `QBDSIM_*` ones). */
  withEnvironment(environment: Record<string, string>): this {
    this.#environment = { ...this.#environment, ...environment };
    return this;
  }

  /** Receives the container's output (stdout and stderr), line by line. */
  withLogConsumer(consumer: (line: string) => void): this {
    this.#logConsumer = consumer;
    return this;
  }

  /**
   * Starts the container and waits until the control API answers `/__qbd/health` (and the cloud its admin API).
   * @throws Error when the image is missing and cannot be pulled, or the container does not become healthy in time.
   */
  async start(): Promise<StartedQbdSimContainer> {
    const token = this.#controlToken ?? randomBytes(32).toString('base64url');
    const env: Record<string, string> = {
      QBDSIM_HOST: '0.0.0.0',
      QBDSIM_PORT: String(QBD_SIM_CONTAINER_PORT),
      QBDSIM_CLOUD_PORT: this.#cloud ? String(QBD_SIM_CONTAINER_CLOUD_PORT) : '',
      QBDSIM_CONTROL_TOKEN: token,
      ...(this.#seed !== undefined ? { QBDSIM_SEED: this.#seed } : {}),
      ...(this.#clock ? { QBDSIM_CLOCK: this.#clock } : {}),
      ...(this.#timeZone ? { TZ: this.#timeZone } : {}),
      ...(this.#dataDir ? { QBDSIM_DATA_DIR: DATA_DIR } : {}),
    };
    const contents: { content: string; target: string }[] = [];
    if (this.#world || this.#timeZone) {
      const world = structuredClone(this.#world ?? SAMPLE_WORLD_SPEC);
      if (this.#timeZone) world.hosts = world.hosts.map((h) => ({ ...h, timeZone: this.#timeZone }));
      contents.push({ content: JSON.stringify(world, null, 2), target: `${CONFIG_DIR}/world.json` });
      env['QBDSIM_WORLD'] = `${CONFIG_DIR}/world.json`;
    }
    // One folder per file keeps each file's own name (serve names the company after it).
    const files = this.#companies.map((c, i) => ({
      source: c.source,
      target: `${CONFIG_DIR}/companies/${i}/${path.basename(c.source)}`,
      mode: 0o644,
    }));
    if (files.length) {
      env['QBDSIM_COMPANY'] = files
        .map((f, i) => (this.#companies[i]!.windowsPath ? `${f.target}=${this.#companies[i]!.windowsPath}` : f.target))
        .join(';');
    }

    const health = Wait.forHttp(`${CONTROL_BASE_PATH}/health`, QBD_SIM_CONTAINER_PORT, { abortOnContainerExit: true })
      .withHeaders({ authorization: `Bearer ${token}` })
      .forStatusCode(200);
    const ports = [QBD_SIM_CONTAINER_PORT, ...(this.#cloud ? [QBD_SIM_CONTAINER_CLOUD_PORT] : [])];
    let container = new GenericContainer(this.#image)
      .withExposedPorts(...ports)
      .withEnvironment({ ...env, ...this.#environment })
      .withStartupTimeout(this.#startupTimeoutMs)
      .withWaitStrategy(
        this.#cloud
          ? Wait.forAll([
              health,
              Wait.forHttp(`${CLOUD_ADMIN_PREFIX}/state`, QBD_SIM_CONTAINER_CLOUD_PORT, {
                abortOnContainerExit: true,
              }).forStatusCodeMatching(() => true),
            ])
          : health,
      );
    if (contents.length) container = container.withCopyContentToContainer(contents);
    if (files.length) container = container.withCopyFilesToContainer(files);
    const consumer = this.#logConsumer;
    if (consumer) {
      container = container.withLogConsumer((stream) => {
        let buffer = '';
        stream.on('data', (chunk: Buffer | string) => {
          buffer += chunk.toString();
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            consumer(buffer.slice(0, nl));
            buffer = buffer.slice(nl + 1);
          }
        });
      });
    }
    let started: StartedTestContainer;
    try {
      started = await container.start();
    } catch (error) {
      const message = (error as Error).message;
      // A container that started and exited says so itself (its last log lines are in the message).
      const exited = /container exited/i.test(message);
      const missingImage =
        !exited &&
        /pull|not found|no such image|manifest unknown|repository does not exist|registry|dial tcp/i.test(message);
      const noEngine = !exited && !missingImage && /container runtime|docker\.sock|ECONNREFUSED|ENOENT/i.test(message);
      throw new Error(
        noEngine
          ? `qbd-sim container: no Docker engine answers (${message}). Start one (as root: ci/start-dockerd.sh in a ` +
              'qbd-sim checkout, or your Docker Desktop / dockerd), or point DOCKER_HOST at one.'
          : missingImage
            ? `qbd-sim container: the image "${this.#image}" is not on this Docker engine and could not be pulled ` +
              `(${message}). Build it with \`ci/build-image.sh\` in a qbd-sim checkout (tag ${QBD_SIM_DEFAULT_IMAGE}), ` +
              'or pass the name of a published qbd-sim image (new QbdSimContainer(image) or QBDSIM_IMAGE).'
            : `qbd-sim container (${this.#image}) did not start: ${message}`,
        { cause: error },
      );
    }
    return new StartedQbdSimContainer(started, token, this.#cloud);
  }
}

/**
 * A running qbd-sim container: its URLs as seen from this machine, a control client that sends the container's
 * token, and `stop()` / `await using` to remove it.
 */
export class StartedQbdSimContainer extends AbstractStartedContainer {
  /** The control API (`/__qbd`: UI actions, faults, clock, state, journal, Web Connectors), with the token. */
  readonly control: ControlClient;
  /** The bearer token of this container's control API (send it as `Authorization: Bearer <token>`). */
  readonly controlToken: string;
  readonly #cloud: boolean;

  constructor(started: StartedTestContainer, controlToken: string, cloud: boolean) {
    super(started);
    this.controlToken = controlToken;
    this.#cloud = cloud;
    this.control = new ControlClient(this.getControlUrl(), { token: controlToken });
  }

  /**
   * The fake QuickBooks' base URL, e.g. `http://localhost:32768`: what a connector's bridge setting takes
   * (`ap-connector --bridge`, `Rp2BridgeClient.createProcessor()`); the QBXMLRP2 routes are under `/qbxmlrp2`.
   */
  getBridgeUrl(): string {
    return `http://${this.getHost()}:${this.getMappedPort(QBD_SIM_CONTAINER_PORT)}`;
  }

  /** The QBXMLRP2 bridge's own routes (`…/qbxmlrp2`). */
  getRp2Url(): string {
    return `${this.getBridgeUrl()}${RP2_BASE_PATH}`;
  }

  /** The control API (`…/__qbd`); every route needs {@link controlToken}. */
  getControlUrl(): string {
    return `${this.getBridgeUrl()}${CONTROL_BASE_PATH}`;
  }

  /**
   * The fake AP cloud's base URL (connector API at `/api/v1`, admin API at `/admin`).
   * @throws Error when the container was started {@link QbdSimContainer.withoutCloud}.
   */
  getCloudUrl(): string {
    if (!this.#cloud) throw new Error('this qbd-sim container serves no AP cloud (it was started withoutCloud())');
    return `http://${this.getHost()}:${this.getMappedPort(QBD_SIM_CONTAINER_CLOUD_PORT)}`;
  }

  /** A client of the cloud's admin API (companies, keys, vendors, bills, payments, state). */
  cloudAdmin(): CloudAdminClient {
    return new CloudAdminClient(this.getCloudUrl());
  }
}
