import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/** Where the dashboard's files are served (`/` is its page). */
export const DASHBOARD_ASSETS_PATH = '/dashboard';

/**
 * The page's files (HTML, CSS, browser ES modules) live in the repository beside this module (`static/`), and are
 * shipped as they are (package.json `files`). Run from source they are next to this file; run from `dist/` (the
 * build does not copy them) they are found in the source folder of the package.
 */
export function dashboardStaticDir(): string {
  const candidates = [
    new URL('./static/', import.meta.url),
    new URL('../../../../mock-qb/server/dashboard/static/', import.meta.url),
  ].map((u) => fileURLToPath(u));
  const found = candidates.find((dir) => existsSync(`${dir}index.html`));
  if (!found) throw new Error(`qbd-sim: the dashboard's files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * The live dashboard of the fake QuickBooks: `GET /` is the page, `GET /dashboard/*` its files. Static and
 * self-contained (no external resources, no build step): the page reads and changes everything through the control
 * API (`/__qbd/…`, the same routes scenarios use) and follows the journal through `GET /__qbd/events`.
 */
export function createDashboardApp(): Router {
  const dir = dashboardStaticDir();
  const app = express.Router();
  app.use((_req, res, next) => {
    // Nothing from elsewhere: no CDN, no inline script, no framing by other sites.
    res.set(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
    );
    res.set('x-content-type-options', 'nosniff');
    next();
  });
  app.get('/', (_req, res) => {
    res.set('cache-control', 'no-cache').sendFile('index.html', { root: dir });
  });
  app.use(DASHBOARD_ASSETS_PATH, express.static(dir, { index: false, cacheControl: true, maxAge: 0 }));
  return app;
}
