// Serves the built SPA (web/dist) with client-side routing fallback, when it was built.
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

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

export function serveWebApp(app: Express): void {
  const dist = webDist();
  if (!dist) return;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!graphql|media|payments|dev|healthz|readyz|metrics).*/, (_req, res) => res.sendFile(join(dist, 'index.html')));
}
