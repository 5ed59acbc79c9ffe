// Row-level security, tried the way Supabase reads tables for a browser: as `anon`, or as
// `authenticated` with the JWT's claims in `request.jwt.claims` (SET ROLE + set_config),
// on a database with Supabase's default privileges. A customer, a provider and an admin each
// see, row for row, what the API shows them; no one sees a secret column; every table
// denies by default.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { aCustomer, anAdmin, type Account } from './support/accounts';
import { aHeldBooking, anOpenProvider } from './support/bookable';
import { createSupabaseLikeDatabase } from './support/databases';
import { aConfirmedBooking, startPayment } from './support/payments';
import { aReview, aShop } from './reviews-builders';
import { startTestApp, type TestApp } from './support/test-app';

let t: TestApp;
let db: pg.Client;
let customer: Account; // a cancelled, refunded booking with the open provider, a reviewed one with the shop
let payer: Account; // a held booking with a payment started (a gateway session key stored)
let stranger: Account;
let admin: Account;
let provider: Account;
let providerId: string;
let suspended: Account;
const subs = new Map<string, string>();

type Who = Account | 'anon';

/** Runs one statement as Supabase would for `who`, in a transaction rolled back afterwards. */
async function as<T = Record<string, unknown>>(who: Who, sql: string): Promise<T[]> {
  await db.query('BEGIN');
  try {
    if (who === 'anon') {
      await db.query('SET LOCAL ROLE anon');
      await db.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ role: 'anon' })]);
    } else {
      await db.query('SET LOCAL ROLE authenticated');
      const claims = { sub: subs.get(who.id), role: 'authenticated', aud: 'authenticated', email: who.email };
      await db.query(`SELECT set_config('request.jwt.claims', $1, true)`, [JSON.stringify(claims)]);
    }
    return (await db.query(sql)).rows as T[];
  } finally {
    await db.query('ROLLBACK');
  }
}

const idsAs = async (who: Who, table: string) => (await as<{ id: string }>(who, `SELECT id FROM ${table}`)).map((r) => r.id).sort();

async function sqlStateAs(who: Who, sql: string): Promise<string> {
  try {
    await as(who, sql);
    return 'no error';
  } catch (err) {
    return (err as { code?: string }).code ?? String(err);
  }
}

const PERMISSION_DENIED = '42501';

/** Gives the account a Supabase identity, as signing in through Supabase Auth would. */
async function linkToSupabase(account: Account): Promise<void> {
  const sub = randomUUID();
  subs.set(account.id, sub);
  await t.app.infra.prisma.user.update({ where: { id: account.id }, data: { supabaseId: sub } });
}

const BOOKING_NODE = 'id customer { id } payment { id }';
const ids = (conn: { edges: { node: { id: string } }[] }) => conn.edges.map((e) => e.node.id).sort();
const sorted = (xs: (string | undefined | null)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();

async function api(who: Account, query: string) {
  const r = await t.gql(query, {}, { token: who.token });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return r.data;
}

type ListedBooking = { id: string; customer: { id: string }; payment: { id: string } | null };

/** The bookings the API lists for a person: their own, and their provider's when they are one. */
async function apiBookings(who: Account): Promise<ListedBooking[]> {
  const data = await api(who, `{ me { role } myBookings(first: 100) { edges { node { ${BOOKING_NODE} } } } }`);
  const listed: { node: ListedBooking }[] = [...data.myBookings.edges];
  if (data.me.role === 'PROVIDER') {
    listed.push(...(await api(who, `{ providerBookings(first: 100) { edges { node { ${BOOKING_NODE} } } } }`)).providerBookings.edges);
  }
  return listed.map((e) => e.node);
}

beforeAll(async () => {
  t = await startTestApp({ database: await createSupabaseLikeDatabase() });
  db = new pg.Client({ connectionString: t.app.infra.config.database.url });
  await db.connect();

  const open = await anOpenProvider(t);
  provider = open.provider;
  providerId = open.providerId;
  const cancelled = await aConfirmedBooking(t, open, 72);
  customer = cancelled.customer;
  const cancel = await t.gql(
    `mutation($id: ID!) { cancelBooking(id: $id) { status } }`,
    { id: cancelled.bookingId },
    { token: customer.token },
  );
  if (cancel.data?.cancelBooking.status !== 'CANCELLED') throw new Error(JSON.stringify(cancel.errors));
  const held = await aHeldBooking(t, open, 96);
  payer = held.customer;
  await startPayment(t, payer.token, held.bookingId);
  const shop = await aShop(t);
  await aReview(t, shop, customer, 5, 'On time and tidy');
  const other = await aHeldBooking(t, open, 120);
  suspended = other.customer;
  stranger = await aCustomer(t);
  admin = await anAdmin(t);
  for (const a of [customer, payer, stranger, admin, provider, suspended]) await linkToSupabase(a);
  await t.app.infra.prisma.user.update({ where: { id: suspended.id }, data: { suspended: true } });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await t?.stop();
});

describe.each([
  ['the customer', () => customer],
  ['a customer with a payment started', () => payer],
  ['the provider', () => provider],
  ['a stranger', () => stranger],
])('as %s', (_who, who) => {
  it('sees exactly the bookings the API lists', async () => {
    const listed = await apiBookings(who());
    expect(await idsAs(who(), 'booking')).toEqual(sorted(listed.map((b) => b.id)));
  });

  it("sees exactly the payments of those bookings, and their refunds' payments", async () => {
    const listed = await apiBookings(who());
    expect(await idsAs(who(), 'payment')).toEqual(sorted(listed.map((b) => b.payment?.id)));
    const refunded = await as<{ payment_id: string }>(who(), 'SELECT DISTINCT payment_id FROM refund');
    for (const r of refunded) expect(sorted(listed.map((b) => b.payment?.id))).toContain(r.payment_id);
  });

  it('sees exactly their own notifications', async () => {
    const data = await api(who(), '{ notifications(first: 100) { edges { node { id } } } }');
    expect(await idsAs(who(), 'notification')).toEqual(ids(data.notifications));
  });

  it('sees their own profile and, as a provider, the customers of their bookings; nobody else', async () => {
    const me = (await api(who(), '{ me { id } }')).me.id;
    const customersOfMine = (await apiBookings(who())).filter((b) => b.customer.id !== me).map((b) => b.customer.id);
    expect(await idsAs(who(), 'app_user')).toEqual(sorted([me, ...customersOfMine]));
  });
});

describe('as the admin', () => {
  it('sees every booking, payment and user, as the admin lists show them', async () => {
    const data = await api(
      admin,
      `{ bookings(first: 100) { edges { node { id } } }
         payments(first: 100) { edges { node { id } } }
         users(first: 100) { edges { node { id } } } }`,
    );
    expect(await idsAs(admin, 'booking')).toEqual(ids(data.bookings));
    expect(await idsAs(admin, 'payment')).toEqual(ids(data.payments));
    expect(await idsAs(admin, 'app_user')).toEqual(ids(data.users));
    expect((await idsAs(admin, 'booking')).length).toBeGreaterThanOrEqual(4);
  });

  it('sees only their own notifications, as the API shows them', async () => {
    const data = await api(admin, '{ notifications(first: 100) { edges { node { id } } } }');
    expect(await idsAs(admin, 'notification')).toEqual(ids(data.notifications));
  });
});

describe('reviews and public profiles', () => {
  it.each<[string, () => Who]>([
    ['anon', () => 'anon'],
    ['a stranger', () => stranger],
  ])('%s reads every review, as the providers show them, but not which booking it came from', async (_who, who) => {
    const rows = await as<{ id: string; rating: number }>(who(), 'SELECT id, rating FROM review');
    const all = await t.app.infra.prisma.review.findMany({ select: { id: true } });
    expect(rows.map((r) => r.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(await sqlStateAs(who(), 'SELECT booking_id FROM review')).toBe(PERMISSION_DENIED);
  });

  it('anon reads the public profiles of providers and reviewers (name, avatar), never app_user', async () => {
    const profiles = await as<{ id: string; name: string }>('anon', 'SELECT id, name FROM public_profile');
    expect(profiles.map((p) => p.id)).toEqual(expect.arrayContaining([provider.id, customer.id]));
    expect(profiles.map((p) => p.id)).not.toContain(stranger.id);
    expect(profiles.map((p) => p.id)).not.toContain(admin.id);
    expect(await sqlStateAs('anon', 'SELECT id FROM app_user')).toBe(PERMISSION_DENIED);
    expect(await sqlStateAs('anon', 'SELECT id FROM booking')).toBe(PERMISSION_DENIED);
  });

  it("shows the provider's inactive services to the provider and admins only", async () => {
    await t.app.infra.prisma.service.updateMany({ where: { providerId }, data: { active: false } });
    try {
      const theirs = `SELECT id FROM service WHERE provider_id = '${providerId}'`;
      expect(await as('anon', theirs)).toHaveLength(0);
      expect(await as(stranger, theirs)).toHaveLength(0);
      expect((await as(provider, theirs)).length).toBeGreaterThan(0);
      expect((await as(admin, theirs)).length).toBeGreaterThan(0);
    } finally {
      await t.app.infra.prisma.service.updateMany({ where: { providerId }, data: { active: true } });
    }
  });
});

describe('secrets', () => {
  it.each([
    ['password hashes', 'SELECT password_hash FROM app_user'],
    ['the Supabase link', 'SELECT supabase_id FROM app_user'],
    ['whole user rows', 'SELECT * FROM app_user'],
    ['refresh-token hashes', 'SELECT token_hash FROM refresh_token'],
    ['API key hashes', 'SELECT secret_hash FROM api_key'],
    ['gateway session keys', 'SELECT session_key FROM payment'],
    ['gateway references', 'SELECT val_id, bank_tran_id FROM payment'],
    ['refund references', 'SELECT refund_ref_id FROM refund'],
    ['client IPs of sessions', 'SELECT ip FROM session'],
    ['the email outbox', 'SELECT id FROM email_message'],
    ['the migration ledger', 'SELECT migration_name FROM _prisma_migrations'],
  ])('no one reads %s', async (_what, sql) => {
    for (const who of ['anon', payer, provider, admin] as Who[]) expect(await sqlStateAs(who, sql)).toBe(PERMISSION_DENIED);
  });

  it('the payer still reads their payment as the API shows it (status, amount), without its session key', async () => {
    const rows = await as<{ status: string; amount: number }>(payer, 'SELECT status, amount FROM payment');
    expect(rows).toEqual([expect.objectContaining({ status: 'INITIATED' })]);
    const stored = await t.app.infra.prisma.payment.findFirst({ where: { status: 'INITIATED' } });
    expect(stored?.sessionKey).toBeTruthy();
  });

  it('a suspended person sees nothing of their own, as the API refuses them', async () => {
    expect(await idsAs(suspended, 'booking')).toEqual([]);
    expect(await idsAs(suspended, 'app_user')).toEqual([]);
    expect(await idsAs(suspended, 'notification')).toEqual([]);
  });
});

describe('deny by default', () => {
  const readable = {
    anon: ['availability_rule', 'category', 'provider', 'public_profile', 'review', 'service', 'service_image', 'service_scheduling'],
    authenticated: [
      'api_key',
      'app_user',
      'availability_rule',
      'booking',
      'category',
      'change_event',
      'notification',
      'notification_email_opt_out',
      'payment',
      'provider',
      'public_profile',
      'refund',
      'review',
      'service',
      'service_image',
      'service_scheduling',
      'session',
      'waitlist_entry',
    ],
  };

  it.each(['anon', 'authenticated'] as const)('%s may read only the tables meant for it and write none', async (role) => {
    const { rows } = await db.query<{ relname: string; readable: boolean; writable: boolean }>(
      `SELECT c.relname,
              has_any_column_privilege($1, c.oid, 'SELECT') AS readable,
              has_any_column_privilege($1, c.oid, 'INSERT') OR has_any_column_privilege($1, c.oid, 'UPDATE')
                OR has_table_privilege($1, c.oid, 'DELETE') OR has_table_privilege($1, c.oid, 'TRUNCATE') AS writable
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')`,
      [role],
    );
    expect(
      rows
        .filter((r) => r.readable)
        .map((r) => r.relname)
        .sort(),
    ).toEqual(readable[role]);
    expect(rows.filter((r) => r.writable).map((r) => r.relname)).toEqual([]);
  });

  it('has row-level security on every table, the migration ledger included', async () => {
    const { rows } = await db.query<{ relname: string }>(
      `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relrowsecurity`,
    );
    expect(rows).toEqual([]);
  });

  it('puts row-level security on a table created later, and grants it to no one', async () => {
    await db.query('CREATE TABLE later_table (id int)');
    try {
      const { rows } = await db.query(
        `SELECT relrowsecurity, has_table_privilege('anon', oid, 'SELECT') AS anon, has_table_privilege('authenticated', oid, 'SELECT') AS authed
           FROM pg_class WHERE oid = 'public.later_table'::regclass`,
      );
      expect(rows).toEqual([{ relrowsecurity: true, anon: false, authed: false }]);
    } finally {
      await db.query('DROP TABLE later_table');
    }
  });
});
