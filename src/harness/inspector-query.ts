import type { MockQbHandle, SessionInfo } from '../../mock-qb/index.js';
import type { TranscriptSink } from '../protocol/transcript-format.js';

/** A qbXML request set that writes (an Add, Mod or Del): what a transcript keeps of the inspector's work. */
const WRITES = /<\w+(?:Add|Mod|Del)Rq[\s>]/;

/**
 * Runs qbXML requests against a company file as an inspector outside the Integrated Applications list (its own
 * session, so grants and sessions a scenario checks stay the connector's alone) — how a scenario reads QuickBooks'
 * data and how `qb: edit-vendor` saves a person's edit. Returns the qbXML response. A write is reported to
 * `transcript` (channel `inspector`) so a replay makes the same edit at the same point.
 */
export function inspectorQuery(
  mock: MockQbHandle,
  host: string,
  file: string,
  requestsXml: string,
  transcript?: TranscriptSink,
): string {
  const session: SessionInfo = {
    ticket: 'qbd-sim-scenario-inspector',
    processorId: 'qbd-sim-scenario-inspector',
    appName: 'qbd-sim scenario inspector',
    filePath: file,
    mode: 'single-user',
    user: 'Admin',
    isAutomaticLogin: false,
    prefsObeyed: true,
    startedAt: 0,
  };
  const xml =
    '<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">' +
    requestsXml +
    '</QBXMLMsgsRq></QBXML>';
  const answered =
    transcript && WRITES.test(requestsXml)
      ? transcript.requestArrived({
          channel: 'inspector',
          method: 'QBXML',
          path: `/inspector/${encodeURIComponent(host)}`,
          body: { host, file, requests: requestsXml },
        })
      : undefined;
  try {
    const response = mock.processors.qbxml.process(mock.world.host(host), session, xml);
    answered?.({ status: 200, body: response });
    return response;
  } catch (error) {
    answered?.({ status: 500, body: String((error as Error)?.message ?? error) });
    throw error;
  }
}
