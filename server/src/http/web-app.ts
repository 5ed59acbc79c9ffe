// Serves the built SPA (web/dist) when it was built: compressed (brotli or gzip), hashed
// assets cached for good, and index.html only for page navigations, so a missing
// /assets/x.js, /favicon.ico or /robots.txt is a 404 and not the app.
import compression from 'compression';
import express, { type Express, type Request } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { constants as zlib } from 'node:zlib';

const API_PREFIXES = /^\/(graphql|media|payments|dev|healthz|readyz|metrics|schema\.graphql)(\/|$)/;

function webDist(): string | null {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A browser asking for a page: HTML wanted, and a path without a file extension. */
export function isNavigation(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (API_PREFIXES.test(req.path)) return false;
  const last = req.path.slice(req.path.lastIndexOf('/') + 1);
  if (last.includes('.')) return false;
  return req.get('sec-fetch-mode') === 'navigate' || req.accepts(['html', 'json']) === 'html';
}

export function serveWebApp(app: Express, dist: string | null = webDist()): void {
  if (!dist) return;
  const compress = compression({ brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } } });
  const index = join(dist, 'index.html');
  app.use(
    '/assets',
    compress,
    // Vite names every file here by its content hash: a name never gets other bytes.
    express.static(join(dist, 'assets'), { index: false, immutable: true, maxAge: '365d', fallthrough: false }),
  );
  app.use(compress, express.static(dist, { index: false, maxAge: '1d' }));
  app.use((req, res, next) => {
    if (!isNavigation(req)) return next();
    // Always revalidated: a new release is picked up on the next visit.
    res.setHeader('Cache-Control', 'no-cache');
    compress(req, res, () => res.sendFile(index));
  });
}
