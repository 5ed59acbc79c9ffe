// CORS for an SPA served from another origin (WEB_ORIGINS); same-origin needs nothing.
import type { RequestHandler } from 'express';
import type { Config } from '../config';

export const corsFor =
  (config: Config): RequestHandler =>
  (req, res, next) => {
    const origin = req.header('origin');
    if (origin && config.webOrigins.includes(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Request-Id, Apollo-Require-Preflight');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
