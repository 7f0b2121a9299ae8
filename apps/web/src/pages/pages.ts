import { existsSync } from 'node:fs';
import path from 'node:path';
import { type HealthCheck } from '@platform/service-kit';
import express, { Router } from 'express';

/** The built browser app: PUBLIC_DIR, else `public` beside main.js (dist/apps/web/public). */
export const publicDir = (configured: string | undefined): string =>
  path.resolve(configured ?? path.join(__dirname, 'public'));

/** Ready once the pages are built: the web server serves them whatever the six services are doing. */
export const pagesCheck = (dir: string): HealthCheck => ({
  name: 'pages',
  critical: true,
  check: async () => {
    if (!existsSync(path.join(dir, 'index.html'))) throw new Error(`${dir}/index.html is missing`);
  },
});

/**
 * The pages: hashed files under /assets/ cached for a year (a new build has new names), other files as
 * they are, and index.html (never cached) for any other GET that accepts HTML: the React router's paths.
 */
export function pagesRouter(dir: string): Router {
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '1y',
      fallthrough: true,
      index: false,
    }),
  );
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  router.get('/{*path}', (req, res, next) => {
    if (!req.accepts('html') || /^\/(assets|web-api)(\/|$)/.test(req.path)) return next();
    res.set('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'), (err) => {
      if (!err) return;
      // a browser gets a page it can read, not a JSON envelope, while the pages are (re)built
      if (res.headersSent) return next(err);
      res
        .status(503)
        .type('html')
        .send(
          '<!doctype html><title>Not ready</title><h1>The shop is starting</h1><p>Reload in a moment.</p>',
        );
    });
  });
  return router;
}
