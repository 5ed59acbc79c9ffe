// The explorer's two server routes. A browser opening /graphql is sent to the SPA's
// self-hosted explorer (/explorer) instead of a landing page from a CDN; clients asking
// for data (a query in the URL, or JSON) pass through. /schema.graphql publishes the SDL,
// printed from the running schema exactly as `npm run schema:emit` writes the committed
// file, for the explorer when introspection is closed and for integrators' tools.
import type { Express } from 'express';
import type { GraphQLSchema } from 'graphql';
import { printSdl } from '../graphql/schema';

export function explorerRoutes(app: Express, schema: GraphQLSchema, webOrigin: string | undefined): void {
  const sdl = printSdl(schema) + '\n';
  const explorer = webOrigin ? new URL('/explorer', webOrigin).toString() : '/explorer';
  app.get('/schema.graphql', (_req, res) => {
    res.type('text/plain; charset=utf-8').set('cache-control', 'public, max-age=300').send(sdl);
  });
  app.get('/graphql', (req, res, next) => {
    const asksForData = req.query.query !== undefined || req.query.extensions !== undefined;
    // `*/*` (curl, fetch) prefers json here; only a browser's page load prefers html.
    if (asksForData || req.accepts(['json', 'html']) !== 'html') return next();
    res.redirect(302, explorer);
  });
}
