import { randomUUID } from 'node:crypto';
import type { CompanyFileIdentity } from '../protocol/ap-cloud-contract.js';
import { isComError } from '../protocol/com-error.js';
import { CloudClient } from './cloud-client.js';
import { FILE_ID_EXT } from './cloud-mark.js';
import { CompanyState } from './company-state.js';
import {
  CloudRefusal,
  CloudUnavailable,
  QbConnectionLost,
  QbOpenFailure,
  QbRequestFailed,
} from './connector-errors.js';
import type { ConnectorStatus, StatusDetail, StatusRecord } from './connector-status.js';
import { Outbox } from './outbox.js';
import type { QbSession } from './qb-session.js';
import { qbxmlRequests as Q } from './qbxml-requests.js';
import { QbxmlResponseError, childrenNamed, dataExtValue, parseQbxmlResponse } from './qbxml-response.js';
import type { Rp2Transport } from './rp2-transport.js';
import type { StatusChannel } from './status-channel.js';
import { SyncEngine, type SyncSummary } from './sync-engine.js';
import type { TokenStore } from './token-store.js';

/** How a cycle ended (its last status says the same to a person). */
export type CycleOutcome =
  'ok' | 'token-required' | 'token-rejected' | 'unable-to-open' | 'connection-lost' | 'cloud-unavailable' | 'failed';

/** What a {@link CompanyWorker} shares with the connector. */
export interface CompanyWorkerDeps {
  company: string;
  /** `companies/<key>` in the state directory. */
  dir: string;
  tokens: TokenStore;
  status: StatusChannel;
  cloudUrl: string;
  /** How cloud requests are sent (default: the global `fetch`). */
  cloudFetch?: typeof fetch;
  ownerId: string;
  transport: 'rp2' | 'qbwc';
  connector: { name: string; version: string };
  pageSize?: number;
  cloudTimeoutMs?: number;
  log: (line: string) => void;
}

/**
 * One company file of the connector: its token, identity, state and outbox, and the tray status the user sees for it.
 * A cycle goes `Connecting` (first cycle of a run) → the QuickBooks session (`Unable to open QuickBooks file` with the
 * HRESULT when it cannot begin) → hello to the cloud with the token key (`Token required` without one, `Token rejected`
 * when the cloud refuses it — no QuickBooks writes either way) → `Synchronizing with QuickBooks` → the sync engine →
 * `Connected to Server`.
 */
export class CompanyWorker {
  readonly company: string;
  readonly state: CompanyState;
  readonly outbox: Outbox;
  readonly #d: CompanyWorkerDeps;
  #cycles = 0;
  /** A sync was asked for (sync-now, a new token): QBWC's next authenticate goes ahead. */
  syncRequested = true;
  lastSummary: SyncSummary | null = null;

  constructor(deps: CompanyWorkerDeps) {
    this.#d = deps;
    this.company = deps.company;
    this.state = new CompanyState(deps.dir, deps.company);
    this.outbox = new Outbox(deps.dir);
  }

  /** The current status of this company file (this run or the last), or undefined. */
  get currentStatus(): ConnectorStatus | undefined {
    return this.#d.status.current(this.company)?.status;
  }

  /** The current status record of this company file, or undefined. */
  get currentRecord(): StatusRecord | undefined {
    return this.#d.status.current(this.company);
  }

  emit(status: ConnectorStatus, detail: StatusDetail = {}): void {
    this.#d.status.emit(this.company, status, detail);
  }

  // ------------------------------------------------------------------ RP2

  /** One RP2 cycle: session, identity, hello, sync, end. Never throws for anything QuickBooks or the cloud does. */
  async rp2Cycle(transport: Rp2Transport): Promise<CycleOutcome> {
    this.#startCycle();
    const token = this.#token();
    if (token === undefined) return 'token-required';
    let session;
    try {
      session = await transport.open(this.company);
    } catch (error) {
      return this.#fail(error);
    }
    try {
      const { identity, stamp } = await this.#rp2Identity(session);
      const cloud = this.#cloud(token, identity);
      await cloud.hello({ ...this.#d.connector, transport: 'rp2' });
      if (stamp) await this.#stampFileId(session, identity.fileId);
      // The session ends before the tray says "Connected to Server": QuickBooks is free again by then.
      return await this.sync(session, cloud, () => session.close());
    } catch (error) {
      return this.#fail(error);
    } finally {
      await session.close();
    }
  }

  /**
   * The identity of the file open in an RP2 session: its path and the `FileID` data extension under the connector's
   * OwnerID on the Company (read, never written before the cloud accepted the token). A file without one gets a GUID
   * chosen now and kept in the state, stamped after hello.
   */
  async #rp2Identity(session: QbSession): Promise<{ identity: CompanyFileIdentity; stamp: boolean }> {
    const response = await session.process(
      Q.set(session.qbxmlVersion, 'stopOnError', [Q.companyQuery('1', this.#d.ownerId)]),
    );
    const rs = parseQbxmlResponse(response)[0];
    if (!rs || rs.statusCode !== 0) {
      throw new QbRequestFailed('CompanyQueryRq', rs?.statusCode ?? -1, rs?.statusMessage ?? 'no answer');
    }
    const stamped = dataExtValue(childrenNamed(rs.el, 'CompanyRet')[0], this.#d.ownerId, FILE_ID_EXT);
    if (stamped) {
      if (this.state.data.fileId !== stamped) this.state.update((s) => void (s.fileId = stamped));
      return { identity: { path: this.company, fileId: stamped }, stamp: false };
    }
    let candidate = this.state.data.candidateFileId;
    if (!candidate) {
      candidate = `{${randomUUID().toUpperCase()}}`;
      const chosen = candidate;
      this.state.update((s) => void (s.candidateFileId = chosen));
    }
    return { identity: { path: this.company, fileId: candidate }, stamp: true };
  }

  /** Stamps the file id on the Company (DataExtDefAdd once — 3100 means it exists — then DataExtAdd). */
  async #stampFileId(session: QbSession, fileId: string): Promise<void> {
    const response = await session.process(
      Q.set(session.qbxmlVersion, 'continueOnError', [
        Q.dataExtDefAdd('1', this.#d.ownerId, FILE_ID_EXT, ['Company']),
        Q.dataExtAdd('2', this.#d.ownerId, FILE_ID_EXT, fileId, { company: true }),
      ]),
    );
    const add = parseQbxmlResponse(response).find((r) => r.name === 'DataExtAddRs');
    if (!add || (add.statusCode !== 0 && add.statusCode !== 3100)) {
      throw new QbRequestFailed('DataExtAddRq', add?.statusCode ?? -1, add?.statusMessage ?? 'no answer');
    }
    this.state.update((s) => {
      s.fileId = fileId;
      delete s.candidateFileId;
    });
  }

  // ------------------------------------------------------------------ QBWC

  /**
   * QBWC's `authenticate` for this file: the token and the cloud's hello decide whether the update goes ahead;
   * `due` (or pending cloud work) whether there is anything to do. `none` answers leave QuickBooks untouched.
   */
  async qbwcAuthenticate(fileId: string, due: boolean): Promise<{ go: false } | { go: true; cloud: CloudClient }> {
    this.#startCycle();
    const token = this.#token();
    if (token === undefined) return { go: false };
    const cloud = this.#cloud(token, { path: this.company, fileId });
    try {
      await cloud.hello({ ...this.#d.connector, transport: 'qbwc' });
      if (!due && !this.syncRequested) {
        const work = await cloud.work();
        if (!work.vendors.length && !work.bills.length && !work.payments.length) return { go: false };
      }
    } catch (error) {
      this.#fail(error);
      return { go: false };
    }
    return { go: true, cloud };
  }

  /** QBWC could not begin a session: its HRESULT and text. */
  qbwcConnectionError(hresult: string, message: string): void {
    this.emit('Unable to open QuickBooks file', { hresult, message, reason: 'BeginSession failed' });
  }

  /** The file open in QuickBooks is not the one this Web Connector application belongs to. */
  qbwcWrongFile(message: string): void {
    this.emit('Unable to open QuickBooks file', { message, reason: 'file-id-mismatch' });
  }

  // ------------------------------------------------------------------ both

  /**
   * `Synchronizing with QuickBooks` → the sync engine → `Connected to Server` (after `beforeConnected`, which ends the
   * QuickBooks session when the connector owns it).
   */
  async sync(qb: QbSession, cloud: CloudClient, beforeConnected?: () => Promise<void>): Promise<CycleOutcome> {
    try {
      this.emit('Synchronizing with QuickBooks');
      this.syncRequested = false;
      const engine = new SyncEngine({
        company: this.company,
        qb,
        cloud,
        state: this.state,
        outbox: this.outbox,
        ownerId: this.#d.ownerId,
        ...(this.#d.pageSize ? { pageSize: this.#d.pageSize } : {}),
        log: this.#d.log,
      });
      this.lastSummary = await engine.run();
      this.state.update((s) => void (s.lastSyncAt = new Date().toISOString()));
      await beforeConnected?.();
      this.emit('Connected to Server');
      await cloud.heartbeat({ status: 'Connected to Server' }).catch((error: unknown) => {
        this.#d.log(`[${this.company}] heartbeat failed: ${(error as Error).message}`);
      });
      return 'ok';
    } catch (error) {
      return this.#fail(error);
    }
  }

  /** Maps a failure to the status a person sees, and the cycle's outcome. */
  #fail(error: unknown): CycleOutcome {
    if (error instanceof QbOpenFailure) {
      this.emit('Unable to open QuickBooks file', {
        ...(error.hresult ? { hresult: error.hresult } : {}),
        message: error.message,
        reason: error.reason,
      });
      return 'unable-to-open';
    }
    if (error instanceof CloudRefusal) {
      this.emit('Token rejected', { reason: error.code, message: error.message });
      return 'token-rejected';
    }
    if (error instanceof CloudUnavailable) {
      this.emit('Connecting', { reason: 'cloud-unreachable', message: error.message });
      return 'cloud-unavailable';
    }
    if (error instanceof QbConnectionLost) {
      this.emit('Unable to open QuickBooks file', {
        ...(error.hresult ? { hresult: error.hresult } : {}),
        reason: 'connection-lost',
        message: error.message,
      });
      return 'connection-lost';
    }
    if (isComError(error)) {
      this.emit('Unable to open QuickBooks file', {
        hresult: error.hresult,
        message: error.message,
        reason: 'request-failed',
      });
      return 'failed';
    }
    if (error instanceof QbRequestFailed || error instanceof QbxmlResponseError) {
      this.emit('Unable to open QuickBooks file', { reason: 'request-failed', message: error.message });
      return 'failed';
    }
    const message = error instanceof Error ? error.message : String(error);
    this.#d.log(`[${this.company}] sync failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
    this.emit('Connecting', { reason: 'sync-failed', message });
    return 'failed';
  }

  /** `Connecting` on the first cycle of a run. */
  #startCycle(): void {
    if (this.#cycles++ === 0) this.emit('Connecting');
  }

  /** The token key, or `Token required` (and undefined). */
  #token(): string | undefined {
    const token = this.#d.tokens.get(this.company);
    if (token === undefined) {
      this.emit('Token required', {
        reason: 'no-token',
        message: `Enter the token key for this company file: ap-connector token set --company "${this.company}"`,
      });
    }
    return token;
  }

  #cloud(tokenKey: string, identity: CompanyFileIdentity): CloudClient {
    return new CloudClient({
      baseUrl: this.#d.cloudUrl,
      tokenKey,
      identity,
      ...(this.#d.cloudTimeoutMs ? { timeoutMs: this.#d.cloudTimeoutMs } : {}),
      ...(this.#d.cloudFetch ? { fetch: this.#d.cloudFetch } : {}),
    });
  }
}
