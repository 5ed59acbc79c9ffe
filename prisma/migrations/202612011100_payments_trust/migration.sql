-- Payments that money cannot get lost in (issue 14, "Money").

-- Held for review: paid, but the gateway flagged a risk; an admin confirms or refunds it.
ALTER TYPE "PaymentStatus" ADD VALUE 'HELD_FOR_REVIEW';
ALTER TABLE "payment" ADD COLUMN "held_reason" TEXT;

-- Why a refund exists: rules read this, never the refund's free-text reason.
CREATE TYPE "RefundKind" AS ENUM ('MANUAL', 'CANCELLATION', 'UNCONFIRMED');
ALTER TABLE "refund" ADD COLUMN "kind" "RefundKind" NOT NULL DEFAULT 'MANUAL';
-- Refunds written before this column, by the exact texts the automatic steps wrote.
UPDATE "refund" SET "kind" = 'CANCELLATION' WHERE "reason" LIKE 'Cancellation: %' OR "reason" LIKE 'Cancelled by the customer more than%';
UPDATE "refund" SET "kind" = 'UNCONFIRMED' WHERE "reason" = 'The time slot was no longer available when the payment arrived';
-- The payments whose refunds still move, for the safety-net jobs.
CREATE INDEX "payment_paid_at_idx" ON "payment" ("paid_at") WHERE "status" IN ('PAID', 'PARTIALLY_REFUNDED', 'REFUND_PENDING');

-- The built-in SSLCommerz sandbox's books: in the database, so they survive a restart and
-- every instance agrees on them.
CREATE TABLE "sandbox_transaction" (
    "session_key" TEXT NOT NULL,
    "tran_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "product_name" TEXT NOT NULL,
    "success_url" TEXT NOT NULL,
    "fail_url" TEXT NOT NULL,
    "cancel_url" TEXT NOT NULL,
    "ipn_url" TEXT,
    "ipn" TEXT NOT NULL DEFAULT 'not sent',
    "tran_date" TEXT,
    "val_id" TEXT,
    "bank_tran_id" TEXT,
    "risk_level" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "sandbox_transaction_pkey" PRIMARY KEY ("session_key")
);
CREATE UNIQUE INDEX "sandbox_transaction_val_id_key" ON "sandbox_transaction"("val_id");
CREATE UNIQUE INDEX "sandbox_transaction_bank_tran_id_key" ON "sandbox_transaction"("bank_tran_id");
CREATE INDEX "sandbox_transaction_tran_id_idx" ON "sandbox_transaction"("tran_id");

CREATE TABLE "sandbox_refund" (
    "refund_ref_id" TEXT NOT NULL,
    "session_key" TEXT NOT NULL,
    "refe_id" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "remarks" TEXT NOT NULL,
    "initiated_on" TEXT NOT NULL,
    "queries" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "sandbox_refund_pkey" PRIMARY KEY ("refund_ref_id")
);
CREATE INDEX "sandbox_refund_session_key_idx" ON "sandbox_refund"("session_key");
ALTER TABLE "sandbox_refund" ADD CONSTRAINT "sandbox_refund_session_key_fkey"
    FOREIGN KEY ("session_key") REFERENCES "sandbox_transaction"("session_key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Internal tables: row-level security on and no policy, so anon/authenticated see nothing.
ALTER TABLE "sandbox_transaction" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "sandbox_refund" ENABLE ROW LEVEL SECURITY;
