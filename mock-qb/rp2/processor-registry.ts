import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';
import type { CallerCertificate, CallerIdentity } from '../engine/host-types.js';
import type { CallerProcess } from '../engine/host-windows.js';
import type { QbWorld } from '../engine/qb-world.js';
import { QbxmlProcessor } from '../qbxml/qbxml-processor.js';
import { DEFAULT_ACTIVATION, coCreateInstance, type Activation } from './co-create-instance.js';
import { RequestProcessor } from './request-processor.js';

/** How a caller describes itself when it creates a request processor (every field optional). */
export interface CreateProcessorArgs extends Partial<CallerProcess> {
  /** The simulated machine the caller runs on; selects the QuickBooks host. Default: the first host. */
  machine?: string;
  windowsUser?: string;
  certificate?: Partial<CallerCertificate>;
  /** By ProgID (default `QBXMLRP2.RequestProcessor`) or by CLSID. */
  activation?: Activation;
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

  /**
   * `CoCreateInstance("QBXMLRP2.RequestProcessor")` on a simulated machine. Throws {@link ComError} with Windows'
   * HRESULT when the machine or the caller cannot create it (src/protocol/host-hresult-causes.ts), journaled as
   * `rp2.CoCreateInstance`.
   */
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
    const d = host.windows.callerDefaults;
    const caller: CallerIdentity = {
      machine: host.id,
      windowsUser: args.windowsUser ?? host.windowsUser,
      certificate: { subject: args.certificate?.subject ?? '', status, expires },
      bitness: args.bitness ?? d.bitness,
      runAs: args.runAs ?? d.runAs,
      windowsSession: args.windowsSession ?? d.windowsSession,
      elevated: args.elevated ?? d.elevated,
    };
    const activation = args.activation ?? DEFAULT_ACTIVATION;
    const process = {
      bitness: caller.bitness,
      runAs: caller.runAs,
      windowsSession: caller.windowsSession,
      elevated: caller.elevated,
    };
    const created = coCreateInstance(host.windows, caller, activation);
    if ('error' in created) {
      const { error, cause } = created;
      host.log('app', 'rp2.CoCreateInstance', `CoCreateInstance(${describe(activation)}) → ${error.hresult}`, {
        ...activation,
        windowsUser: caller.windowsUser,
        ...process,
        cause,
        hresult: error.hresult,
        message: error.message,
      });
      throw error;
    }
    const processor = new RequestProcessor(host.ids.handle('rp'), host, caller, this.qbxml, created.coclass);
    this.#processors.set(processor.id, processor);
    host.log('app', 'rp2.create', `request processor ${processor.id} created`, {
      processorId: processor.id,
      coclass: created.coclass,
      windowsUser: caller.windowsUser,
      ...process,
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

function describe(activation: Activation): string {
  return 'progId' in activation ? `"${activation.progId}"` : activation.clsid;
}
