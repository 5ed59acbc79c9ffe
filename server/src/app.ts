// Express + Apollo + graphql-ws on one HTTP server, REST routes beside /graphql, and a
// graceful stop a load balancer can follow: /readyz turns 503, a pause of
// SHUTDOWN_DELAY_SECONDS, then no new connections, in-flight and queued requests answered
// with `Connection: close`, subscriptions closed with 1001, jobs stopped, pools closed.
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import helmet from 'helmet';
import { useServer } from 'graphql-ws/use/ws';
import { createServer, type Server } from 'node:http';
import proxyAddr from 'proxy-addr';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Config } from './config';
import { composeModules } from './composition';
import { apolloPipeline } from './graphql/apollo-pipeline';
import type { AppContext } from './graphql/context';
import { formatError } from './graphql/error-wire';
import { authenticationOf, httpContext } from './graphql/http-context';
import { operationPolicy } from './graphql/operation-policy';
import { wsPipeline } from './graphql/ws-pipeline';
import { buildAppSchema } from './graphql/schema';
import { openInfra, type Infra } from './infra';
import { createLogger, type Logger } from './infra/logger';
import { Scheduler } from './infra/scheduler';
import { requestIds, requestLogger } from './http/request-log';
import { apiBudget, apiRateLimit, edgeAdmission } from './http/api-rate-limit';
import { corsFor } from './http/cors';
import { metrics } from './http/metrics';
import { explorerRoutes } from './http/explorer-routes';
import { gracefulStop } from './http/graceful-stop';
import { bodyReadAtEdge, createResponseCache } from './http/response-cache';
import { jsonBody, jsonErrors, requireJsonPost } from './http/request-errors';
import { serveWebApp } from './http/web-app';

export interface App {
  url: string;
  httpServer: Server;
  infra: Infra;
  services: Awaited<ReturnType<typeof composeModules>>['services'];
  stop(): Promise<void>;
}

export interface StartOptions {
  log?: Logger;
  /** Runs after migrations and before the first request is served (e.g. seeding demo data). */
  beforeServing?: (infra: Infra) => Promise<void>;
}

export async function startApp(baseConfig: Config, options: StartOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(baseConfig.logLevel, { format: baseConfig.logFormat });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer = createServer(app);
  // Listen first so an ephemeral port (PORT=0) is known before anything builds URLs from it;
  // requests that arrive before the app is ready are answered 503.
  let ready = false;
  app.use((_req, res, next) => (ready ? next() : void res.status(503).json({ status: 'starting' })));
  await new Promise<void>((resolve) => httpServer.listen(baseConfig.port, baseConfig.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const config = baseConfig.publicUrl.endsWith(':0') ? { ...baseConfig, publicUrl: url } : baseConfig;

  const infra = await openInfra(config, log);
  const modules = await composeModules(infra);
  // One policy for both transports: limits, introspection, API-key scopes, rate limit, errors.
  const policy = operationPolicy({ production: config.env === 'production' });
  const budget = apiBudget(infra.rateLimiter, config.rateLimit.apiPerMinute);
  // Anonymous public reads (GET and POST) are answered before Express from a response cache
  // (docs/architecture.md, "Performance"); a hit spends the caller's budget as Express would.
  const trustProxy = app.get('trust proxy fn') as Parameters<typeof proxyAddr>[1];
  if (config.edgeCacheEnabled) {
    const admit = config.rateLimit.enabled ? edgeAdmission(budget, (req) => proxyAddr(req, trustProxy)) : undefined;
    const catalogEdge = createResponseCache(modules.services.catalog, { ttlSeconds: config.cacheTtlSeconds, admit });
    // Free slots are kept briefly: a kept answer cannot drop a slot that has since come within notice.
    const slotsTtlSeconds = Math.min(config.cacheTtlSeconds, config.edgeSlotsTtlSeconds);
    const slotsEdge = createResponseCache(modules.services.availability.publicReads(modules.services.changeFeed.feed), {
      ttlSeconds: slotsTtlSeconds,
      admit,
    });
    httpServer.removeAllListeners('request').on('request', catalogEdge.handle(slotsEdge.handle(app)));
  }
  const connections = gracefulStop(httpServer);
  const schema = await buildAppSchema(modules.container);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer(wsPipeline({ schema, policy, budget, authenticator: modules.authenticator, log }), wsServer);

  const apollo = new ApolloServer<AppContext>({
    schema,
    // main.ts owns SIGTERM/SIGINT: Apollo's own handler would stop only Apollo, then re-raise
    // the signal and kill the process before the jobs and pools are closed.
    stopOnTerminationSignals: false,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: true,
    // Open here; the operation policy closes it in production to everyone but admins, on both transports.
    introspection: true,
    parseOptions: policy.parseOptions,
    validationRules: policy.validationRules,
    plugins: [
      apolloPipeline(policy),
      // No CDN landing page in any mode: browsers opening /graphql go to /explorer (explorer-routes.ts).
      ApolloServerPluginLandingPageDisabled(),
      // No field sets a cache hint; left on, it wraps every field's resolver to collect them
      // (~10% of a warm page's CPU). The pipeline sends the `no-store` it would have sent.
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  const observability = metrics(config.metricsToken);
  app.use(requestIds());
  app.use(requestLogger(log));
  app.use(observability.observe);
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(corsFor(config));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  let stopping: Promise<void> | undefined;
  app.get('/readyz', async (_req, res) => {
    if (stopping) return void res.status(503).json({ status: 'stopping' });
    const state = await infra.ready();
    const ok = state.database;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', ...state, feed: modules.services.changeFeed.state() });
  });
  observability.mount(app);
  for (const part of modules.parts) part.routes?.(app);
  explorerRoutes(app, schema, config.webOrigins[0]);
  app.use(
    '/graphql',
    apiRateLimit(budget, (req, res) => authenticationOf(req, res, modules.authenticator)),
    requireJsonPost,
    jsonBody('1mb', bodyReadAtEdge),
    expressMiddleware(apollo, { context: ({ req, res }) => httpContext(req, res, modules.authenticator, config, log) }),
  );
  serveWebApp(app);
  app.use(jsonErrors(log));

  const scheduler = new Scheduler(log);
  for (const part of modules.parts) {
    for (const job of part.jobs ?? []) scheduler.start(job);
    await part.start?.();
  }

  await options.beforeServing?.(infra);
  ready = true;
  log.info({ url, database: infra.database.kind, redis: Boolean(infra.redis) }, 'HomeSer API listening');

  const stop = () =>
    (stopping ??= (async () => {
      // /readyz answers 503 from now on; the load balancer takes the instance out meanwhile.
      await new Promise((resolve) => setTimeout(resolve, config.shutdownDelaySeconds * 1000));
      await Promise.all([connections.drain(), wsCleanup.dispose()]);
      await scheduler.stop();
      await apollo.stop();
      for (const part of modules.parts) await part.stop?.();
      await infra.close();
    })());

  return { url, httpServer, infra, services: modules.services, stop };
}
