import { isComError } from '../../src/protocol/com-error.js';
import { QbwcError } from '../../src/protocol/qbwc-codes.js';
import type { QwcFile } from '../../src/protocol/qwc-file.js';
import { writeCompanyDataExt } from './company-data-ext.js';
import {
  APP_LOCK_EXT,
  FILE_ID_EXT,
  appLockValue,
  companyDataExts,
  companyQueryRequest,
  responseRs,
  sameGuid,
} from './qbwc-qbxml.js';
import type { QbwcRuntime } from './qbwc-runtime.js';
import { QuickBooksConnection } from './quickbooks-connection.js';

/** A name lookup in a data extension map, case-insensitive as QuickBooks names are. */
function extValue(exts: Map<string, string>, name: string): string | undefined {
  for (const [k, v] of exts) if (k.toLowerCase() === name.toLowerCase()) return v;
  return undefined;
}

/**
 * The QuickBooks side of "Add an application" (facts §5.6): a session as the `.qwc`'s AppName with its
 * AuthPreferences on the company that is open (the certificate dialog appears here when the application is new to
 * the file), a search for the FileID under the OwnerID, and — when none is stamped — the stamp. The AppLock
 * extension is created first (`UNLOCKED:<MACHINE>`), so a CompanyQuery lists AppLock before FileID as in the real
 * capture (S10). A FileID stamped with another value is QBWC1039; the same pair again is fine.
 */
export async function registerApplication(
  rt: QbwcRuntime,
  qwc: QwcFile,
): Promise<{ companyFile: string; stamped: boolean }> {
  const cls = 'QWCReader';
  rt.log.line(
    cls,
    'AddApplication',
    `Adding application "${qwc.AppName}" (OwnerID ${qwc.OwnerID}, FileID ${qwc.FileID}).`,
  );
  // One BeginSession try: the two tries (QBWC1007–1009) are the update's; here the user just answered QuickBooks.
  const opened = await QuickBooksConnection.open(rt, qwc, '', { tries: 1 });
  if (!opened.ok) {
    rt.log.line(cls, 'AddApplication', `QBWC1022: ${opened.error.hresult}: ${opened.error.message}`);
    throw new QbwcError('QBWC1022', { detail: [opened.error.message] });
  }
  const conn = opened.conn;
  try {
    const versions = conn.versions();
    const version = versions[versions.length - 1] ?? '13.0';
    let response: string;
    try {
      response = conn.process(companyQueryRequest(version, qwc.OwnerID));
    } catch (error) {
      if (isComError(error)) throw new QbwcError('QBWC1023', { detail: [error.message] });
      throw error;
    }
    const rs = responseRs(response).find((r) => r.name === 'CompanyQueryRs');
    if (!rs || rs.statusCode !== 0) throw new QbwcError('QBWC1024', { detail: rs ? [rs.statusMessage] : [] });
    const exts = companyDataExts(rs, qwc.OwnerID);
    const stamped = extValue(exts, FILE_ID_EXT);
    if (stamped !== undefined) {
      if (!sameGuid(stamped, qwc.FileID)) {
        rt.log.line(
          cls,
          'AddApplication',
          `QBWC1039: Unique OwnerID/FileID pair value required (file has FileID ${stamped}).`,
        );
        throw new QbwcError('QBWC1039');
      }
      rt.log.line(cls, 'AddApplication', `The company file is already stamped with this OwnerID/FileID pair.`);
      return { companyFile: conn.filePath, stamped: false };
    }
    if (extValue(exts, APP_LOCK_EXT) === undefined) {
      const lock = writeCompanyDataExt(
        conn,
        version,
        qwc.OwnerID,
        APP_LOCK_EXT,
        appLockValue('UNLOCKED', rt.host.id, rt.host.clock.now()),
        false,
      );
      if (!lock.ok) throw writeFailure(lock);
    }
    const stamp = writeCompanyDataExt(conn, version, qwc.OwnerID, FILE_ID_EXT, qwc.FileID, false);
    if (!stamp.ok) throw writeFailure(stamp);
    rt.log.line(
      cls,
      'AddApplication',
      `FileID ${qwc.FileID} added to the company file for ownerID = <${qwc.OwnerID}>.`,
    );
    return { companyFile: conn.filePath, stamped: true };
  } finally {
    conn.close();
  }
}

function writeFailure(failed: Exclude<ReturnType<typeof writeCompanyDataExt>, { ok: true }>): QbwcError {
  if ('error' in failed) return new QbwcError('QBWC1027', { detail: [failed.error.message] });
  return new QbwcError('QBWC1026', { detail: failed.rs ? [failed.rs.statusMessage] : [] });
}
