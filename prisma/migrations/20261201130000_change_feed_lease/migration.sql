-- The change feed's stamper leads while it holds this lease: renewed every 2 s, expiring
-- 10 s after the last renewal, or at once when the holder's session is gone. Each taking
-- raises the epoch; a stamp runs only under the current epoch (the fence), so a leader
-- that wakes up after losing the lease cannot stamp.
CREATE TABLE "change_feed_lease" (
    "id" SMALLINT NOT NULL DEFAULT 1,
    "holder" TEXT NOT NULL,
    "holder_pid" INTEGER NOT NULL,
    "epoch" BIGINT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "change_feed_lease_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "change_feed_lease_one_row" CHECK ("id" = 1)
);

-- Deny by default, like every table: only the server's own role reads or writes it.
ALTER TABLE "change_feed_lease" ENABLE ROW LEVEL SECURITY;
