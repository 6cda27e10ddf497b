import { isComError, type ComError } from '../../src/protocol/com-error.js';
import { dataExtDefAddRq, dataExtWriteRq, requestSet, responseRs, type QbxmlRs } from './qbwc-qbxml.js';
import type { QuickBooksConnection } from './quickbooks-connection.js';

/** The outcome of writing a Company data extension. */
export type DataExtWrite = { ok: true } | { ok: false; rs: QbxmlRs | undefined } | { ok: false; error: ComError };

/**
 * Sets a private Company data extension (STR255TYPE) of the application's OwnerID through qbXML, the way a qbXML
 * client must: `DataExtMod` when it exists; else `DataExtDefAdd` (a definition that already exists answers 3100,
 * which is fine) and `DataExtAdd`, with `OtherDataExtType` Company, in one request set (`continueOnError`).
 */
export function writeCompanyDataExt(
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
  const write = responseRs(response).find((rs) => rs.name === (exists ? 'DataExtModRs' : 'DataExtAddRs'));
  return write && write.statusCode === 0 ? { ok: true } : { ok: false, rs: write };
}
