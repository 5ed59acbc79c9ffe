// The gateway's callbacks. Only the IPN (signed, then validated with the gateway) changes
// state; the browser return routes are forgeable, so they validate the same way at most
// and otherwise only redirect the customer to the SPA's result page.
import express, { type Express, type Request } from 'express';
import type { PaymentSettlement } from './payment-settlement';

type Outcome = 'success' | 'fail' | 'cancel';

function fieldsOf(req: Request): Record<string, string> {
  const merged: Record<string, unknown> = { ...(req.query as Record<string, unknown>), ...((req.body as Record<string, unknown>) ?? {}) };
  return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

export function paymentRoutes(settlement: PaymentSettlement, spaUrl: () => string) {
  return (app: Express) => {
    const form = express.urlencoded({ extended: false, limit: '64kb' });

    app.post('/payments/sslcommerz/ipn', form, async (req, res) => {
      const result = await settlement.fromIpn(fieldsOf(req));
      if (result.outcome === 'rejected') res.status(400).json({ status: 'rejected', reason: result.reason });
      else res.status(200).json({ status: 'ok', outcome: result.outcome });
    });

    const returnRoute = (outcome: Outcome) => async (req: Request, res: express.Response) => {
      const fields = fieldsOf(req);
      const result =
        outcome === 'success' && fields.tran_id && fields.val_id ? await settlement.settle(fields.tran_id, fields.val_id) : null;
      const payment = await settlement.bookingOf(fields.tran_id);
      const bookingId = result?.payment?.bookingId ?? payment?.bookingId;
      // Back to the origin the customer paid from (recorded by startPayment, never taken from the request).
      const target = new URL(bookingId ? `/bookings/${bookingId}` : '/bookings', payment?.returnOrigin ?? spaUrl());
      target.searchParams.set('payment', outcome);
      res.redirect(303, target.toString());
    };
    for (const outcome of ['success', 'fail', 'cancel'] as const) {
      app.post(`/payments/sslcommerz/${outcome}`, form, returnRoute(outcome));
      app.get(`/payments/sslcommerz/${outcome}`, returnRoute(outcome));
    }
  };
}
