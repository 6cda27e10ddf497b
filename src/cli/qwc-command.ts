import { writeFileSync } from 'node:fs';
import { IdSource, isQbwcError, newQwcFile, serializeQwc } from '../../mock-qb/index.js';

/** The options of `qbd-sim qwc`, as commander parsed them. */
export interface QwcCommandOptions {
  url: string;
  appName: string;
  ownerId?: string;
  fileId?: string;
  user?: string;
  everyMinutes?: number;
  support?: string;
  description?: string;
  out?: string;
}

/**
 * `qbd-sim qwc`: writes a `.qwc` for a SOAP service URL — new OwnerID and FileID GUIDs (cryptographically random)
 * unless given — after the checks QBWC makes when the file is added, so a URL QBWC would refuse (HTTP other than
 * `localhost`: QBWC1051; an IP address: QBWC1001; …) is refused here with QBWC's message. Exit 0 written, 1 refused,
 * 2 the file could not be written.
 */
export function qwcCommand(opts: QwcCommandOptions): number {
  const ids = new IdSource(); // unseeded: crypto.randomBytes
  let text: string;
  try {
    const file = newQwcFile({
      url: opts.url,
      appName: opts.appName,
      ownerId: opts.ownerId ?? ids.guid(),
      fileId: opts.fileId ?? ids.guid(),
      ...(opts.user !== undefined ? { userName: opts.user } : {}),
      ...(opts.everyMinutes !== undefined ? { everyMinutes: opts.everyMinutes } : {}),
      ...(opts.support !== undefined ? { supportUrl: opts.support } : {}),
      ...(opts.description !== undefined ? { description: opts.description } : {}),
    });
    text = serializeQwc(file);
    if (opts.out === undefined) {
      process.stdout.write(text);
      return 0;
    }
    try {
      writeFileSync(opts.out, text);
    } catch (error) {
      process.stderr.write(`qbd-sim qwc: cannot write ${opts.out}: ${(error as Error).message}\n`);
      return 2;
    }
    process.stdout.write(
      `wrote ${opts.out}: AppName "${file.AppName}", AppURL ${file.AppURL}, UserName ${file.UserName}, ` +
        `OwnerID ${file.OwnerID}, FileID ${file.FileID}\n`,
    );
    return 0;
  } catch (error) {
    if (!isQbwcError(error)) throw error;
    for (const line of error.lines) process.stderr.write(`${line}\n`);
    return 1;
  }
}
