import { isComError, type ComError } from '../../src/protocol/com-error.js';
import { bracedGuid, dataExtDefAddRq, dataExtWriteRq, requestSet, responseRs, type QbxmlRs } from './qbwc-qbxml.js';
import type { QbwcRuntime } from './qbwc-runtime.js';
import type { QuickBooksConnection } from './quickbooks-connection.js';

/** qbXML status 1030: "This request is not supported by this implementation." (the mock has no handler yet). */
const NOT_SUPPORTED = 1030;

/** The outcome of writing a Company data extension. */
export type DataExtWrite =
  { ok: true; via: 'qbxml' | 'store' } | { ok: false; rs: QbxmlRs | undefined } | { ok: false; error: ComError };

/**
 * Sets a private Company data extension (STR255TYPE) of the application's OwnerID the way a qbXML client must:
 * `DataExtMod` when it exists; else `DataExtDefAdd` (a definition that already exists answers 3100, which is fine)
 * and `DataExtAdd`, with `OtherDataExtType` Company.
 *
 * Until the mock answers DataExt requests (they are being built), a 1030 answer falls back to writing the company
 * store directly — the effect a real QuickBooks would show — and says so in the journal (`qbwc.data-ext-direct`).
 */
export function writeCompanyDataExt(
  rt: QbwcRuntime,
  conn: QuickBooksConnection,
  version: string,
  ownerId: string,
  name: string,
  value: string,
  exists: boolean,
): DataExtWrite {
  const requests = exists
    ? [dataExtWriteRq('Mod', '0', ownerId, name, value)]
    : [dataExtDefAddRq('0', ownerId, name), dataExtWriteRq('Add', '1', ownerId, name, value)];
  let response: string;
  try {
    response = conn.process(requestSet(version, 'continueOnError', requests));
  } catch (error) {
    if (isComError(error)) return { ok: false, error };
    throw error;
  }
  const all = responseRs(response);
  const write = all.find((rs) => rs.name === (exists ? 'DataExtModRs' : 'DataExtAddRs'));
  if (all.some((rs) => rs.name.startsWith('DataExt') && rs.statusCode === NOT_SUPPORTED)) {
    rt.host.companyStore(conn.filePath).putDataExt({
      ownerId: bracedGuid(ownerId).toUpperCase(),
      objectType: 'Company',
      objectId: '',
      name,
      type: 'STR255TYPE',
      value,
    });
    rt.journal(
      'qbwc.data-ext-direct',
      `${name} written to the company store (qbXML DataExt requests not simulated yet)`,
      {
        name,
        ownerId: bracedGuid(ownerId).toUpperCase(),
        file: conn.filePath,
      },
    );
    return { ok: true, via: 'store' };
  }
  if (write && write.statusCode === 0) return { ok: true, via: 'qbxml' };
  return { ok: false, rs: write };
}
