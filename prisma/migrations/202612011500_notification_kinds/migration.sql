-- Notifications that jobs write (reminders, hold warnings) carry a key, so however many
-- instances run the job, each is written once.
ALTER TABLE "notification" ADD COLUMN "dedupe_key" TEXT;
CREATE UNIQUE INDEX "notification_dedupe_key_key" ON "notification"("dedupe_key");

-- The kinds of notification a person does not want by email (in-app copies always stay).
CREATE TABLE "notification_email_opt_out" (
    "user_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "notification_email_opt_out_pkey" PRIMARY KEY ("user_id", "kind")
);
ALTER TABLE "notification_email_opt_out" ADD CONSTRAINT "notification_email_opt_out_user_id_fkey"
    FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "notification_email_opt_out" ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON "notification_email_opt_out" TO authenticated;
CREATE POLICY "notification_email_opt_out_own" ON "notification_email_opt_out" FOR SELECT TO authenticated
    USING ("user_id" = homeser_current_user_id());
