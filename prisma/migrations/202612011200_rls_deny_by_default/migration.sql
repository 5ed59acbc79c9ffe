-- Row-level security that means something. On Supabase, default privileges grant ALL on
-- every table a migration creates in `public` to anon and authenticated, _prisma_migrations
-- (no RLS) included, and the init migration's grants were whole tables, password hashes
-- and gateway session keys with them. From here: no privilege for anon or authenticated
-- unless granted below, column by column; RLS on every table; each signed-in person reads
-- what the API would show them. The API itself connects as the tables' owner.

-- Who is asking. Supabase's auth.uid() reads request.jwt.claims (as PostgREST and Realtime
-- set it); our stand-in, where there is no Supabase Auth (no auth.users), does the same.
DO $$
BEGIN
    IF to_regclass('auth.users') IS NULL THEN
        CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $f$
            SELECT nullif(coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                                   nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'), '')::uuid
        $f$;
    END IF;
END $$;

-- The local user of the signed-in Supabase account; nobody while suspended, as in the API.
CREATE OR REPLACE FUNCTION homeser_current_user_id() RETURNS uuid LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public AS $$
    SELECT id FROM app_user WHERE supabase_id = auth.uid()::text AND NOT suspended
$$;

CREATE OR REPLACE FUNCTION homeser_current_user_is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM app_user WHERE supabase_id = auth.uid()::text AND NOT suspended AND role = 'ADMIN')
$$;

-- Deny by default: take back every privilege, now and for tables later migrations create.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM anon, authenticated;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM anon, authenticated;
REVOKE CREATE ON SCHEMA public FROM anon, authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM anon, authenticated;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM anon, authenticated;
GRANT USAGE ON SCHEMA public TO anon, authenticated;

-- RLS on every table we own in public, the migration ledger included.
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(c.relowner, 'USAGE')
    LOOP
        EXECUTE format('ALTER TABLE public.%I ENABLE ROW LEVEL SECURITY', t.relname);
    END LOOP;
END $$;

-- And on tables created later, by any migration or by hand. Event triggers need a
-- superuser on plain PostgreSQL (Supabase allows them to postgres); without one, the
-- privileges above still deny.
CREATE OR REPLACE FUNCTION homeser_enable_rls_on_new_tables() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE obj record;
BEGIN
    FOR obj IN SELECT * FROM pg_event_trigger_ddl_commands() WHERE object_type = 'table' AND schema_name = 'public'
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', obj.object_identity);
        EXCEPTION WHEN OTHERS THEN
            RAISE WARNING 'could not enable row-level security on %: %', obj.object_identity, SQLERRM;
        END;
    END LOOP;
END $$;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'homeser_enable_rls_on_new_tables') THEN
        CREATE EVENT TRIGGER homeser_enable_rls_on_new_tables ON ddl_command_end
            WHEN TAG IN ('CREATE TABLE', 'CREATE TABLE AS', 'SELECT INTO')
            EXECUTE FUNCTION homeser_enable_rls_on_new_tables();
    END IF;
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'no event trigger (needs a superuser): enable row-level security on new tables by hand';
END $$;

-- What may be read, column by column. Never: password and token hashes, API key hashes,
-- the supabase link, the gateway's session key, page and references, idempotency keys,
-- client IPs, the change feed's transaction ids, the outbox.
GRANT SELECT (id, slug, name, sort_order) ON "category" TO anon, authenticated;
GRANT SELECT (id, provider_id, category_id, title, description, price_amount, currency, duration_minutes, buffer_minutes,
    instant_booking, terms, active, created_at, updated_at) ON "service" TO anon, authenticated;
GRANT SELECT (id, service_id, public_id, position, created_at) ON "service_image" TO anon, authenticated;
GRANT SELECT (id, user_id, business_name, bio, city, time_zone, min_notice_minutes, max_advance_days, rating_count,
    rating_sum, created_at, updated_at) ON "provider" TO anon, authenticated;
GRANT SELECT (id, provider_id, weekday, start_minute, end_minute) ON "availability_rule" TO anon, authenticated;
GRANT SELECT (id, provider_id, author_id, rating, comment, created_at) ON "review" TO anon, authenticated;

GRANT SELECT (id, email, name, phone, role, time_zone, avatar_public_id, suspended, created_at, updated_at)
    ON "app_user" TO authenticated;
GRANT SELECT (id, user_id, user_agent, created_at, last_used_at, expires_at) ON "session" TO authenticated;
GRANT SELECT (id, user_id, name, prefix, scopes, created_at, last_used_at) ON "api_key" TO authenticated;
GRANT SELECT (id, service_id, provider_id, customer_id, starts_at, ends_at, status, price_amount, currency, notes,
    hold_expires_at, answer_by, cancellation_reason, cancelled_by, refund_due_amount, created_at, updated_at)
    ON "booking" TO authenticated;
GRANT SELECT (id, booking_id, tran_id, amount, currency, status, method, refunded_amount, paid_at, created_at, updated_at)
    ON "payment" TO authenticated;
GRANT SELECT (id, payment_id, amount, status, reason, created_at, updated_at) ON "refund" TO authenticated;
GRANT SELECT (id, user_id, type, title, body, booking_id, read_at, created_at) ON "notification" TO authenticated;
GRANT SELECT (id, position, table_name, op, row_id, provider_id, user_id, payload, created_at) ON "change_event" TO authenticated;

-- Policies: the API's rules, row by row.
DROP POLICY IF EXISTS "service_public" ON "service";
CREATE POLICY "service_visible" ON "service" FOR SELECT USING (
    "active"
    OR "provider_id" IN (SELECT id FROM provider WHERE user_id = homeser_current_user_id())
    OR homeser_current_user_is_admin());

-- A person sees themself; the provider of a booking sees its customer; admins see everyone.
DROP POLICY IF EXISTS "app_user_self" ON "app_user";
CREATE POLICY "app_user_visible" ON "app_user" FOR SELECT TO authenticated USING (
    "id" = homeser_current_user_id()
    OR homeser_current_user_is_admin()
    OR "id" IN (SELECT customer_id FROM booking WHERE provider_id IN (SELECT id FROM provider WHERE user_id = homeser_current_user_id())));

-- Active sessions and keys only, as mySessions and myApiKeys list them.
DROP POLICY IF EXISTS "session_own" ON "session";
CREATE POLICY "session_own" ON "session" FOR SELECT TO authenticated USING (
    "user_id" = homeser_current_user_id() AND "revoked_at" IS NULL AND "expires_at" > now());
DROP POLICY IF EXISTS "api_key_own" ON "api_key";
CREATE POLICY "api_key_own" ON "api_key" FOR SELECT TO authenticated USING (
    "user_id" = homeser_current_user_id() AND "revoked_at" IS NULL);

-- A booking's two parties and admins; payments and refunds follow their booking.
DROP POLICY IF EXISTS "booking_party" ON "booking";
CREATE POLICY "booking_party" ON "booking" FOR SELECT TO authenticated USING (
    "customer_id" = homeser_current_user_id()
    OR "provider_id" IN (SELECT id FROM provider WHERE user_id = homeser_current_user_id())
    OR homeser_current_user_is_admin());

-- Public profiles (name and avatar) of the people the catalog shows: providers and reviewers.
-- The view reads app_user with its owner's rights, and only those three columns.
CREATE OR REPLACE VIEW "public_profile" AS
    SELECT u.id, u.name, u.avatar_public_id FROM app_user u
    WHERE EXISTS (SELECT 1 FROM provider p WHERE p.user_id = u.id)
       OR EXISTS (SELECT 1 FROM review r WHERE r.author_id = u.id);
GRANT SELECT ON "public_profile" TO anon, authenticated;
