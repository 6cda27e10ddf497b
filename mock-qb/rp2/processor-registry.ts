import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import type { CallerCertificate, CallerIdentity } from '../engine/host-types.js';
import type { QbWorld } from '../engine/qb-world.js';
import { QbxmlProcessor } from '../qbxml/qbxml-processor.js';
import { RequestProcessor } from './request-processor.js';

/** How a caller describes itself when it creates a request processor (every field optional). */
export interface CreateProcessorArgs {
  /** The simulated machine the caller runs on; selects the QuickBooks host. Default: the first host. */
  machine?: string;
  windowsUser?: string;
  certificate?: Partial<CallerCertificate>;
}

const CERT_STATUSES = new Set(['valid', 'expired', 'revoked', 'invalid', 'none']);

/** The live `QBXMLRP2.RequestProcessor` objects of a mock, by id. */
export class ProcessorRegistry {
  readonly world: QbWorld;
  readonly qbxml: QbxmlProcessor;
  #processors = new Map<string, RequestProcessor>();

  constructor(world: QbWorld, opts: { qbxml?: QbxmlProcessor } = {}) {
    this.world = world;
    this.qbxml = opts.qbxml ?? new QbxmlProcessor();
  }

  /** `CoCreateInstance("QBXMLRP2.RequestProcessor")` on a simulated machine. */
  create(args: CreateProcessorArgs = {}): RequestProcessor {
    const host = this.world.host(args.machine);
    const status = args.certificate?.status ?? 'valid';
    if (!CERT_STATUSES.has(status)) {
      throw new QbdSimError(
        'QBDSIM_ERR_BAD_REQUEST',
        `certificate.status must be one of ${[...CERT_STATUSES].join(', ')}`,
      );
    }
    const expires = args.certificate?.expires ?? null;
    if (expires !== null && Number.isNaN(Date.parse(expires))) {
      throw new QbdSimError('QBDSIM_ERR_BAD_REQUEST', `certificate.expires "${expires}" is not a date`);
    }
    const caller: CallerIdentity = {
      machine: host.id,
      windowsUser: args.windowsUser ?? host.windowsUser,
      certificate: { subject: args.certificate?.subject ?? '', status, expires },
    };
    const processor = new RequestProcessor(host.ids.handle('rp'), host, caller, this.qbxml);
    this.#processors.set(processor.id, processor);
    host.log('app', 'rp2.create', `request processor ${processor.id} created`, {
      processorId: processor.id,
      windowsUser: caller.windowsUser,
      certificate: caller.certificate,
    });
    return processor;
  }

  get(id: string): RequestProcessor {
    const p = this.#processors.get(id);
    if (!p)
      throw new QbdSimError(
        'QBDSIM_ERR_UNKNOWN_PROCESSOR',
        `no request processor "${id}" (released, or never created)`,
      );
    return p;
  }

  /** Releases the COM object (closing its connection if open). */
  release(id: string): void {
    const p = this.get(id);
    p.release();
    this.#processors.delete(id);
  }

  list(): RequestProcessor[] {
    return [...this.#processors.values()];
  }

  releaseAll(): void {
    for (const id of [...this.#processors.keys()]) this.release(id);
  }
}
