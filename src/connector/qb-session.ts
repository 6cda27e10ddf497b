/**
 * A QuickBooks session as the sync engine sees it, whichever transport carries it: RP2 (the connector calls
 * `ProcessRequest` on the bridge) or QBWC (the Web Connector fetches each request with `sendRequestXML` and brings
 * the answer back with `receiveResponseXML`). One sync engine runs on either.
 */
export interface QbSession {
  /** The path of the company file QuickBooks has open for this session. */
  readonly filePath: string;
  /** The qbXML version requests are written in (`13.0`, or lower on an older QuickBooks). */
  readonly qbxmlVersion: string;
  /**
   * Sends one qbXML request set and resolves with QuickBooks' response set. Rejects with a `ComError` when QuickBooks
   * refused the request itself (0x80040400 …), or with `QbConnectionLost` when the answer was lost.
   */
  process(requestXml: string): Promise<string>;
}

/** The highest qbXML version the connector writes. */
export const MAX_QBXML_VERSION = '13.0';

/** The newest of `versions` that is not above {@link MAX_QBXML_VERSION} (`['1.0', …, '13.0']` → `13.0`). */
export function pickQbxmlVersion(versions: readonly string[]): string {
  const num = (v: string) => {
    const m = /(\d+)\.(\d+)/.exec(v);
    return m ? Number(m[1]) * 100 + Number(m[2]) : NaN;
  };
  const max = num(MAX_QBXML_VERSION);
  const usable = versions.filter((v) => num(v) <= max).sort((a, b) => num(a) - num(b));
  return usable[usable.length - 1]?.replace(/^[A-Z]+/, '') ?? MAX_QBXML_VERSION;
}
