import type { ControlClient, HostState, JournalEntry } from '../../mock-qb/index.js';
import type { CloudAdminClient } from '../cloud/index.js';
import type { ChangeSignal } from './change-signal.js';

/**
 * Where a scenario runs, as the scenario runner uses it: `InProcessTarget` (the default: the fake QuickBooks and the
 * cloud in this process) or `ContainerTarget` (both in a qbd-sim container, reached over HTTP).
 */
export interface ScenarioTarget {
  /** The control API (UI actions, faults, clock, state, journal, Web Connectors). */
  readonly control: ControlClient;
  /** The cloud's admin API (companies, keys, vendors, bills, payments, state). */
  readonly cloudAdmin: CloudAdminClient;
  /** The mock's base URL (what a connector's `--bridge` takes). */
  readonly mockUrl: string;
  /** The cloud's URL (or origin, in process). */
  readonly cloudUrl: string;
  /** The ids of the QuickBooks hosts, in the world's order. */
  readonly hosts: string[];
  /** Notified when the mock records something (a journal entry); a target that cannot tell never notifies. */
  readonly changes: ChangeSignal;
  hostState(host: string): Promise<HostState>;
  /** Journal entries after `since` (a sequence number), oldest first. */
  journal(since?: number): Promise<JournalEntry[]>;
  /** The sequence number of the newest journal entry (0 when empty). */
  journalLastSeq(): number | Promise<number>;
  /** Moves every host's (or one host's) manual clock by `ms`. */
  advanceClock(ms: number, host?: string): Promise<void>;
  /** qbXML requests run as an inspector outside the Integrated Applications list; the qbXML response. */
  queryQbxml(host: string, file: string, requestsXml: string): string | Promise<string>;
  stop(): Promise<void>;
}
