import { appendFileSync } from 'node:fs';
import path from 'node:path';

/**
 * An audit hook: with `QBDSIM_QBXML_RESPONSE_LOG=<dir>` every qbXML response the processor emits is
 * appended (one JSON string per line) to `<dir>/<pid>.ndjson`. The test suite turns it on to hold
 * every response it provokes against Intuit's XSD (test/support/qbxml-response-audit.ts); it is
 * also a way to capture what the mock said in a debugging session.
 */
const dir = process.env['QBDSIM_QBXML_RESPONSE_LOG'];
const file = dir ? path.join(dir, `${process.pid}.ndjson`) : undefined;

/** Records a response when the audit log is on; a no-op otherwise. */
export function logQbxmlResponse(response: string): void {
  if (file) appendFileSync(file, `${JSON.stringify(response)}\n`);
}
