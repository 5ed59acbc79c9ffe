-- At most one open (INITIATED) payment per booking: two clicks on "Pay" cannot open two
-- gateway sessions that could both be charged.
CREATE UNIQUE INDEX "payment_one_open_per_booking" ON "payment" ("booking_id") WHERE "status" = 'INITIATED';
-- Refund polling and retries scan open refunds.
CREATE INDEX "refund_open_idx" ON "refund" ("updated_at") WHERE "status" IN ('PENDING', 'PROCESSING');
