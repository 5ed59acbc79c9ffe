-- Change feed: indexes for the reads the realtime module makes, and Supabase Realtime.

-- A subscriber resuming with afterEventId reads its own events after a position: as the
-- booking's customer or a notification's owner (user_id), or as the provider (provider_id).
CREATE INDEX "change_event_user_position_idx" ON "change_event" ("user_id", "position") WHERE "position" IS NOT NULL;
CREATE INDEX "change_event_provider_position_idx" ON "change_event" ("provider_id", "position") WHERE "position" IS NOT NULL;

-- The retention job deletes stamped events older than CHANGE_EVENT_RETENTION_HOURS.
CREATE INDEX "change_event_created_at_idx" ON "change_event" ("created_at") WHERE "position" IS NOT NULL;

-- On Supabase, Realtime's postgres_changes only sees tables in its publication; the
-- stamper listens there for inserts. Elsewhere (plain PostgreSQL, PGlite) there is none.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_publication WHERE pubname = 'supabase_realtime')
       AND NOT EXISTS (SELECT 1 FROM pg_publication_tables
                       WHERE pubname = 'supabase_realtime' AND schemaname = 'public' AND tablename = 'change_event') THEN
        ALTER PUBLICATION supabase_realtime ADD TABLE "change_event";
    END IF;
END $$;
