import type { ProcessorRegistry } from '../rp2/processor-registry.js';
import { WebConnector } from './web-connector.js';
import type { WebConnectorOptions } from './web-connector-types.js';

const registries = new WeakMap<ProcessorRegistry, WebConnectorRegistry>();

/**
 * The fake Web Connectors of one mock: one per QuickBooks host, created when first asked for. A mock's control API
 * and its programmatic users share them through {@link WebConnectorRegistry.of}.
 */
export class WebConnectorRegistry {
  readonly processors: ProcessorRegistry;
  readonly options: WebConnectorOptions;
  readonly #connectors = new Map<string, WebConnector>();

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

  /** Closes every Web Connector (timers, calls in flight). */
  closeAll(): void {
    for (const c of this.#connectors.values()) c.close();
  }
}
