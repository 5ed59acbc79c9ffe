// Prometheus metrics at /metrics, behind METRICS_TOKEN (off when unset): process defaults
// plus one histogram of request durations by method, route and status.
import type { Express, RequestHandler } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export function metrics(token: string | undefined): { observe: RequestHandler; mount(app: Express): void } {
  if (!token) return { observe: (_req, _res, next) => next(), mount: () => undefined };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return {
    observe: (req, res, next) => {
      const end = duration.startTimer({ method: req.method });
      // The first path segment only: ids in paths must not become label values.
      res.on('finish', () =>
        end({ route: `/${new URL(req.originalUrl, 'http://x').pathname.split('/')[1] ?? ''}`, status: String(res.statusCode) }),
      );
      next();
    },
    mount: (app) =>
      app.get('/metrics', async (req, res) => {
        if (req.headers.authorization !== `Bearer ${token}`) return void res.status(401).json({ error: 'metrics need the METRICS_TOKEN' });
        res.set('Content-Type', registry.contentType).send(await registry.metrics());
      }),
  };
}
