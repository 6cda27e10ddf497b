import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';
import { packageRoot } from '../../../src/protocol/package-root.js';

/** Where the dashboard's files are served (`/` is its page). */
export const DASHBOARD_ASSETS_PATH = '/dashboard';

/**
 * The page's files (HTML, CSS, browser ES modules) live in the package's `mock-qb/server/dashboard/static/` and are
 * shipped as they are (package.json `files`; the build does not copy them), whether the code runs from the sources,
 * `dist/` or the bundles.
 */
export function dashboardStaticDir(): string {
  const dir = path.join(packageRoot(), 'mock-qb', 'server', 'dashboard', 'static');
  if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`qbd-sim: the dashboard's files are missing (${dir})`);
  return `${dir}${path.sep}`;
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
