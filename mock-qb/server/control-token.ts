import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';
import { QbdSimError } from '../../src/protocol/qbd-sim-error.js';

/** The environment variable `qbd-sim serve` reads the control token from (as `--control-token`). */
export const CONTROL_TOKEN_ENV = 'QBDSIM_CONTROL_TOKEN';

/** True for an address only this machine can reach: `localhost`, 127.0.0.0/8, `::1` (also IPv4-mapped). */
export function isLoopbackAddress(address: string): boolean {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (a === 'localhost') return true;
  const v4 = a.startsWith('::ffff:') ? a.slice('::ffff:'.length) : a;
  if (isIP(v4) === 4) return v4.split('.')[0] === '127';
  if (isIP(a) !== 6) return false;
  const normal = new URL(`http://[${a}]/`).hostname; // `[0:0:0:0:0:0:0:1]` → `[::1]`, `[::ffff:127.0.0.1]` → `[::ffff:7f00:1]`
  return normal === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(normal);
}

/**
 * Checks a control token before the mock listens: non-empty, no whitespace or control characters (it travels in an
 * HTTP header). And refuses an address beyond loopback without one: the control API can do anything the person at
 * QuickBooks can (authorize applications, read the journal), so it must never be open on a network.
 *
 * @throws QbdSimError `QBDSIM_ERR_UNAUTHORIZED` (binding beyond loopback without a token), `QBDSIM_ERR_BAD_REQUEST`.
 */
export function checkControlExposure(bindHost: string, token: string | undefined): void {
  if (token !== undefined && !/^[\x21-\x7e]+$/.test(token)) {
    throw new QbdSimError(
      'QBDSIM_ERR_BAD_REQUEST',
      'the control token must be printable ASCII without spaces (it is sent as "Authorization: Bearer <token>")',
    );
  }
  if (token === undefined && !isLoopbackAddress(bindHost)) {
    throw new QbdSimError(
      'QBDSIM_ERR_UNAUTHORIZED',
      `refusing to listen on ${bindHost} without a control token: the control API (/__qbd) would be open to the ` +
        `network. Start with --control-token TOKEN (or ${CONTROL_TOKEN_ENV}=TOKEN); clients then send ` +
        '"Authorization: Bearer TOKEN". Or listen on 127.0.0.1 (the default).',
      { host: bindHost },
    );
  }
}

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Middleware for every `/__qbd` route: the request must carry `Authorization: Bearer <token>`. The comparison is in
 * constant time (of equal-length digests, so not even the token's length leaks). A missing or wrong token answers
 * 401 `QBDSIM_ERR_UNAUTHORIZED` — never a QuickBooks answer — and says which header to send, never the token.
 */
export function requireControlToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const header = req.headers.authorization ?? '';
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (m && timingSafeEqual(digest(m[1]!), expected)) return next();
    const why =
      header === ''
        ? 'no Authorization header'
        : m
          ? 'a wrong token'
          : 'an Authorization header that is not "Bearer <token>"';
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="qbd-sim control API"')
      .json(
        new QbdSimError(
          'QBDSIM_ERR_UNAUTHORIZED',
          `the control API needs the control token and got ${why}: send "Authorization: Bearer <token>" (the ` +
            `--control-token or ${CONTROL_TOKEN_ENV} qbd-sim serve was started with)`,
        ).toJSON(),
      );
  };
}
