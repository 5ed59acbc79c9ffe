// The payment gateway port. The payments service sees only this; whether SSLCommerz's real
// servers or the built-in sandbox answer is decided by configuration in main.ts.
// Amounts are integer minor units (poisha) everywhere on this side of the port.

/**
 * Every call resolves, never rejects. `ok: false` carries a readable reason; `retryable`
 * says whether asking again later can help (network failure, timeout, gateway hiccup) or
 * whether the gateway gave a definite "no" (refused session, INVALID_TRANSACTION).
 * A refund that is retried should reuse the same `refId`.
 */
export type GatewayResult<T> = { ok: true; value: T } | { ok: false; reason: string; retryable: boolean };

export interface SessionInput {
  tranId: string;
  /** Minor units, e.g. 150000 for 1500.00 BDT. */
  amount: number;
  currency: string;
  productName: string;
  customer: { name: string; email: string; phone?: string | null };
  urls: { success: string; fail: string; cancel: string; ipn: string };
}

export interface ValidatedPayment {
  /** VALID the first time a payment is validated, VALIDATED afterwards; `ok` is false for anything else. */
  status: string;
  tranId: string;
  /** Minor units, in `currency`: the amount and currency we asked for, not the settlement ones. */
  amount: number;
  currency: string;
  /** The gateway's card_type, e.g. "VISA-Dutch Bangla" or "BKASH-BKash". */
  method: string | null;
  bankTranId: string | null;
  valId: string;
  /** SSLCommerz's risk_level: 0 safe, 1 risky (hold the payment for a person to review). */
  riskLevel: number;
  /** SSLCommerz's risk_title, e.g. "Safe" or "Risky". */
  riskTitle: string | null;
}

export interface RefundInput {
  bankTranId: string;
  /** Minor units. */
  amount: number;
  remarks: string;
  /** Our own reference for this refund (SSLCommerz's `refe_id`). */
  refId: string;
}

export interface RefundAnswer {
  status: 'success' | 'processing' | 'failed';
  refundRefId: string | null;
  reason?: string;
}

export interface TransactionLookup {
  found: boolean;
  status: string | null;
  valId: string | null;
  /** Minor units. */
  amount: number | null;
  currency: string | null;
  bankTranId: string | null;
}

export interface PaymentGateway {
  /** Opens a hosted payment page for one transaction; the customer is sent to `redirectUrl`. */
  createSession(input: SessionInput): Promise<GatewayResult<{ redirectUrl: string; sessionKey: string }>>;
  /** Asks the gateway itself whether `valId` is a completed payment. The only proof of payment. */
  validate(valId: string): Promise<GatewayResult<ValidatedPayment>>;
  refund(input: RefundInput): Promise<GatewayResult<RefundAnswer>>;
  refundStatus(refundRefId: string): Promise<GatewayResult<{ status: 'refunded' | 'processing' | 'cancelled' | 'failed' }>>;
  /**
   * Closes an unpaid session so it can no longer be paid. `closed: false` when the gateway
   * cannot (SSLCommerz has no such API) or it was already paid: then reconciliation and the
   * late-payment refund take care of whatever still arrives.
   */
  closeSession(session: { tranId: string; sessionKey: string }): Promise<GatewayResult<{ closed: boolean }>>;
  /** For reconciliation: what the gateway knows about our `tranId` (the paid attempt if there is one). */
  queryTransaction(tranId: string): Promise<GatewayResult<TransactionLookup>>;
  /** Checks an IPN's verify_sign with our store password. A true answer is not proof of payment; validate() is. */
  verifyIpn(fields: Record<string, string>): boolean;
}
