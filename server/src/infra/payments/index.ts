// SSLCommerz when a store is configured; otherwise the built-in sandbox, mounted on this
// server and reached through the same adapter and package, so verification runs for real.
import type { Express } from 'express';
import type { Config } from '../../config';
import type { Db } from '../database';
import type { PaymentGateway } from './payment-gateway';
import { createSslcommerzGateway } from './sslcommerz-gateway';
import { createSslcommerzSandbox, type SandboxControls } from './sslcommerz-sandbox';

export const SANDBOX_PATH = '/dev/sslcommerz';
// The sandbox's own store: not a secret, it only ever signs for this server's sandbox.
export const SANDBOX_STORE = { storeId: 'homeser-sandbox', storePassword: 'homeser-sandbox-password' };

export interface OpenedGateway {
  gateway: PaymentGateway;
  kind: 'sslcommerz' | 'sandbox';
  routes?: (app: Express) => void;
  sandbox?: SandboxControls;
}

export function openPaymentGateway(config: Config, prisma: Db): OpenedGateway {
  const { storeId, storePassword, live, baseUrl, timeoutMs } = config.sslcommerz;
  if (storeId && storePassword) {
    return { kind: 'sslcommerz', gateway: createSslcommerzGateway({ storeId, storePassword, live, baseUrl, timeoutMs }) };
  }
  const sandbox = createSslcommerzSandbox({ ...SANDBOX_STORE, publicUrl: config.publicUrl, mountPath: SANDBOX_PATH, prisma });
  const adapter = createSslcommerzGateway({ ...SANDBOX_STORE, live: false, baseUrl: `${config.publicUrl}${SANDBOX_PATH}`, timeoutMs });
  return {
    kind: 'sandbox',
    // Unlike SSLCommerz, the sandbox can close a session: it is this server's own.
    gateway: {
      ...adapter,
      closeSession: async ({ sessionKey }) => ({ ok: true, value: { closed: await sandbox.books.close(sessionKey) } }),
    },
    routes: (app) => app.use(SANDBOX_PATH, sandbox.router),
    sandbox: sandbox.controls,
  };
}
