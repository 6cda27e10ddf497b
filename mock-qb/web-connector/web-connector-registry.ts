import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { WebConnector } from './web-connector.js';
import type { WebConnectorOptions, WebConnectorSnapshot } from './web-connector-types.js';

const registries = new WeakMap<ProcessorRegistry, WebConnectorRegistry>();

/**
 * The fake Web Connectors of one mock: one per QuickBooks host, created when first asked for. A mock's control API
 * and its programmatic users share them through {@link WebConnectorRegistry.of}.
 */
export class WebConnectorRegistry {
  readonly processors: ProcessorRegistry;
  readonly options: WebConnectorOptions;
  readonly #connectors = new Map<string, WebConnector>();
  readonly #snapshots = new Map<string, WebConnectorSnapshot[]>();

  constructor(processors: ProcessorRegistry, options: WebConnectorOptions = {}) {
    this.processors = processors;
    this.options = options;
  }

  /** The registry of a mock's request processors (created on first use with `options`). */
  static of(processors: ProcessorRegistry, options: WebConnectorOptions = {}): WebConnectorRegistry {
    let registry = registries.get(processors);
    if (!registry) {
      registry = new WebConnectorRegistry(processors, options);
      registries.set(processors, registry);
    }
    return registry;
  }

  /** The Web Connector of a host (default: the first host). */
  get(hostId?: string): WebConnector {
    const host = this.processors.world.host(hostId);
    const key = host.id.toLowerCase();
    let connector = this.#connectors.get(key);
    if (!connector) {
      connector = new WebConnector(this.processors, { ...this.options, host: host.id });
      this.#connectors.set(key, connector);
    }
    return connector;
  }

  list(): WebConnector[] {
    return [...this.#connectors.values()];
  }

  /**
   * Saves every Web Connector's applications, Auto-Run settings and schedule under a snapshot id — the id of the
   * world snapshot taken with it (the control API's `POST /__qbd/snapshot` does both). Never passwords.
   */
  snapshot(snapshotId: string): void {
    this.#snapshots.set(
      snapshotId,
      this.list().map((c) => c.snapshot()),
    );
  }

  /**
   * Restores every Web Connector from the snapshot saved under `snapshotId`; one created after it comes back empty.
   * Returns false (and changes nothing) when no snapshot has that id.
   */
  restore(snapshotId: string): boolean {
    const snaps = this.#snapshots.get(snapshotId);
    if (!snaps) return false;
    for (const c of this.list()) {
      const snap = snaps.find((s) => s.host.toLowerCase() === c.host.id.toLowerCase());
      if (snap) c.restore(snap);
      else c.reset();
    }
    return true;
  }

  /** Drops a saved snapshot. */
  dropSnapshot(snapshotId: string): boolean {
    return this.#snapshots.delete(snapshotId);
  }

  /** Every Web Connector back to no applications (the world's reset does the same for QuickBooks). */
  reset(): void {
    for (const c of this.list()) c.reset();
  }

  /** Closes every Web Connector (timers, calls in flight). */
  closeAll(): void {
    for (const c of this.#connectors.values()) c.close();
  }
}
